// The price engine of the agents' app: the same function as appliance/pricing/engine.py.
//
// priceLine(inputs, params) takes the rows that could apply to one order line (the
// customer's io_clifor_gen row, the article's io_art and io_art_um rows, candidate
// io_listini_full and io_sconti rows) and the line, and returns the price, discounts, net
// price, amount and VAT as canonical decimal text, plus which rows won and why.
// docs/pricing.md is the definition; tests/pricing/cases.json holds the shared cases.
// Pure: no DOM, no fetch, no binary float arithmetic (decimals are scaled BigInts).

// ---- exact decimals: {m: BigInt mantissa, s: scale}, value = m / 10^s ----

const TEN = 10n;
const pow10 = (n) => TEN ** BigInt(n);

// A row or line value as an exact decimal; null when empty. A number (a JSON number parsed
// the usual way) is read through its shortest text, String(x): 12.5 is 12.5, never
// 12.4999... Exact for up to 15 significant digits; pass text for more.
export function dec(value) {
  if (value === null || value === undefined || typeof value === "boolean") return null;
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`${value} is not a decimal number`);
  const text = String(value).trim().replace(",", ".");
  if (!text) return null;
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match || (match[2] === "" && (match[3] || "") === "")) throw new Error(`${value} is not a decimal number`);
  const fraction = match[3] || "";
  let m = BigInt((match[2] || "0") + fraction);
  let s = fraction.length - (match[4] ? Number(match[4]) : 0);
  if (s < 0) { m *= pow10(-s); s = 0; }
  return { m: match[1] === "-" ? -m : m, s };
}

const ZERO = { m: 0n, s: 0 };
const ONE = { m: 1n, s: 0 };
const HUNDRED = { m: 100n, s: 0 };
const dec0 = (value) => dec(value) || ZERO;
const align = (a, b) => {
  const s = Math.max(a.s, b.s);
  return [a.m * pow10(s - a.s), b.m * pow10(s - b.s), s];
};
const add = (a, b) => { const [x, y, s] = align(a, b); return { m: x + y, s }; };
const sub = (a, b) => { const [x, y, s] = align(a, b); return { m: x - y, s }; };
const mul = (a, b) => ({ m: a.m * b.m, s: a.s + b.s });
const cmp = (a, b) => { const [x, y] = align(a, b); return x < y ? -1 : x > y ? 1 : 0; };
const isZero = (a) => a.m === 0n;
const per100 = (a) => ({ m: a.m, s: a.s + 2 });  // a / 100, exact

// Half up, away from zero, to `decimals` places ("arrotondamento commerciale").
export function roundTo(a, decimals) {
  if (a.s <= decimals) return { m: a.m * pow10(decimals - a.s), s: decimals };
  const drop = pow10(a.s - decimals);
  const negative = a.m < 0n;
  const abs = negative ? -a.m : a.m;
  let q = abs / drop;
  if ((abs % drop) * 2n >= drop) q += 1n;
  return { m: negative ? -q : q, s: decimals };
}

// numerator / denominator rounded half up to `decimals` places (the only inexact step).
function divide(n, d, decimals) {
  const negative = (n.m < 0n) !== (d.m < 0n);
  const nm = n.m < 0n ? -n.m : n.m;
  const dm = d.m < 0n ? -d.m : d.m;
  // n/d = (nm / 10^ns) / (dm / 10^ds); scaled by 10^decimals
  const shift = decimals + d.s - n.s;
  const top = shift >= 0 ? nm * pow10(shift) : nm;
  const bottom = shift >= 0 ? dm : dm * pow10(-shift);
  let q = top / bottom;
  if ((top % bottom) * 2n >= bottom) q += 1n;
  return { m: negative ? -q : q, s: decimals };
}

export function text(a) {
  if (a === null) return null;
  if (a.m === 0n) return "0";
  const negative = a.m < 0n;
  let digits = (negative ? -a.m : a.m).toString();
  if (a.s > 0) {
    digits = digits.padStart(a.s + 1, "0");
    digits = `${digits.slice(0, digits.length - a.s)}.${digits.slice(digits.length - a.s)}`;
    digits = digits.replace(/0+$/, "").replace(/\.$/, "");
  }
  return (negative ? "-" : "") + digits;
}

