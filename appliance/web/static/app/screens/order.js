// An order or offer being written, offline: header (type, destination, delivery date, payment,
// notes), lines by search, barcode, history or catalog, each priced by the engine as the
// agent types, warnings at once, totals with VAT. Every change is kept in the draft at once.
// "Send" checks the document and moves it to the outbox.
//
// Routes: #/order/new/CUSTOMER[/offer] makes a draft and opens it; #/order/GUID opens a draft.

import * as db from '../db.js';
import * as drafts from '../drafts.js';
import * as fmt from '../fmt.js';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { search, unpackArticles } from '../indexes.js';
import { orderDocument, orderWarnings, totals } from '../order-document.js';
import * as pricing from '../order-pricing.js';
import * as outbox from '../outbox.js';
import * as session from '../session.js';
import '../texts-orders.js';

const FOUND = 30;

function options(list, selected) {
  return list.map(([value, label]) => html`<option value="${value}"${value === selected ? ' selected' : ''}>${label}</option>`);
}

function headMarkup(draft, customer, destinations, payments) {
  const dest = [['', t('order.destination.main')], ...destinations.map((d) => [String(d.COD_DEST), `${d.COD_DEST} · ${d.RAG_SOC_DEST || ''} ${d.CITTA || ''}`])];
  const pay = payments.map((p) => [String(p.CODICE), `${p.CODICE} · ${p.DESCRIZIONE || ''}`]);
  if (draft.payment && !pay.some(([code]) => code === draft.payment)) pay.unshift([draft.payment, customer.PAGAMENTO || draft.payment]);
  return html`<div class="form-grid">
    <label>${t('order.type')}<select data-testid="order-type" name="type">${options([['order', t('order.type.order')], ['offer', t('order.type.offer')]], draft.type)}</select></label>
    <label>${t('order.destination')}<select data-testid="order-destination" name="destination">${options(dest, draft.destination)}</select></label>
    <label>${t('order.delivery')}<input type="date" data-testid="order-delivery" name="delivery_date" value="${draft.delivery_date}" min="${draft.order_date}"></label>
    <label>${t('order.payment')}<select data-testid="order-payment" name="payment">${options([['', '—'], ...pay], draft.payment)}</select></label>
    <label class="wide">${t('order.notes')}<textarea data-testid="order-notes" name="notes" rows="2">${draft.notes}</textarea></label>
  </div>`;
}

function lineMarkup(line, index, units, rights) {
  const unitList = units.map((u) => [u, u]);
  return html`<tr data-testid="order-line" data-line="${line.id}" data-code="${line.article}">
    <td>${index + 1}</td>
    <td><strong>${line.article}</strong> ${line.description}<div class="line-warnings" data-role="warnings"></div></td>
    <td class="qty"><input data-testid="line-qty" data-role="qty" inputmode="decimal" value="${line.qty}" size="6" autocomplete="off">
      ${unitList.length > 1 ? html`<select data-testid="line-unit" data-role="unit">${options(unitList, line.unit)}</select>` : html`<span>${line.unit}</span>`}</td>
    <td><input data-testid="line-price" data-role="price" inputmode="decimal" size="8" autocomplete="off" data-value=""${rights.price ? '' : ' readonly'}></td>
    <td><input data-testid="line-discounts" data-role="discounts" size="8" autocomplete="off" placeholder="10+5"${rights.discounts ? '' : ' readonly'}></td>
    <td class="num" data-testid="line-net" data-role="net"></td>
    <td class="num" data-testid="line-amount" data-role="amount"></td>
    <td><button type="button" class="button small" data-testid="line-remove" data-role="remove" aria-label="${t('order.remove')}">✕</button></td>
  </tr>`;
}

function decimalInput(text) {
  const value = String(text ?? '').trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(value) ? value : null;
}

function discountsInput(text) {
  const parts = String(text ?? '').split('+').map((p) => p.trim()).filter(Boolean);
  const values = parts.map(decimalInput);
  return values.includes(null) ? null : values;
}

const same = (a, b) => a !== null && b !== null && Number(a) === Number(b);
const shownDiscounts = (list) => {
  const kept = list.slice();
  while (kept.length && Number(kept[kept.length - 1]) === 0) kept.pop();
  return kept.join('+');
};

class OrderScreen {
  constructor(root, draft, context, app) {
    Object.assign(this, { root, draft, context, app });
    this.results = new Map();
    this.units = new Map();
    this.rights = new Map();
    this.saving = Promise.resolve();
  }

  save() {
    const copy = structuredClone(this.draft);
    this.saving = this.saving.then(() => drafts.save(copy)).then(() => {
      this.root.querySelector('[data-testid="order-form"]').dataset.saved = copy.updated_at;
    });
    return this.saving;
  }

