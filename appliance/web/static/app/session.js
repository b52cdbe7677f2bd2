// The signed-in user: token, user, config and project, kept in IndexedDB so that the app
// reopens offline without signing in again. The device id is kept apart (localStorage):
// it names this iPad and outlives sign-outs.

import * as api from './api.js';
import * as db from './db.js';

const DEVICE_KEY = 'appmanager.device_id';
let current = null;

/** This browser's stable device id (made once). */
export function deviceId() {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

function deviceName() {
  const touch = navigator.maxTouchPoints > 1;
  return touch ? 'iPad (web app)' : 'Browser (web app)';
}

/** The kept session, or null when nobody signed in on this device. */
export async function load() {
  current = (await db.getMeta('session')) || null;
  return current;
}

/** The session in use (after load or sign-in). */
export function session() {
  return current;
}

/** Is `module` granted to the user ('consultation', 'catalog', 'reports', ...)? */
export function hasModule(module) {
  return Boolean(current && (current.user.modules || []).includes(module));
}

/** A parameter from the login's config (or `fallback`). */
export function param(name, fallback) {
  const value = current?.config?.[name];
  return value === undefined ? fallback : value;
}

/**
 * Sign in. Another user's data on this device is forgotten first (which refuses while the
 * outbox is not empty); the same user signing in again keeps his data and cursors.
 */
export async function signIn(username, password) {
  const previous = current || (await db.getMeta('session'));
  const reply = await api.login({ username, password, device_id: deviceId(), device_name: deviceName() });
  if (previous && previous.user.username !== reply.user.username) await db.wipe();
  current = { token: reply.token, expires_at: reply.expires_at, user: reply.user, config: reply.config,
              project: reply.project, license: reply.license, signed_in_at: new Date().toISOString() };
  await db.setMeta('session', current);
  keepLogo().catch(() => {});
  return current;
}

/** Refresh user and config from the appliance when it answers (kept as they were offline). */
export async function refresh() {
  if (!current) return current;
  const reply = await api.config(current.token);
  current = { ...current, user: reply.user, config: reply.config, project: reply.project, license: reply.license };
  await db.setMeta('session', current);
  keepLogo().catch(() => {});
  return current;
}

/**
 * The project's logo as kept {blob}, or null. Downloaded once per version (its `logo_url` changes
 * with the logo) right after sign-in and refresh, so the print screen has it offline.
 */
export async function keepLogo() {
  const url = current?.project?.logo_url;
  if (!url) return null;
  const kept = await db.getFile(url);
  if (kept || !navigator.onLine || !current.token) return kept || null;
  try {
    const blob = await api.file(current.token, url);
    await db.putFile(url, current.project.logo_hash || '', blob);
    return { blob };
  } catch (error) {
    return null; // printed without the logo; the next refresh tries again
  }
}

/** The reason sign-out is refused ('outbox'), or '' when the local data may be forgotten. */
export async function signOutRefusal() {
  return (await db.outboxCount()) > 0 ? 'outbox' : '';
}

/** End the session and forget every kept row and file (the caller asked for confirmation). */
export async function signOut() {
  if (await signOutRefusal()) throw new Error('outbox');
  const token = current?.token;
  await db.wipe();
  current = null;
  if (token) api.logout(token).catch(() => {}); // offline: the session simply expires on the appliance
}

/** The token was refused (expired or revoked): keep the data, ask for the password again. */
export async function expire() {
  if (!current) return;
  current = { ...current, token: '' };
  await db.setMeta('session', current);
}
