"""`appliance restore ARCHIVE`: put a backup back, keeping what it replaces, then replay the journal.

Only with the service stopped (its lock is free). The archive is unpacked and checked
completely (see `verify`) before anything in the data directory is touched; a damaged
or undecryptable archive is refused with the reason and the current data stays as it
is. Then the files the backup holds (database, appliance.toml, license, logo, secrets/, tls/)
are moved aside into `before-restore-TIME/` in the data directory (never deleted) and the
backup's copies are moved in. The archive, logs, journal and backups stay where they are.
`after_restore`, with the restored database open, makes every device cursor handed out
before refused (410 resync_required: the devices sync in full instead of applying deltas
of the replaced history) and replays the document journal, so documents received after
the backup are stored again.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from appliance.backups.archive import MANIFEST
from appliance.backups.crypto import read_passphrase
from appliance.backups.errors import ServiceRunningError
from appliance.backups.lock import ServiceLock
from appliance.backups.replay import Replayed, replay
from appliance.backups.verify import unpack_and_check
from appliance.store.backup_copy import change_top
from appliance.store.sync import start_new_timeline

log = logging.getLogger("appliance.backups")

RESTORED = ("appliance.db", "appliance.db-wal", "appliance.db-shm", "appliance.toml", "license.lic", "logo.png", "secrets",
            "tls")
HOW_TO_STOP = ("Stop it first: `appliance service stop` (or stop the AppManager service in services.msc) on Windows, "
               "`systemctl stop appliance` or Ctrl-C in its window elsewhere; then run the restore again.")


@dataclass(frozen=True)
class Restored:
    """A restore done: the manifest of the backup put back, where the replaced files went, and the
    replaced database's newest change number."""

    manifest: dict
    aside: Path
    replaced_top: int


def after_restore(settings, store, restored: Restored) -> Replayed:
    """With the restored database open: start a new change timeline, then replay the journal."""
    with store.write() as conn:
        start_new_timeline(conn, restored.replaced_top)
    return replay(store, settings, settings.paths.journal)


def restore(settings, archive: Path, *, now: datetime | None = None) -> Restored:
    """Check `archive`, keep the current files aside, put the backup's in place; see the module doc."""
    paths = settings.paths
    lock = ServiceLock(paths.service_lock)
    if not lock.acquire():
        raise ServiceRunningError(f"The appliance service is running on {paths.data_dir}. {HOW_TO_STOP}")
    try:
        stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
        scratch = paths.work / f"restore-{stamp}"
        try:
            checked = unpack_and_check(Path(archive), scratch, read_passphrase(settings.backup_passphrase_file))
            replaced_top = change_top(paths.database)
            aside = paths.data_dir / f"before-restore-{stamp}"
            _swap(paths.data_dir, scratch, aside)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    finally:
        lock.release()
    log.info("restored %s (taken %s); the replaced files are in %s", Path(archive).name,
             checked.manifest.get("created_at"), aside)
    return Restored(checked.manifest, aside, replaced_top)


def _swap(data_dir: Path, scratch: Path, aside: Path) -> None:
    aside.mkdir(parents=True)
    for name in RESTORED:
        current = data_dir / name
        if current.exists():
            os.replace(current, aside / name)
    for item in scratch.iterdir():
        if item.name != MANIFEST:
            os.replace(item, data_dir / item.name)
