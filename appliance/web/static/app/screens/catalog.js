// The catalog: folders with thumbnails, their photos and documents, and the article search.

import * as db from '../db.js';
import { lazyImages } from '../files.js';
import * as fmt from '../fmt.js';
import { html } from '../html.js';
import { icon } from '../icons.js';
import { t } from '../i18n.js';
import { search, unpackArticles } from '../indexes.js';
import * as session from '../session.js';

const SHOWN = 100;
let articles = null;

async function loadArticles() {
  articles = unpackArticles(await db.getMeta('index:articles'));
  return articles;
}

/** The positions of the articles matching `query` (code, description, barcode), at most SHOWN. */
export function findArticles(query) {
  return search(articles.text, query, SHOWN);
}

function thumb(url, hash, label) {
  return url ? html`<img data-src="${url}" data-hash="${hash || ''}" alt="${label}" class="thumb">`
    : html`<span class="thumb placeholder">${icon('folder', 64)}</span>`;
}

async function folderView(folderId) {
  const [folders, items, here] = await Promise.all([db.subfolders('catalog', folderId), db.folderItems('catalog', folderId),
    folderId ? db.folder('catalog', folderId) : null]);
  folders.sort((a, b) => a.name.localeCompare(b.name));
  items.sort((a, b) => (a.sort ?? 1e9) - (b.sort ?? 1e9) || a.title.localeCompare(b.title));
  return html`
    ${here ? html`<p class="crumbs"><a href="#/catalog">${t('nav.catalog')}</a> › ${(here.path || [here.name]).join(' › ')}
      ${here.parent ? html` · <a href="#/catalog/${here.parent}">${t('catalog.up')}</a>` : ''}</p>` : ''}
    <ul class="tiles">${folders.map((f) => html`<li><a class="tile" href="#/catalog/${f.id}" data-testid="catalog-folder">
      ${thumb(f.thumb_url, '', f.name)}<span>${f.name}</span></a></li>`)}
    ${items.map((item) => html`<li><a class="tile" href="${item.article ? `#/article/${encodeURIComponent(item.article)}` : '#'}"
      data-testid="catalog-item" data-item="${item.id}">
      ${item.thumb_url ? thumb(item.thumb_url, item.hash, item.title) : html`<span class="thumb placeholder">${icon(item.type === 'pdf' ? 'document' : 'video', 64)}</span>`}
      <span>${item.title}</span>${item.article ? html`<span class="muted">${item.article}</span>` : ''}</a></li>`)}</ul>
    ${!folders.length && !items.length ? html`<p class="muted">${t('catalog.empty')}</p>` : ''}`;
}

function articleRows(found) {
  return html`<ul class="list">${found.map((i) => html`<li><a class="row" href="#/article/${encodeURIComponent(articles.codes[i])}"
    data-testid="article-row" data-code="${articles.codes[i]}"><span class="row-main"><strong>${articles.codes[i]}</strong>
    ${articles.names[i]}</span></a></li>`)}</ul>`;
}

export async function render(root, [folder]) {
  const folderId = Number(folder) || 0;
  const showCatalog = session.hasModule('catalog');
  root.innerHTML = html`
    <div class="toolbar"><input type="search" class="search" data-testid="article-search" id="article-search"
      placeholder="${t('catalog.search')}" autocomplete="off" autocapitalize="none"></div>
    <p class="muted" id="article-count"></p>
    <div id="article-results"></div>
    <div id="catalog-browse" data-folder="${folderId}">${showCatalog ? await folderView(folderId) : ''}</div>`.text;
  const input = root.querySelector('#article-search');
  const results = root.querySelector('#article-results');
  const browse = root.querySelector('#catalog-browse');
  const counter = root.querySelector('#article-count');
  let stopImages = lazyImages(root);
  const show = () => {
    const query = input.value.trim();
    browse.hidden = Boolean(query);
    if (!query) { results.innerHTML = ''; counter.textContent = ''; return; }
    const found = findArticles(query);
    results.innerHTML = articleRows(found).text;
    counter.textContent = found.length >= SHOWN ? t('articles.many', { shown: SHOWN }) : t('articles.count', { found: fmt.count(found.length) });
  };
  input.value = sessionStorage.getItem('articles.query') || '';
  input.addEventListener('input', () => { sessionStorage.setItem('articles.query', input.value); show(); });
  await loadArticles();
  show();
  return () => stopImages();
}
