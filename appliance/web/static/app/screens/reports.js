// Reports: the user's PDFs by folder, opened in the browser's viewer, kept offline once opened.

import * as db from '../db.js';
import { objectUrl } from '../files.js';
import * as fmt from '../fmt.js';
import { html } from '../html.js';
import { icon } from '../icons.js';
import { t } from '../i18n.js';

export async function render(root, [folder], ctx) {
  const folderId = Number(folder) || 0;
  const [folders, items, here, kept] = await Promise.all([db.subfolders('reports', folderId),
    db.folderItems('reports', folderId), folderId ? db.folder('reports', folderId) : null, db.keptFiles()]);
  folders.sort((a, b) => a.name.localeCompare(b.name));
  items.sort((a, b) => (a.sort ?? 1e9) - (b.sort ?? 1e9) || a.title.localeCompare(b.title));
  root.innerHTML = html`
    <h1>${t('nav.reports')}</h1>
    ${here ? html`<p class="crumbs"><a href="#/reports">${t('nav.reports')}</a> › ${(here.path || [here.name]).join(' › ')}</p>` : ''}
    <ul class="list">
      ${folders.map((f) => html`<li><a class="row" href="#/reports/${f.id}" data-testid="report-folder">
        <span class="row-main">${icon('folder')} <strong>${f.name}</strong></span></a></li>`)}
      ${items.map((item) => html`<li><button type="button" class="row" data-testid="report-row" data-url="${item.url}" data-hash="${item.hash}">
        <span class="row-main">${icon('document')} <strong>${item.title}</strong>
          ${kept.has(item.url) ? html`<span class="badge" data-testid="report-offline">${t('reports.offline')}</span>` : ''}</span>
        <span class="row-sub">${item.file_name} · ${fmt.bytes(item.size)}</span></button></li>`)}
    </ul>
    ${!folders.length && !items.length ? html`<p class="muted">${t('reports.empty')}</p>` : ''}`.text;
  for (const button of root.querySelectorAll('[data-testid=report-row]')) {
    button.addEventListener('click', async () => {
      const viewer = window.open('', '_blank');
      const src = await objectUrl(button.dataset.url, button.dataset.hash);
      if (!src) { if (viewer) viewer.close(); ctx.toast(t('reports.unavailable')); return; }
      if (viewer) viewer.location.href = src; else location.href = src;
      render(root, [folder], ctx);
    });
  }
}
