// Forms for new customers, customer notes, leads, lead notes and activities. Each makes its
// document id once, checks the device API's field rules (and a few of its own: e-mail, VAT
// number) before saving, and puts the document into the outbox like an order.
//
// Routes: #/form/customer, #/form/customer-note[/CUSTOMER], #/form/lead,
//         #/form/lead-note[/LEAD], #/form/activity[/LEAD].

import * as db from '../db.js';
import { check, newGuid } from '../documents.js';
import * as fmt from '../fmt.js';
import { html } from '../html.js';
import { addTexts, t } from '../i18n.js';
import * as outbox from '../outbox.js';
import '../texts-orders.js';

addTexts({
  it: {
    'field.ragione_sociale': 'Ragione sociale', 'field.partita_iva': 'Partita IVA', 'field.codice_fiscale': 'Codice fiscale',
    'field.indirizzo': 'Indirizzo', 'field.cap': 'CAP', 'field.citta': 'Città', 'field.provincia': 'Provincia',
    'field.telefono1': 'Telefono', 'field.telefono': 'Telefono', 'field.cellulare': 'Cellulare', 'field.email': 'E-mail',
    'field.cod_cond_pag': 'Pagamento', 'field.cod_cliente': 'Cliente', 'field.tipo_nota': 'Tipo di nota', 'field.nota': 'Nota',
    'field.descrizione1': 'Nominativo', 'field.nome': 'Nome', 'field.cognome': 'Cognome', 'field.note': 'Note',
    'field.cod_lead': 'Nominativo', 'field.cod_tipo_attivita': 'Tipo di attività', 'field.des_oggetto': 'Oggetto',
    'field.data_esecuzione': 'Data', 'field.ora_esecuzione': 'Ora', 'field.des_note': 'Note',
  },
  en: {
    'field.ragione_sociale': 'Company name', 'field.partita_iva': 'VAT number', 'field.codice_fiscale': 'Tax code',
    'field.indirizzo': 'Address', 'field.cap': 'Postcode', 'field.citta': 'City', 'field.provincia': 'Province',
    'field.telefono1': 'Phone', 'field.telefono': 'Phone', 'field.cellulare': 'Mobile', 'field.email': 'E-mail',
    'field.cod_cond_pag': 'Payment', 'field.cod_cliente': 'Customer', 'field.tipo_nota': 'Note type', 'field.nota': 'Note',
    'field.descrizione1': 'Lead name', 'field.nome': 'First name', 'field.cognome': 'Last name', 'field.note': 'Notes',
    'field.cod_lead': 'Lead', 'field.cod_tipo_attivita': 'Activity type', 'field.des_oggetto': 'Subject',
    'field.data_esecuzione': 'Date', 'field.ora_esecuzione': 'Time', 'field.des_note': 'Notes',
  },
});

// Each form: its kind, title and fields [name, input ('text' | 'textarea' | 'date' | 'time' | 'email' | a choice list's loader)].
const FORMS = {
  customer: { kind: 'customers', title: 'form.new_customer', fields: [
    ['ragione_sociale', 'text'], ['partita_iva', 'text'], ['codice_fiscale', 'text'], ['indirizzo', 'text'], ['cap', 'text'],
    ['citta', 'text'], ['provincia', 'text'], ['telefono1', 'text'], ['cellulare', 'text'], ['email', 'email'],
    ['cod_cond_pag', payments]] },
  'customer-note': { kind: 'customer-notes', title: 'form.new_note', preset: 'cod_cliente', fields: [
    ['cod_cliente', customers], ['tipo_nota', 'text'], ['nota', 'textarea']] },
  lead: { kind: 'leads', title: 'form.new_lead', fields: [
    ['descrizione1', 'text'], ['nome', 'text'], ['cognome', 'text'], ['partita_iva', 'text'], ['indirizzo', 'text'],
    ['cap', 'text'], ['citta', 'text'], ['provincia', 'text'], ['telefono', 'text'], ['cellulare', 'text'], ['email', 'email'],
    ['note', 'textarea']] },
  'lead-note': { kind: 'lead-notes', title: 'form.new_lead_note', preset: 'cod_lead', fields: [
    ['cod_lead', leads], ['tipo_nota', 'text'], ['nota', 'textarea']] },
  activity: { kind: 'activities', title: 'form.new_activity', preset: 'cod_lead', fields: [
    ['cod_lead', leads], ['cod_tipo_attivita', 'text'], ['des_oggetto', 'text'], ['data_esecuzione', 'date'],
    ['ora_esecuzione', 'time'], ['des_note', 'textarea']] },
};
const REQUIRED = { customers: ['ragione_sociale'], leads: ['descrizione1'] };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function payments() {
  return (await db.allRows('io_condpag')).map((r) => [String(r.CODICE), `${r.CODICE} · ${r.DESCRIZIONE || ''}`]);
}

