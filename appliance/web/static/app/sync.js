// Sync control on the page: starts the sync worker on start, when the connection returns and
// on "Sync now", and keeps the visible state (synced / syncing with progress / offline / error).

import * as db from './db.js';
import * as session from './session.js';

const DEFAULT_LIMIT = 5000;
const listeners = new Set();
let worker = null;
let started = false;
let state = { state: 'synced', at: null, detail: '', progress: null, media: null };

function limit() {
  return Number(localStorage.getItem('appmanager.sync_limit')) || DEFAULT_LIMIT;
}

function set(changes) {
  state = { ...state, ...changes };
  for (const listener of listeners) listener(state);
}

/** The current state: {state: 'syncing'|'synced'|'offline'|'error', at, detail, reason, progress, media}. */
export function current() {
  return state;
}

/** Call `listener(state)` on every change; returns the function that stops it. */
export function watch(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function ensureWorker() {
  if (!worker) {
    worker = new Worker(new URL('./sync-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (event) => receive(event.data);
  }
  return worker;
}

function receive(message) {
  if (message.type === 'progress') set({ state: 'syncing', progress: message, detail: '' });
  else if (message.type === 'media') set({ media: message });
  else if (message.type === 'done' && message.media) set({ media: { ...state.media, done: true } });
  else if (message.type === 'done') {
    set({ state: 'synced', at: message.at, progress: null, detail: '', reason: '' });
    for (const listener of listeners) listener({ ...state, changed: true });
    db.getMeta('setting:keep_catalog').then((keep) => { if (keep) keepCatalogOffline(); });
  } else if (message.type === 'error') failed(message);
}

async function failed(message) {
  if (message.status === 0) { set({ state: 'offline', progress: null, detail: '' }); return; }
  if (message.status === 401) await session.expire();
  set({ state: 'error', progress: null, detail: message.detail, reason: message.reason || String(message.status) });
}

/** Start a sync unless one runs or the device is offline. */
export async function syncNow() {
  const user = session.session();
  if (!user || !user.token) return;
  if (!navigator.onLine) { set({ state: 'offline' }); return; }
  if (state.state === 'syncing') return;
  set({ state: 'syncing', progress: null, detail: '' });
  ensureWorker().postMessage({ cmd: 'sync', token: user.token, limit: limit(), modules: user.user.modules,
                               timeout: Number(localStorage.getItem('appmanager.request_timeout')) || 0 });
}

/** Download every catalog image and thumbnail for offline use (the "keep the catalog offline" switch). */
export function keepCatalogOffline() {
  const user = session.session();
  if (!user || !user.token || !navigator.onLine) return false;
  set({ media: { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 } });
  ensureWorker().postMessage({ cmd: 'media', token: user.token,
                               timeout: Number(localStorage.getItem('appmanager.request_timeout')) || 0 });
  return true;
}

/** Stop the worker (sign-out). */
export function stop() {
  if (worker) worker.terminate();
  worker = null;
  set({ state: 'synced', at: null, progress: null, detail: '' });
}

/** Read the last completed sync, sync on start and whenever the connection returns. */
export async function start() {
  const last = await db.getMeta('sync:last');
  set({ state: navigator.onLine ? 'synced' : 'offline', at: last ? last.at : null });
  if (!started) {
    started = true;
    window.addEventListener('online', () => syncNow());
    window.addEventListener('offline', () => { if (state.state !== 'syncing') set({ state: 'offline' }); });
  }
  syncNow();
}
