// Files of the catalog and the reports on screen: read from IndexedDB when kept, otherwise
// downloaded once (with the session's token) and kept, so what was seen stays offline.

import * as api from './api.js';
import * as db from './db.js';
import * as session from './session.js';

const urls = new Map();

/** An object URL for a file's `url` (kept or downloaded now), or '' when offline and not kept. */
export async function objectUrl(url, hash = '') {
  if (!url) return '';
  if (urls.has(url)) return urls.get(url);
  let kept = await db.getFile(url);
  if (!kept || (hash && kept.hash && kept.hash !== hash)) {
    const token = session.session()?.token;
    if (!token || !navigator.onLine) return kept ? remember(url, kept.blob) : '';
    try {
      const blob = await api.file(token, url);
      await db.putFile(url, hash, blob);
      kept = { blob };
    } catch (error) {
      return kept ? remember(url, kept.blob) : '';
    }
  }
  return remember(url, kept.blob);
}

function remember(url, blob) {
  const made = URL.createObjectURL(blob);
  urls.set(url, made);
  return made;
}

/** Fill every `img[data-src]` under `root` with its file, as it scrolls into view. */
export function lazyImages(root) {
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      const img = entry.target;
      objectUrl(img.dataset.src, img.dataset.hash).then((src) => {
        if (src) { img.src = src; img.classList.add('loaded'); } else img.classList.add('missing');
      });
    }
  }, { rootMargin: '200px' });
  for (const img of root.querySelectorAll('img[data-src]')) observer.observe(img);
  return () => observer.disconnect();
}
