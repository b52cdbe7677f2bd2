// The app's few pictograms as inline SVG (no icon font, nothing fetched; emoji fonts are not everywhere).

import { raw } from './html.js';

const PATHS = {
  customers: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 9c0-3.3 3.1-6 7-6s7 2.7 7 6zm15-9a3 3 0 1 0 0-6M18 14c2.4.4 4 2.3 4 6',
  catalog: 'M3 7l9-4 9 4-9 4zm0 0v10l9 4 9-4V7M12 11v10',
  reports: 'M6 2h9l5 5v15H6zM14 2v6h6M9 13h8M9 17h8',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm8.5-3 1.5-1.2-2-3.5-1.8.6a7 7 0 0 0-2-1.2L16 4h-4l-.4 1.9a7 7 0 0 0-2 1.2L7.8 6.3l-2 3.5L7.3 11a7 7 0 0 0 0 2.3L5.8 14.5l2 3.5 1.8-.7a7 7 0 0 0 2 1.2L12 20h4l.4-1.9a7 7 0 0 0 2-1.2l1.8.7 2-3.5-1.5-1.2a7 7 0 0 0 0-2.3z',
  outbox: 'M4 13h4l2 3h4l2-3h4v7H4zM12 3v10M8 7l4-4 4 4',
  folder: 'M3 6h6l2 2h10v11H3z',
  document: 'M6 2h9l5 5v15H6zM14 2v6h6',
  video: 'M3 6h13v12H3zM16 10l5-3v10l-5-3',
};

/** An inline SVG pictogram by name (customers, catalog, reports, settings, folder, document, video). */
export function icon(name, size = 24) {
  return raw(`<svg class="icon" width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="currentColor" `
    + `stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="${PATHS[name]}"/></svg>`);
}
