// The only module that talks to the appliance (the public device API, /api/v1/...).
// Decimals arrive as JSON numbers with the ERP's digits: they are read as decimal strings,
// never as doubles, so "23.81000000" stays exactly that.

const BASE = '/api/v1';
export const APP_VERSION = '1.0';

/** A refused or failed request: `status` 0 means the appliance could not be reached. */
export class ApiError extends Error {
  constructor(status, detail, reason = '') {
    super(detail);
    this.status = status;
    this.reason = reason || (status === 0 ? 'offline' : '');
  }
}

// Strings are copied as they are; numbers with a fraction or exponent become strings.
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+(?:[eE][+-]?\d+)?|[eE][+-]?\d+)/g;

/** JSON text parsed with every non-integer number kept as its decimal text. */
export function parseDecimalJson(text) {
  return JSON.parse(text.replace(TOKENS, (token) => (token[0] === '"' ? token : `"${token}"`)));
}

// A request that gets no answer in this time (a Wi-Fi that dropped mid-answer) fails like an
// unreachable appliance instead of holding the sync forever.
function timeoutMs() {
  return Number(globalThis.localStorage?.getItem('appmanager.request_timeout')) || requestTimeout;
}
let requestTimeout = 60000;

/** Change the request timeout (the sync worker receives the page's setting). */
export function setRequestTimeout(ms) {
  if (ms > 0) requestTimeout = ms;
}

async function request(path, { token, method = 'GET', body, raw, signal, accept = 'json', headers = {} } = {}) {
  const options = { method, signal: signal || AbortSignal.timeout(timeoutMs()), headers: { ...headers },
                    cache: 'no-store' };
  if (token) options.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  } else if (raw !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = raw;
  }
  let reply;
  try {
    reply = await fetch(path, options);
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, error.name === 'TimeoutError' ? 'The appliance did not answer in time.'
      : 'The appliance cannot be reached.');
  }
  if (reply.status === 304) return null;
  if (!reply.ok) throw await problem(reply);
  let text;
  try {
    if (accept === 'blob') return await reply.blob();
    if (reply.status === 204) return null;
    text = await reply.text();
  } catch (error) {
    throw new ApiError(0, 'The answer was cut off.');
  }
  return accept === 'decimal' ? parseDecimalJson(text) : JSON.parse(text);
}

async function problem(reply) {
  let detail = `${reply.status} ${reply.statusText}`;
  let reason = '';
  let errors = [];
  try {
    const body = await reply.json();
    detail = body.detail || body.title || detail;
    reason = body.reason || '';
    errors = Array.isArray(body.errors) ? body.errors : [];
  } catch (ignored) { /* not problem+json */ }
  const error = new ApiError(reply.status, detail, reason);
  error.errors = errors;
  return error;
}

/** POST /login: {token, expires_at, user, config, project, license, server_time}. */
export function login(fields) {
  return request(`${BASE}/login`, { method: 'POST', body: { ...fields, app_version: APP_VERSION } });
}

/** POST /logout (the session ends on the appliance). */
export function logout(token) {
  return request(`${BASE}/logout`, { method: 'POST', token });
}

/** GET /config: the same user, config and license as the login, for a kept token. */
export function config(token) {
  return request(`${BASE}/config`, { token });
}

/** GET /sync: {checkpoint, tables: {name: {rows, changed, full, since}}}. */
export function syncSummary(token, signal) {
  return request(`${BASE}/sync`, { token, signal });
}

/** GET /sync/{table}: one page, decimals as strings. `since` null starts a full pass. */
export function syncPage(token, table, since, limit, signal) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (since) query.set('since', since);
  return request(`${BASE}/sync/${encodeURIComponent(table)}?${query}`, { token, signal, accept: 'decimal' });
}

/** GET /catalog or /reports: folders, items and deletions after `since`. */
export function listing(token, area, since, limit, signal) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (since) query.set('since', since);
  return request(`${BASE}/${area}?${query}`, { token, signal });
}

/** A file of the catalog or a report (its `url` or `thumb_url` from a listing), or the logo (`logo_url`), as a Blob. */
export function file(token, url, signal) {
  if (!url.startsWith(`${BASE}/files/`) && !url.startsWith(`${BASE}/logo?`)) throw new ApiError(400, `Not a file address: ${url}`);
  return request(url, { token, signal, accept: 'blob' });
}

/**
 * POST /documents: a batch of documents, `text` being {"documents": [{kind, document}, ...]}
 * already written as JSON (decimals as number literals). Answers {results: [{index, status, ...}]}.
 */
export function uploadDocuments(token, text, signal) {
  return request(`${BASE}/documents`, { token, method: 'POST', raw: text, signal, accept: 'decimal' });
}

/** GET /documents/orders: the user's orders whose status changed after `since` (all without it). */
export function orderStatus(token, since, limit = 1000) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (since) query.set('since', since);
  return request(`${BASE}/documents/orders?${query}`, { token });
}
