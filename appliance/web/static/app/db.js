// The data layer: everything the app keeps in the browser lives in one IndexedDB database,
// and screens and the sync worker reach it only through these functions.
//
// Stores:
//   meta     {k, v}: the session, sync cursors, settings, search indexes
//   rows     {t, k, c?, a?, d?, r}: every synced ERP row; t = table, k = key, c = customer
//            code, a = article code, d = document number (for the card's lookups), r = the row.
//            The price tables keep here only the rows of deltas, and their deletions {t, k, x: 1}
//   blocks   {t, b, s, x}: the price tables' full passes, rows grouped by article (bulk-rows.js):
//            s = the page's number while the pass runs, [first article] once sorted
//   folders  {area, id, parent, ...}: catalog and report folders (area 'catalog' | 'reports')
//   items    {area, id, folder, article, ...}: catalog and report items
//   files    {url, hash, blob, size}: thumbnails, photos and PDFs kept offline
//   outbox   {guid, kind, doc, status, ...}: documents waiting to be sent (outbox.js; sign-out
//            refuses while it holds anything). Drafts (draft:GUID) and sent documents (sent:GUID)
//            are kept in meta.

import { allRowsIn, blockTexts, BUCKETS, bucketOf, isBulk, rowsIn, sortedChunks } from './bulk-rows.js';

const NAME = 'appmanager';
const VERSION = 2;
const CUSTOMER_FIELDS = ['COD_CLIFOR', 'COD_CLFOR'];
const ARTICLE_FIELDS = ['COD_ART', 'COD_ARTICOLO'];
const DOCUMENT_FIELDS = ['NUM_REG'];
const COMPOSITE_KEYS = { io_catalogo: ['NOMEFILE', 'L1', 'L2', 'L3', 'L4'] };
const KEY_SEPARATOR = '\u001f';
// Pages are written without waiting for the disk's flush: a page lost by a crash is simply
// fetched again, because its cursor is written in the same transaction.
const WRITE = { durability: 'relaxed' };

let opening = null;

/** The database (opened once per page or worker). */
export function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(NAME, VERSION);
      request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion);
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => { db.close(); opening = null; };
        resolve(db);
      };
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('The app is open in another tab with an older version.'));
    });
  }
  return opening;
}

function upgrade(db, from) {
  if (from < 1) createStores(db);
  // Version 2: the price tables' blocks. Price rows kept by version 1 stay in `rows`, found
  // as a delta's rows would be, until the table's next full pass replaces them.
  if (from < 2) db.createObjectStore('blocks', { keyPath: ['t', 'b', 's'] });
}

function createStores(db) {
  db.createObjectStore('meta', { keyPath: 'k' });
  const rows = db.createObjectStore('rows', { keyPath: ['t', 'k'] });
  rows.createIndex('by_customer', ['t', 'c']);
  rows.createIndex('by_article', ['t', 'a']);
  rows.createIndex('by_document', ['t', 'd']);
  const folders = db.createObjectStore('folders', { keyPath: ['area', 'id'] });
  folders.createIndex('by_parent', ['area', 'parent']);
  const items = db.createObjectStore('items', { keyPath: ['area', 'id'] });
  items.createIndex('by_folder', ['area', 'folder']);
  items.createIndex('by_article', ['area', 'article']);
  db.createObjectStore('files', { keyPath: 'url' });
  db.createObjectStore('outbox', { keyPath: 'guid' });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error || new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error);
  });
}

