// The article card: photos (full size on tap, swipe), description, units and multiples,
// stock by warehouse when the parameters say so, the general price, and "add to order": to
// the open draft of the customer the agent works for (his last customer card or order), or
// to a new order for him; without a customer the button is off and says where to start.

import * as db from '../db.js';
import * as drafts from '../drafts.js';
import { lazyImages, objectUrl } from '../files.js';
import * as fmt from '../fmt.js';
import { html } from '../html.js';
import { t } from '../i18n.js';
import * as session from '../session.js';
import '../texts-orders.js';
import { startDraft } from './order.js';

function field(label, value) {
  return value === undefined || value === null || value === '' ? '' : html`<dt>${label}</dt><dd>${value}</dd>`;
}

/** The general price in force today: io_listini_full rows of the article without a customer. */
export function generalPrice(rows, today) {
  const general = rows.filter((r) => !r.COD_CLIFOR && (!r.TIPO_LISTINO || r.TIPO_LISTINO === 'GEN')
    && (!r.DATA_INIZIO || r.DATA_INIZIO <= today) && (!r.DATA_FINE || r.DATA_FINE >= today)
    && !(Number(r.QUANTITA_INIZIO) > 0));
  general.sort((a, b) => Number(b.PRIORITA || 0) - Number(a.PRIORITA || 0)
    || String(b.DATA_INIZIO || '').localeCompare(String(a.DATA_INIZIO || '')));
  return general[0];
}

function stock(rows) {
  if (!rows.length) return html`<p class="muted">${t('empty')}</p>`;
  const showStock = session.param('app.show_stock', true);
  const showAvailable = session.param('app.show_availability', true);
  return html`<table class="grid" data-testid="article-stock"><thead><tr><th>${t('article.warehouse')}</th>
    ${showStock ? html`<th class="num">${t('article.stock')}</th>` : ''}${showAvailable ? html`<th class="num">${t('article.available')}</th>` : ''}</tr></thead>
    <tbody>${rows.map((r) => html`<tr><td>${r.DES_DEPOSITO || r.COD_DEPOSITO}</td>
      ${showStock ? html`<td class="num">${fmt.decimal(r.GIACENZA, session.param('app.qty_decimals', 2))} ${r.UM1}</td>` : ''}
      ${showAvailable ? html`<td class="num">${fmt.decimal(r.DISPONIBILITA, session.param('app.qty_decimals', 2))} ${r.UM1}</td>` : ''}</tr>`)}</tbody></table>`;
}

async function addButton() {
  const code = drafts.customerInContext();
  const customer = code ? (await db.rowsOfCustomer('io_clifor_gen', code))[0] : undefined;
  if (!customer) {
    return html`<p class="actions"><button type="button" class="button" data-testid="article-add-order" data-customer="" disabled>
      ${t('article.add_to_order_none')}</button></p><p class="muted" data-testid="article-add-order-hint">${t('article.add_to_order_hint')}</p>`;
  }
  return html`<p class="actions"><button type="button" class="button primary" data-testid="article-add-order" data-customer="${code}">
    ${t('article.add_to_order', { customer: customer.RAG_SOC || code })}</button></p>`;
}

async function addToOrder(app, customer, article) {
  const draft = (await drafts.openDraftOf(customer)) || (await startDraft(customer, 'order'));
  if (!draft) { app.toast(t('customer.missing', { code: customer })); return; }
  draft.lines.push(drafts.line(article, drafts.firstQty(article)));
  await drafts.save(draft);
  app.navigate(`order/${draft.guid}`);
}

function viewer(root, photos, start) {
  let at = start;
  const box = document.createElement('div');
  box.className = 'viewer';
  box.setAttribute('data-testid', 'photo-viewer');
  const show = async () => {
    const src = await objectUrl(photos[at].url, photos[at].hash);
    box.innerHTML = html`<img alt="${photos[at].title}" src="${src}"><p>${photos[at].title} · ${at + 1}/${photos.length}</p>
      <button type="button" class="button close" aria-label="${t('close')}">×</button>`.text;
    box.querySelector('.close').addEventListener('click', () => box.remove());
  };
  let startX = null;
  box.addEventListener('touchstart', (e) => { startX = e.touches[0].clientX; }, { passive: true });
  box.addEventListener('touchend', (e) => {
    if (startX === null) return;
    const moved = e.changedTouches[0].clientX - startX;
    startX = null;
    if (Math.abs(moved) < 40) return;
    at = (at + (moved < 0 ? 1 : photos.length - 1)) % photos.length;
    show();
  });
  root.appendChild(box);
  show();
}

export async function render(root, [code], app) {
  const rows = await db.rowsOfArticle('io_art', code);
  const article = rows[0];
  if (!article) {
    root.innerHTML = html`<p class="muted">${t('article.missing', { code })}</p>`.text;
    return;
  }
  const [units, stockRows, prices, items] = await Promise.all([db.rowsOfArticle('io_art_um', code),
    db.rowsOfArticle('io_giacenze', code), db.rowsOfArticle('io_listini_full', code), db.itemsOfArticle(code)]);
  const photos = items.filter((i) => i.type === 'image').sort((a, b) => (a.sort ?? 1e9) - (b.sort ?? 1e9));
  const price = generalPrice(prices, fmt.today());
  const showStock = session.param('app.show_stock', true) || session.param('app.show_availability', true);
  root.innerHTML = html`
    <div class="card-head"><a class="button" href="#/catalog">‹ ${t('nav.catalog')}</a>
      <h1>${article.DES_ART}</h1><span class="muted">${article.COD_ART}</span></div>
    <div class="article">
      <div class="photos">${photos.length ? photos.map((p, i) => html`<button type="button" class="photo" data-photo="${i}">
        <img data-src="${p.thumb_url || p.url}" data-hash="${p.hash}" alt="${p.title}" data-testid="article-photo" class="thumb"></button>`)
        : html`<p class="muted">${t('article.no_photos')}</p>`}</div>
      <dl class="fields">
        ${field(t('article.family'), [article.DES_FAM, article.DES_SFAM].filter(Boolean).join(' › '))}
        ${field(t('article.units'), units.length ? units.map((u) => `${u.UM} ${u.DESC_UM || ''}${u.FAT_CONV ? ` (×${fmt.decimal(u.FAT_CONV, 0)})` : ''}`).join(', ')
          : [article.UM1, article.UM2].filter(Boolean).join(', '))}
        ${field(t('article.min_qty'), article.QTA_MIN_VEND ? fmt.decimal(article.QTA_MIN_VEND, session.param('app.qty_decimals', 2)) : '')}
        ${field(t('article.multiple'), article.QTA_MULTIPLA ? fmt.decimal(article.QTA_MULTIPLA, session.param('app.qty_decimals', 2)) : '')}
        ${field(t('article.price'), price ? fmt.money(price.PREZZO, price.COD_VALUTA, session.param('app.price_decimals', 2)) : t('article.no_price'))}
        ${field(t('article.notes'), article.NOTE_ART || article.DES_ART_EST)}
      </dl>
    </div>
    ${await addButton()}
    ${showStock ? html`<h2>${t('article.stock_title')}</h2>${stock(stockRows)}` : ''}`.text;
  const add = root.querySelector('[data-testid="article-add-order"]:not([disabled])');
  add?.addEventListener('click', () => { add.disabled = true; addToOrder(app, add.dataset.customer, article); });
  const stopImages = lazyImages(root);
  for (const button of root.querySelectorAll('[data-photo]')) {
    button.addEventListener('click', () => viewer(root, photos, Number(button.dataset.photo)));
  }
  return stopImages;
}
