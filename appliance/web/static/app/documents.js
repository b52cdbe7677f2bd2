// The documents the app uploads (orders, offers, new customers, notes, leads, activities):
// their record shapes and the device API's field rules, checked before a document is saved
// to the outbox, so the agent fixes a field at once instead of reading a 422 later. The
// shapes are connector_api.json's (tests/app checks they match); decimals are kept as text
// and written as JSON number literals.

const RECORDS = {
  TestataOrdineExport: {
    d: 'data_consegna data_ordine data_ritiro',
    n: 'sconto_1 sconto_2 sconto_3 sconto_4 sconto_5 sconto_6 cod_urgenza flag_aggiunta flag_ritiro',
    s: 'cod_clifor cod_colore_estensione1 cod_colore_estensione2 cod_cond_pag cod_cond_pag_deperibilita cod_destinazione '
      + 'cod_ditta cod_materiale_estensione1 cod_materiale_estensione2 cod_mod_sped des_mod_sped cod_porto des_porto '
      + 'cod_valuta ext_cod_tipo_ord guid_test_ord note importatore noteFattura noteConsegna noteGenerali cod_magazzino '
      + 'pec_clifor cod_gg_consegna_clifor cod_tipo_cliente_clifor cod_zona_consegna_clifor cod_serie_ordini',
    lists: { clienti: 'Clienti', righe: 'RigaOrdineExport' },
  },
  RigaOrdineExport: {
    d: 'data_consegna_riga',
    n: 'fattore_conversione mag_importo mag_perc_1 mag_perc_2 prezzo prezzo_2 qta qta_2 qta_confezione sconto_1 '
      + 'sconto_2 sconto_3 sconto_4 sconto_5 sconto_6 sconto_importo',
    s: 'cod_um_1 cod_um_2 codice_articolo codice_confezione descrizione_riga ext_cod_tipo_riga_omag ext_cod_tipo_riga_ord '
      + 'note tipo_um cod_combinazione cod_catalogo cod_tipo_fattura',
  },
  Clienti: {
    s: 'cap cellulare cod_canale_vendita cod_categoria cod_citta cod_classe_sconto cod_cond_pag cod_nazione '
      + 'cod_porto_sped des_porto_sped codice_fiscale des_citta des_cond_pag des_nazione email fax iban indirizzo note '
      + 'partita_iva provincia ragione_sociale telefono1 telefono2 ragione_sociale_consegna indirizzo_consegna '
      + 'cod_citta_consegna des_citta_consegna cap_consegna provincia_consegna cod_nazione_consegna '
      + 'des_nazione_consegna telefono_consegna cellulare_consegna fax_consegna cod_porto_consegna pec_clifor '
      + 'cod_gg_cons_clifor cod_tipo_cli_clifor',
  },
  TestataCf: {
    s: 'cap cellulare citta cod_cliente cod_cond_pag cod_ditta codice_fiscale email fax indirizzo partita_iva provincia '
      + 'ragione_sociale telefono1 telefono2',
  },
  TestataCfNote: { s: 'cod_cliente cod_ditta nota progressivo tipo_nota' },
  TestataLeadsExport: {
    s: 'descrizione1 partita_iva codice_fiscale telefono cellulare email fax note indirizzo cod_citta citta cap provincia '
      + 'cod_nazione nazione cod_campagna campagna cod_ditta cod_lead descrizione2 internet nome cognome fatturato '
      + 'cod_categoria categoria cod_agente_lead cod_canale_vendita canale_vendita cod_concorrente concorrente '
      + 'cod_modalita_acquisizione modalita_acquisizione cod_fonte fonte cod_interesse interesse cod_settore settore '
      + 'cod_mansione mansione cod_valuta',
  },
  TestataLeadsNoteExport: { s: 'cod_ditta cod_lead nota progressivo tipo_nota' },
  TestataAttivita: {
    s: 'cod_ditta cod_attivita cod_lead cod_tipo_attivita des_oggetto cod_stato ora_esecuzione des_note',
    d: 'data_esecuzione',
  },
};

/** The kinds (device API names): record, required fields, groups of which one is required. */
export const KINDS = {
  orders: { record: 'TestataOrdineExport', required: [], oneOf: [['cod_clifor', 'clienti']] },
  customers: { record: 'TestataCf', required: [], oneOf: [['ragione_sociale', 'cod_cliente']] },
  'customer-notes': { record: 'TestataCfNote', required: ['cod_cliente', 'nota'], oneOf: [] },
  leads: { record: 'TestataLeadsExport', required: [], oneOf: [['descrizione1', 'cod_lead']] },
  'lead-notes': { record: 'TestataLeadsNoteExport', required: ['cod_lead', 'nota'], oneOf: [] },
  activities: { record: 'TestataAttivita', required: ['cod_tipo_attivita'], oneOf: [['cod_lead', 'cod_attivita']] },
};
const REQUIRED_IN = { RigaOrdineExport: ['qta'], Clienti: ['ragione_sociale'] };
const ONE_OF_IN = { RigaOrdineExport: [['codice_articolo', 'descrizione_riga']] };
const GUID = /^[A-Za-z0-9][A-Za-z0-9_.:{}-]{7,79}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$/;
const MAX_TEXT = 4000;
const MAX_ITEMS = 2000;

