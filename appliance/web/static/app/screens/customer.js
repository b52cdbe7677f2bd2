// The customer card: general data and blocks, destinations, contacts, notes, documents with
// their lines, open items (overdue in red, total due), revenue by month, last sales.

import * as db from '../db.js';
import * as drafts from '../drafts.js';
import * as fmt from '../fmt.js';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { cardActions } from './order-actions.js';

const TABS = ['general', 'destinations', 'contacts', 'notes', 'documents', 'open', 'revenue', 'sales'];

function field(label, value) {
  return value === undefined || value === null || value === '' ? '' : html`<dt>${label}</dt><dd>${value}</dd>`;
}

async function general(c) {
  const blocks = await db.rowsOfCustomer('io_clifor_blo', c.COD_CLIFOR);
  return html`
    ${blocks.map((b) => html`<div class="block-alert" data-testid="customer-block"><strong>${b.TIPO_BLOCCO || t('customers.blocked')}</strong>
      ${b.DATA_BLOCCO ? html` · ${fmt.date(b.DATA_BLOCCO)}` : ''}<p class="pre">${b.NOTA_BLOCCO || ''}</p></div>`)}
    <dl class="fields">
      ${field(t('customer.code'), c.COD_CLIFOR)}${field(t('customer.name'), c.RAG_SOC)}
      ${field(t('customer.address'), [c.INDIRIZZO, [c.CAP, c.CITTA, c.PROVINCIA && `(${c.PROVINCIA})`].filter(Boolean).join(' '), c.NAZIONE].filter(Boolean).join(', '))}
      ${field(t('customer.vat'), c.PARTITA_IVA)}${field(t('customer.fiscal'), c.CODICE_FISCALE)}
      ${field(t('customer.phone'), [c.TELEFONO1, c.TELEFONO2, c.CELLULARE].filter(Boolean).join(', '))}
      ${field(t('customer.email'), c.EMAIL)}${field(t('customer.payment'), c.PAGAMENTO)}
      ${field(t('customer.pricelist'), c.LISTINO_ANAGRAFICO || c.COD_LISTINO)}
      ${field(t('customer.category'), [c.MACROCATEGORIA, c.CATEGORIA, c.SOTTOCATEGORIA].filter(Boolean).join(' › '))}
      ${field(t('customer.zone'), [c.AREA, c.ZONA].filter(Boolean).join(' › '))}
      ${field(t('customer.bank'), [c.BANCA, c.AGENZIA].filter(Boolean).join(' - '))}
      ${field(t('customer.credit'), c.FIDO_AZIENDALE !== undefined ? fmt.money(c.FIDO_AZIENDALE) : '')}
      ${field(t('customer.last_invoice'), fmt.date(c.DATA_ULT_DOC_FT))}
    </dl>`;
}

async function destinations(c) {
  const rows = await db.rowsOfCustomer('io_clifor_dest', c.COD_CLIFOR);
  if (!rows.length) return html`<p class="muted">${t('empty')}</p>`;
  return html`<ul class="cards">${rows.map((d) => html`<li class="card">
    <strong>${d.COD_DEST} · ${d.RAG_SOC_DEST}</strong>${d.PREFERENZIALE ? html` <span class="badge">${t('customer.preferred')}</span>` : ''}
    <p>${d.INDIRIZZO} ${d.CAP} ${d.CITTA} ${d.PROVINCIA ? `(${d.PROVINCIA})` : ''}</p>
    <p class="muted">${[d.TELEFONO, d.MAIL].filter(Boolean).join(' · ')}</p>
    ${d.NOTE_DEST ? html`<p class="pre">${d.NOTE_DEST}</p>` : ''}</li>`)}</ul>`;
}

async function contacts(c) {
  const rows = await db.rowsOfCustomer('io_clifor_detcon', c.COD_CLIFOR);
  if (!rows.length) return html`<p class="muted">${t('empty')}</p>`;
  return html`<ul class="cards">${rows.map((p) => html`<li class="card">
    <strong>${p.NOME} ${p.COGNOME}</strong> <span class="muted">${p.TIPO_CONTATTO}</span>
    <p>${[p.TELEFONO1, p.CELLULARE1, p.EMAIL1].filter(Boolean).join(' · ')}</p>
    ${p.ORARIO_LAVORO ? html`<p class="muted">${p.ORARIO_LAVORO}</p>` : ''}
    ${p.NOTE ? html`<p class="pre">${p.NOTE}</p>` : ''}</li>`)}</ul>`;
}

