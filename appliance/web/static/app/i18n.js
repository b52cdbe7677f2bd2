// Italian and English texts: the device's language unless the agent chose one.

const TEXTS = {
  it: {
    'app.updated': 'App aggiornata alla nuova versione.',
    'lang.it': 'Italiano', 'lang.en': 'English',
    'login.username': 'Utente', 'login.password': 'Password', 'login.submit': 'Accedi',
    'login.offline': 'Il server non risponde: collegati alla rete dell\'azienda e riprova.',
    'login.expired': 'La sessione è scaduta: inserisci di nuovo la password. I dati sull\'iPad restano.',
    'nav.customers': 'Clienti', 'nav.catalog': 'Catalogo', 'nav.reports': 'Report', 'nav.settings': 'Impostazioni',
    'sync.now': 'Sincronizza', 'sync.starting': 'Sincronizzazione…',
    'sync.progress': 'Sincronizzazione: tabelle {done}/{total}, righe {rows}/{rowsTotal}',
    'sync.synced': 'Sincronizzato alle {time}', 'sync.never': 'Mai sincronizzato',
    'sync.offline': 'Offline', 'sync.last': '(ultimo alle {time})', 'sync.error': 'Errore: {reason}',
    'customers.search': 'Cerca per codice, nome, partita IVA, città', 'customers.today': 'Visita oggi',
    'customers.blocked': 'Bloccato', 'customers.none': 'Nessun cliente sull\'iPad: sincronizza.',
    'customers.count': '{shown} di {found} clienti',
    'customer.code': 'Codice', 'customer.name': 'Ragione sociale', 'customer.address': 'Indirizzo',
    'customer.vat': 'P. IVA', 'customer.fiscal': 'Codice fiscale', 'customer.phone': 'Telefono',
    'customer.email': 'E-mail', 'customer.payment': 'Pagamento', 'customer.pricelist': 'Listino',
    'customer.category': 'Categoria', 'customer.zone': 'Zona', 'customer.bank': 'Banca',
    'customer.credit': 'Fido', 'customer.last_invoice': 'Ultima fattura', 'customer.preferred': 'Preferita',
    'customer.missing': 'Il cliente {code} non è sull\'iPad.',
    'tab.general': 'Generale', 'tab.destinations': 'Destinazioni', 'tab.contacts': 'Contatti', 'tab.notes': 'Note',
    'tab.documents': 'Documenti', 'tab.open': 'Partite aperte', 'tab.revenue': 'Fatturato', 'tab.sales': 'Ultime vendite',
    'doc.date': 'Data', 'doc.document': 'Documento', 'doc.state': 'Stato', 'doc.total': 'Totale',
    'open.total': 'Totale da incassare', 'open.overdue': 'scaduto', 'open.due': 'Scadenza', 'open.kind': 'Tipo',
    'open.amount': 'Importo', 'open.none': 'Nessuna partita aperta.',
    'sales.qty': 'Quantità', 'sales.price': 'Prezzo',
    'empty': 'Niente da mostrare.', 'close': 'Chiudi',
    'catalog.search': 'Cerca articoli per codice, descrizione, barcode', 'catalog.up': 'su',
    'catalog.empty': 'Questa cartella è vuota.', 'articles.count': '{found} articoli',
    'articles.many': 'Primi {shown} articoli: affina la ricerca',
    'article.article': 'Articolo', 'article.family': 'Famiglia', 'article.units': 'Unità di misura',
    'article.min_qty': 'Quantità minima', 'article.multiple': 'Multiplo', 'article.price': 'Prezzo di listino',
    'article.no_price': 'nessun prezzo generale', 'article.notes': 'Note', 'article.no_photos': 'Nessuna foto.',
    'article.stock_title': 'Magazzino', 'article.warehouse': 'Deposito', 'article.stock': 'Giacenza',
    'article.available': 'Disponibilità', 'article.missing': 'L\'articolo {code} non è sull\'iPad.',
    'reports.offline': 'offline', 'reports.empty': 'Nessun report.',
    'reports.unavailable': 'Report non disponibile offline: aprilo una volta con la rete.',
    'settings.user': 'Utente', 'settings.agent': 'agente', 'settings.project': 'Azienda',
    'settings.sync': 'Sincronizzazione', 'settings.last_sync': 'Ultima sincronizzazione completa',
    'settings.storage': 'Spazio', 'settings.storage_used': '{used} usati (disponibili {quota})',
    'settings.persisted': 'dati protetti dalla pulizia automatica', 'settings.not_persisted': 'il browser può liberare lo spazio',
    'settings.language': 'Lingua', 'settings.device': 'Identificativo dell\'iPad',
    'media.keep': 'Tieni il catalogo offline ({count} immagini, {size})',
    'media.progress': 'Scaricate {done} di {total} immagini ({size})', 'media.done': 'Catalogo disponibile offline.',
    'signout.title': 'Esci', 'signout.button': 'Esci e cancella i dati dall\'iPad',
    'signout.explain': 'Uscendo, i dati scaricati vengono cancellati da questo iPad.',
    'signout.confirm': 'Uscire e cancellare dall\'iPad clienti, catalogo e report scaricati?',
    'signout.refused': 'Ci sono documenti non ancora inviati: sincronizza prima di uscire.',
  },
  en: {
    'app.updated': 'The app was updated to its new version.',
    'lang.it': 'Italiano', 'lang.en': 'English',
    'login.username': 'User name', 'login.password': 'Password', 'login.submit': 'Sign in',
    'login.offline': 'The server does not answer: join the company network and try again.',
    'login.expired': 'Your session expired: enter your password again. The data on this iPad stays.',
    'nav.customers': 'Customers', 'nav.catalog': 'Catalog', 'nav.reports': 'Reports', 'nav.settings': 'Settings',
    'sync.now': 'Sync now', 'sync.starting': 'Syncing…',
    'sync.progress': 'Syncing: tables {done}/{total}, rows {rows}/{rowsTotal}',
    'sync.synced': 'Synced at {time}', 'sync.never': 'Never synced',
    'sync.offline': 'Offline', 'sync.last': '(last at {time})', 'sync.error': 'Error: {reason}',
    'customers.search': 'Search by code, name, VAT number, city', 'customers.today': 'Visit today',
    'customers.blocked': 'Blocked', 'customers.none': 'No customers on this iPad yet: sync.',
    'customers.count': '{shown} of {found} customers',
    'customer.code': 'Code', 'customer.name': 'Company name', 'customer.address': 'Address',
    'customer.vat': 'VAT', 'customer.fiscal': 'Tax code', 'customer.phone': 'Phone',
    'customer.email': 'E-mail', 'customer.payment': 'Payment', 'customer.pricelist': 'Price list',
    'customer.category': 'Category', 'customer.zone': 'Zone', 'customer.bank': 'Bank',
    'customer.credit': 'Credit limit', 'customer.last_invoice': 'Last invoice', 'customer.preferred': 'Preferred',
    'customer.missing': 'Customer {code} is not on this iPad.',
    'tab.general': 'General', 'tab.destinations': 'Destinations', 'tab.contacts': 'Contacts', 'tab.notes': 'Notes',
    'tab.documents': 'Documents', 'tab.open': 'Open items', 'tab.revenue': 'Revenue', 'tab.sales': 'Last sales',
    'doc.date': 'Date', 'doc.document': 'Document', 'doc.state': 'State', 'doc.total': 'Total',
    'open.total': 'Total due', 'open.overdue': 'overdue', 'open.due': 'Due', 'open.kind': 'Kind',
    'open.amount': 'Amount', 'open.none': 'No open items.',
    'sales.qty': 'Quantity', 'sales.price': 'Price',
    'empty': 'Nothing to show.', 'close': 'Close',
    'catalog.search': 'Search articles by code, description, barcode', 'catalog.up': 'up',
    'catalog.empty': 'This folder is empty.', 'articles.count': '{found} articles',
    'articles.many': 'First {shown} articles: refine the search',
    'article.article': 'Article', 'article.family': 'Family', 'article.units': 'Units',
    'article.min_qty': 'Minimum quantity', 'article.multiple': 'Multiple', 'article.price': 'List price',
    'article.no_price': 'no general price', 'article.notes': 'Notes', 'article.no_photos': 'No photos.',
    'article.stock_title': 'Stock', 'article.warehouse': 'Warehouse', 'article.stock': 'In stock',
    'article.available': 'Available', 'article.missing': 'Article {code} is not on this iPad.',
    'reports.offline': 'offline', 'reports.empty': 'No reports.',
    'reports.unavailable': 'This report is not kept offline: open it once while connected.',
    'settings.user': 'User', 'settings.agent': 'agent', 'settings.project': 'Company',
    'settings.sync': 'Sync', 'settings.last_sync': 'Last complete sync',
    'settings.storage': 'Storage', 'settings.storage_used': '{used} used ({quota} available)',
    'settings.persisted': 'protected from automatic clean-up', 'settings.not_persisted': 'the browser may free this space',
    'settings.language': 'Language', 'settings.device': 'This iPad\'s id',
    'media.keep': 'Keep the catalog offline ({count} images, {size})',
    'media.progress': 'Downloaded {done} of {total} images ({size})', 'media.done': 'The catalog is available offline.',
    'signout.title': 'Sign out', 'signout.button': 'Sign out and delete the data from this iPad',
    'signout.explain': 'Signing out deletes the downloaded data from this iPad.',
    'signout.confirm': 'Sign out and delete the customers, catalog and reports downloaded to this iPad?',
    'signout.refused': 'Some documents were not sent yet: sync before signing out.',
  },
};

let current = 'it';

/** The language in use ('it' | 'en'). */
export function lang() {
  return current;
}

/** Use `code` (anything but English is Italian); `remember` keeps the agent's choice. */
export function setLang(code, remember = false) {
  current = code === 'en' ? 'en' : 'it';
  if (remember) localStorage.setItem('appmanager.lang', current);
  if (typeof document !== 'undefined') document.documentElement.lang = current;
}

/** The text for `key` in the language in use, with {name} placeholders filled. */
export function t(key, values = {}) {
  const text = TEXTS[current][key] ?? TEXTS.it[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}

export const LANGUAGES = Object.keys(TEXTS);

/** Add a feature's texts ({key: text} per language), kept in the feature's own module. */
export function addTexts(texts) {
  for (const [code, entries] of Object.entries(texts)) Object.assign(TEXTS[code], entries);
}
