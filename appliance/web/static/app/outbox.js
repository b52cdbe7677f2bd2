// The outbox: documents the agent sent, kept in IndexedDB until the appliance has them.
//
// "Send" puts a document here with the guid its draft was made with (never a new one), in
// the same transaction that drops the draft. Uploads go in batches as soon as the device is
// online (at start, on "send", when the connection returns, after every sync), retried with
// a growing delay. The device API is idempotent: 200 and 201 both mean stored, so a retry
// after a lost answer stores nothing twice. 409 and 422 name the fields at fault: the
// document stays in the outbox with status 'error' and can be edited and sent again.
// Stored documents move to the sent list (meta 'sent:GUID'), whose orders get their server
// status (queued, rejected with reason, taken with the ERP's number...) at every sync.
//
// Entry: {guid, kind, doc, info, status: 'waiting'|'sending'|'error', queued_at, attempts,
//         next_at, error: {status, detail, errors}}.
// Sent:  {guid, kind, doc, info, queued_at, sent_at, id, warnings, server: {status, reason, parts, ...}}.

import * as api from './api.js';
import * as db from './db.js';
import * as documents from './documents.js';
import * as session from './session.js';

const BATCH = 50;
const MAX_DELAY_MS = 5 * 60 * 1000;
const listeners = new Set();
let flushing = null;
let again = false;
let timer = null;
let started = false;