async function notes(c) {
  const rows = await db.rowsOfCustomer('io_clifor_note', c.COD_CLIFOR);
  if (!rows.length) return html`<p class="muted">${t('empty')}</p>`;
  return html`<ul class="cards">${rows.map((n) => html`<li class="card"><strong>${n.TIPO_NOTA}</strong><p class="pre">${n.NOTA}</p></li>`)}</ul>`;
}

async function documents(c) {
  const rows = (await db.rowsOfCustomer('io_clifor_testdoc', c.COD_CLIFOR))
    .sort((a, b) => String(b.DATADOC).localeCompare(String(a.DATADOC)));
  if (!rows.length) return html`<p class="muted">${t('empty')}</p>`;
  return html`<table class="grid"><thead><tr><th>${t('doc.date')}</th><th>${t('doc.document')}</th><th>${t('doc.state')}</th>
    <th class="num">${t('doc.total')}</th></tr></thead><tbody>${rows.map((d) => html`
    <tr class="tap" data-document="${d.NUMREG}"><td>${fmt.date(d.DATADOC)}</td><td>${d.DES_DOC || `${d.TIPODOC} ${d.NUM_DOC}`}</td>
      <td>${d.DESSTATO_DOC}</td><td class="num">${fmt.money(d.TOTALEDOC, d.COD_VALUTA)}</td></tr>
    <tr class="lines" data-lines="${d.NUMREG}" hidden><td colspan="4"></td></tr>`)}</tbody></table>`;
}

async function showLines(row) {
  const holder = row.nextElementSibling;
  if (!holder.hidden) { holder.hidden = true; return; }
  const lines = (await db.rowsOfDocument('io_clifor_righdoc', row.dataset.document))
    .sort((a, b) => Number(a.PRG_RIGA) - Number(b.PRG_RIGA));
  holder.firstElementChild.innerHTML = html`<table class="grid inner"><tbody>${lines.map((l) => html`<tr>
    <td>${l.COD_RIGA}</td><td>${l.DES_RIGA}</td><td class="num">${fmt.decimal(l.QTA)} ${l.COD_UM}</td>
    <td class="num">${fmt.money(l.PRZ_NETTO, l.COD_VALUTA, 3)}</td><td class="num">${fmt.money(l.IMPORTO, l.COD_VALUTA)}</td></tr>`)}</tbody></table>`.text;
  holder.hidden = false;
}

function isOpen(item) {
  return !/^(chius|closed|pagat|paid)/i.test(String(item.DES_STATO || ''));
}

async function openItems(c) {
  const today = fmt.today();
  const rows = (await db.rowsOfCustomer('io_clifor_scadoc', c.COD_CLIFOR)).filter(isOpen)
    .sort((a, b) => String(a.DAT_SCAD).localeCompare(String(b.DAT_SCAD)));
  if (!rows.length) return html`<p class="muted" data-testid="open-items-none">${t('open.none')}</p>`;
  const overdue = rows.filter((r) => String(r.DAT_SCAD) < today);
  return html`<p class="total" data-testid="open-items-total">${t('open.total')}: <strong>${fmt.money(fmt.sum(rows.map((r) => r.IMPORTO)))}</strong>
    ${overdue.length ? html` · <span class="bad">${t('open.overdue')}: ${fmt.money(fmt.sum(overdue.map((r) => r.IMPORTO)))}</span>` : ''}</p>
    <table class="grid" data-testid="open-items"><thead><tr><th>${t('open.due')}</th><th>${t('doc.document')}</th><th>${t('open.kind')}</th>
    <th class="num">${t('open.amount')}</th></tr></thead><tbody>${rows.map((r) => html`
    <tr class="${String(r.DAT_SCAD) < today ? 'overdue' : ''}" data-testid="open-item"><td>${fmt.date(r.DAT_SCAD)}</td>
      <td>${r.NUM_DOC} ${r.DATA_DOC ? html`<span class="muted">${fmt.date(r.DATA_DOC)}</span>` : ''}</td>
      <td>${r.DES_TIPO}</td><td class="num">${fmt.money(r.IMPORTO, r.COD_VALUTA)}</td></tr>`)}</tbody></table>`;
}