const cascade = (price, percents) => percents.reduce((p, s) => per100(mul(p, sub(HUNDRED, s))), price);
const surcharge = (price, percents) => percents.reduce((p, s) => per100(mul(p, add(HUNDRED, s))), price);
const compound = (a, b) => sub(HUNDRED, per100(mul(sub(HUNDRED, a), sub(HUNDRED, b))));

export function netOf(price, discounts, discountAmount, surcharges, surchargeAmount) {
  const net = add(surcharge(sub(cascade(price, discounts), discountAmount), surcharges), surchargeAmount);
  return cmp(net, ZERO) < 0 ? ZERO : net;
}

// ---- rules (the pricing.* parameters) ----

export const DEFAULT_RULES = Object.freeze({
  specificity: "customer_first", priority_wins: "higher", priority_position: "after_specificity",
  validity_date: "order", break_unit: "main", rounding: "line", unit_decimals: 4, amount_decimals: 2,
  vat_rate: 22, article_price_fallback: true, customer_discounts: false,
});

// The rules from a configuration keyed like the parameter registry ("pricing.rounding": "unit").
export function rulesFrom(config = {}) {
  const rules = { ...DEFAULT_RULES };
  for (const name of Object.keys(DEFAULT_RULES)) {
    if (Object.prototype.hasOwnProperty.call(config, `pricing.${name}`)) rules[name] = config[`pricing.${name}`];
  }
  return rules;
}

// ---- which row applies (see appliance/pricing/selection.py) ----

const PRICES = {
  equal: [["COD_ART", "article"], ["COD_CLIFOR", "customer"], ["COD_DEPOSITO", "warehouse"],
    ["COD_MACROAREA", "macroarea"], ["COD_AREA", "area"], ["COD_ZONA", "zone"],
    ["COD_MACROCATEGORIA", "macrocategory"], ["COD_CATEGORIA", "category"],
    ["COD_SOTTOCATEGORIA", "subcategory"], ["COD_LISTINO", "price_list"], ["COD_CAMPAGNA", "campaign"],
    ["COD_DESTINAZIONE", "destination"], ["COD_CLASSE", "customer_class"],
    ["COD_COMBINAZIONE", "combination"], ["COD_VALUTA", "currency"]],
  ranges: [["COD_FAM_INIZIO", "COD_FAM_FINE", "family"], ["COD_SFAM_INIZIO", "COD_SFAM_FINE", "subfamily"],
    ["COD_GRUPPO_INIZIO", "COD_GRUPPO_FINE", "group"], ["COD_SGRUPPO_INIZIO", "COD_SGRUPPO_FINE", "subgroup"]],
  party: [["COD_DESTINAZIONE", "destination"], ["COD_CLIFOR", "customer"], ["COD_CLASSE", "class"],
    ["COD_SOTTOCATEGORIA", "subcategory"], ["COD_CATEGORIA", "category"],
    ["COD_MACROCATEGORIA", "macrocategory"], ["COD_ZONA", "zone"], ["COD_AREA", "area"],
    ["COD_MACROAREA", "macroarea"], ["COD_LISTINO", "price_list"]],
  article: [["COD_COMBINAZIONE", "variant"], ["COD_ART", "article"], ["COD_SGRUPPO_INIZIO", "subgroup"],
    ["COD_GRUPPO_INIZIO", "group"], ["COD_SFAM_INIZIO", "subfamily"], ["COD_FAM_INIZIO", "family"]],
};

const DISCOUNTS = {
  equal: [["COD_ART", "article"], ["COD_CLIFOR", "customer"], ["CLASSE_ARTICOLO", "article_class"],
    ["CLASSE_CLIENTE", "customer_class"], ["COD_PROMO", "campaign"], ["COD_VALUTA", "currency"],
    ["COD_LISTINO", "price_list"]],
  ranges: [],
  party: [["COD_CLIFOR", "customer"], ["CLASSE_CLIENTE", "class"], ["COD_LISTINO", "price_list"]],
  article: [["COD_ART", "article"], ["CLASSE_ARTICOLO", "article_class"]],
};

const RANGE_ENDS = { COD_SGRUPPO_INIZIO: "COD_SGRUPPO_FINE", COD_GRUPPO_INIZIO: "COD_GRUPPO_FINE",
  COD_SFAM_INIZIO: "COD_SFAM_FINE", COD_FAM_INIZIO: "COD_FAM_FINE" };