/** Call `listener()` whenever the outbox or the sent list changed; returns the function that stops it. */
export function watch(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed() {
  for (const listener of listeners) listener();
}

function baseDelay() {
  return Number(localStorage.getItem('appmanager.retry_base_ms')) || 2000;
}

/** The wait before attempt `attempts + 1`: doubling from the base, at most 5 minutes, with jitter. */
export function backoff(attempts) {
  const plain = Math.min(MAX_DELAY_MS, baseDelay() * 2 ** Math.max(0, attempts - 1));
  return Math.round(plain * (0.8 + Math.random() * 0.4));
}

/**
 * Put a document into the outbox (status waiting) after checking the device API's field rules;
 * its draft (meta 'draft:GUID') goes in the same transaction. Throws {errors} when a field is wrong.
 */
export async function queue(kind, document, info = {}) {
  const doc = documents.compact(document);
  const errors = documents.check(kind, doc);
  if (errors.length) throw Object.assign(new Error('The document has fields to fix.'), { errors });
  const entry = { guid: doc.guid, kind, doc, info, status: 'waiting', queued_at: new Date().toISOString(),
                  attempts: 0, next_at: 0, error: null };
  await db.moveDocuments({ put: [entry], meta: { [`draft:${doc.guid}`]: undefined } });
  changed();
  flush({ force: true });
  return entry;
}

/** Take a document back out of the outbox to edit it (an error, or one still waiting). */
export async function takeBack(guid) {
  const entry = await db.outboxEntry(guid);
  if (!entry || entry.status === 'sending') return null;
  await db.moveDocuments({ drop: [guid] });
  changed();
  return entry;
}

/** The outbox and the sent documents, newest first. */
export async function entries() {
  const waiting = await db.outboxEntries();
  const sent = await db.metaWithPrefix('sent:');
  // The two reads are apart: a document whose upload ends between them is in both; it was sent.
  const sentGuids = new Set(sent.map((entry) => entry.guid));
  const all = [...waiting.filter((entry) => !sentGuids.has(entry.guid)),
    ...sent.map((entry) => ({ ...entry, status: 'sent' }))];
  return all.sort((a, b) => String(b.queued_at).localeCompare(String(a.queued_at)));
}

/** One document wherever it is: outbox (its status) or sent list. */
export async function find(guid) {
  const entry = await db.outboxEntry(guid);
  if (entry) return entry;
  const sent = await db.getMeta(`sent:${guid}`);
  return sent ? { ...sent, status: 'sent' } : undefined;
}

/** Upload what is due now (`force`: everything waiting, whatever its retry time). One run at a time. */
export function flush({ force = false } = {}) {
  if (flushing) { again = again || force; return flushing; }
  flushing = run(force).finally(() => {
    flushing = null;
    if (again) { again = false; flush({ force: true }); }
  });
  return flushing;
}

async function run(force) {
  const token = session.session()?.token;
  if (!token || !navigator.onLine) return;
  let stored = 0;
  for (;;) {
    const now = Date.now();
    const due = (await db.outboxEntries()).filter((e) => e.status === 'waiting' && (force || e.next_at <= now));
    if (!due.length) break;
    const batch = due.slice(0, BATCH);
    await db.moveDocuments({ put: batch.map((e) => ({ ...e, status: 'sending' })) });
    changed();
    let reply;
    try {
      reply = await api.uploadDocuments(token, batchJson(batch));
    } catch (error) {
      await retryLater(batch, error);
      break;
    }
    stored += await settle(batch, reply.results || []);
  }
  schedule();
  if (stored) await refreshStatus();
}

function batchJson(batch) {
  const items = batch.map((e) => `{"kind":${JSON.stringify(e.kind)},"document":${documents.toJson(e.kind, e.doc)}}`);
  return `{"documents":[${items.join(',')}]}`;
}

async function retryLater(batch, error) {
  if (error.status === 401) await session.expire();
  const detail = error.status ? `${error.status} ${error.message}` : error.message;
  const put = batch.map((e) => {
    const attempts = e.attempts + 1;
    return { ...e, status: 'waiting', attempts, next_at: Date.now() + backoff(attempts), last_failure: detail };
  });
  await db.moveDocuments({ put });
  changed();
}

async function settle(batch, results) {
  const put = [];
  const drop = [];
  const meta = {};
  // A status the appliance reported before the upload's answer arrived (an answer lost on the way).
  const early = await Promise.all(batch.map((entry) => db.getMeta(`status:${entry.guid}`)));
  batch.forEach((entry, index) => {
    const result = results.find((r) => Number(r.index) === index);
    const status = result ? Number(result.status) : 0;
    if (status === 200 || status === 201) {
      drop.push(entry.guid);
      meta[`sent:${entry.guid}`] = { guid: entry.guid, kind: entry.kind, doc: entry.doc, info: entry.info,
        queued_at: entry.queued_at, sent_at: new Date().toISOString(), id: result.id ?? null,
        warnings: result.warnings || [], server: early[index] || { status: 'received' } };
      meta[`status:${entry.guid}`] = undefined;
    } else if (status === 409 || status === 422) {
      const problem = result.problem || {};
      put.push({ ...entry, status: 'error', error: { status, detail: problem.detail || '', errors: problem.errors || [] } });
    } else {
      const attempts = entry.attempts + 1;
      put.push({ ...entry, status: 'waiting', attempts, next_at: Date.now() + backoff(attempts),
                 last_failure: result?.problem?.detail || 'no answer for this document' });
    }
  });
  await db.moveDocuments({ put, drop, meta });
  changed();
  return drop.length;
}

function schedule() {
  clearTimeout(timer);
  db.outboxEntries().then((all) => {
    const times = all.filter((e) => e.status === 'waiting').map((e) => e.next_at);
    if (!times.length) return;
    timer = setTimeout(() => flush(), Math.max(0, Math.min(...times) - Date.now()));
  });
}

/** Ask the appliance for the status of the sent orders (changes since the last answer). */
export async function refreshStatus() {
  const token = session.session()?.token;
  if (!token || !navigator.onLine) return;
  let since = await db.getMeta('orders:status-since');
  for (let pages = 0; pages < 100; pages += 1) {
    let page;
    try {
      page = await api.orderStatus(token, since);
    } catch (error) {
      if (error.status === 410 && since) { since = null; continue; }
      return;
    }
    const meta = { 'orders:status-since': page.cursor };
    for (const order of page.orders) {
      const sent = await db.getMeta(`sent:${order.guid}`);
      if (sent) meta[`sent:${order.guid}`] = { ...sent, id: order.id, server: order };
      // Stored, but its answer has not reached the app yet: kept for when it does (the cursor moves on).
      else if (await db.outboxEntry(order.guid)) meta[`status:${order.guid}`] = order;
    }
    await db.moveDocuments({ meta });
    since = page.cursor;
    if (!page.more) break;
  }
  changed();
}

/** Documents in the outbox (waiting, sending or to fix): what sign-out waits for. */
export function count() {
  return db.outboxCount();
}

/** Start uploading: now, when the connection returns and after every sync. Sends left 'sending' by a closed page go again. */
export async function start(syncWatch) {
  const put = (await db.outboxEntries()).filter((e) => e.status === 'sending').map((e) => ({ ...e, status: 'waiting' }));
  if (put.length) await db.moveDocuments({ put });
  if (!started) {
    started = true;
    window.addEventListener('online', () => flush({ force: true }));
    syncWatch((state) => { if (state.changed) { flush({ force: true }); refreshStatus(); } });
  }
  changed();
  flush({ force: true });
}
