// The shell: starts the service worker, reopens the kept session (offline too), draws the
// frame (title, sync state, navigation) and routes #/screen/... to one module per screen.

import { html } from './html.js';
import { icon } from './icons.js';
import { setLang, lang, t } from './i18n.js';
import * as session from './session.js';
import * as sync from './sync.js';
import { syncText } from './sync-state.js';
import * as outbox from './outbox.js';
import './texts-orders.js';

const SCREENS = {
  customers: () => import('./screens/customers.js'),
  customer: () => import('./screens/customer.js'),
  catalog: () => import('./screens/catalog.js'),
  article: () => import('./screens/article.js'),
  reports: () => import('./screens/reports.js'),
  settings: () => import('./screens/settings.js'),
  login: () => import('./screens/login.js'),
  order: () => import('./screens/order.js'),
  outbox: () => import('./screens/outbox.js'),
  form: () => import('./screens/forms.js'),
  print: () => import('./screens/print.js'),
};
const root = document.getElementById('app');
let leave = null;
let routing = 0;

const TOAST_MS = 4000;

/** Show a short message at the bottom of the screen. */
export function toast(text) {
  const box = document.getElementById('toast');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, TOAST_MS);
}

/** Go to a route ('customers', 'customer/C0001/open', ...). */
export function navigate(route) {
  if (location.hash === `#/${route}`) route_();
  else location.hash = `#/${route}`;
}

function navItems() {
  const items = [];
  if (session.hasModule('consultation')) items.push(['customers', 'nav.customers']);
  if (session.hasModule('consultation') || session.hasModule('catalog')) items.push(['catalog', 'nav.catalog']);
  if (session.hasModule('reports')) items.push(['reports', 'nav.reports']);
  items.push(['outbox', 'nav.outbox']);
  items.push(['settings', 'nav.settings']);
  return items;
}

function frame() {
  const user = session.session();
  root.innerHTML = html`
    <header class="bar">
      <div class="bar-title"><strong>${user.project?.name || user.project?.code || 'AppManager'}</strong>
        <span class="muted">${user.user.display_name || user.user.username}</span></div>
      <div class="sync" data-testid="sync-state" data-state="synced" id="sync-state"></div>
      <button class="button" type="button" id="sync-now" data-testid="sync-now">${t('sync.now')}</button>
    </header>
    <main id="screen" class="screen"></main>
    <nav class="tabs" id="tabs">
      ${navItems().map(([name, label]) => html`
        <a class="tab" href="#/${name}" data-testid="nav-${name}" data-screen="${name}">
          <span class="tab-icon">${icon(name)}</span><span>${t(label)}</span>${name === 'outbox'
            ? html`<span class="count" data-testid="outbox-count" data-count="0" hidden></span>` : ''}</a>`)}
    </nav>`.text;
  document.getElementById('sync-now').addEventListener('click', () => sync.syncNow());
  sync.watch(showSyncState);
  showSyncState(sync.current());
  showOutboxCount();
}

async function showOutboxCount() {
  const badge = document.querySelector('[data-testid="outbox-count"]');
  if (!badge) return;
  const count = await outbox.count();
  badge.dataset.count = String(count);
  badge.textContent = String(count);
  badge.hidden = count === 0;
}

function showSyncState(state) {
  // The appliance refused the token (expired, revoked): ask for the password, keep the data.
  if (state.state === 'error' && session.session() && !session.session().token) { navigate('login'); return; }
  const box = document.getElementById('sync-state');
  if (!box) return;
  box.dataset.state = state.state;
  box.innerHTML = syncText(state).text;
  document.getElementById('sync-now').disabled = state.state === 'syncing';
}

async function route_() {
  const ticket = ++routing;
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  let name = parts[0] || 'customers';
  if (!session.session()) name = 'login';
  else if (!session.session().token && name !== 'settings') name = 'login';
  else if (name === 'login' || !SCREENS[name]) name = navItems()[0][0];
  if (leave) { leave(); leave = null; }
  if (name === 'login') { root.innerHTML = ''; } else if (!document.getElementById('screen')) frame();
  const module = await SCREENS[name]();
  if (ticket !== routing) return;
  const target = name === 'login' ? root : document.getElementById('screen');
  for (const tab of document.querySelectorAll('.tab')) {
    tab.classList.toggle('active', tab.dataset.screen === name || (tab.dataset.screen === 'customers' && name === 'customer')
      || (tab.dataset.screen === 'catalog' && name === 'article')
      || (tab.dataset.screen === 'outbox' && ['order', 'form', 'print'].includes(name)));
  }
  target.scrollTop = 0;
  leave = (await module.render(target, parts.slice(1), context)) || null;
}

const context = {
  navigate,
  toast,
  /** After sign-in or sign-out: draw the frame again for the (new) user. */
  restart: async () => {
    root.innerHTML = '';
    if (session.session()?.token) { sync.start(); outbox.start(sync.watch); navigate(navItems()[0][0]); } else { sync.stop(); navigate('login'); }
  },
};

const SHELL_VERSION = 'appmanager.shell';

/** Say "updated" when the shell's version differs from the one the agent was last told about. */
function noteShellVersion(version) {
  const told = localStorage.getItem(SHELL_VERSION);
  if (told === version) return;
  if (!told) { localStorage.setItem(SHELL_VERSION, version); return; } // the first version is no news
  toast(t('app.updated'));
  // Told once the notice has been on screen: a page that hears of the update while it is being
  // left (a reload) leaves the news to the page that follows.
  setTimeout(() => localStorage.setItem(SHELL_VERSION, version), TOAST_MS);
}

function serviceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const workers = navigator.serviceWorker;
  // A new version's own "updated" is lost when it takes over during a page load; asking the
  // worker that controls the page (at start and whenever another takes over) is not.
  workers.addEventListener('message', (event) => {
    if (['updated', 'version'].includes(event.data?.type)) noteShellVersion(event.data.version);
  });
  const ask = () => workers.controller?.postMessage('version');
  workers.addEventListener('controllerchange', ask);
  ask();
  workers.register('sw.js', { scope: './' }).catch((error) => console.warn('service worker', error));
}

async function boot() {
  setLang(localStorage.getItem('appmanager.lang') || (navigator.language || 'it').slice(0, 2));
  document.documentElement.lang = lang();
  serviceWorker();
  if (navigator.storage?.persist) navigator.storage.persist().catch(() => {});
  await session.load();
  window.addEventListener('hashchange', route_);
  outbox.watch(showOutboxCount);
  if (session.session()?.token) {
    sync.start();
    outbox.start(sync.watch);
    if (navigator.onLine) session.refresh().catch(() => {});
  }
  route_();
}

boot();
