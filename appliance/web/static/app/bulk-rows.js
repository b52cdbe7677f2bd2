// The price tables (io_listini_full, io_sconti: a million rows and more) are kept in blocks
// of text instead of one IndexedDB record per row. IndexedDB costs about the same for every
// record written whatever its size (about 0.1-0.15 ms in Chromium), so a million records
// take minutes; the same rows written as a few hundred blocks per page take seconds.
//
// A full pass groups each page's rows by a hash of the article into BUCKETS buckets and
// writes one block per bucket and page: {t, b, s, x}, x holding one line per row,
// `\n"ARTICLE"\t"KEY"\t{row as JSON}`. The price engine asks for the rows of one article:
// the blocks of its bucket are read and searched for the article's lines, which are the only
// ones parsed. Later pages win over earlier ones for the same key. When the pass is done,
// each bucket is sorted by article into chunks of about CHUNK_BYTES {t, b, s: [first
// article], x}: a lookup then reads one chunk (a few kB) instead of its bucket's every block.
// A delta (pages after a completed full pass) is small: its rows are kept one record per row
// in the `rows` store as for every other table, and its deletions as records {t, k, x: 1};
// either one hides the block's copy of its key.

export const BULK_TABLES = new Set(['io_listini_full', 'io_sconti']);
export const BUCKETS = 256;
const CHUNK_BYTES = 32 * 1024;

/** Is `table` kept in blocks? */
export function isBulk(table) {
  return BULK_TABLES.has(table);
}

/** The bucket of an article code (FNV-1a of its text). */
export function bucketOf(article) {
  const text = String(article ?? '');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % BUCKETS;
}

/** A page's rows as block texts: Map bucket -> text. `articleOf(row)` and `keyOf(row)` say where a row goes. */
export function blockTexts(rows, articleOf, keyOf) {
  const parts = new Map();
  for (const row of rows) {
    const article = articleOf(row);
    const bucket = bucketOf(article);
    let lines = parts.get(bucket);
    if (!lines) parts.set(bucket, (lines = []));
    lines.push(`\n${JSON.stringify(article)}\t${JSON.stringify(keyOf(row))}\t${JSON.stringify(row)}`);
  }
  return new Map([...parts].map(([bucket, lines]) => [bucket, lines.join('')]));
}

/** The rows of `article` in block texts (oldest block first): Map key -> row, the latest copy of each key. */
export function rowsIn(texts, article) {
  const needle = `\n${JSON.stringify(String(article))}\t`;
  const found = new Map();
  for (const text of texts) {
    for (let at = text.indexOf(needle); at >= 0;) {
      const end = text.indexOf('\n', at + needle.length);
      const line = text.slice(at + needle.length, end < 0 ? text.length : end);
      const tab = line.indexOf('\t');
      const key = JSON.parse(line.slice(0, tab));
      found.delete(key);
      found.set(key, JSON.parse(line.slice(tab + 1)));
      at = end < 0 ? -1 : text.indexOf(needle, end);
    }
  }
  return found;
}

/** Every row in block texts (oldest block first): Map key -> row, the latest copy of each key. */
export function allRowsIn(texts) {
  const found = new Map();
  for (const text of texts) {
    for (const line of text.split('\n')) {
      if (!line) continue;
      const first = line.indexOf('\t');
      const second = line.indexOf('\t', first + 1);
      const key = JSON.parse(line.slice(first + 1, second));
      found.delete(key);
      found.set(key, line.slice(second + 1));
    }
  }
  for (const [key, json] of found) found.set(key, JSON.parse(json));
  return found;
}

function lines(texts) {
  const byKey = new Map();
  for (const text of texts) {
    for (const line of text.split('\n')) {
      if (!line) continue;
      const first = line.indexOf('\t');
      const key = line.slice(first + 1, line.indexOf('\t', first + 1));
      byKey.delete(key);
      byKey.set(key, line);
    }
  }
  return [...byKey.values()];
}

/**
 * A bucket's blocks (oldest first) as chunks sorted by article, the latest copy of each key:
 * [{first: the chunk's first article, x: its text}]. An article's lines stay in one chunk.
 */
export function sortedChunks(texts) {
  const sorted = lines(texts).map((line) => [JSON.parse(line.slice(0, line.indexOf('\t'))), line]);
  sorted.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const chunks = [];
  let current = null;
  let size = 0;
  sorted.forEach(([article, line], index) => {
    if (!current || (size >= CHUNK_BYTES && article !== sorted[index - 1][0])) {
      current = { first: article, lines: [] };
      chunks.push(current);
      size = 0;
    }
    current.lines.push(line);
    size += line.length + 1;
  });
  return chunks.map((chunk) => ({ first: chunk.first, x: `\n${chunk.lines.join('\n')}` }));
}