async function revenue(c) {
  const rows = (await db.rowsOfCustomer('io_clifor_fatt', c.COD_CLIFOR))
    .sort((a, b) => Number(a.ANNO) * 100 + Number(a.MESE) - Number(b.ANNO) * 100 - Number(b.MESE)).slice(-24);
  if (!rows.length) return html`<p class="muted">${t('empty')}</p>`;
  const top = Math.max(...rows.map((r) => fmt.approx(r.FATTURATO)), 1);
  const width = 36;
  const bars = rows.map((r, i) => {
    const height = Math.round((fmt.approx(r.FATTURATO) / top) * 180);
    return html`<g><rect x="${i * width + 4}" y="${200 - height}" width="${width - 8}" height="${height}" class="bar-fill">
      <title>${r.MESE}/${r.ANNO}: ${fmt.money(r.FATTURATO, r.COD_VALUTA)}</title></rect>
      <text x="${i * width + width / 2}" y="216" class="chart-label">${String(r.MESE).padStart(2, '0')}</text></g>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${rows.length * width} 222" role="img" aria-label="${t('tab.revenue')}">${bars}</svg>
    <table class="grid"><tbody>${rows.slice().reverse().map((r) => html`<tr><td>${String(r.MESE).padStart(2, '0')}/${r.ANNO}</td>
      <td class="num">${fmt.money(r.FATTURATO, r.COD_VALUTA)}</td></tr>`)}</tbody></table>`;
}

async function sales(c) {
  const rows = (await db.rowsOfCustomer('io_stoart', c.COD_CLIFOR))
    .sort((a, b) => String(b.ULT_DATA).localeCompare(String(a.ULT_DATA)));
  if (!rows.length) return html`<p class="muted">${t('empty')}</p>`;
  return html`<table class="grid"><thead><tr><th>${t('doc.date')}</th><th>${t('article.article')}</th>
    <th class="num">${t('sales.qty')}</th><th class="num">${t('sales.price')}</th></tr></thead><tbody>${rows.map((r) => html`
    <tr><td>${fmt.date(r.ULT_DATA)}</td><td><a href="#/article/${encodeURIComponent(r.COD_ART)}">${r.COD_ART}</a> ${r.DESC_ARTICOLO}</td>
      <td class="num">${fmt.decimal(r.ULT_QTA)} ${r.ULT_UM}</td><td class="num">${fmt.money(r.ULT_PRZ, 'EUR', 3)}</td></tr>`)}</tbody></table>`;
}

const RENDER = { general, destinations, contacts, notes, documents, open: openItems, revenue, sales };

async function findCustomer(code) {
  const rows = await db.rowsOfCustomer('io_clifor_gen', code);
  return rows.find((r) => String(r.TIPO_CLIFOR ?? '0') !== '1') || rows[0];
}

export async function render(root, [code, tab = 'general']) {
  const customer = await findCustomer(code);
  if (!customer) {
    root.innerHTML = html`<p class="muted">${t('customer.missing', { code })}</p>`.text;
    return;
  }
  drafts.setCustomerInContext(customer.COD_CLIFOR);
  const body = await RENDER[TABS.includes(tab) ? tab : 'general'](customer);
  root.innerHTML = html`
    <div class="card-head"><a class="button" href="#/customers">‹ ${t('nav.customers')}</a>
      <h1>${customer.RAG_SOC}</h1><span class="muted">${customer.COD_CLIFOR} · ${customer.CITTA || ''}</span></div>
    ${cardActions(customer)}
    <nav class="segments">${TABS.map((name) => html`<a class="segment${name === tab ? ' active' : ''}" data-testid="customer-tab-${name}"
      href="#/customer/${encodeURIComponent(code)}/${name}">${t(`tab.${name}`)}</a>`)}</nav>
    <section class="tab-body" data-testid="customer-card" data-tab="${tab}">${body}</section>`.text;
  for (const row of root.querySelectorAll('tr[data-document]')) row.addEventListener('click', () => showLines(row));
}
