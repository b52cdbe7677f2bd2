// Device and sync: who is signed in, the sync state, storage used, language, "keep the
// catalog offline", sign-out (refused while the outbox holds documents not sent yet).

import * as db from '../db.js';
import * as fmt from '../fmt.js';
import { html } from '../html.js';
import { lang, setLang, t } from '../i18n.js';
import { syncText } from '../sync-state.js';
import * as session from '../session.js';
import * as sync from '../sync.js';

async function storage() {
  if (!navigator.storage?.estimate) return { used: 0, quota: 0, persisted: false };
  const [estimate, persisted] = await Promise.all([navigator.storage.estimate(),
    navigator.storage.persisted ? navigator.storage.persisted() : false]);
  return { used: estimate.usage || 0, quota: estimate.quota || 0, persisted };
}

function mediaText(media) {
  if (!media) return '';
  if (media.done) return t('media.done');
  return t('media.progress', { done: media.filesDone, total: media.filesTotal, size: fmt.bytes(media.bytesTotal) });
}

export async function render(root, params, ctx) {
  const user = session.session();
  const [space, last, items] = await Promise.all([storage(), db.getMeta('sync:last'),
    session.hasModule('catalog') ? db.allItems('catalog') : []]);
  const images = items.filter((i) => i.type === 'image');
  const imageBytes = images.reduce((sum, i) => sum + (i.size || 0), 0);
  const keepOffline = (await db.getMeta('setting:keep_catalog')) === true;
  root.innerHTML = html`
    <h1>${t('nav.settings')}</h1>
    <dl class="fields">
      <dt>${t('settings.user')}</dt><dd>${user.user.display_name} (${user.user.username})
        ${user.user.agent_code ? html` · ${t('settings.agent')} ${user.user.agent_code}` : ''}</dd>
      <dt>${t('settings.project')}</dt><dd>${user.project.name || user.project.code}</dd>
      <dt>${t('settings.sync')}</dt><dd id="settings-sync"></dd>
      <dt>${t('settings.last_sync')}</dt><dd>${last ? `${fmt.date(last.at)} ${fmt.time(last.at)}` : t('sync.never')}</dd>
      <dt>${t('settings.storage')}</dt><dd data-testid="storage-used">${t('settings.storage_used', { used: fmt.bytes(space.used), quota: fmt.bytes(space.quota) })}
        · ${space.persisted ? t('settings.persisted') : t('settings.not_persisted')}</dd>
      <dt>${t('settings.language')}</dt><dd>${['it', 'en'].map((code) => html`<button type="button"
        class="button${code === lang() ? ' primary' : ''}" data-lang="${code}">${t(`lang.${code}`)}</button> `)}</dd>
    </dl>
    <p><button class="button primary" type="button" id="settings-sync-now">${t('sync.now')}</button></p>
    ${session.hasModule('catalog') ? html`<h2>${t('nav.catalog')}</h2>
      <label class="switch"><input type="checkbox" id="keep-catalog" data-testid="keep-catalog" ${keepOffline ? 'checked' : ''}>
        ${t('media.keep', { count: fmt.count(images.length), size: fmt.bytes(imageBytes) })}</label>
      <p class="muted" id="media-state"></p>` : ''}
    <h2>${t('signout.title')}</h2>
    <p class="muted">${t('signout.explain')}</p>
    <p><button class="button danger" type="button" id="sign-out" data-testid="sign-out">${t('signout.button')}</button></p>
    <p class="bad" id="sign-out-error" role="alert"></p>
    <p class="muted">${t('settings.device')}: ${session.deviceId()}</p>`.text;
  const syncBox = root.querySelector('#settings-sync');
  const mediaBox = root.querySelector('#media-state');
  const update = (state) => {
    syncBox.innerHTML = syncText(state).text;
    if (mediaBox) mediaBox.textContent = mediaText(state.media);
  };
  update(sync.current());
  const unwatch = sync.watch(update);
  root.querySelector('#settings-sync-now').addEventListener('click', () => sync.syncNow());
  for (const button of root.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => { setLang(button.dataset.lang, true); location.reload(); });
  }
  root.querySelector('#keep-catalog')?.addEventListener('change', async (event) => {
    await db.setMeta('setting:keep_catalog', event.target.checked);
    if (event.target.checked && !sync.keepCatalogOffline()) ctx.toast(t('sync.offline'));
  });
  root.querySelector('#sign-out').addEventListener('click', async () => {
    const error = root.querySelector('#sign-out-error');
    if (await session.signOutRefusal()) { error.textContent = t('signout.refused'); return; }
    if (!window.confirm(t('signout.confirm'))) return;
    sync.stop();
    await session.signOut();
    await ctx.restart();
  });
  return unwatch;
}
