"""Backups as the service runs them: on schedule, on request, each followed by its restore drill.

`BackupWork.run(reason)` takes a backup, restores it into a scratch folder and checks
it (the drill), records both beside the archive, then rotates the folder. One run at a
time: a request while one runs waits for it. `due(now)` says whether the daily backup
(`backup_at`, local time) is owed; `health()` is the /health `backups` section, whose
`problem` turns the tray amber and shows on the dashboard when the newest good backup is
older than two days, the newest drill failed or the last attempt failed.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from datetime import datetime, time as day_time, timedelta, timezone
from pathlib import Path
from typing import Callable

from appliance.backups.archive import Backup, take_backup
from appliance.backups.crypto import read_passphrase
from appliance.backups.priority import lower_this_thread
from appliance.backups.records import (last_attempt, list_backups, record_attempt, remove_backup, remove_leftovers,
                                       write_record)
from appliance.backups.rotation import to_remove
from appliance.backups.verify import unpack_and_check
from appliance.errors import ApplianceError

log = logging.getLogger("appliance.backups")

STALE_AFTER = timedelta(days=2)
LEFTOVER_AGE = timedelta(days=1)  # older than any backup takes: what a killed process left behind
SCHEDULED = "scheduled"


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def drill(backup_path: Path, settings) -> dict:
    """Restore an archive into a scratch folder and check it; the result as recorded."""
    at = _utc_now()
    settings.paths.work.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix="drill-", dir=settings.paths.work) as scratch:
            checked = unpack_and_check(backup_path, Path(scratch), read_passphrase(settings.backup_passphrase_file))
    except ApplianceError as error:
        log.error("restore drill of %s FAILED: %s", backup_path.name, error)
        return {"ok": False, "at": at.isoformat(timespec="seconds"), "reason": str(error)}
    log.info("restore drill of %s passed (%.1f s)", backup_path.name, checked.seconds)
    return {"ok": True, "at": at.isoformat(timespec="seconds"), "seconds": round(checked.seconds, 2),
            "reason": None}


def backup_and_drill(settings, *, reason: str, to: Path | None = None, now: datetime | None = None) -> tuple[Backup, dict]:
    """Take a backup, run its drill and record both beside the archive; returns the backup and the drill."""
    backup = take_backup(settings, reason=reason, to=to, now=now)
    result = drill(backup.path, settings)
    manifest = backup.manifest
    write_record(backup.path, {"created_at": manifest["created_at"], "reason": reason, "size": backup.size,
                               "seconds": round(backup.seconds, 2), "version": manifest["version"],
                               "schema_version": manifest["schema_version"], "tables": manifest["tables"],
                               "drill": result})
    return backup, result


class BackupWork:
    """The service's backups: schedule, runs, rotation, health. `clock` gives aware datetimes."""

    def __init__(self, settings, *, clock: Callable[[], datetime] = _utc_now, started_at: datetime | None = None):
        self.settings = settings
        self.clock = clock
        self.started_at = started_at or clock()
        self._lock = threading.Lock()
        self.running = False

    @property
    def folder(self) -> Path:
        return self.settings.backup_dir

    def run(self, reason: str = "manual") -> Backup:
        """Back up now (waiting for a run in progress), drill, record, rotate."""
        with self._lock:
            self.running = True
            try:
                return self._run(reason)
            finally:
                self.running = False

    def _run(self, reason: str) -> Backup:
        now = self.clock()
        try:
            backup, result = backup_and_drill(self.settings, reason=reason, now=now)
        except Exception as exc:
            record_attempt(self.folder, at=now, ok=False, error=str(exc) or type(exc).__name__)
            raise
        record_attempt(self.folder, at=now, ok=result["ok"], error=result["reason"], archive=backup.path.name)
        self.rotate()
        return backup

    def start(self, reason: str = "manual") -> bool:
        """Back up in a background thread of low priority; False when a run is already going."""
        if not self._lock.acquire(blocking=False):
            return False
        self.running = True
        threading.Thread(target=self._run_in_background, args=(reason,), name="backup", daemon=True).start()
        return True

    def _run_in_background(self, reason: str) -> None:
        lower_this_thread()  # the devices syncing meanwhile come first
        try:
            self._run(reason)
        except ApplianceError as error:
            log.error("backup failed: %s", error)
        except Exception:
            log.exception("backup failed")
        finally:
            self.running = False
            self._lock.release()

    def wait(self, timeout: float) -> bool:
        """Wait for the run in progress (if any); False when it is still running after `timeout` seconds."""
        if not self._lock.acquire(timeout=timeout):
            return False
        self._lock.release()
        return True

    def rotate(self) -> list[str]:
        """Remove the archives rotation does not keep; returns their names."""
        removed = to_remove(list_backups(self.folder), self.settings.backup_keep_daily, self.settings.backup_keep_weekly)
        for entry in removed:
            remove_backup(entry)
            log.info("backup removed by rotation: %s", entry.path.name)
        remove_leftovers(self.folder, self.clock() - LEFTOVER_AGE)
        return [e.path.name for e in removed]

    # -- schedule -----------------------------------------------------------------------

    def last_slot(self, now: datetime) -> datetime:
        """The latest `backup_at` moment at or before `now` (local time), as an aware UTC datetime."""
        hour, minute = (int(part) for part in self.settings.backup_at.split(":"))
        local = now.astimezone()
        slot = datetime.combine(local.date(), day_time(hour, minute)).astimezone()
        if slot > local:
            slot = datetime.combine(local.date() - timedelta(days=1), day_time(hour, minute)).astimezone()
        return slot.astimezone(timezone.utc)

    def due(self, now: datetime | None = None) -> bool:
        """A backup is owed: none was attempted since the latest `backup_at` moment (nor, with no backup
        yet, did the service start after it)."""
        now = now or self.clock()
        attempt = last_attempt(self.folder).get("at")
        times = [e.created_at for e in list_backups(self.folder)[:1]]
        if attempt:
            times.append(datetime.fromisoformat(attempt))
        # A first install backs up at the first backup_at after it started, not the minute it starts.
        return max(times or [self.started_at]) < self.last_slot(now)

    def run_if_due(self) -> bool:
        """The routine's task: start the daily backup (in the background) when due. True when started."""
        if not self.due():
            return False
        return self.start(SCHEDULED)

    # -- /health ---------------------------------------------------------------------------

    def health(self) -> dict:
        """The `backups` section of /health."""
        now = self.clock()
        entries = list_backups(self.folder)
        newest = entries[0] if entries else None
        good = next((e for e in entries if e.good), None)
        attempt = last_attempt(self.folder)
        section = {"dir": str(self.folder), "count": len(entries), "running": self.running,
                   "last": newest.as_dict() if newest else None,
                   "last_good_at": good.created_at.isoformat(timespec="seconds") if good else None,
                   "last_attempt": attempt or None,
                   "next_at": (self.last_slot(now) + timedelta(days=1)).isoformat(timespec="seconds")}
        section["problem"] = self._problem(now, newest, good, attempt)
        return section

    def _problem(self, now: datetime, newest, good, attempt: dict) -> str | None:
        if attempt and not attempt.get("ok") and not (newest and newest.good and
                                                      newest.created_at >= datetime.fromisoformat(attempt["at"])):
            return f"the last backup failed: {attempt.get('error')}"
        if newest is not None and newest.drill and not newest.good:
            return f"the restore drill of the last backup failed: {newest.drill.get('reason')}"
        since = good.created_at if good else self.started_at
        if now - since > STALE_AFTER:
            last = good.created_at.astimezone().strftime("%Y-%m-%d %H:%M") if good else "never"
            return f"no good backup for more than 2 days (last good: {last})"
        return None
