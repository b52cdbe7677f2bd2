"""Upgrades that can be undone: a backup before every migration, and a clear stop on a newer schema.

At start, before migrating (`guard_upgrade`, called by the service and the CLI before they
open the database), `before_migration` takes a backup (reason `pre-migration`,
kept by rotation) when the database has data and migrations are pending, so the version
just replaced can be brought back with `appliance restore`. An older version started on
a database a newer one has migrated stops at once (`check_schema`) with a message naming
that backup and the command.
"""

from __future__ import annotations

import logging

from appliance.backups.errors import BackupError, SchemaTooNewError
from appliance.backups.records import list_backups
from appliance.backups.rotation import PRE_MIGRATION
from appliance.backups.work import backup_and_drill
from appliance.store.db import Store
from appliance.store.migrations import applied_ids, registered

log = logging.getLogger("appliance.backups")


def guard_upgrade(settings) -> str | None:
    """Before anything migrates the database: stop on a newer schema, back up before pending migrations.

    The entry points call it (the service at start, the CLI before a command that opens the
    database); nothing to do without a database yet. Returns the pre-migration backup taken, if any.
    """
    if not settings.paths.database.exists():
        return None
    store = Store(settings.paths.database, busy_timeout=settings.busy_timeout_seconds)
    try:
        check_schema(settings, store)
        return before_migration(settings, store)
    finally:
        store.close()


def check_schema(settings, store) -> None:
    """Raise SchemaTooNewError when the database holds migrations this version does not know."""
    known = [m.id for m in registered()]
    unknown = sorted(set(applied_ids(store)) - set(known))
    if not unknown:
        return
    mine = known[-1] if known else ""
    backup = next((e for e in list_backups(settings.backup_dir)
                   if e.reason == PRE_MIGRATION and e.record.get("schema_version") == mine), None)
    where = (f'Go back to the data from before that upgrade: appliance restore "{backup.path}" (the backup taken '
             f'{backup.created_at.astimezone():%Y-%m-%d %H:%M} before migrating)' if backup else
             f"No backup taken before that upgrade is in {settings.backup_dir}; `appliance backups` lists the "
             f"others (appliance restore ARCHIVE)")
    raise SchemaTooNewError(f"The database was migrated by a newer version of the appliance (schema {unknown[-1]}; "
                            f"this version knows up to {mine}). Install that version again, or: {where}.")


def before_migration(settings, store) -> str | None:
    """Back up when migrations are pending on a database with data; returns the archive's path."""
    if not applied_ids(store):
        return None
    waiting = [m.id for m in registered() if m.id not in set(applied_ids(store))]
    if not waiting:
        return None
    log.info("migrations pending (%s): backing up first", ", ".join(waiting))
    try:
        backup, drill = backup_and_drill(settings, reason=PRE_MIGRATION)
    except Exception as exc:
        raise BackupError(f"The backup before migrating the database failed ({exc}); nothing was migrated. Fix "
                          f"the cause (backup_dir, disk space) and start again.") from exc
    if not drill["ok"]:
        raise BackupError(f"The backup before migrating the database failed its check ({drill['reason']}); nothing "
                          f"was migrated. Fix the cause and start again.")
    return str(backup.path)