  async render() {
    const { customer } = this.context;
    const [destinations, payments] = await Promise.all([db.rowsOfCustomer('io_clifor_dest', customer.COD_CLIFOR), db.allRows('io_condpag')]);
    const title = this.draft.type === 'offer' ? t('offer.title') : t('order.title');
    this.root.innerHTML = html`
      <div class="card-head"><a class="button" href="#/customer/${encodeURIComponent(customer.COD_CLIFOR)}">‹ ${customer.RAG_SOC}</a>
        <h1>${title}</h1><span class="muted">${customer.COD_CLIFOR} · ${fmt.date(this.draft.order_date)}</span></div>
      <form class="order" data-testid="order-form" data-guid="${this.draft.guid}">
        <div data-testid="order-warnings" class="warnings" id="order-warnings"></div>
        ${headMarkup(this.draft, customer, destinations, payments)}
        <div class="order-add">
          <input type="search" class="search" data-testid="article-search" id="order-search" placeholder="${t('order.search')}" autocomplete="off" autocapitalize="none">
          <input type="search" data-testid="order-barcode" id="order-barcode" placeholder="${t('order.barcode')}" inputmode="numeric" autocomplete="off" size="14">
          <button type="button" class="button" data-testid="order-history" id="order-history">${t('order.history')}</button>
          <a class="button" data-testid="order-catalog" href="#/catalog">${t('order.catalog')}</a>
        </div>
        <ul class="list found" id="order-found"></ul>
        <table class="grid order-lines"><thead><tr><th>#</th><th>${t('order.article')}</th><th>${t('order.qty')}</th>
          <th>${t('order.price')}</th><th>${t('order.discounts')}</th><th class="num">${t('order.net')}</th><th class="num">${t('order.amount')}</th><th></th></tr></thead>
          <tbody id="order-lines"></tbody></table>
        <dl class="totals" id="order-totals"></dl>
        <div class="actions">
          <button type="button" class="button primary" data-testid="order-send" id="order-send">${t('order.send')}</button>
          <a class="button" data-testid="order-print" href="#/print/${this.draft.guid}">${t('order.print')}</a>
          <button type="button" class="button" data-testid="order-delete" id="order-delete">${t('order.delete')}</button>
        </div>
        <div id="order-errors" class="bad" data-testid="order-errors"></div>
      </form>`.text;
    this.bind();
    await this.renderLines();
  }

