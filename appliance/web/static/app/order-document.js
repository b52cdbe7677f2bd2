// An order's figures and its document: totals with VAT, the warnings the agent sees at once
// (blocked customer, credit limit, minimum order), and the TestataOrdineExport the device
// API receives, with the prices and quantities the agent saw.

import * as db from './db.js';
import * as fmt from './fmt.js';
import { t } from './i18n.js';
import * as session from './session.js';

const SLOTS = 6;
// An offer is an order whose ext_cod_tipo_ord says so (device API): the ERP's code for it is
// the project's parameter.
const OFFER_TYPE = 'app.offer_order_type';

/** {net, vat, total} of the priced lines, as decimal text with 2 places. */
export function totals(draft, results) {
  const priced = draft.lines.map((l) => results.get(l.id)).filter((r) => r && r.amount !== null);
  return { net: fmt.sum(priced.map((r) => r.amount)), vat: fmt.sum(priced.map((r) => r.vat)),
           total: fmt.sum(priced.map((r) => r.total)) };
}

const positive = (text) => Number(text) > 0;
const less = (a, b) => fmt.sum([a, `-${b}`]).startsWith('-');

function isOpen(item) {
  return !/^(chius|closed|pagat|paid)/i.test(String(item.DES_STATO || ''));
}

/** The order's warnings: [{code, text}] for a blocked customer, the credit limit, the minimum order. */
export async function orderWarnings(customer, sum) {
  const found = [];
  const blocks = await db.rowsOfCustomer('io_clifor_blo', customer.COD_CLIFOR);
  for (const block of blocks) {
    found.push({ code: 'blocked_customer', text: `${t('warn.blocked_customer')}: ${block.TIPO_BLOCCO || ''} ${block.NOTA_BLOCCO || ''}`.trim() });
  }
  if (positive(customer.FIDO_AZIENDALE)) {
    const open = fmt.sum((await db.rowsOfCustomer('io_clifor_scadoc', customer.COD_CLIFOR)).filter(isOpen).map((r) => r.IMPORTO));
    if (less(customer.FIDO_AZIENDALE, fmt.sum([open, sum.total]))) {
      found.push({ code: 'credit_limit', text: t('warn.credit_limit', { open: fmt.money(open), order: fmt.money(sum.total),
                                                                        limit: fmt.money(customer.FIDO_AZIENDALE) }) });
    }
  }
  if (positive(customer.TOT_MIN_ORDINABILE) && less(sum.net, customer.TOT_MIN_ORDINABILE)) {
    found.push({ code: 'below_min_order', text: t('warn.below_min_order', { minimum: fmt.money(customer.TOT_MIN_ORDINABILE) }) });
  }
  return found;
}

function lineRecord(draft, line, result, article) {
  const record = { codice_articolo: line.article, descrizione_riga: line.description, qta: result.qty_main,
                   cod_um_1: article.UM1 || line.unit };
  if (line.unit && line.unit !== article.UM1) {
    Object.assign(record, { qta_2: line.qty, cod_um_2: line.unit });
  }
  if (result.price !== null) {
    record.prezzo = result.price;
    result.discounts.slice(0, SLOTS).forEach((value, i) => { if (Number(value)) record[`sconto_${i + 1}`] = value; });
    if (Number(result.discount_amount)) record.sconto_importo = result.discount_amount;
    result.surcharges.forEach((value, i) => { if (Number(value)) record[`mag_perc_${i + 1}`] = value; });
    if (Number(result.surcharge_amount)) record.mag_importo = result.surcharge_amount;
  }
  return record;
}

/** The TestataOrdineExport of a draft, its lines priced (`results`: line id -> priced result). */
export function orderDocument(draft, context, results) {
  const righe = draft.lines.map((line) => lineRecord(draft, line, results.get(line.id),
                                                     context.articles.get(line.article)?.article || {}));
  return { guid: draft.guid, cod_clifor: draft.customer, cod_ditta: String(context.customer.COD_DITTA ?? ''),
           data_ordine: draft.order_date, data_consegna: draft.delivery_date, cod_destinazione: draft.destination,
           cod_cond_pag: draft.payment, note: draft.notes, ext_cod_tipo_ord: draft.type === 'offer' ? String(session.param(OFFER_TYPE, 'OFF')) : '',
           righe };
}
