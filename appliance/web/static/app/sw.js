// The service worker: keeps the app's shell (its files, one version at a time) so that the
// app opens without a connection. The appliance writes the version and the file list into
// this text; a new version installs beside the old one, takes over, deletes the old cache
// and tells the open pages ("updated"). API requests are never cached here: the data lives
// in IndexedDB.

const VERSION = '__SHELL_VERSION__';
const FILES = __SHELL_FILES__;
const CACHE = `appmanager-shell-${VERSION}`;
const SCOPE = new URL('./', self.location).pathname;

self.addEventListener('install', (event) => {
  const urls = FILES.filter((name) => name !== 'sw.js').map((name) => SCOPE + name);
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([SCOPE, ...urls])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    const old = names.filter((name) => name.startsWith('appmanager-shell-') && name !== CACHE);
    await Promise.all(old.map((name) => caches.delete(name)));
    await self.clients.claim();
    if (old.length) {
      for (const client of await self.clients.matchAll({ type: 'window' })) {
        client.postMessage({ type: 'updated', version: VERSION });
      }
    }
  })());
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return;
  const path = url.pathname === SCOPE || url.pathname === SCOPE + 'index.html' ? SCOPE : url.pathname;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const kept = await cache.match(path);
    return kept || fetch(event.request);
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'version' && event.source) event.source.postMessage({ type: 'version', version: VERSION });
});
