"""Texts of the iPads page (HTTPS, the local CA, the steps on the iPad): key -> (English, Italian)."""

TLS_TEXTS: dict[str, tuple[str, str]] = {
    "nav.ipads": ("iPads", "iPad"),
    "dash.section.tls": ("HTTPS for the iPads", "HTTPS per gli iPad"),
    "ipads.title": ("iPads and HTTPS", "iPad e HTTPS"),
    "ipads.heading": ("Connecting the iPads", "Collegare gli iPad"),
    "ipads.intro": ("iPads reach this server only over HTTPS with a certificate they trust. Install this "
                    "server's certificate authority on each iPad once, then use the HTTPS address.",
                    "Gli iPad si collegano a questo server solo in HTTPS con un certificato di cui si fidano. "
                    "Installa una volta su ogni iPad l'autorità di certificazione di questo server, poi usa "
                    "l'indirizzo HTTPS."),
    "ipads.https_off": ("HTTPS is off (https_port = 0): iPads cannot connect. Set https_port and restart the "
                        "service.", "HTTPS è spento (https_port = 0): gli iPad non possono collegarsi. Imposta "
                        "https_port e riavvia il servizio."),
    "ipads.link.app": ("The app (HTTPS)", "L'app (HTTPS)"),
    "ipads.link.profile": ("Profile for the iPad (step 1)", "Profilo per l'iPad (passo 1)"),
    "ipads.link.ca": ("Certificate only (other devices)", "Solo il certificato (altri dispositivi)"),
    "ipads.steps": ("On each iPad", "Su ogni iPad"),
    "ipads.step1": ("Open the profile address in Safari (scan the QR code with the camera) and allow the "
                    "download.", "Apri l'indirizzo del profilo in Safari (inquadra il codice QR con la "
                    "fotocamera) e consenti il download."),
    "ipads.step2": ("Open Settings › Profile Downloaded › Install, and confirm with the iPad's code.",
                    "Apri Impostazioni › Profilo scaricato › Installa, e conferma con il codice dell'iPad."),
    "ipads.step3": ("Open Settings › General › About › Certificate Trust Settings and switch on full trust for "
                    "the AppManager CA. Without this step iOS does not trust the server.",
                    "Apri Impostazioni › Generali › Info › Impostazioni attendibilità certificati e attiva "
                    "l'attendibilità completa per la CA AppManager. Senza questo passo iOS non si fida del "
                    "server."),
    "ipads.step4": ("Open the app's HTTPS address in Safari and add it to the Home Screen.",
                    "Apri in Safari l'indirizzo HTTPS dell'app e aggiungila alla schermata Home."),
    "ipads.mdm": ("Many iPads: an MDM (Intune, Jamf, Apple Business Manager…) can push the profile from "
                  "/ca.mobileconfig or the certificate from /ca.crt as a trusted root to the whole fleet, "
                  "with no step on the iPads.",
                  "Molti iPad: un MDM (Intune, Jamf, Apple Business Manager…) può distribuire a tutti il "
                  "profilo di /ca.mobileconfig o il certificato di /ca.crt come radice attendibile, senza "
                  "passi sugli iPad."),
    "ipads.device_http.refuse": ("The device API answers only over HTTPS (device_http = refuse).",
                                 "L'API dei dispositivi risponde solo in HTTPS (device_http = refuse)."),
    "ipads.device_http.allow": ("The device API also answers over plain HTTP (device_http = allow).",
                                "L'API dei dispositivi risponde anche in HTTP semplice (device_http = allow)."),
    "ipads.certificate": ("Server certificate", "Certificato del server"),
    "ipads.state": ("State", "Stato"),
    "ipads.state.ok": ("Valid", "Valido"),
    "ipads.state.expiring": ("Expires soon", "Sta per scadere"),
    "ipads.state.expired": ("Expired", "Scaduto"),
    "ipads.state.missing": ("Missing", "Assente"),
    "ipads.state.off": ("HTTPS off", "HTTPS spento"),
    "ipads.expires": ("Expires", "Scade"),
    "ipads.days_left": ("Days left", "Giorni rimasti"),
    "ipads.source": ("Issued by", "Emesso da"),
    "ipads.names": ("Names and addresses", "Nomi e indirizzi"),
    "ipads.names_hint": ("Add a name (VPN, NAT address) with tls_names in appliance.toml; the certificate is "
                         "renewed at the next start.", "Aggiungi un nome (VPN, indirizzo NAT) con tls_names in "
                         "appliance.toml; il certificato viene rinnovato al prossimo avvio."),
    "ipads.check": ("Check as an iPad would ({host})", "Verifica come un iPad ({host})"),
    "ipads.rule": ("Rule", "Regola"),
    "ipads.result": ("Result", "Esito"),
    "ipads.detail": ("Detail", "Dettaglio"),
    "ipads.pass": ("pass", "ok"),
    "ipads.fail": ("FAIL", "NON OK"),
    "ipads.no_check": ("No check: HTTPS is not serving.", "Nessuna verifica: HTTPS non è attivo."),
    "ipads.import": ("Use your own certificate", "Usa un certificato vostro"),
    "ipads.import_hint": ("A .pfx/.p12 file with its password, or a PEM certificate with its chain and key. It is "
                          "checked first: a refused one replaces nothing.",
                          "Un file .pfx/.p12 con la sua password, o un certificato PEM con catena e chiave. "
                          "Viene verificato prima: se rifiutato non sostituisce nulla."),
    "ipads.file": ("Certificate (.pfx, .p12, .pem, .crt)", "Certificato (.pfx, .p12, .pem, .crt)"),
    "ipads.key": ("Private key (PEM, if separate)", "Chiave privata (PEM, se separata)"),
    "ipads.password": ("PFX password", "Password del PFX"),
    "ipads.import_button": ("Import certificate", "Importa certificato"),
    "ipads.imported": ("Certificate imported; HTTPS serves it within a minute.",
                       "Certificato importato; HTTPS lo usa entro un minuto."),
}
