// Drafts: orders and offers being written, kept in IndexedDB (meta 'draft:GUID') at every
// keystroke, so that a closed tab or a restarted iPad loses nothing. A draft's guid is made
// when the draft is created and becomes the sent document's guid.
//
// Draft: {guid, type: 'order'|'offer', customer, destination, delivery_date, payment, notes,
//         order_date, lines: [{id, article, description, unit, qty, price, discounts}], updated_at}
// A line's `price` / `discounts` are the agent's own figures (null: the price engine's).

import * as db from './db.js';
import { newGuid } from './documents.js';
import { today } from './fmt.js';

/** A new, empty draft for a customer (not kept until `save`). */
export function create(customer, type = 'order') {
  return { guid: newGuid(), type, customer: customer.COD_CLIFOR, destination: '', delivery_date: '',
           payment: customer.COD_CONDPAG || '', notes: '', order_date: today(), lines: [], created_at: new Date().toISOString() };
}

/** A line for an article (quantity as text in the line's unit). */
export function line(article, qty, unit = '') {
  return { id: newGuid(), article: article.COD_ART, description: article.DES_ART || '', unit: unit || article.UM1 || '',
           qty: String(qty), price: null, discounts: null };
}

/** The quantity a new line of an article starts with: its minimum sale quantity, else 1. */
export function firstQty(article) {
  return Number(article.QTA_MIN_VEND) > 0 ? String(article.QTA_MIN_VEND) : '1';
}

// The customer the agent works for: the last customer card or order he opened (in this tab).
const CUSTOMER = 'customer.current';
const OPEN = 'order.open';

/** Remember the customer the agent works for now. */
export function setCustomerInContext(code) {
  sessionStorage.setItem(CUSTOMER, code);
}

/** The customer the agent works for (his last customer card or order), or null. */
export function customerInContext() {
  return sessionStorage.getItem(CUSTOMER);
}

/** Remember the draft on the order screen (it is also its customer's draft in context). */
export function setOpen(draft) {
  sessionStorage.setItem(OPEN, draft.guid);
  setCustomerInContext(draft.customer);
}

/** The customer's draft to add to: the one last open when it is his, else his latest draft, else undefined. */
export async function openDraftOf(customer) {
  const open = sessionStorage.getItem(OPEN);
  const current = open ? await load(open) : undefined;
  if (current && current.customer === customer) return current;
  return (await all()).find((draft) => draft.customer === customer);
}

/** Keep a draft (its time of change set now). */
export async function save(draft) {
  draft.updated_at = new Date().toISOString();
  await db.setMeta(`draft:${draft.guid}`, draft);
}

/** A kept draft, or undefined. */
export function load(guid) {
  return db.getMeta(`draft:${guid}`);
}

/** Forget a draft. */
export function remove(guid) {
  return db.moveDocuments({ meta: { [`draft:${guid}`]: undefined } });
}

/** Every kept draft, the last changed first. */
export async function all() {
  const found = await db.metaWithPrefix('draft:');
  return found.sort((a, b) => String(b.updated_at).localeCompare(String(a.updated_at)));
}

/** A new draft with another document's customer, header and lines (repriced: the agent's own figures are dropped). */
export function duplicate(source) {
  const copy = { ...source, guid: newGuid(), order_date: today(), delivery_date: '', created_at: new Date().toISOString() };
  copy.lines = source.lines.map((l) => ({ ...l, id: newGuid(), price: null, discounts: null }));
  return copy;
}

/** The draft (to edit again) that a document from the outbox came from. */
export function fromOutbox(entry, { newId = false } = {}) {
  const draft = { ...entry.info.draft };
  if (newId) draft.guid = newGuid();
  return draft;
}
