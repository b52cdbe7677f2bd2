// The outbox screen: drafts being written, documents waiting to go (or to fix, with the
// fields the appliance refused), and the sent list with each order's status on the
// appliance (received, waiting for validation, rejected with the reason, queued, delivered,
// taken with the ERP's document numbers). New customers, notes, leads and activities start here too.

import * as drafts from '../drafts.js';
import * as fmt from '../fmt.js';
import { html } from '../html.js';
import { t } from '../i18n.js';
import * as outbox from '../outbox.js';
import * as session from '../session.js';
import * as sync from '../sync.js';
import '../texts-orders.js';

function kindName(entry) {
  if (entry.kind === 'orders' && entry.info?.type === 'offer') return t('kind.offers');
  return t(`kind.${entry.kind}`);
}

function summary(entry) {
  const info = entry.info || {};
  const parts = [info.customer_name || info.title || entry.doc.ragione_sociale || entry.doc.descrizione1 || entry.doc.cod_cliente || entry.doc.cod_lead || ''];
  if (info.total) parts.push(fmt.money(info.total));
  return parts.filter(Boolean).join(' · ');
}

function errorMarkup(error) {
  if (!error) return '';
  return html`<div class="bad" data-testid="outbox-error" data-status="${error.status}"><p>${error.detail}</p>
    ${error.errors.length ? html`<ul>${error.errors.map((e) => html`<li data-testid="outbox-error-field" data-field="${e.field}"><code>${e.field}</code> ${e.reason}</li>`)}</ul>` : ''}</div>`;
}

function serverMarkup(server) {
  if (!server) return '';
  const refs = (server.parts || []).map((p) => p.erp_ref).filter(Boolean);
  return html`<span class="badge" data-testid="server-status" data-status="${server.status}">${t(`server.${server.status}`)}</span>
    ${server.reason ? html`<p class="bad" data-testid="server-reason">${server.reason}</p>` : ''}
    ${refs.length ? html` <span class="muted" data-testid="erp-ref">${refs.join(', ')}</span>` : ''}`;
}

function rowMarkup(entry) {
  const server = entry.server || null;
  const editable = entry.status === 'error' || entry.status === 'waiting';
  return html`<li class="card" data-testid="outbox-row" data-guid="${entry.guid}" data-kind="${entry.kind}" data-status="${entry.status}"
      data-server-status="${server ? server.status : ''}">
    <div><strong>${kindName(entry)}</strong> ${summary(entry)}
      <span class="badge ${entry.status === 'error' ? 'bad' : ''}">${t(`status.${entry.status}`)}</span> ${serverMarkup(server)}</div>
    <p class="muted">${fmt.date(entry.queued_at)} ${fmt.time(entry.queued_at)}${entry.status === 'waiting' && entry.next_at > Date.now()
      ? html` · ${t('outbox.retry_at', { time: fmt.time(new Date(entry.next_at).toISOString()) })}` : ''}</p>
    ${errorMarkup(entry.error)}
    ${(entry.warnings || []).length ? html`<ul class="muted">${entry.warnings.map((w) => html`<li data-testid="outbox-warning" data-code="${w.code}">${w.message}</li>`)}</ul>` : ''}
    <div class="actions">
      ${editable && entry.kind === 'orders' ? html`<button type="button" class="button" data-action="edit" data-testid="outbox-edit">${t('outbox.edit')}</button>` : ''}
      ${entry.kind === 'orders' ? html`<button type="button" class="button" data-action="duplicate" data-testid="outbox-duplicate">${t('outbox.duplicate')}</button>
        <a class="button" href="#/print/${entry.guid}" data-testid="outbox-print">${t('outbox.print')}</a>` : ''}
    </div></li>`;
}

function draftMarkup(draft) {
  return html`<li><a class="row" href="#/order/${draft.guid}" data-testid="draft-row" data-guid="${draft.guid}">
    <span class="row-main"><strong>${draft.type === 'offer' ? t('kind.offers') : t('kind.orders')}</strong> ${draft.customer}
      · ${draft.lines.length} · ${fmt.date(draft.order_date)}</span></a></li>`;
}

function newMenu() {
  const crm = session.hasModule('crm');
  const items = [['customer', 'form.new_customer', 'new-customer'], ['customer-note', 'form.new_note', 'new-note']];
  if (crm) items.push(['lead', 'form.new_lead', 'new-lead'], ['lead-note', 'form.new_lead_note', 'new-lead-note'], ['activity', 'form.new_activity', 'new-activity']);
  return html`<div class="toolbar">${items.map(([form, label, id]) => html`<a class="button" href="#/form/${form}" data-testid="${id}">${t(label)}</a>`)}
    <button type="button" class="button" id="outbox-send" data-testid="outbox-send">${t('outbox.send_now')}</button></div>`;
}

let drawing = 0;

async function draw(root) {
  const turn = ++drawing;
  const [all, kept] = await Promise.all([outbox.entries(), drafts.all()]);
  if (turn !== drawing) return; // a later change is being drawn: this picture is older
  const waiting = all.filter((e) => e.status !== 'sent');
  const sent = all.filter((e) => e.status === 'sent');
  root.innerHTML = html`<h1>${t('outbox.title')}</h1>${newMenu()}
    ${kept.length ? html`<h2>${t('outbox.drafts')}</h2><ul class="list">${kept.map(draftMarkup)}</ul>` : ''}
    <h2>${t('outbox.waiting')}</h2>
    ${waiting.length ? html`<ul class="cards" data-testid="outbox-waiting">${waiting.map(rowMarkup)}</ul>` : html`<p class="muted">${t('outbox.empty')}</p>`}
    <h2>${t('outbox.sent')}</h2>
    ${sent.length ? html`<ul class="cards" data-testid="outbox-sent">${sent.map(rowMarkup)}</ul>` : html`<p class="muted">${t('outbox.none_sent')}</p>`}`.text;
}

async function act(button, app) {
  const guid = button.closest('[data-guid]').dataset.guid;
  const entry = await outbox.find(guid);
  if (!entry) return;
  if (button.dataset.action === 'edit') {
    const taken = await outbox.takeBack(guid);
    if (!taken) return;
    const draft = drafts.fromOutbox(taken, { newId: taken.error?.status === 409 });
    await drafts.save(draft);
    app.navigate(`order/${draft.guid}`);
  } else if (button.dataset.action === 'duplicate') {
    const draft = drafts.duplicate(entry.info.draft);
    await drafts.save(draft);
    app.navigate(`order/${draft.guid}`);
  }
}

export async function render(root, parts, app) {
  root.innerHTML = '<div class="outbox-screen"></div>';
  const box = root.firstElementChild;
  await draw(box);
  box.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    if (button.id === 'outbox-send') { outbox.flush({ force: true }); outbox.refreshStatus(); sync.syncNow(); }
    else if (button.dataset.action) act(button, app);
  });
  const redraw = () => draw(box);
  const stop = outbox.watch(redraw);
  return () => stop();
}
