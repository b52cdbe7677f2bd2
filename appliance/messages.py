"""Messages the appliance's own checks write in English (import checks, document checks, service problems,
the license state), said in the reader's language: Italian, and without command lines in either.

The checks keep their English text for the API, the command line and the log; the console and the
tray recognise each message by its pattern and say it again (`say(message, language)`). Each entry of
MESSAGES: name, the English pattern (named groups), the reader's English (None: as written) and the
Italian. A group whose name ends in `_msg` holds another message and is said again in turn; one
ending in `_n` is a whole number, `_days` a count of days ("1 day"), `_qty` a decimal, `_money` an amount and
`_date` an ISO date, each written in the language's format. A base module: the console and the tray (a
separate program) share it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

LANGUAGES = ("en", "it")
FILE = r"(?P<file>[^\s:,]+)"
N = r"[\d,]+"

MESSAGES = (
    # import results
    ("import.summary", rf"{FILE}: (?P<result_word>rejected|held|skipped): (?P<reason_msg>.+)", None,
     "{file}: {result_word}: {reason_msg}"),
    ("import.imported_summary", rf"{FILE}: imported into (?P<table>\w+) \((?P<rows_n>{N}) rows: (?P<new_n>{N}) new, "
     rf"(?P<changed_n>{N}) changed, (?P<deleted_n>{N}) deleted, (?P<same_n>{N}) unchanged\) in (?P<s>[\d.]+)s", None,
     "{file}: importato in {table} ({rows_n} righe: {new_n} nuove, {changed_n} modificate, {deleted_n} cancellate, "
     "{same_n} invariate) in {s} s"),
    ("import.not_erp_name", rf"{FILE} is not an ERP file name: expected io_<name>.dat with letters, digits and _ only",
     None, "{file} non è un nome di file del gestionale: serve io_<nome>.dat con sole lettere, cifre e _"),
    ("import.unreadable", r"cannot read the file \((?P<why>.+)\); it stays where it is and is read again later", None,
     "il file non si può leggere ({why}); resta dov'è e sarà letto di nuovo più tardi"),
    ("import.identical", r"identical to the last file applied to this table \(same MD5\); nothing to do", None,
     "identico all'ultimo file applicato a questa tabella; nulla da fare"),
    ("import.incomplete", r"(?P<why>.+); nothing was changed and the file is read again when it is complete", None,
     "{why}; non è stato cambiato nulla e il file sarà letto di nuovo quando sarà completo"),
    ("import.error_first", r"1 error; first: (?P<first_msg>.+)", None, "1 errore: {first_msg}"),
    ("import.errors_first", rf"(?P<count_n>{N}) errors; first: (?P<first_msg>.+)", None,
     "{count_n} errori; il primo: {first_msg}"),
    ("import.held", rf"would delete (?P<gone_n>{N}) of (?P<live_n>{N}) rows \((?P<ratio>\d+%)\), more than the "
     r"(?P<limit>\d+%) allowed; nothing was changed\. Check the export, then `appliance held apply (?P<name>\S+)` "
     r"to apply it or `appliance held discard \S+` to drop it",
     "would delete {gone_n} of {live_n} rows ({ratio}), more than the {limit} allowed; nothing was changed. Check "
     "the export, then press Apply or Discard under “Held files” on the Imports page",
     "cancellerebbe {gone_n} righe su {live_n} ({ratio}), più del {limit} consentito; non è stato cambiato nulla. "
     "Controlla l'esportazione, poi premi Applica o Scarta in “File trattenuti” nella pagina Importazioni"),
    ("import.imported", r"imported", None, "importato"),
    ("import.no_errors", r"no errors", None, "nessun errore"),
    ("import.unknown_layout", rf"{FILE} is not a known ERP file; did you mean (?P<names>.+)\?", None,
     "{file} non è un file noto del gestionale; forse intendevi {names}?"),

    ("upload.not_erp", r"'(?P<name>.*)' is not an ERP file: choose an io_\*\.dat file, such as io_art\.dat\.", None,
     "'{name}' non è un file del gestionale: scegli un file io_*.dat, per esempio io_art.dat."),
    ("upload.choose", r"Choose an io_\*\.dat file to import\.", None, "Scegli un file io_*.dat da importare."),
    ("license.choose", r"Choose the license file \(\.lic\) the vendor sent; it is a small text file\.", None,
     "Scegli il file di licenza (.lic) inviato dal fornitore; è un piccolo file di testo."),

    ("report.more_errors", rf"\.\.\. (?P<more_n>{N}) more errors \((?P<all_n>{N}) in all; the first (?P<shown_n>{N}) "
     r"are listed\)", None, "... altri {more_n} errori ({all_n} in tutto; sono elencati i primi {shown_n})"),
    ("report.more_warnings", rf"\.\.\. (?P<more_n>{N}) more warnings \((?P<all_n>{N}) in all; the first "
     rf"(?P<shown_n>{N}) are listed\)", None,
     "... altri {more_n} avvisi ({all_n} in tutto; sono elencati i primi {shown_n})"),

    # one problem of a file, and its reasons
    ("problem.text", rf"(?P<kind>ERROR|WARNING) {FILE}(?:, line (?P<line>\d+))?(?:, column (?P<column>[^,:]+))?"
     r"(?:, value '(?P<value>.*)')?: (?P<reason_msg>.+)", None, "{kind} {file}{line}{column}{value}: {reason_msg}"),
    ("reason.header_no_name", r"header column (?P<pos>\d+) has no name", None,
     "la colonna {pos} dell'intestazione non ha un nome"),
    ("reason.header_spaces", r"header name has surrounding spaces; they were ignored", None,
     "il nome nell'intestazione ha spazi attorno; sono stati ignorati"),
    ("reason.header_twice", r"header name (?P<name>\w+) appears twice \(columns (?P<a>\d+) and (?P<b>\d+)\)", None,
     "il nome {name} compare due volte nell'intestazione (colonne {a} e {b})"),
    ("reason.header_nul", r"the header contains NUL bytes: this is not a text file", None,
     "l'intestazione contiene byte NUL: non è un file di testo"),
    ("reason.column_name", r"a column name may hold only letters, digits and _", None,
     "un nome di colonna può contenere solo lettere, cifre e _"),
    ("reason.no_layout", rf"no layout is registered for {FILE}; loaded with text columns named by its header, keyed "
     r"by CHIAVE", None, "nessun tracciato è registrato per {file}; caricato come testo con le colonne "
     "dell'intestazione e la chiave CHIAVE"),
    ("reason.no_header", rf"none of the header names is a column of {FILE}: is the header row missing\?", None,
     "nessun nome dell'intestazione è una colonna di {file}: manca la riga di intestazione?"),
    ("reason.key_missing", r"the key columns? (?P<names>.+) (?:is|are) missing from the header", None,
     "manca dall'intestazione la chiave {names}"),
    ("reason.extra_columns", rf"columns? not in the {FILE} layout, kept as extra data: (?P<names>[^(]+?)"
     r"(?: \(documented issue: (?P<note>.+)\))?", None,
     "colonne non previste dal tracciato {file}, conservate come dati aggiuntivi: {names}"),
    ("reason.bad_byte", r"byte 0x(?P<byte>\w+) at character (?P<col>\d+) cannot be decoded as (?P<enc>[\w-]+) "
     r"\((?P<hint>.+)\)", None, "il byte 0x{byte} al carattere {col} non è leggibile come {enc} (salva il file in "
     "UTF-8 o Windows-1252)"),
    ("reason.key_empty", r"the key column is empty", None, "la colonna chiave è vuota"),
    ("reason.nul_byte", r"NUL byte at character (?P<col>\d+): binary data in a text file", None,
     "byte NUL al carattere {col}: dati binari in un file di testo"),
    ("reason.field_count", r"line (?P<at>\d+) has (?P<have>\d+) fields, the header has (?P<want>\d+): "
     r"(?P<hint_msg>.+)", None, "la riga {at} ha {have} campi, l'intestazione ne ha {want}: {hint_msg}"),
    ("reason.pipe_in_text", r"is there a \| inside a text\?", None, "c'è un | dentro un testo?"),
    ("reason.line_cut", r"is a column missing, or was the line cut\?", None, "manca una colonna o la riga è tagliata?"),
    ("reason.empty_file", r"the file is empty \(0 bytes\): there is no header row", None,
     "il file è vuoto (0 byte): manca la riga di intestazione"),
    ("reason.blank_line", r"blank line ignored", None, "riga vuota ignorata"),
    ("reason.duplicate_key", r"duplicate key: the same key is on line (?P<at>\d+)", None,
     "chiave duplicata: la stessa chiave è alla riga {at}"),
    ("reason.more_duplicates", rf"(?P<more_n>{N}) more keys appear more than once", None,
     "altre {more_n} chiavi compaiono più volte"),
    ("reason.text_too_long", rf"text of (?P<len_n>{N}) characters is over the (?P<max_n>{N})-character limit", None,
     "testo di {len_n} caratteri, oltre il limite di {max_n}"),
    ("reason.old_name", r"'(?P<raw>.*)' is an old-style name; stored as code (?P<code>\S+) \(newer docs\)", None,
     "'{raw}' è un nome del vecchio tipo; salvato come codice {code}"),
    ("reason.longer", r"(?P<len>\d+) characters, longer than the documented maximum of (?P<max>\d+); kept whole"
     r"(?: \((?P<note>.+)\))?", None, "{len} caratteri, più del massimo documentato di {max}; conservato intero"),
    ("reason.not_integer", r"(?P<raw>.*) is not a whole number(?: \(this column holds integers\))?", None,
     "{raw} non è un numero intero"),
    ("reason.too_many_digits", r"(?P<raw>.*) has (?P<digits>\d+) digits, too large for a whole number", None,
     "{raw} ha {digits} cifre, troppe per un numero intero"),
    ("reason.digits_kept", r"(?P<digits>\d+) digits, more than the documented (?P<max>\d+); kept", None,
     "{digits} cifre, più delle {max} documentate; conservato"),
    ("reason.thousands", r"(?P<raw>.*) uses a thousands separator; write the number without it and with ',' before "
     r"the decimals", None, "{raw} usa il separatore delle migliaia; scrivi il numero senza e con ',' prima dei "
     "decimali"),
    ("reason.dot_decimal", r"(?P<raw>.*) uses '\.', this layout uses ','", None,
     "{raw} usa il '.', questo tracciato usa la ','"),
    ("reason.not_number", r"(?P<raw>.*) is not a number \(expected digits with ',' before the decimals\)", None,
     "{raw} non è un numero (servono cifre con la ',' prima dei decimali)"),
    ("reason.precision", r"more digits than the documented precision \((?P<p>[\d,]+)\); kept exactly", None,
     "più cifre della precisione documentata ({p}); conservato esatto"),
    ("reason.not_date", r"(?P<raw>.*) is not a date(?P<fmt> in the format ddmmyyyy)?", None,
     "{raw} non è una data (formato ggmmaaaa)"),
    ("reason.date_for_datetime", r"an 8-digit date where the layout says date and time; (?P<rest>.+)", None,
     "una data di 8 cifre dove il tracciato prevede data e ora; completata con l'ora 00:00:00"),
    ("reason.obsolete_datetime", r"(?P<raw>.*) is not a date and time; DAT_ULT_MOD is obsolete, stored as empty", None,
     "{raw} non è una data e ora; DAT_ULT_MOD è obsoleto, salvato vuoto"),
    ("reason.not_datetime", r"(?P<raw>.*) is not a date and time(?: in the format ddmmyyyyhhmmss)?", None,
     "{raw} non è una data e ora (formato ggmmaaaahhmmss)"),

    # document warnings (the document checks)
    ("doc.unknown_customer", r"Customer (?P<code>\S+) is not in the ERP's customer list\.", None,
     "Il cliente {code} non è nell'elenco clienti del gestionale."),
    ("doc.not_agents_customer", r"Customer (?P<code>\S+) is not one of agent (?P<agent>\S+)'s customers "
     r"\(io_clifor_age\): check who should handle this document\.",
     "Customer {code} is not one of agent {agent}'s customers: check who should handle this document.",
     "Il cliente {code} non è tra i clienti dell'agente {agent}: verifica chi deve seguire questo documento."),
    ("doc.blocked_customer", r"Customer (?P<code>\S+) is blocked \((?P<why>.*)\)\.", None,
     "Il cliente {code} è bloccato ({why})."),
    ("doc.unknown_lead", r"Lead (?P<code>\S+) is not in the ERP's lead list\.", None,
     "Il contatto {code} non è nell'elenco contatti del gestionale."),
    ("doc.unknown_article", r"Article (?P<code>\S+) is no longer in the ERP's article list\.", None,
     "L'articolo {code} non è più nell'elenco articoli del gestionale."),
    ("doc.below_min_price", r"Article (?P<code>\S+): price (?P<v_money>[\d.]+) is below the minimum price "
     r"(?P<lim_money>[\d.]+)", "Article {code}: price {v_money} is below the minimum price {lim_money}",
     "Articolo {code}: prezzo {v_money} sotto il prezzo minimo {lim_money}"),
    ("doc.above_max_discount", r"Article (?P<code>\S+): discount (?P<v_qty>[\d.]+)% is above the maximum "
     r"(?P<lim_qty>[\d.]+)%", "Article {code}: discount {v_qty}% is above the maximum {lim_qty}%",
     "Articolo {code}: sconto {v_qty}% oltre il massimo {lim_qty}%"),
    ("doc.below_min_quantity", r"Article (?P<code>\S+): quantity (?P<v_qty>[\d.]+) is below the minimum quantity "
     r"(?P<lim_qty>[\d.]+)", "Article {code}: quantity {v_qty} is below the minimum quantity {lim_qty}",
     "Articolo {code}: quantità {v_qty} sotto la quantità minima {lim_qty}"),

    ("doc.no_lines", r"The order has no lines; it waits for an operator\.", None,
     "L'ordine non ha righe; attende un operatore."),
    ("doc.price_changed_row", r"Article (?P<code>\S+): the agent's price (?P<mine>.+) differs from the current ERP "
     r"price (?P<theirs>.+) \(row (?P<row>\S+)\)\.",
     "Article {code}: the agent's price differs from today's ERP price (price list row {row}); both are in the "
     "table below.", "Articolo {code}: il prezzo dell'agente è diverso dal prezzo attuale del gestionale (riga "
     "{row} del listino); entrambi sono nella tabella qui sotto."),
    ("doc.price_changed_base", r"Article (?P<code>\S+): the agent's price (?P<mine>.+) differs from the current ERP "
     r"price (?P<theirs>.+) \(io_art's base price\)\.",
     "Article {code}: the agent's price differs from today's ERP price (the article's base price); both are in "
     "the table below.", "Articolo {code}: il prezzo dell'agente è diverso dal prezzo attuale del gestionale "
     "(prezzo base dell'articolo); entrambi sono nella tabella qui sotto."),

    # service problems (/health)
    ("health.exchange_missing", r"exchange folder (?P<path>.+) is missing", None,
     "la cartella di scambio {path} non si trova: controlla che l'unità o la condivisione sia collegata"),
    ("health.folder_missing", r"(?P<name>\w+)/ is missing", None, "manca la cartella {name}/"),
    ("health.batch_failed", r"the last (?P<kind>\w+) batch failed: (?P<error>.+)", None,
     "l'ultimo lotto {kind} non è riuscito: {error}"),
    ("health.license", r"license (?P<state>\w+): (?P<detail_msg>.*)", None, "licenza: {detail_msg}"),
    ("health.data_dir", r"the data folder is not writable: (?P<problem>.+)", None,
     "la cartella dei dati non è scrivibile: {problem}"),
    ("health.backup_failed", r"the last backup failed: (?P<error>.+)", None,
     "l'ultimo backup non è riuscito: {error}"),
    ("health.drill_failed", r"the restore drill of the last backup failed: (?P<reason>.+)", None,
     "la prova di ripristino dell'ultimo backup non è riuscita: {reason}"),
    ("health.no_good_backup", r"no good backup for more than 2 days \(last good: (?P<last>.+)\)", None,
     "nessun backup riuscito da più di 2 giorni (l'ultimo riuscito: {last})"),
    ("health.certificate_expired", r"the HTTPS certificate expired on (?P<date_date>[\d-]+): iPads cannot connect "
     r"until it is renewed", None,
     "il certificato HTTPS è scaduto il {date_date}: gli iPad non si collegano finché non viene rinnovato"),
    ("health.certificate_renewal", r"the HTTPS certificate expires on (?P<date_date>[\d-]+) "
     r"\((?P<left_days>-?\d+ days?) left\)", None, "il certificato HTTPS scade il {date_date} (ancora {left_days})"),
    ("health.certificate_missing", r"HTTPS is on but has no certificate: iPads cannot connect", None,
     "HTTPS è attivo ma senza certificato: gli iPad non si collegano"),
    ("health.certificate_expiring", r"the imported HTTPS certificate expires on (?P<date_date>[\d-]+) "
     r"\((?P<left_days>-?\d+ days?) left\): import its renewal", None,
     "il certificato HTTPS importato scade il {date_date} (ancora {left_days}): importa quello rinnovato"),
    # "file(s)": how services before real plurals said it; the tray may still be talking to one
    ("health.waiting_rejected.one", r"1 rejected file(?:\(s\))? waits? for an operator",
     "1 rejected file waits for an operator", "1 file rifiutato attende un operatore"),
    ("health.waiting_held.one", r"1 held file(?:\(s\))? waits? for an operator",
     "1 held file waits for an operator", "1 file trattenuto attende un operatore"),
    ("health.waiting_rejected", r"(?P<count_n>\d+) rejected files?(?:\(s\))? wait for an operator",
     "{count_n} rejected files wait for an operator", "{count_n} file rifiutati attendono un operatore"),
    ("health.waiting_held", r"(?P<count_n>\d+) held files?(?:\(s\))? wait for an operator",
     "{count_n} held files wait for an operator", "{count_n} file trattenuti attendono un operatore"),

    # the license state
    ("license.valid_until", r"License valid until (?P<date_date>[\d-]+) \((?P<left_days>\d+ days?) left\)\.", None,
     "Licenza valida fino al {date_date} (ancora {left_days})."),
    ("license.perpetual", r"Perpetual license for (?P<customer>.+)\.", None, "Licenza perpetua per {customer}."),
    ("license.renew", r"The license expires on (?P<date_date>[\d-]+) \(in (?P<in_days>\d+ days?)\)\. Ask the vendor for a "
     r"renewal and install it: appliance license install FILE",
     "The license expires on {date_date} (in {in_days}). Ask the vendor for a renewal and install it below.",
     "La licenza scade il {date_date} (tra {in_days}). Chiedi il rinnovo al fornitore e installalo qui sotto."),
    ("license.grace", r"The license expired on (?P<date_date>[\d-]+); device logins keep working until (?P<last_date>[\d-]+) "
     r"\((?P<grace_days>\d+ days?) of grace left\)\. Install a new license: appliance license install FILE",
     "The license expired on {date_date}; device logins keep working until {last_date} ({grace_days} of grace left). Install "
     "a new license on the License page.",
     "La licenza è scaduta il {date_date}; gli accessi dei dispositivi funzionano fino al {last_date} (ancora {grace_days} "
     "di tolleranza). Installa una nuova licenza nella pagina Licenza."),
    ("license.expired", r"The license expired on (?P<date_date>[\d-]+) and its grace period ended on (?P<last_date>[\d-]+); "
     r"device logins are refused \(ERP data keeps flowing\)\. Install a new license: appliance license install FILE",
     "The license expired on {date_date} and its grace period ended on {last_date}; device logins are refused (ERP data "
     "keeps flowing). Install a new license on the License page.",
     "La licenza è scaduta il {date_date} e la tolleranza è finita il {last_date}; gli accessi dei dispositivi sono rifiutati "
     "(i dati del gestionale continuano ad arrivare). Installa una nuova licenza nella pagina Licenza."),
    ("license.evaluation", r"No license installed: evaluation mode, at most (?P<users>\d+) active users\. Install the "
     r"license from the vendor: appliance license install FILE",
     "No license installed: evaluation mode, at most {users} active users. Install the license from the vendor on "
     "the License page.",
     "Nessuna licenza installata: modalità di valutazione, al massimo {users} utenti attivi. Installa la licenza "
     "del fornitore nella pagina Licenza."),
    ("license.not_yet", r"The license is valid from (?P<date_date>[\d-]+) and today is (?P<today_date>[\d-]+); device logins "
     r"are refused until then\. If today's date is right, ask the vendor for a license valid from today\.", None,
     "La licenza è valida dal {date_date} e oggi è il {today_date}; fino ad allora gli accessi dei dispositivi sono "
     "rifiutati. Se la data di oggi è giusta, chiedi al fornitore una licenza valida da oggi."),
    ("license.rollback", r"The server's clock shows (?P<now>.+), but it already showed (?P<seen>.+): it was moved "
     r"back by more than 24 hours, so the license counts as expired and device logins are refused\. Set this "
     r"server's date and time right\.", None,
     "L'orologio del server segna {now}, ma aveva già segnato {seen}: è stato spostato indietro di più di 24 ore, "
     "quindi la licenza vale come scaduta e gli accessi dei dispositivi sono rifiutati. Correggi data e ora del "
     "server."),
    ("license.invalid", r"The installed license is not valid\. (?P<why>.+)", None,
     "La licenza installata non è valida. {why}"),
    ("license.no_seat", r"(?P<count_n>\d+) active users? of '(?P<pool>\w+)' (?:has|have) no seat \((?P<licensed_n>\d+) "
     r"licensed\) and (?:is|are) refused at login: (?P<names>.+)\. Disable users or get more seats\.", None,
     "utenti attivi del profilo '{pool}' senza posto ({count_n}; posti in licenza: {licensed_n}), rifiutati "
     "all'accesso: {names}. Disattiva degli utenti o chiedi altri posti."),
    # the HTTPS self-check (iPads page): rules, what was seen, the fixes (without commands)
    ("tls.rule.version", r"TLS 1\.2 or newer", None, "TLS 1.2 o successivo"),
    ("tls.rule.old_versions", r"TLS 1\.0 and 1\.1 refused", None, "TLS 1.0 e 1.1 rifiutati"),
    ("tls.rule.forward_secrecy", r"forward secrecy", None, "forward secrecy (chiavi di sessione ECDHE)"),
    ("tls.rule.chain", r"chain verifies", None, "catena di certificati verificata"),
    ("tls.rule.names", r"names in subjectAltName", None, "nomi nel subjectAltName"),
    ("tls.rule.name", r"(?P<name>\S+) in subjectAltName", None, "{name} nel subjectAltName"),
    ("tls.rule.eku", r"extended key usage serverAuth", None, "uso esteso della chiave serverAuth"),
    ("tls.rule.key", r"key size", None, "lunghezza della chiave"),
    ("tls.rule.hash", r"SHA-256 signature", None, "firma SHA-256"),
    ("tls.rule.lifetime", r"validity at most (?P<days_n>\d+) days", None, "validità al massimo {days_n} giorni"),
    ("tls.rule.expiry", r"within validity", None, "nel periodo di validità"),
    ("tls.seen.negotiated", r"negotiated (?P<version>TLSv[\d.]+)", None, "negoziato {version}"),
    ("tls.seen.old_refused", r"a TLS 1\.0/1\.1 client was refused \((?P<why>.*)\)", None,
     "un client TLS 1.0/1.1 è stato rifiutato ({why})"),
    ("tls.seen.ciphers", r"(?P<version>TLSv[\d.]+) with (?P<cipher>\S+); TLS 1\.2 with (?P<cipher_12>\S+); a client "
     r"without ECDHE was refused \((?P<why>.*)\)", None,
     "{version} con {cipher}; TLS 1.2 con {cipher_12}; un client senza ECDHE è stato rifiutato ({why})"),
    ("tls.seen.ca", r"verified against the CA in (?P<path>.+)", None, "verificata con la CA in {path}"),
    ("tls.seen.system", r"verified against the system's trusted roots", None,
     "verificata con le radici di fiducia del sistema"),
    ("tls.seen.eku", r"serverAuth (?P<state_word>present|missing)", None, "serverAuth {state_word}"),
    ("tls.seen.key", r"(?P<kind>ECDSA|RSA) (?P<bits_n>\d+) bits", None, "{kind} a {bits_n} bit"),
    ("tls.seen.hash", r"signed with (?P<algorithm>\S+)", None, "firmato con {algorithm}"),
    ("tls.seen.lifetime", r"valid for (?P<days_n>\d+) days", None, "valido per {days_n} giorni"),
    ("tls.seen.expires", r"expires on (?P<date_date>[\d-]+) \((?P<left_days>-?\d+ days?) left\)", None,
     "scade il {date_date} (ancora {left_days})"),
    ("tls.seen.expired", r"expired on (?P<date_date>[\d-]+)", None, "scaduto il {date_date}"),
    ("tls.fix.version", r"Set the server's minimum protocol to TLS 1\.2\.", None,
     "Imposta TLS 1.2 come protocollo minimo del server."),
    ("tls.fix.ecdhe_12", r"Offer ECDHE suites for TLS 1\.2 \(iPads with older iOS use them\)\.", None,
     "Offri le suite ECDHE per TLS 1.2 (le usano gli iPad con iOS meno recenti)."),
    ("tls.fix.ecdhe_only", r"Offer only ECDHE suites for TLS 1\.2\.", None, "Offri solo suite ECDHE per TLS 1.2."),
    ("tls.fix.chain", r"Install the right certificate \(`appliance tls init --renew`\) or check with the right CA "
     r"\(--cafile\)\.", "Import the right certificate on this page, or restart the service to renew the local CA's one.",
     "Importa il certificato giusto in questa pagina, oppure riavvia il servizio per rinnovare quello della CA locale."),
    ("tls.fix.names", r"Use a certificate whose subjectAltName lists the server's names and addresses\.", None,
     "Usa un certificato il cui subjectAltName elenchi i nomi e gli indirizzi del server."),
    ("tls.fix.name", r"Add (?P<name>\S+) to tls_names \(appliance\.toml\) and restart the service, which renews the "
     r"certificate; an imported certificate must be reissued with that name\.", None,
     "Aggiungi {name} a tls_names (appliance.toml) e riavvia il servizio, che rinnova il certificato; un certificato "
     "importato va riemesso con quel nome."),
    ("tls.fix.eku", r"Use a certificate issued for TLS servers \(extended key usage serverAuth\)\.", None,
     "Usa un certificato emesso per server TLS (uso esteso della chiave serverAuth)."),
    ("tls.fix.key", r"Use an ECDSA key of 256 bits or more or an RSA key of 2048 bits or more\.", None,
     "Usa una chiave ECDSA di almeno 256 bit o RSA di almeno 2048 bit."),
    ("tls.fix.hash", r"Have the certificate reissued with a SHA-256 signature\.", None,
     "Fai riemettere il certificato con firma SHA-256."),
    ("tls.fix.lifetime", r"iOS refuses longer-lived certificates from a root the user installed; reissue it with at "
     r"most (?P<days_n>\d+) days\.", None,
     "iOS rifiuta certificati più lunghi se la radice è stata installata dall'utente; fallo riemettere con al "
     "massimo {days_n} giorni."),
    ("tls.fix.clock", r"Check this server's clock, or use a certificate that is already valid\.", None,
     "Controlla l'orologio del server, oppure usa un certificato già valido."),
    ("tls.fix.renew", r"Renew it: `appliance tls init --renew` \(local CA\) or import a new certificate\.",
     "Restart the service to renew the local CA's certificate, or import a new certificate on this page.",
     "Riavvia il servizio per rinnovare il certificato della CA locale, oppure importa un nuovo certificato in "
     "questa pagina."),
    ("tls.fix.log", r"Check the service's log\.", None, "Controlla il log del servizio."),
    # the project's logo (console)
    ("logo.missing", r"Choose an image file \(PNG or JPEG\) for the logo\.", None,
     "Scegliere un file immagine (PNG o JPEG) per il logo."),
    ("logo.too_large", r"The logo is larger than (?P<mb_n>\d+) MB: choose a smaller image\.", None,
     "Il logo supera {mb_n} MB: scegliere un'immagine più piccola."),
    ("logo.not_png", r"The logo must be a PNG or JPEG image\.", None, "Il logo deve essere un'immagine PNG o JPEG."),
    ("logo.unreadable", r"The logo must be a PNG or JPEG image: this file is not one that can be read\.", None,
     "Il logo deve essere un'immagine PNG o JPEG: questo file non si riesce a leggere."),
)


def days(count: int) -> str:
    """"1 day", "3 days": a count of days as the checks write it (and as `_days` groups read it back)."""
    return "1 day" if count == 1 else f"{count} days"


def format_number(value, language: str) -> str:
    """1234 -> "1,234" (en) / "1.234" (it); 1234.5 -> "1,234.5" / "1.234,5"."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    return text.translate(str.maketrans(",.", ".,")) if language == "it" else text