function fieldsOf(record) {
  const spec = RECORDS[record];
  const types = {};
  for (const [type, names] of Object.entries(spec)) {
    if (type === 'lists') for (const [name, item] of Object.entries(names)) types[name] = `list<${item}>`;
    else for (const name of names.split(' ')) types[name] = type;
  }
  return types;
}

/** Every record's fields and JSON types ({record: {field: 'string'|'number'|'datetime'|'list<T>'}}). */
export function recordShapes() {
  const long = { s: 'string', n: 'number', d: 'datetime' };
  return Object.fromEntries(Object.keys(RECORDS).map((record) => [record, Object.fromEntries(
    Object.entries(fieldsOf(record)).map(([name, type]) => [name, long[type] || type]))]));
}

/** A new document id: made once per document and kept through drafts, retries and edits. */
export function newGuid() {
  return crypto.randomUUID();
}

const empty = (value) => value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length);

function validDate(text) {
  if (!DATE.test(text)) return false;
  const day = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text.slice(0, 10);
}

function checkValue(type, value, where, errors) {
  if (value === null || value === undefined) return;
  if (type.startsWith('list<')) { checkList(type.slice(5, -1), value, where, errors); return; }
  if (type === 's') {
    if (typeof value !== 'string') errors.push({ field: where, reason: 'must be text' });
    else if (value.length > MAX_TEXT) errors.push({ field: where, reason: `longer than ${MAX_TEXT} characters` });
  } else if (type === 'n') {
    if (!DECIMAL.test(String(value).trim())) errors.push({ field: where, reason: 'must be a number' });
  } else if (type === 'd' && (typeof value !== 'string' || !validDate(value))) {
    errors.push({ field: where, reason: 'must be a date YYYY-MM-DD' });
  }
}

function checkList(record, value, where, errors) {
  if (!Array.isArray(value)) { errors.push({ field: where, reason: `must be a list of ${record}` }); return; }
  if (value.length > MAX_ITEMS) { errors.push({ field: where, reason: `more than ${MAX_ITEMS} items` }); return; }
  value.forEach((item, index) => {
    const at = `${where}[${index}]`;
    checkRecord(record, item, `${at}.`, errors);
    checkRequired(item, REQUIRED_IN[record] || [], ONE_OF_IN[record] || [], `${at}.`, errors);
  });
}

function checkRecord(record, value, path, errors) {
  const types = fieldsOf(record);
  for (const [name, item] of Object.entries(value)) {
    if (path === '' && name === 'guid') continue;
    if (!types[name]) errors.push({ field: path + name, reason: `not a field of ${record}` });
    else checkValue(types[name], item, path + name, errors);
  }
}

function checkRequired(value, required, oneOf, path, errors) {
  for (const name of required) if (empty(value[name])) errors.push({ field: path + name, reason: 'required' });
  for (const group of oneOf) {
    if (group.every((name) => empty(value[name]))) errors.push({ field: path + group[0], reason: `one of ${group.join(', ')} is required` });
  }
}

/** The device API's field rules for a document of `kind`: [{field, reason}], empty when it may be sent. */
export function check(kind, document) {
  const spec = KINDS[kind];
  if (!spec) return [{ field: '', reason: `unknown kind ${kind}` }];
  const errors = [];
  if (typeof document.guid !== 'string' || !GUID.test(document.guid)) errors.push({ field: 'guid', reason: 'not a document id' });
  checkRecord(spec.record, document, '', errors);
  checkRequired(document, spec.required, spec.oneOf, '', errors);
  return errors;
}

/** A document with its empty fields left out (what is sent). */
export function compact(value) {
  if (Array.isArray(value)) return value.map(compact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => !empty(v)).map(([k, v]) => [k, compact(v)]));
  }
  return typeof value === 'string' ? value.trim() : value;
}

function numberFields(record) {
  return new Set((RECORDS[record].n || '').split(' ').filter(Boolean));
}

function write(record, value) {
  const numbers = numberFields(record);
  const lists = RECORDS[record].lists || {};
  const parts = Object.entries(value).map(([name, item]) => {
    let written;
    if (lists[name]) written = `[${item.map((entry) => write(lists[name], entry)).join(',')}]`;
    else if (numbers.has(name) && DECIMAL.test(String(item).trim())) written = String(item).trim();
    else written = JSON.stringify(item);
    return `${JSON.stringify(name)}:${written}`;
  });
  return `{${parts.join(',')}}`;
}

/** A document as JSON text, its decimal fields as number literals with the app's digits ("12.50" -> 12.50). */
export function toJson(kind, document) {
  return write(KINDS[kind].record, document);
}
