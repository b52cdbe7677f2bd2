"""Texts of the console's Backups page: key -> (English, Italian)."""

BACKUP_TEXTS: dict[str, tuple[str, str]] = {
    "nav.backups": ("Backups", "Backup"),
    "backups.title": ("Backups", "Backup"),
    "backups.heading": ("Backups", "Backup"),
    "backups.folder": ("Backups are written to {folder} every day at {at}; the newest of the last {daily} days and "
                       "{weekly} weeks are kept.",
                       "I backup sono scritti in {folder} ogni giorno alle {at}; si tengono i più recenti degli "
                       "ultimi {daily} giorni e {weekly} settimane."),
    "backups.now": ("Back up now", "Esegui backup ora"),
    "backups.started": ("Backup started: it appears in the list when it is written and checked.",
                        "Backup avviato: compare nell'elenco quando è scritto e verificato."),
    "backups.busy": ("A backup is already running.", "Un backup è già in corso."),
    "backups.running": ("A backup is running…", "Backup in corso…"),
    "backups.none": ("No backup yet.", "Nessun backup."),
    "backups.created": ("Taken", "Eseguito"),
    "backups.reason": ("Why", "Motivo"),
    "backups.size": ("Size", "Dimensione"),
    "backups.drill": ("Restore test", "Prova di ripristino"),
    "backups.drill_ok": ("passed", "riuscita"),
    "backups.drill_failed": ("FAILED: {reason}", "FALLITA: {reason}"),
    "backups.drill_none": ("not done", "non eseguita"),
    "backups.download": ("Download", "Scarica"),
    "backups.restore_heading": ("Restoring a backup", "Ripristinare un backup"),
    "backups.restore_steps": ("1. Stop the service: appliance service stop (or stop the AppManager service in "
                              "services.msc). 2. On the server, run: appliance restore NAME (the name from this "
                              "list). It checks the archive, keeps the current files in before-restore-TIME in the "
                              "data folder, restores and stores again the documents received after the backup. "
                              "3. Start the service: appliance service start. The iPads resync by themselves.",
                              "1. Fermare il servizio: appliance service stop (o fermare il servizio AppManager in "
                              "services.msc). 2. Sul server eseguire: appliance restore NOME (il nome in questo "
                              "elenco). Verifica l'archivio, conserva i file attuali in before-restore-ORA nella "
                              "cartella dati, ripristina e registra di nuovo i documenti ricevuti dopo il backup. "
                              "3. Avviare il servizio: appliance service start. Gli iPad si risincronizzano da soli."),
}
