// A printable order confirmation (or offer): the project's logo, the customer's data, the lines
// with prices and discounts, the totals with VAT. The browser's print (to PDF on an iPad)
// prints only this page (app.css hides the frame for print).
//
// Route: #/print/GUID (a draft, a document in the outbox or a sent one).

import * as drafts from '../drafts.js';
import * as fmt from '../fmt.js';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { totals } from '../order-document.js';
import * as pricing from '../order-pricing.js';
import * as outbox from '../outbox.js';
import * as session from '../session.js';
import '../texts-orders.js';

async function priced(draft) {
  const context = await pricing.customerContext(draft.customer);
  const results = new Map();
  for (const line of draft.lines) {
    results.set(line.id, pricing.priceOf(await pricing.articleInputs(context, line.article), draft, line, context.rules));
  }
  return { context, results };
}

/** The project's logo as an object URL (kept offline after the first download), or ''. */
async function logo() {
  const kept = await session.keepLogo();
  return kept ? URL.createObjectURL(kept.blob) : '';
}

function address(c) {
  return [c.INDIRIZZO, [c.CAP, c.CITTA, c.PROVINCIA && `(${c.PROVINCIA})`].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

export async function render(root, [guid]) {
  const entry = (await drafts.load(guid)) ? { draft: await drafts.load(guid) } : await outbox.find(guid);
  const draft = entry?.draft || entry?.info?.frozen || entry?.info?.draft;
  if (!draft) {
    root.innerHTML = html`<p class="muted">${t('order.missing')}</p>`.text;
    return;
  }
  const [{ context, results }, logoUrl] = await Promise.all([priced(draft), logo()]);
  const c = context.customer;
  const sum = totals(draft, results);
  const project = session.session()?.project || {};
  const discounts = (r) => r.discounts.filter((d) => Number(d)).join('+');
  root.innerHTML = html`<article class="printable" data-testid="print-page" data-guid="${draft.guid}">
    <header class="print-head">
      ${logoUrl ? html`<img class="print-logo" data-testid="print-logo" src="${logoUrl}" alt="${project.name || ''}">` : ''}
      <div><strong>${project.name || project.code || ''}</strong></div>
      <h1>${draft.type === 'offer' ? t('print.offer_title') : t('print.title')}</h1>
    </header>
    <dl class="fields">
      <dt>${t('print.customer')}</dt><dd data-testid="print-customer">${c.RAG_SOC} (${c.COD_CLIFOR})<br>${address(c)}
        ${c.PARTITA_IVA ? html`<br>${t('customer.vat')} ${c.PARTITA_IVA}` : ''}</dd>
      <dt>${t('print.date')}</dt><dd>${fmt.date(draft.order_date)}</dd>
      ${draft.delivery_date ? html`<dt>${t('order.delivery')}</dt><dd>${fmt.date(draft.delivery_date)}</dd>` : ''}
      ${draft.payment ? html`<dt>${t('order.payment')}</dt><dd>${draft.payment} ${c.COD_CONDPAG === draft.payment ? c.PAGAMENTO || '' : ''}</dd>` : ''}
      <dt>${t('print.number')}</dt><dd>${draft.guid}</dd>
    </dl>
    <table class="grid"><thead><tr><th>${t('order.article')}</th><th class="num">${t('order.qty')}</th><th class="num">${t('order.price')}</th>
      <th>${t('order.discounts')}</th><th class="num">${t('order.net')}</th><th class="num">${t('order.amount')}</th></tr></thead>
      <tbody>${draft.lines.map((line) => {
        const r = results.get(line.id);
        return html`<tr data-testid="print-line"><td>${line.article} ${line.description}</td><td class="num">${fmt.decimal(line.qty, session.param('app.qty_decimals', 2))} ${line.unit}</td>
          <td class="num">${fmt.money(r.price, 'EUR', session.param('app.price_decimals', 2))}</td><td>${discounts(r)}</td>
          <td class="num">${fmt.money(r.net_price, 'EUR', session.param('app.price_decimals', 2))}</td><td class="num">${fmt.money(r.amount)}</td></tr>`;
      })}</tbody></table>
    <dl class="totals"><dt>${t('order.taxable')}</dt><dd>${fmt.money(sum.net)}</dd><dt>${t('order.vat')}</dt><dd>${fmt.money(sum.vat)}</dd>
      <dt>${t('order.total')}</dt><dd data-testid="print-total" data-value="${sum.total}"><strong>${fmt.money(sum.total)}</strong></dd></dl>
    ${draft.notes ? html`<p class="pre">${draft.notes}</p>` : ''}
    <div class="actions no-print"><button type="button" class="button primary" data-testid="print-now" id="print-now">${t('order.print')}</button></div>
  </article>`.text;
  root.querySelector('#print-now').addEventListener('click', () => window.print());
}