async function customers() {
  const index = (await db.getMeta('index:customers')) || { entries: [] };
  return index.entries.map((c) => [String(c.code), `${c.code} · ${c.name}`]);
}

async function leads() {
  return (await db.allRows('io_leads')).map((r) => [String(r.COD_LEAD), `${r.COD_LEAD} · ${r.DESCRIZIONE1 || ''}`]);
}

async function fieldMarkup([name, input], value) {
  const label = t(`field.${name}`);
  let control;
  if (typeof input === 'function') {
    const choices = await input();
    control = html`<select name="${name}" data-testid="field-${name}"><option value="">—</option>${choices.map(([code, text]) =>
      html`<option value="${code}"${code === value ? ' selected' : ''}>${text}</option>`)}</select>`;
  } else if (input === 'textarea') {
    control = html`<textarea name="${name}" rows="4" data-testid="field-${name}">${value}</textarea>`;
  } else {
    control = html`<input name="${name}" type="${input}" value="${value}" data-testid="field-${name}" autocomplete="off">`;
  }
  return html`<label data-field="${name}">${label}${control}<span class="bad" data-testid="field-error" data-field="${name}" hidden></span></label>`;
}

/** The app's own checks on top of the device API's (e-mail, an Italian VAT number). */
function ownChecks(kind, doc) {
  const errors = (REQUIRED[kind] || []).filter((name) => !doc[name]).map((field) => ({ field, reason: t('field.required') }));
  if (doc.email && !EMAIL.test(doc.email)) errors.push({ field: 'email', reason: t('field.email') });
  if (doc.partita_iva && !/^(IT)?\d{11}$/i.test(doc.partita_iva.replace(/\s/g, ''))) errors.push({ field: 'partita_iva', reason: t('field.vat') });
  return errors;
}

function showErrors(form, errors) {
  for (const box of form.querySelectorAll('[data-testid="field-error"]')) { box.hidden = true; box.textContent = ''; }
  const general = form.querySelector('#form-errors');
  general.textContent = errors.length ? t('form.fix') : '';
  for (const error of errors) {
    const box = form.querySelector(`[data-testid="field-error"][data-field="${error.field}"]`);
    if (box) { box.hidden = false; box.textContent = error.reason; } else general.textContent += ` ${error.field}: ${error.reason}`;
  }
}

export async function render(root, [name, preset], app) {
  const spec = FORMS[name] || FORMS.customer;
  const guid = newGuid();
  const fields = await Promise.all(spec.fields.map((field) => fieldMarkup(field, field[0] === spec.preset ? preset || '' : '')));
  root.innerHTML = html`<h1>${t(spec.title)}</h1>
    <form class="doc-form form-grid" data-testid="doc-form" data-kind="${spec.kind}" data-guid="${guid}" novalidate>
      ${fields}
      <p class="bad wide" id="form-errors" data-testid="form-errors"></p>
      <div class="actions wide"><button type="submit" class="button primary" data-testid="form-save">${t('form.save')}</button>
        <a class="button" href="#/outbox" data-testid="form-cancel">${t('form.cancel')}</a></div>
    </form>`.text;
  const form = root.querySelector('form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const doc = { guid };
    for (const [field] of spec.fields) doc[field] = form.elements[field].value.trim();
    if (spec.kind === 'activities' && doc.data_esecuzione === '') delete doc.data_esecuzione;
    const cleaned = Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== ''));
    const errors = [...ownChecks(spec.kind, cleaned), ...check(spec.kind, cleaned)];
    if (errors.length) { showErrors(form, errors); return; }
    const title = cleaned.ragione_sociale || cleaned.descrizione1 || cleaned.des_oggetto || cleaned.nota?.slice(0, 40) || '';
    try {
      await outbox.queue(spec.kind, cleaned, { title, date: fmt.today() });
    } catch (error) {
      showErrors(form, error.errors || [{ field: '', reason: error.message }]);
      return;
    }
    app.toast(t('order.queued'));
    app.navigate('outbox');
  });
}