def format_decimal(value, language: str, places: int | None = None) -> str:
    """A Decimal (or its text) without trailing zeros, or with `places` decimals, grouped in the language's way."""
    number = Decimal(str(value))
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    whole, _, fraction = f"{number:,f}".partition(".")
    if language == "it":
        whole = whole.replace(",", ".")
    return whole + ((("," if language == "it" else ".") + fraction) if fraction else "")


def format_money(value, language: str) -> str:
    """20.24 -> "20,24 €" (it) / "€20.24" (en)."""
    text = format_decimal(value, language, 2)
    return f"{text} €" if language == "it" else f"€{text}"


# optional parts of a problem's text and the words the checks use as values, in each language
OPTIONAL_PARTS = {"line": (", line {}", ", riga {}"), "column": (", column {}", ", colonna {}"),
                  "value": (", value '{}'", ", valore '{}'")}
WORDS = {"ERROR": "ERRORE", "WARNING": "AVVISO", "rejected": "rifiutato", "held": "trattenuto",
         "skipped": "saltato", "never": "mai", "no code": "nessun codice", "present": "presente", "missing": "assente"}


@lru_cache(maxsize=None)
def _patterns() -> tuple:
    return tuple((re.compile(pattern), texts) for _, pattern, *texts in MESSAGES)


