// Pricing an order's lines in the app: the candidate rows for a line are read from IndexedDB
// (the article's io_listini_full and io_sconti rows plus the rows without an article, both
// kept to this customer's and everyone's), and pricing.js does the rest, as the server will.
// The agent's own price or discounts are priced through the same engine as a row of their
// own, so limits (minimum price, maximum discount) and amounts follow one definition.

import * as db from './db.js';
import { priceLine, rulesFrom } from './pricing.js';
import * as session from './session.js';

const SLOTS = 6;

/** Rows of the order's customer: kept once per order screen. */
export async function customerContext(code) {
  const rows = await db.rowsOfCustomer('io_clifor_gen', code);
  const customer = rows.find((r) => String(r.TIPO_CLIFOR ?? '0') !== '1') || rows[0];
  if (!customer) return null;
  const mine = (row) => !row.COD_CLIFOR || String(row.COD_CLIFOR) === String(code);
  const [prices, discounts] = await Promise.all([db.rowsOfArticle('io_listini_full', ''), db.rowsOfArticle('io_sconti', '')]);
  return { customer, general: { prices: prices.filter(mine), discounts: discounts.filter(mine) },
           rules: rulesFrom(session.session()?.config || {}), articles: new Map() };
}

/** The engine's inputs for an article (without the line), read once per article and order screen. */
export async function articleInputs(context, code) {
  if (!context.articles.has(code)) {
    const mine = (row) => !row.COD_CLIFOR || String(row.COD_CLIFOR) === String(context.customer.COD_CLIFOR);
    const [articles, units, prices, discounts] = await Promise.all([db.rowsOfArticle('io_art', code),
      db.rowsOfArticle('io_art_um', code), db.rowsOfArticle('io_listini_full', code), db.rowsOfArticle('io_sconti', code)]);
    context.articles.set(code, { company: context.customer.COD_DITTA ?? '', customer: context.customer,
      article: articles[0] || { COD_ART: code }, units,
      prices: prices.filter(mine).concat(context.general.prices),
      discounts: discounts.filter(mine).concat(context.general.discounts) });
  }
  return context.articles.get(code);
}

/** The engine's line from a draft line and its order. */
export function engineLine(draft, line) {
  return { qty: line.qty || '0', unit: line.unit || '', date: draft.order_date,
           delivery_date: draft.delivery_date || '', destination: draft.destination || '' };
}

function manualRow(base, line) {
  const discounts = line.discounts || base.discounts;
  const row = { CHIAVE: 'manual', PREZZO: line.price ?? base.price ?? '0', FLG_ESCLUDI_SCONTI: 'S',
                SCONTO_IMP: base.discount_amount, MAG_PERC1: base.surcharges[0], MAG_PERC2: base.surcharges[1],
                MAG_IMP: base.surcharge_amount };
  for (let n = 1; n <= SLOTS; n += 1) row[`SCONTO${n}`] = discounts[n - 1] || '0';
  return row;
}

/**
 * A line priced: the engine's result, or with the agent's price/discounts when he set any
 * (`manual: true`, `engine`: what the engine gave). Amounts, VAT and warnings always come
 * from the engine.
 */
export function priceOf(inputs, draft, line, rules) {
  const base = priceLine({ ...inputs, line: engineLine(draft, line) }, rules);
  if (line.price === null && line.discounts === null) return { ...base, manual: false, engine: base };
  const mine = priceLine({ ...inputs, prices: [manualRow(base, line)], discounts: [], line: engineLine(draft, line) }, rules);
  return { ...mine, price_row: base.price_row, price_rule: 'manual', manual: true, engine: base };
}

function flag(row, name) {
  const value = String(row?.[name] ?? '').trim();
  return value === '0' ? false : value === '-1' ? true : null;
}

/**
 * May the agent change this article's price and discounts? A catalog of the article says so
 * (FLG_MOD_PREZZO / FLG_MOD_SCONTI: 0 locked, -1 editable, 9 or empty: the user's
 * app.allow_price_change / app.allow_discount_change).
 */
export async function editRights(code) {
  const links = (await Promise.all(['io_cataloghi_art', 'io_taglie_cataloghi_art'].map((t) => db.rowsOfArticle(t, code)))).flat();
  const catalogs = new Set(links.map((r) => String(r.COD_CATALOGO)));
  let price = null;
  let discounts = null;
  if (catalogs.size) {
    const rows = (await Promise.all(['io_cataloghi', 'io_taglie_cataloghi'].map((t) => db.allRows(t)))).flat()
      .filter((r) => catalogs.has(String(r.COD_CATALOGO)));
    for (const row of rows) {
      const p = flag(row, 'FLG_MOD_PREZZO');
      const d = flag(row, 'FLG_MOD_SCONTI');
      if (p !== null) price = price === false ? false : p;
      if (d !== null) discounts = discounts === false ? false : d;
    }
  }
  return { price: price ?? Boolean(session.param('app.allow_price_change', true)),
           discounts: discounts ?? Boolean(session.param('app.allow_discount_change', true)) };
}

// A line warning that stops "send" when the parameter says so.
const BLOCKING = { below_min_price: 'app.min_price_blocks', above_max_discount: 'app.max_discount_blocks',
                   below_min_qty: 'app.min_qty_blocks', not_multiple: 'app.check_package_qty' };

/** The warnings of a line that block sending under the project's parameters. */
export function blocking(warnings) {
  return warnings.filter((code) => BLOCKING[code] && session.param(BLOCKING[code], false));
}