const str = (value) => (value === null || value === undefined ? "" : String(value).trim());
const blank = (value) => str(value) === "";

function matches(table, row, line) {
  if (!["", "0"].includes(str(row.TIPO_CLIFOR))) return false;  // a supplier's row never applies to a sale
  if (!blank(row.COD_DITTA) && line.company && str(row.COD_DITTA) !== line.company) return false;
  for (const [column, name] of table.equal) {
    if (!blank(row[column]) && str(row[column]) !== line[name]) return false;
  }
  for (const [start, end, name] of table.ranges) {
    if (!inRange(str(row[start]), str(row[end]), line[name])) return false;
  }
  return inQuantity(row, line.break_qty) && inDates(row, line.validity_date);
}

function inRange(start, end, value) {
  if (!start && !end) return true;
  return Boolean(value) && (!start || value >= start) && (!end || value <= end);
}

function inQuantity(row, qty) {
  const start = dec(row.QUANTITA_INIZIO);
  const end = dec(row.QUANTITA_FINE);
  const fromStart = start === null || isZero(start) || cmp(qty, start) >= 0;
  return fromStart && (end === null || isZero(end) || cmp(qty, end) <= 0);
}

function inDates(row, day) {
  const start = str(row.DATA_INIZIO).slice(0, 10);
  const end = str(row.DATA_FINE).slice(0, 10);
  return (!start || day >= start) && (!end || day <= end);
}

function level(ladder, row) {
  for (let index = 0; index < ladder.length; index += 1) {
    const [column, name] = ladder[index];
    if (!blank(row[column]) || (RANGE_ENDS[column] && !blank(row[RANGE_ENDS[column]]))) {
      return [ladder.length - index, name];
    }
  }
  return [0, "any"];
}

function filtersSet(table, row) {
  let count = table.equal.filter(([column]) => !blank(row[column])).length;
  count += table.ranges.filter(([start, end]) => !blank(row[start]) || !blank(row[end])).length;
  const quantities = [dec(row.QUANTITA_INIZIO), dec(row.QUANTITA_FINE)];
  if (quantities.some((bound) => bound !== null && !isZero(bound))) count += 1;
  if (!blank(row.DATA_INIZIO) || !blank(row.DATA_FINE)) count += 1;
  return count;
}

const ruleName = (table, row) => `${level(table.party, row)[1]}+${level(table.article, row)[1]}`;

// Stage values are arrays of numbers, decimals or strings, compared element by element.
function stages(table, row, rules) {
  const party = level(table.party, row)[0];
  const article = level(table.article, row)[0];
  const levels = rules.specificity === "customer_first" ? [party, article] : [article, party];
  const specificity = ["specificity", [...levels, filtersSet(table, row)]];
  const priority = dec(row.PRIORITA);
  let ranked;
  if (rules.priority_wins === "higher") ranked = ["priority", [priority || ZERO]];
  else ranked = ["priority", !priority || isZero(priority) ? [0, ZERO] : [1, { m: -priority.m, s: priority.s }]];
  const first = rules.priority_position === "before_specificity" ? [ranked, specificity] : [specificity, ranked];
  return [...first, ["quantity", [dec(row.QUANTITA_INIZIO) || ZERO]], ["date", [str(row.DATA_INIZIO).slice(0, 10)]]];
}