  bind() {
    const form = this.root.querySelector('form');
    form.addEventListener('submit', (event) => event.preventDefault());
    for (const [name, key] of [['type', 'type'], ['destination', 'destination'], ['delivery_date', 'delivery_date'], ['payment', 'payment'], ['notes', 'notes']]) {
      const input = form.elements[name];
      input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', () => {
        this.draft[key] = input.value;
        this.save();
        if (key === 'destination' || key === 'delivery_date') this.repriceAll();
      });
    }
    const found = this.root.querySelector('#order-found');
    this.root.querySelector('#order-search').addEventListener('input', (event) => this.showFound(event.target.value));
    found.addEventListener('click', (event) => {
      const row = event.target.closest('[data-code]');
      if (row) this.addArticle(row.dataset.code, row.dataset.qty, row.dataset.unit);
    });
    const barcode = this.root.querySelector('#order-barcode');
    barcode.addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); this.addBarcode(barcode); } });
    barcode.addEventListener('change', () => this.addBarcode(barcode));
    this.root.querySelector('#order-history').addEventListener('click', () => this.showHistory());
    this.root.querySelector('#order-send').addEventListener('click', () => this.send());
    this.root.querySelector('#order-delete').addEventListener('click', async () => {
      if (!confirm(t('order.delete_confirm'))) return;
      await this.saving;
      await drafts.remove(this.draft.guid);
      this.app.navigate(`customer/${encodeURIComponent(this.draft.customer)}`);
    });
    const lines = this.root.querySelector('#order-lines');
    lines.addEventListener('input', (event) => this.lineInput(event));
    lines.addEventListener('change', (event) => this.lineInput(event));
    lines.addEventListener('click', (event) => {
      if (event.target.dataset.role !== 'remove') return;
      const id = event.target.closest('tr').dataset.line;
      this.draft.lines = this.draft.lines.filter((l) => l.id !== id);
      this.save();
      this.renderLines();
    });
  }

  async showFound(query) {
    const list = this.root.querySelector('#order-found');
    if (!query.trim()) { list.innerHTML = ''; return; }
    this.index ||= unpackArticles(await db.getMeta('index:articles'));
    const found = search(this.index.text, query, FOUND);
    list.innerHTML = html`${found.map((i) => html`<li><a class="row" data-testid="article-row" data-code="${this.index.codes[i]}">
      <span class="row-main"><strong>${this.index.codes[i]}</strong> ${this.index.names[i]}</span></a></li>`)}`.text;
  }

  async showHistory() {
    const rows = (await db.rowsOfCustomer('io_stoart', this.draft.customer))
      .sort((a, b) => String(b.ULT_DATA).localeCompare(String(a.ULT_DATA)));
    const list = this.root.querySelector('#order-found');
    list.innerHTML = rows.length ? html`${rows.map((r) => html`<li><a class="row" data-testid="history-row" data-code="${r.COD_ART}"
        data-qty="${r.ULT_QTA || ''}" data-unit="${r.ULT_UM || ''}"><span class="row-main"><strong>${r.COD_ART}</strong> ${r.DESC_ARTICOLO}</span>
        <span class="row-sub">${fmt.date(r.ULT_DATA)} · ${fmt.decimal(r.ULT_QTA)} ${r.ULT_UM} · ${fmt.money(r.ULT_PRZ, 'EUR', 3)}</span></a></li>`)}`.text
      : html`<li class="muted">${t('order.no_history')}</li>`.text;
  }

  async addBarcode(input) {
    const code = input.value.trim();
    if (!code) return;
    input.value = '';
    const rows = await db.allRows('io_art_barcode');
    const hit = rows.find((r) => String(r.BARCODE) === code);
    if (hit) await this.addArticle(hit.COD_ART, hit.QTA && Number(hit.QTA) > 0 ? hit.QTA : '', hit.UM || '');
    else this.app.toast(t('order.barcode_unknown', { code }));
  }

  /** Add a line for an article (its minimum quantity unless one is given) and focus its quantity. */
  async addArticle(code, qty, unit) {
    const inputs = await pricing.articleInputs(this.context, code);
    const line = drafts.line(inputs.article, decimalInput(qty) || drafts.firstQty(inputs.article), unit);
    this.draft.lines.push(line);
    this.root.querySelector('#order-found').innerHTML = '';
    this.root.querySelector('#order-search').value = '';
    this.save();
    await this.renderLines();
    this.root.querySelector(`tr[data-line="${line.id}"] [data-role="qty"]`)?.select();
  }

  async renderLines() {
    for (const line of this.draft.lines) {
      if (!this.units.has(line.article)) {
        const inputs = await pricing.articleInputs(this.context, line.article);
        const list = [inputs.article.UM1, inputs.article.UM2, ...inputs.units.map((u) => u.UM)].filter(Boolean).map(String);
        this.units.set(line.article, [...new Set(list)]);
        this.rights.set(line.article, await pricing.editRights(line.article));
      }
    }
    const body = this.root.querySelector('#order-lines');
    body.innerHTML = html`${this.draft.lines.map((line, i) => lineMarkup(line, i, this.units.get(line.article), this.rights.get(line.article)))}`.text;
    await this.repriceAll();
  }

  async repriceAll() {
    for (const line of this.draft.lines) await this.reprice(line, true);
    this.showTotals();
  }

  async reprice(line, quiet = false) {
    const inputs = await pricing.articleInputs(this.context, line.article);
    const result = pricing.priceOf(inputs, this.draft, line, this.context.rules);
    this.results.set(line.id, result);
    const row = this.root.querySelector(`tr[data-line="${line.id}"]`);
    if (!row) return;
    const price = row.querySelector('[data-role="price"]');
    price.dataset.value = result.price ?? '';
    if (document.activeElement !== price) price.value = result.price ?? '';
    price.classList.toggle('manual', line.price !== null);
    const discounts = row.querySelector('[data-role="discounts"]');
    discounts.dataset.value = shownDiscounts(result.discounts);
    if (document.activeElement !== discounts) discounts.value = shownDiscounts(result.discounts);
    const net = row.querySelector('[data-role="net"]');
    net.dataset.value = result.net_price ?? '';
    net.textContent = fmt.decimal(result.net_price, session.param('app.price_decimals', 2) + 1);
    const amount = row.querySelector('[data-role="amount"]');
    amount.dataset.value = result.amount ?? '';
    amount.textContent = fmt.money(result.amount);
    row.querySelector('[data-role="warnings"]').innerHTML = html`${result.warnings.map((code) => html`<span class="badge bad" data-testid="line-warning" data-code="${code}">${t(`warn.${code}`)}</span>`)}${result.manual ? html` <span class="badge">${t('order.manual')}</span>` : ''}`.text;
    if (!quiet) this.showTotals();
  }

  lineInput(event) {
    const row = event.target.closest('tr[data-line]');
    const line = row && this.draft.lines.find((l) => l.id === row.dataset.line);
    if (!line) return;
    const role = event.target.dataset.role;
    const value = event.target.value;
    const engine = this.results.get(line.id)?.engine;
    if (role === 'qty') line.qty = value.trim().replace(',', '.');
    else if (role === 'unit') line.unit = value;
    else if (role === 'price') {
      const price = decimalInput(value);
      line.price = price === null || same(price, engine?.price) ? null : price;
    } else if (role === 'discounts') {
      const list = discountsInput(value);
      line.discounts = list === null || shownDiscounts(list) === shownDiscounts(engine?.discounts || []) ? null : list;
    } else return;
    this.save();
    this.reprice(line);
  }

  async showTotals() {
    const sum = totals(this.draft, this.results);
    this.root.querySelector('#order-totals').innerHTML = html`
      <dt>${t('order.taxable')}</dt><dd data-testid="order-net" data-value="${sum.net}">${fmt.money(sum.net)}</dd>
      <dt>${t('order.vat')}</dt><dd data-testid="order-vat" data-value="${sum.vat}">${fmt.money(sum.vat)}</dd>
      <dt>${t('order.total')}</dt><dd data-testid="order-total" data-value="${sum.total}"><strong>${fmt.money(sum.total)}</strong></dd>`.text;
    const warnings = await orderWarnings(this.context.customer, sum);
    this.root.querySelector('#order-warnings').innerHTML = html`${warnings.map((w) => html`<div class="block-alert" data-testid="order-warning" data-code="${w.code}">${w.text}</div>`)}`.text;
  }

  problems() {
    if (!this.draft.lines.length) return [t('order.no_lines')];
    const found = [];
    this.draft.lines.forEach((line, i) => {
      if (!decimalInput(line.qty) || Number(line.qty) <= 0) found.push(t('order.bad_qty', { line: i + 1 }));
      for (const code of pricing.blocking(this.results.get(line.id)?.warnings || [])) {
        found.push(t('order.blocked_line', { line: i + 1, warning: t(`warn.${code}`) }));
      }
    });
    return found;
  }

  async send() {
    const errors = this.root.querySelector('#order-errors');
    await this.repriceAll();
    const problems = this.problems();
    if (problems.length) { errors.innerHTML = html`${problems.map((p) => html`<p>${p}</p>`)}`.text; return; }
    await this.saving;
    const document = orderDocument(this.draft, this.context, this.results);
    const sum = totals(this.draft, this.results);
    try {
      const frozen = { ...this.draft, lines: this.draft.lines.map((l) => ({ ...l, price: this.results.get(l.id).price,
                                                                           discounts: this.results.get(l.id).discounts })) };
      await outbox.queue('orders', document, { draft: this.draft, frozen, type: this.draft.type, customer: this.draft.customer,
                                              customer_name: this.context.customer.RAG_SOC, total: sum.total, lines: this.draft.lines.length });
    } catch (error) {
      errors.innerHTML = html`${(error.errors || [{ field: '', reason: error.message }]).map((e) => html`<p data-field="${e.field}">${e.field} ${e.reason}</p>`)}`.text;
      return;
    }
    this.app.toast(t('order.queued'));
    this.app.navigate('outbox');
  }
}

