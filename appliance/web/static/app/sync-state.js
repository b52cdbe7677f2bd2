// The sync state as the agent reads it (top bar and the settings screen).

import * as fmt from './fmt.js';
import { html } from './html.js';
import { t } from './i18n.js';

/** The sync state as markup: synced at HH:MM / syncing with progress / offline / error. */
export function syncText(state) {
  if (state.state === 'syncing') {
    const p = state.progress;
    if (!p) return html`<span>${t('sync.starting')}</span><progress></progress>`;
    return html`<span>${t('sync.progress', { done: p.tablesDone, total: p.tablesTotal,
                                               rows: fmt.count(p.rowsDone), rowsTotal: fmt.count(p.rowsTotal) })}</span>
      <progress max="${Math.max(p.rowsTotal, 1)}" value="${Math.min(p.rowsDone, p.rowsTotal)}"></progress>`;
  }
  if (state.state === 'offline') return html`<span>${t('sync.offline')}</span>${state.at ? html` <span class="muted">${t('sync.last', { time: fmt.time(state.at) })}</span>` : ''}`;
  if (state.state === 'error') return html`<span class="bad">${t('sync.error', { reason: state.detail || state.reason })}</span>`;
  return html`<span>${state.at ? t('sync.synced', { time: fmt.time(state.at) }) : t('sync.never')}</span>`;
}