function compareValue(a, b) {
  if (typeof a === "object") return cmp(a, b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareStage(a, b) {
  for (let i = 0; i < a.length; i += 1) {
    const found = compareValue(a[i], b[i]);
    if (found) return found;
  }
  return 0;
}

function better(a, b) {
  for (let i = 0; i < a.length; i += 1) {
    const found = compareStage(a[i][1], b[i][1]);
    if (found) return found > 0;
  }
  return false;
}

function choose(table, rows, line, rules) {
  const found = rows.filter((row) => matches(table, row, line)).map((row) => [row, stages(table, row, rules)]);
  if (!found.length) return null;
  found.sort((a, b) => { const x = str(a[0].CHIAVE); const y = str(b[0].CHIAVE); return x < y ? -1 : x > y ? 1 : 0; });
  let best = found[0];
  for (const candidate of found.slice(1)) if (better(candidate[1], best[1])) best = candidate;
  const rest = found.filter((item) => item !== best);
  return { row: best[0], rule: ruleName(table, best[0]), decided_by: decidedBy(best, rest), candidates: found.length };
}

function decidedBy(best, rest) {
  if (!rest.length) return "only";
  let runnerUp = rest[0];
  for (const candidate of rest.slice(1)) if (better(candidate[1], runnerUp[1])) runnerUp = candidate;
  for (let i = 0; i < best[1].length; i += 1) {
    if (compareStage(best[1][i][1], runnerUp[1][i][1])) return best[1][i][0];
  }
  return "key";
}

// ---- the line ----

const SLOTS = 6;
const TRUE_FLAGS = new Set(["S", "SI", "Y", "YES", "1", "-1", "TRUE", "T", "X"]);
const DISCOUNTS_FROM_IO_SCONTI = "4";

function context(inputs, breakQty, rules) {
  const article = inputs.article || {};
  const customer = inputs.customer || {};
  const line = inputs.line || {};
  let day = str(line.date).slice(0, 10);
  if (rules.validity_date === "delivery" && str(line.delivery_date)) day = str(line.delivery_date).slice(0, 10);
  return {
    company: str(inputs.company), article: str(article.COD_ART), customer: str(customer.COD_CLIFOR),
    warehouse: str(line.warehouse), macroarea: str(customer.COD_MACROAREA), area: str(customer.COD_AREA),
    zone: str(customer.COD_ZONA), macrocategory: str(customer.COD_MACROCATEGORIA),
    category: str(customer.COD_CATEGORIA), subcategory: str(customer.COD_SOTTOCATEGORIA),
    price_list: str(line.price_list) || str(customer.COD_LISTINO), campaign: str(line.campaign),
    destination: str(line.destination), customer_class: str(customer.COD_CLASSE_SCONTO),
    combination: str(line.combination),
    currency: str(line.currency) || str(customer.COD_VALUTA) || str(customer.VALUTA),
    family: str(article.COD_FAM), subfamily: str(article.COD_SFAM), group: str(article.COD_GRUPPO1),
    subgroup: str(article.COD_GRUPPO2), article_class: str(article.COD_CLASSE_SCONTO),
    break_qty: breakQty, validity_date: day,
  };
}

function unitOf(article, units, unit, warnings) {
  const main = str(article.UM1);
  const wanted = str(unit) || main;
  const row = units.find((u) => str(u.UM) === wanted && ["", str(article.COD_ART)].includes(str(u.COD_ART))) || null;
  if (!wanted || wanted === main) return [row, ONE];
  let factor = row ? dec(row.FAT_CONV) : null;
  if (factor === null && wanted === str(article.UM2)) factor = dec(article.FATTORE_CONVERSIONE);
  if (row === null && wanted !== str(article.UM2)) warnings.add("unknown_unit");
  return [row, factor && !isZero(factor) ? factor : ONE];
}

const excluded = (price) => price !== null && TRUE_FLAGS.has(str(price.row.FLG_ESCLUDI_SCONTI).toUpperCase());
const scontiApply = (price, discount) => discount !== null && !excluded(price);

function discountsOf(price, discount, customer, rules) {
  const own = price !== null && str(price.row.IND_GES_PREZZO) !== DISCOUNTS_FROM_IO_SCONTI ? price.row : {};
  let slots = [];
  for (let n = 1; n <= SLOTS; n += 1) slots.push(dec0(own[`SCONTO${n}`]));
  if (scontiApply(price, discount)) {
    slots = slots.map((current, i) => {
      const value = dec0(discount.row[`SCONTO${i + 1}`]);
      return str(discount.row[`TIPO_SCONTO${i + 1}`]).toUpperCase() === "S" ? value : compound(current, value);
    });
  }
  if (rules.customer_discounts && discount === null && !excluded(price) && slots.every(isZero)) {
    slots = slots.map((_, i) => dec0(customer[`SCO_PERC${i + 1}`]));
  }
  return [slots, dec0(own.SCONTO_IMP), [dec0(own.MAG_PERC1), dec0(own.MAG_PERC2)], dec0(own.MAG_IMP)];
}

function why(name, choice) {
  return {
    [`${name}_row`]: choice ? str(choice.row.CHIAVE) : null,
    [`${name}_rule`]: choice ? choice.rule : null,
    [`${name}_decided_by`]: choice ? choice.decided_by : null,
    [`${name}_candidates`]: choice ? choice.candidates : 0,
  };
}

function vatRate(article, customer, rules) {
  for (const row of [customer, article]) if (!blank(row.ALIQUOTA_IVA)) return dec0(row.ALIQUOTA_IVA);
  return dec(String(rules.vat_rate));
}

function amounts(gross, slots, amountOff, extra, extraAmount, qtyMain, article, customer, rules) {
  const exact = netOf(gross, slots, amountOff, extra, extraAmount);
  const net = roundTo(exact, rules.unit_decimals);
  const amount = roundTo(mul(qtyMain, rules.rounding === "line" ? exact : net), rules.amount_decimals);
  const rate = vatRate(article, customer, rules);
  const vat = roundTo(per100(mul(amount, rate)), rules.amount_decimals);
  return {
    net_price: text(net), amount: text(amount), vat_rate: text(rate), vat: text(vat), total: text(add(amount, vat)),
  };
}

function limits(result, article, unitRow, qty, qtyMain, warnings) {
  if (str(article.COD_STATO).toUpperCase() === "BLK") warnings.add("blocked_article");
  const minimum = dec(article.QTA_MIN_VEND);
  if (minimum && !isZero(minimum) && cmp(qtyMain, minimum) < 0) warnings.add("below_min_qty");
  const multiple = unitRow ? dec(unitRow.MULTIPLO) : null;
  if (multiple && cmp(multiple, ZERO) > 0) {
    const [x, y] = align(qty, multiple);
    if (x % y !== 0n) warnings.add("not_multiple");
  }
  const minPrice = dec(article.PREZZO_MIN_VEN);
  if (result.net_price !== null && minPrice && !isZero(minPrice) && cmp(dec(result.net_price), minPrice) < 0) {
    warnings.add("below_min_price");
  }
  const maxDiscount = dec(article.SCONTO_MAX_VEN);
  if (maxDiscount && cmp(maxDiscount, ZERO) > 0 && cmp(dec(result.discount_total), maxDiscount) > 0) {
    warnings.add("above_max_discount");
  }
}

// The price, discounts, net price, amount and VAT of one line; see docs/pricing.md.
// `rules` is a rules object (rulesFrom(config)) or undefined for the defaults.
export function priceLine(inputs, rules = DEFAULT_RULES) {
  const article = inputs.article || {};
  const customer = inputs.customer || {};
  const line = inputs.line || {};
  const warnings = new Set();
  const qty = dec0(line.qty);
  const [unitRow, factor] = unitOf(article, inputs.units || [], line.unit, warnings);
  const qtyMain = cmp(factor, ONE) === 0 ? qty : divide(qty, factor, 8);
  const ctx = context(inputs, rules.break_unit === "line" ? qty : qtyMain, rules);
  const priceChoice = choose(PRICES, inputs.prices || [], ctx, rules);
  const discountChoice = choose(DISCOUNTS, inputs.discounts || [], ctx, rules);
  let gross = null;
  let source = "none";
  if (priceChoice !== null) { gross = dec0(priceChoice.row.PREZZO); source = "price_list"; }
  else {
    const retail = dec(article.PREZZO_RETAIL);
    if (rules.article_price_fallback && retail !== null && cmp(retail, ZERO) > 0) {
      gross = retail;
      source = "article";
    }
  }
  const [slots, amountOff, extra, extraAmount] = discountsOf(priceChoice, discountChoice, customer, rules);
  const result = {
    price: text(gross), price_source: source, ...why("price", priceChoice),
    ...why("discount", scontiApply(priceChoice, discountChoice) ? discountChoice : null),
    sconti_excluded: excluded(priceChoice),
    discounts: slots.map(text), discount_amount: text(amountOff),
    surcharges: extra.map(text), surcharge_amount: text(extraAmount),
    discount_total: text(sub(HUNDRED, cascade(HUNDRED, slots))), qty_main: text(qtyMain),
    net_price: null, amount: null, vat_rate: null, vat: null, total: null,
  };
  if (gross === null) warnings.add("no_price");
  else Object.assign(result, amounts(gross, slots, amountOff, extra, extraAmount, qtyMain, article, customer, rules));
  limits(result, article, unitRow, qty, qtyMain, warnings);
  result.warnings = [...warnings].sort();
  return result;
}
