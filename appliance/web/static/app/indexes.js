// Search indexes, built by the sync worker after the tables they come from changed, kept in
// `meta` as compact arrays: the screens load one record and search it in memory (2,000
// customers or 100,000 articles in a few milliseconds), without reading every row.

import * as db from './db.js';

export const INDEXED_TABLES = ['io_clifor_gen', 'io_clifor_girovisita', 'io_clifor_blo', 'io_art', 'io_art_barcode'];

/** Lowercase text without accents: what a search matches against. */
export function fold(text) {
  return String(text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

async function customerIndex() {
  const blocked = new Set((await db.allRows('io_clifor_blo')).map((row) => row.COD_CLIFOR));
  const visits = {};
  for (const row of await db.allRows('io_clifor_girovisita')) {
    (visits[row.COD_CLIFOR] ||= []).push([Number(row.GG_VISITA), Number(row.SEQUENZA || 0)]);
  }
  const entries = [];
  const text = [];
  for (const row of await db.allRows('io_clifor_gen')) {
    if (String(row.TIPO_CLIFOR ?? '0') === '1') continue; // suppliers are not customers
    const code = row.COD_CLIFOR;
    entries.push({ code, name: row.RAG_SOC || '', city: row.CITTA || '', province: row.PROVINCIA || '',
                   vat: row.PARTITA_IVA || '', address: row.INDIRIZZO || '', blocked: blocked.has(code),
                   visits: visits[code] || [] });
    text.push(fold([code, row.RAG_SOC, row.PARTITA_IVA, row.CODICE_FISCALE, row.CITTA].join('\u0001')));
  }
  return { entries, text };
}

async function articleIndex() {
  const barcodes = {};
  await db.eachRow('io_art_barcode', (row) => { (barcodes[row.COD_ART] ||= []).push(row.BARCODE); });
  const codes = [];
  const names = [];
  const text = [];
  await db.eachRow('io_art', (row) => {
    codes.push(row.COD_ART);
    names.push(row.DES_ART || '');
    text.push(fold([row.COD_ART, row.DES_ART, ...(barcodes[row.COD_ART] || [])].join('\u0001')));
  });
  // Kept as three long texts, one line per article: one string each is read back from
  // IndexedDB in a moment, where 300,000 small strings took the page's thread much longer.
  const pack = (list) => list.map((value) => String(value).replace(/\n/g, ' ')).join('\n');
  return { packed: true, codes: pack(codes), names: pack(names), text: pack(text) };
}

/** The article index as arrays again ({codes, names, text}), from what buildIndexes kept. */
export function unpackArticles(kept) {
  if (!kept) return { codes: [], names: [], text: [] };
  if (!kept.packed) return kept;
  const split = (value) => (value ? value.split('\n') : []);
  return { codes: split(kept.codes), names: split(kept.names), text: split(kept.text) };
}

/** Build both indexes from the kept rows and keep them. */
export async function buildIndexes() {
  await db.setMeta('index:customers', await customerIndex());
  await db.setMeta('index:articles', await articleIndex());
}

/** The positions of `index.text` matching every word of `query`, at most `limit` of them. */
export function search(text, query, limit) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const found = [];
  for (let i = 0; i < text.length && found.length < limit; i += 1) {
    const haystack = text[i];
    if (words.every((word) => haystack.includes(word))) found.push(i);
  }
  return found;
}