/** A new draft for a customer ('order' or 'offer'), kept; null when the customer is not on this iPad. */
export async function startDraft(code, type) {
  const context = await pricing.customerContext(code);
  if (!context) return null;
  const draft = drafts.create(context.customer, type === 'offer' ? 'offer' : 'order');
  const preferred = (await db.rowsOfCustomer('io_clifor_dest', code)).find((d) => ['1', '-1', 'S', 'true'].includes(String(d.PREFERENZIALE)));
  if (preferred) draft.destination = String(preferred.COD_DEST);
  await drafts.save(draft);
  return draft;
}

async function newDraft(app, code, type) {
  const draft = await startDraft(code, type);
  if (draft) history.replaceState(null, '', `#/order/${draft.guid}`);
  return draft;
}

export async function render(root, [first, code, type], app) {
  const draft = first === 'new' ? await newDraft(app, code, type) : await drafts.load(first);
  if (!draft) {
    root.innerHTML = html`<p class="muted" data-testid="order-missing">${t('order.missing')}</p>`.text;
    return;
  }
  const context = await pricing.customerContext(draft.customer);
  if (!context) {
    root.innerHTML = html`<p class="muted">${t('customer.missing', { code: draft.customer })}</p>`.text;
    return;
  }
  drafts.setOpen(draft);
  const screen = new OrderScreen(root, draft, context, app);
  await screen.render();
}