def find_message(message: str):
    """The first entry of MESSAGES the whole message matches, as (match, (english, italian)); else None."""
    for pattern, texts in _patterns():
        match = pattern.fullmatch(message)
        if match:
            return match, texts
    return None


def say(message: str | None, language: str) -> str:
    """A message of the appliance's checks in `language` ("en" or "it"); unknown messages as they are."""
    return _say(message or "", LANGUAGES.index(language), language)


def _say(message: str, index: int, language: str) -> str:
    found = find_message(message.strip())
    if found is None:
        return message
    match, texts = found
    template = texts[index]
    values = {name: _value(name, value, index, language) for name, value in match.groupdict().items()}
    if template is None:  # as written, with the messages inside said again
        text, end = "", 0
        for name in match.groupdict():
            if name.endswith("_msg") and match.group(name) is not None:
                text += message[end:match.start(name)] + values[name]
                end = match.end(name)
        return text + message[end:]
    return template.format(**values)


def _value(name: str, value: str | None, index: int, language: str) -> str:
    if value is None:
        return ""
    if name.endswith("_msg"):
        return _say(value, index, language)
    if name.endswith("_n"):
        return format_number(int(value.replace(",", "")), language)
    if name.endswith("_money"):
        return format_money(value, language)
    if name.endswith("_qty"):
        return format_decimal(value, language)
    if name.endswith("_days"):  # "1 day" / "3 days" as written: said again with the language's plural
        count = int(value.split()[0])
        return format_number(count, language) + (" " + ("giorno" if count == 1 else "giorni") if index else
                                                  (" day" if count == 1 else " days"))
    if name.endswith("_date") and index:
        year, month, day = value.split("-")
        return f"{day}/{month}/{year}"
    if name in OPTIONAL_PARTS:
        return OPTIONAL_PARTS[name][index].format(value)
    return WORDS.get(value, value) if index else value