function result(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function read(storeName, fn) {
  const db = await open();
  const tx = db.transaction(storeName, 'readonly');
  return result(fn(tx.objectStore(storeName)));
}

// -- meta -------------------------------------------------------------------------------------

/** A value kept under `key` (undefined when none). */
export async function getMeta(key) {
  const found = await read('meta', (store) => store.get(key));
  return found ? found.v : undefined;
}

/** Keep `value` under `key`. */
export async function setMeta(key, value) {
  const db = await open();
  const tx = db.transaction('meta', 'readwrite');
  tx.objectStore('meta').put({ k: key, v: value });
  return done(tx);
}

// -- synced rows ------------------------------------------------------------------------------

/** The key a device uses for a row of `table` (CHIAVE, or the layout's fields joined). */
export function rowKey(table, row) {
  const fields = COMPOSITE_KEYS[table];
  return fields ? fields.map((f) => row[f] ?? '').join(KEY_SEPARATOR) : String(row.CHIAVE);
}

function firstOf(row, fields) {
  for (const field of fields) if (row[field] !== undefined && row[field] !== '') return String(row[field]);
  return undefined;
}

function record(table, row) {
  const entry = { t: table, k: rowKey(table, row), r: row };
  const customer = firstOf(row, CUSTOMER_FIELDS);
  const article = firstOf(row, ARTICLE_FIELDS);
  const document = firstOf(row, DOCUMENT_FIELDS);
  if (customer !== undefined) entry.c = customer;
  if (article !== undefined) entry.a = article;
  // Price and discount rows without an article (rules by family, class, customer) are kept
  // under the article '' so that the price engine's candidate lookup finds them too.
  else if (isBulk(table)) entry.a = '';
  if (document !== undefined) entry.d = document;
  return entry;
}

function tableRange(table) {
  return IDBKeyRange.bound([table], [table, []]);
}

/**
 * Apply one sync page in one transaction, with its cursor: the page is kept whole or not at all.
 * `replace` empties the table first (the first page of a full pass). `cursor` is what is kept
 * for the table: {since, done} (done: the pass is complete).
 */
export async function applyPage(table, page, { replace, cursor }) {
  if (isBulk(table)) return applyBulkPage(table, page, { replace, cursor });
  const db = await open();
  const tx = db.transaction(['rows', 'meta'], 'readwrite', WRITE);
  const rows = tx.objectStore('rows');
  if (replace) rows.delete(tableRange(table));
  for (const key of page.deleted) rows.delete([table, String(key)]);
  for (const row of page.rows) rows.put(record(table, row));
  tx.objectStore('meta').put({ k: `cursor:${table}`, v: cursor });
  return done(tx);
}

function articleOf(row) {
  return firstOf(row, ARTICLE_FIELDS) ?? '';
}

// A price table's page: during a full pass (from its first page until the pass is done) as
// blocks, one per bucket; afterwards (deltas) one record per row, hiding the blocks' copies.
// `bulk:TABLE` in meta keeps {full: a pass under way, seq: the next block's number, hidden:
// deletions were kept during the pass, sorted: the blocks of the finished pass are sorted}.
// The page that ends a pass sorts the blocks once it is kept (a page interrupted while sorting
// leaves buckets unsorted, still read correctly, sorted by the next page applied).
async function applyBulkPage(table, page, { replace, cursor }) {
  const state = await writeBulkPage(table, page, { replace, cursor });
  if (!state.full && !state.sorted) await sortBlocks(table);
}

async function writeBulkPage(table, page, { replace, cursor }) {
  const db = await open();
  const tx = db.transaction(['rows', 'blocks', 'meta'], 'readwrite', WRITE);
  const rows = tx.objectStore('rows');
  const meta = tx.objectStore('meta');
  let state = (await result(meta.get(`bulk:${table}`)))?.v || { full: false, seq: 0, hidden: false, sorted: true };
  if (replace) {
    rows.delete(tableRange(table));
    tx.objectStore('blocks').delete(tableRange(table));
    state = { full: true, seq: 0, hidden: false, sorted: false };
  }
  for (const key of page.deleted) rows.put({ t: table, k: String(key), x: 1 });
  if (state.full) {
    // A row deleted earlier in this pass and sent again: its deletion must not hide it.
    if (state.hidden) for (const row of page.rows) rows.delete([table, rowKey(table, row)]);
    const blocks = tx.objectStore('blocks');
    for (const [b, x] of blockTexts(page.rows, articleOf, (row) => rowKey(table, row))) {
      blocks.put({ t: table, b, s: state.seq, x });
    }
    state = { ...state, full: !cursor.done, seq: state.seq + 1, hidden: state.hidden || page.deleted.length > 0 };
  } else {
    for (const row of page.rows) rows.put(record(table, row));
  }
  meta.put({ k: `bulk:${table}`, v: state });
  meta.put({ k: `cursor:${table}`, v: cursor });
  await done(tx);
  return state;
}

function passBlocks(table, b) {
  return IDBKeyRange.bound([table, b], [table, b, ''], false, true); // numbers sort before strings and arrays
}

// Each bucket's blocks of the finished pass sorted by article into chunks, a bucket per transaction.
async function sortBlocks(table) {
  const db = await open();
  for (let b = 0; b < BUCKETS; b += 1) {
    const tx = db.transaction('blocks', 'readwrite', WRITE);
    const blocks = tx.objectStore('blocks');
    const found = await result(blocks.getAll(passBlocks(table, b)));
    if (found.length) {
      blocks.delete(passBlocks(table, b));
      for (const chunk of sortedChunks(found.map((block) => block.x))) blocks.put({ t: table, b, s: [chunk.first], x: chunk.x });
    }
    await done(tx);
  }
  const tx = db.transaction('meta', 'readwrite');
  const meta = tx.objectStore('meta');
  const state = (await result(meta.get(`bulk:${table}`)))?.v;
  if (state && !state.full) meta.put({ k: `bulk:${table}`, v: { ...state, sorted: true } });
  return done(tx);
}

/** Every table's kept cursor: {table: {since, done}}. */
export async function cursors() {
  const all = await read('meta', (store) => store.getAll(IDBKeyRange.bound('cursor:', 'cursor:\uffff')));
  return Object.fromEntries(all.map((entry) => [entry.k.slice(7), entry.v]));
}

/** Forget a table's rows and cursor (a table the user may no longer see). */
export async function dropTable(table) {
  const db = await open();
  const tx = db.transaction(['rows', 'blocks', 'meta'], 'readwrite');
  tx.objectStore('rows').delete(tableRange(table));
  tx.objectStore('blocks').delete(tableRange(table));
  tx.objectStore('meta').delete(`cursor:${table}`);
  tx.objectStore('meta').delete(`bulk:${table}`);
  return done(tx);
}

/** Every row of a table. */
export async function allRows(table) {
  if (isBulk(table)) return [...(await bulkRows(table)).values()];
  const found = await read('rows', (store) => store.getAll(tableRange(table)));
  return found.map((entry) => entry.r);
}

/** How many rows a table holds. */
export async function countRows(table) {
  if (isBulk(table)) return (await bulkRows(table)).size;
  return read('rows', (store) => store.count(tableRange(table)));
}

/** One row by its key (undefined when none). */
export async function getRow(table, key) {
  if (isBulk(table)) return (await bulkRows(table)).get(String(key));
  const found = await read('rows', (store) => store.get([table, String(key)]));
  return found ? found.r : undefined;
}

/** The rows of a table for one customer code (COD_CLIFOR / COD_CLFOR). */
export async function rowsOfCustomer(table, code) {
  if (isBulk(table)) return [...(await bulkRows(table)).values()].filter((row) => firstOf(row, CUSTOMER_FIELDS) === String(code));
  return byIndex('by_customer', table, code);
}

/** The rows of a table for one article code (COD_ART / COD_ARTICOLO). */
export function rowsOfArticle(table, code) {
  if (isBulk(table)) return bulkRowsOfArticle(table, code);
  return byIndex('by_article', table, code);
}

/** The rows of a table for one document (NUM_REG). */
export function rowsOfDocument(table, number) {
  return byIndex('by_document', table, number);
}

async function byIndex(index, table, value) {
  const found = await read('rows', (store) => store.index(index).getAll([table, String(value)]));
  return found.map((entry) => entry.r);
}

// The rows of one article of a price table: its bucket's blocks searched for its lines, less
// the keys a delta changed or deleted, plus the delta's rows of the article.
async function bulkRowsOfArticle(table, code) {
  const db = await open();
  const tx = db.transaction(['blocks', 'rows'], 'readonly');
  const b = bucketOf(code);
  const rows = tx.objectStore('rows');
  const blocks = tx.objectStore('blocks');
  const [pass, chunk, newer, kept] = await Promise.all([
    result(blocks.getAll(passBlocks(table, b))),
    result(blocks.openCursor(IDBKeyRange.bound([table, b, []], [table, b, [String(code)]]), 'prev')),
    result(rows.index('by_article').getAll([table, String(code)])), result(rows.count(tableRange(table)))]);
  const found = rowsIn([...(chunk ? [chunk.value.x] : []), ...pass.map((block) => block.x)], code);
  if (kept && found.size) await dropHidden(db, table, found);
  return [...found.values(), ...newer.map((entry) => entry.r)];
}

async function dropHidden(db, table, found) {
  const store = db.transaction('rows', 'readonly').objectStore('rows');
  const keys = [...found.keys()];
  const hits = await Promise.all(keys.map((key) => result(store.getKey([table, key]))));
  hits.forEach((hit, index) => { if (hit !== undefined) found.delete(keys[index]); });
}

// Every row of a price table, Map key -> row (for the rare reader that wants them all), a
// bucket at a time.
async function bulkRows(table) {
  const db = await open();
  const found = new Map();
  for (let b = 0; b < BUCKETS; b += 1) {
    const blocks = await read('blocks', (store) => store.getAll(IDBKeyRange.bound([table, b], [table, b + 1], false, true)));
    for (const [key, row] of allRowsIn(blocks.map((block) => block.x))) found.set(key, row);
  }
  const delta = await result(db.transaction('rows', 'readonly').objectStore('rows').getAll(tableRange(table)));
  for (const entry of delta) {
    if (entry.x) found.delete(entry.k);
    else found.set(entry.k, entry.r);
  }
  return found;
}

/** Walk a table's rows in key order, a batch at a time (not all in memory at once): fn(row) for each. */
export async function eachRow(table, fn, batch = 5000) {
  if (isBulk(table)) { for (const row of await allRows(table)) fn(row); return; }
  let range = tableRange(table);
  for (;;) {
    const found = await read('rows', (store) => store.getAll(range, batch));
    for (const entry of found) fn(entry.r);
    if (found.length < batch) return;
    range = IDBKeyRange.bound([table, found[found.length - 1].k], [table, []], true, false);
  }
}

// -- catalog and reports ----------------------------------------------------------------------

function folderRecord(area, folder) {
  return { ...folder, area, parent: folder.parent_id ?? 0 };
}

function itemRecord(area, item) {
  return { ...item, area, folder: item.folder_id ?? 0, article: item.article ?? '' };
}

/** Apply one catalog or reports listing in one transaction, with its cursor. */
export async function applyListing(area, page, { replace }) {
  const db = await open();
  const tx = db.transaction(['folders', 'items', 'meta'], 'readwrite', WRITE);
  const folders = tx.objectStore('folders');
  const items = tx.objectStore('items');
  const range = IDBKeyRange.bound([area], [area, []]);
  if (replace) { folders.delete(range); items.delete(range); }
  for (const id of page.deleted?.folders || []) folders.delete([area, id]);
  for (const id of page.deleted?.items || []) items.delete([area, id]);
  for (const folder of page.folders || []) folders.put(folderRecord(area, folder));
  for (const item of page.items || []) items.put(itemRecord(area, item));
  tx.objectStore('meta').put({ k: `listing:${area}`, v: { since: page.cursor, done: !page.more } });
  return done(tx);
}

/** The kept cursor of a listing ('catalog' | 'reports'). */
export function listingCursor(area) {
  return getMeta(`listing:${area}`);
}

/** Forget a listing (the user lost its module). */
export async function dropListing(area) {
  const db = await open();
  const tx = db.transaction(['folders', 'items', 'meta'], 'readwrite');
  const range = IDBKeyRange.bound([area], [area, []]);
  tx.objectStore('folders').delete(range);
  tx.objectStore('items').delete(range);
  tx.objectStore('meta').delete(`listing:${area}`);
  return done(tx);
}

/** The subfolders of a folder (0: the top level). */
export function subfolders(area, parent) {
  return read('folders', (store) => store.index('by_parent').getAll([area, parent]));
}

/** One folder. */
export function folder(area, id) {
  return read('folders', (store) => store.get([area, id]));
}

/** The items of a folder. */
export function folderItems(area, folderId) {
  return read('items', (store) => store.index('by_folder').getAll([area, folderId]));
}

/** Every item of an area. */
export function allItems(area) {
  return read('items', (store) => store.getAll(IDBKeyRange.bound([area], [area, []])));
}

/** The catalog items linked to an article. */
export function itemsOfArticle(code) {
  return read('items', (store) => store.index('by_article').getAll(['catalog', code]));
}

// -- files kept offline -----------------------------------------------------------------------

/** A kept file ({url, hash, blob, size}) or undefined. */
export function getFile(url) {
  return read('files', (store) => store.get(url));
}

/** Keep a downloaded file under its url. */
export async function putFile(url, hash, blob) {
  const db = await open();
  const tx = db.transaction('files', 'readwrite');
  tx.objectStore('files').put({ url, hash, blob, size: blob.size });
  return done(tx);
}

/** The urls and hashes of every kept file. */
export async function keptFiles() {
  const db = await open();
  const tx = db.transaction('files', 'readonly');
  const keys = await result(tx.objectStore('files').getAllKeys());
  return new Set(keys);
}

// -- outbox (documents not sent yet) ----------------------------------------------------------

/** How many documents wait in the outbox: sign-out refuses while there are any. */
export function outboxCount() {
  return read('outbox', (store) => store.count());
}

/** Every document of the outbox, oldest first. */
export async function outboxEntries() {
  const found = await read('outbox', (store) => store.getAll());
  return found.sort((a, b) => String(a.queued_at).localeCompare(String(b.queued_at)));
}

/** One outbox document (undefined when none). */
export function outboxEntry(guid) {
  return read('outbox', (store) => store.get(guid));
}

/**
 * Write outbox documents and meta records in one transaction: `put` outbox entries, `drop`
 * outbox guids, `meta` {key: value} (value undefined deletes the key). A document moves
 * from draft to outbox, or from outbox to the sent list, whole or not at all.
 */
export async function moveDocuments({ put = [], drop = [], meta = {} }) {
  const db = await open();
  const tx = db.transaction(['outbox', 'meta'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  for (const guid of drop) outbox.delete(guid);
  for (const entry of put) outbox.put(entry);
  for (const [key, value] of Object.entries(meta)) {
    if (value === undefined) tx.objectStore('meta').delete(key);
    else tx.objectStore('meta').put({ k: key, v: value });
  }
  return done(tx);
}

/** Every meta value whose key starts with `prefix` ('draft:', 'sent:'). */
export async function metaWithPrefix(prefix) {
  const all = await read('meta', (store) => store.getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`)));
  return all.map((entry) => entry.v);
}

// -- everything -------------------------------------------------------------------------------

/** Forget every kept row, file, cursor and setting of this user (sign-out). The outbox must be empty. */
export async function wipe() {
  const db = await open();
  const names = ['meta', 'rows', 'blocks', 'folders', 'items', 'files'];
  const tx = db.transaction([...names, 'outbox'], 'readwrite');
  const waiting = await result(tx.objectStore('outbox').count());
  if (waiting > 0) {
    tx.abort();
    throw new Error('outbox not empty');
  }
  for (const name of names) tx.objectStore(name).clear();
  return done(tx);
}
