"""The operator's console, its domain side: administrators, sign-in, sessions, setup, files.

The web pages (appliance/web/console/) call these; the CLI's `appliance admin` too.

    add_admin(store, settings, username, password, *, first=False, now=None) -> dict
    set_admin_password(store, settings, username, password, *, keep_session=None, now=None)
    set_admin_active(store, username, active, now=None) -> dict
    list_admins(store) -> list[dict]; has_admin(store) -> bool
    sign_in(store, settings, username, password, address, now=None) -> SignIn
        Throttled per name and address; every attempt is logged.
    open_session / resolve_session / end_session, csrf_token / csrf_matches, set_flash / clear_flash
    SetupCode, create_first_admin(store, settings, setup, code, username, password, address, now=None)
    console_secret(paths) -> bytes       the per-install key in <data>/secrets/console.key
    dashboard_status(service, now=None)  the /health report plus the day's figures
    latest_entries, log_files, log_file  the service's log for the Logs page
    rejected_files, rejected_path        rejected/ with the reports beside the files
    import_upload(store, settings, name, save, today) -> FileOutcome
    save_params(store, submitted, username=None, now=None) -> list[str]
"""
