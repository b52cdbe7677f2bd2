// Customers: search as you type (code, name, VAT number, city), today's visits first.

import * as db from '../db.js';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { search } from '../indexes.js';
import * as sync from '../sync.js';
import '../texts-orders.js';

const SHOWN = 100;
let index = null;

async function loadIndex() {
  index = (await db.getMeta('index:customers')) || { entries: [], text: [] };
  const weekday = ((new Date().getDay() + 6) % 7) + 1; // 1 = Monday, as GG_VISITA
  index.today = index.entries.map((entry) => {
    const visit = entry.visits.find(([day]) => day === weekday);
    return visit ? visit[1] || 1 : 0;
  });
  // Sorted once: a search then orders its matches by numbers, not by comparing names again.
  const byName = index.entries.map((entry, i) => i);
  const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
  byName.sort((a, b) => collator.compare(index.entries[a].name, index.entries[b].name));
  index.rank = new Int32Array(byName.length);
  byName.forEach((position, rank) => { index.rank[position] = rank; });
  return index;
}

/** The positions of the customers matching `query`, today's visits first (by their sequence). */
export function find(query) {
  const found = search(index.text, query, query.trim() ? Infinity : index.text.length);
  const visit = index.today;
  return found.sort((a, b) => (visit[a] ? visit[a] : 1e9) - (visit[b] ? visit[b] : 1e9) || index.rank[a] - index.rank[b]);
}

function rowMarkup(i) {
  const c = index.entries[i];
  return html`<li><a class="row" href="#/customer/${encodeURIComponent(c.code)}" data-testid="customer-row" data-code="${c.code}">
    <span class="row-main"><strong>${c.name}</strong>
      ${index.today[i] ? html`<span class="badge">${t('customers.today')}</span>` : ''}
      ${c.blocked ? html`<span class="badge bad">${t('customers.blocked')}</span>` : ''}</span>
    <span class="row-sub">${c.code} · ${c.address} ${c.city} ${c.province ? `(${c.province})` : ''} ${c.vat ? `· ${t('customer.vat')} ${c.vat}` : ''}</span>
  </a></li>`;
}

export async function render(root) {
  root.innerHTML = html`
    <div class="toolbar"><input type="search" class="search" data-testid="customer-search" id="customer-search"
      placeholder="${t('customers.search')}" autocomplete="off" autocapitalize="none">
      <a class="button" href="#/form/customer" data-testid="new-customer">${t('form.new_customer')}</a></div>
    <p class="muted" id="customer-count"></p>
    <ul class="list" id="customer-list"></ul>`.text;
  const input = root.querySelector('#customer-search');
  const list = root.querySelector('#customer-list');
  const counter = root.querySelector('#customer-count');
  const show = () => {
    const found = find(input.value);
    list.innerHTML = html`${found.slice(0, SHOWN).map(rowMarkup)}`.text;
    counter.textContent = index.entries.length === 0 ? t('customers.none')
      : t('customers.count', { shown: Math.min(found.length, SHOWN), found: found.length });
  };
  input.value = sessionStorage.getItem('customers.query') || '';
  input.addEventListener('input', () => { sessionStorage.setItem('customers.query', input.value); show(); });
  await loadIndex();
  show();
  return sync.watch(async (state) => { if (state.changed) { await loadIndex(); show(); } });
}
