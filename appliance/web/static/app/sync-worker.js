// The sync worker: fetches the summary and the pages, applies each page in one IndexedDB
// transaction with its cursor, builds the search indexes, downloads files for offline use.
// All of it off the page's thread, so the app stays responsive while hundreds of thousands
// of rows arrive. Messages in: {cmd: 'sync' | 'media', token, limit}. Messages out:
// {type: 'progress' | 'done' | 'error', ...}.

import * as api from './api.js';
import * as db from './db.js';
import { isBulk } from './bulk-rows.js';
import { buildIndexes, INDEXED_TABLES } from './indexes.js';

const LISTINGS = { catalog: 'catalog', reports: 'reports' };
let busy = false;
const LANES = 3;
const MAX_LIMIT = 50000;
const BULK_DELTA_ROWS = 20000;
// Where a sync's time went (seconds waiting for pages, writing them), for the benchmark and the log.
const stats = { waiting: 0, writing: 0, pages: 0 };

self.onmessage = async (event) => {
  const job = event.data;
  if (busy) { self.postMessage({ type: 'busy' }); return; }
  busy = true;
  api.setRequestTimeout(job.timeout);
  try {
    const outcome = job.cmd === 'media' ? await keepMedia(job) : await syncAll(job);
    self.postMessage({ type: 'done', ...outcome });
  } catch (error) {
    self.postMessage({ type: 'error', status: error.status ?? -1, reason: error.reason || '', detail: error.message });
  } finally {
    busy = false;
  }
};

function plan(summary, kept) {
  const tables = [];
  for (const [table, info] of Object.entries(summary.tables)) {
    const cursor = kept[table];
    if (cursor && !cursor.done) tables.push({ table, since: cursor.since, rows: info.changed });
    else if (!cursor || info.full || rewrite(table, info)) tables.push({ table, since: null, rows: info.rows });
    else if (info.changed > 0) tables.push({ table, since: cursor.since, rows: info.changed });
  }
  return tables;
}

// A price table whose rows mostly changed (a new price list) is synced in full: written as
// blocks, much faster than its delta written row by row.
function rewrite(table, info) {
  return isBulk(table) && info.changed > BULK_DELTA_ROWS && info.changed * 2 > info.rows;
}

// A price table's full pass asks for bigger pages: fewer, fuller blocks.
function pageLimit(table, limit) {
  return isBulk(table) ? Math.min(MAX_LIMIT, limit * 4) : limit;
}

async function syncAll({ token, limit, modules }) {
  const started = performance.now();
  Object.assign(stats, { waiting: 0, writing: 0, pages: 0 });
  const summary = await api.syncSummary(token);
  const kept = await db.cursors();
  for (const table of Object.keys(kept)) if (!(table in summary.tables)) await db.dropTable(table);
  const work = plan(summary, kept);
  const progress = { tablesDone: 0, tablesTotal: work.length, rowsDone: 0,
                     rowsTotal: work.reduce((sum, w) => sum + w.rows, 0), table: '' };
  const changed = new Set();
  const queue = work.slice();
  // A few tables at once: one table's page is written while others' pages are on the way.
  // The first failure stops every lane before the next page, and is reported once they all stopped.
  const run = { failure: null };
  const lane = async () => {
    try {
      for (let step = queue.shift(); step && !run.failure; step = queue.shift()) {
        progress.table = step.table;
        self.postMessage({ type: 'progress', ...progress });
        await syncTable(token, step, limit, progress, run);
        changed.add(step.table);
        progress.tablesDone += 1;
      }
    } catch (error) {
      run.failure ||= error;
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  if (run.failure) throw run.failure;
  for (const area of Object.keys(LISTINGS)) {
    if ((modules || []).includes(area)) await syncListing(token, area, limit);
    else await db.dropListing(area);
  }
  const indexing = performance.now();
  if (INDEXED_TABLES.some((table) => changed.has(table)) || !(await db.getMeta('index:articles'))) {
    await buildIndexes();
  }
  stats.indexing = performance.now() - indexing;
  const at = new Date().toISOString();
  const figures = { seconds: (performance.now() - started) / 1000, waiting: stats.waiting / 1000,
                    writing: stats.writing / 1000, indexing: stats.indexing / 1000, pages: stats.pages, rows: progress.rowsDone, tables: work.length };
  await db.setMeta('sync:last', { at, checkpoint: summary.checkpoint, ...figures });
  return { at, ...figures };
}

async function syncTable(token, step, pageSize, progress, run) {
  const limit = step.since === null ? pageLimit(step.table, pageSize) : pageSize;
  let since = step.since;
  let replace = since === null;
  let fetching = api.syncPage(token, step.table, since, limit);
  for (;;) {
    let page;
    const waited = performance.now();
    try {
      page = await fetching;
      stats.waiting += performance.now() - waited;
    } catch (error) {
      if (error.status !== 410 || replace) throw error;
      // The cursor cannot give a delta any more: this table is synced again in full.
      since = null;
      replace = true;
      fetching = api.syncPage(token, step.table, null, limit);
      continue;
    }
    // Ask for the next page while this one is written.
    fetching = page.more ? api.syncPage(token, step.table, page.next, limit) : null;
    if (fetching) fetching.catch(() => {});
    if (run.failure) return;
    const writing = performance.now();
    await db.applyPage(step.table, page, { replace, cursor: { since: page.next, done: !page.more } });
    stats.writing += performance.now() - writing;
    stats.pages += 1;
    replace = false;
    progress.rowsDone += page.rows.length + page.deleted.length;
    self.postMessage({ type: 'progress', ...progress });
    if (!page.more) return;
  }
}

async function syncListing(token, area, limit) {
  const kept = await db.listingCursor(area);
  let since = kept ? kept.since : null;
  let replace = since === null;
  for (;;) {
    let page;
    try {
      page = await api.listing(token, LISTINGS[area], since, Math.min(limit, 20000));
    } catch (error) {
      if (error.status !== 410 || replace) throw error;
      since = null;
      replace = true;
      continue;
    }
    await db.applyListing(area, page, { replace });
    replace = false;
    since = page.cursor;
    if (!page.more) return;
  }
}

// -- "keep the catalog offline": every image and thumbnail of the catalog ----------------------

async function keepMedia({ token }) {
  const items = (await db.allItems('catalog')).filter((item) => item.type === 'image');
  const kept = await db.keptFiles();
  const wanted = [];
  for (const item of items) {
    if (item.thumb_url && !kept.has(item.thumb_url)) wanted.push({ url: item.thumb_url, hash: item.hash, size: 0 });
    if (!kept.has(item.url)) wanted.push({ url: item.url, hash: item.hash, size: item.size || 0 });
  }
  const unique = [...new Map(wanted.map((w) => [w.url, w])).values()];
  const bytesTotal = unique.reduce((sum, w) => sum + w.size, 0);
  let bytesDone = 0;
  let filesDone = 0;
  for (const want of unique) {
    const blob = await api.file(token, want.url);
    await db.putFile(want.url, want.hash, blob);
    bytesDone += want.size || blob.size;
    filesDone += 1;
    self.postMessage({ type: 'media', filesDone, filesTotal: unique.length, bytesDone, bytesTotal });
  }
  return { media: true, files: filesDone };
}
