"""What the backup folder holds: the archives, each with a small record beside it, and the last attempt.

`NAME.json` beside an archive records its manifest facts and the restore drill's result,
so listing the backups (`appliance backups`, the console, /health) reads no archive.
`status.json` records the last attempt, so a backup that failed before writing an archive
is still seen.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from appliance.backups.archive import PLAIN_SUFFIX, PREFIX, SEALED_SUFFIX, STAMP

NAME = re.compile(re.escape(PREFIX) + r"(\d{8}T\d{6}Z)-([a-z-]+)(" + re.escape(SEALED_SUFFIX) + "|"
                  + re.escape(PLAIN_SUFFIX) + ")$")
STATUS_FILE = "status.json"


@dataclass(frozen=True)
class Entry:
    """One archive in the backup folder."""

    path: Path
    created_at: datetime
    reason: str
    size: int
    record: dict

    @property
    def drill(self) -> dict | None:
        return self.record.get("drill")

    @property
    def good(self) -> bool:
        """Its restore drill passed."""
        return bool(self.drill and self.drill.get("ok"))

    def as_dict(self) -> dict:
        return {"name": self.path.name, "created_at": self.created_at.isoformat(timespec="seconds"),
                "reason": self.reason, "size": self.size, "encrypted": self.path.name.endswith(SEALED_SUFFIX),
                "schema_version": self.record.get("schema_version"), "drill": self.drill}


def record_path(archive: Path) -> Path:
    return archive.with_name(archive.name + ".json")


def write_record(archive: Path, record: dict) -> None:
    """Write (replace) the record beside an archive."""
    _write_json(record_path(archive), record)


def list_backups(folder: Path) -> list[Entry]:
    """The archives in `folder`, newest first."""
    entries = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        match = NAME.match(name)
        if not match:
            continue
        path = Path(folder) / name
        try:
            size = path.stat().st_size
        except OSError:  # removed meanwhile (rotation in another process)
            continue
        created = datetime.strptime(match.group(1), STAMP).replace(tzinfo=timezone.utc)
        entries.append(Entry(path, created, match.group(2), size, _read_json(record_path(path))))
    return sorted(entries, key=lambda e: (e.created_at, e.path.name), reverse=True)


def find_backup(folder: Path, name: str) -> Entry | None:
    return next((e for e in list_backups(folder) if e.path.name == name), None)


def remove_backup(entry: Entry) -> None:
    entry.path.unlink(missing_ok=True)
    record_path(entry.path).unlink(missing_ok=True)


def remove_leftovers(folder: Path, before: datetime) -> list[str]:
    """Remove half-written archives and scratch copies (`.partial-*`, `.copy-*`) older than `before`."""
    removed = []
    for path in Path(folder).glob(".*"):
        if path.name.startswith((".partial-", ".copy-")) and path.stat().st_mtime < before.timestamp():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            removed.append(path.name)
    return removed


def record_attempt(folder: Path, *, at: datetime, ok: bool, error: str | None = None, archive: str | None = None) -> None:
    """Remember the last attempt (a failure before any archive exists must be seen too)."""
    _write_json(Path(folder) / STATUS_FILE, {"at": at.isoformat(timespec="seconds"), "ok": ok, "error": error,
                                             "archive": archive})


def last_attempt(folder: Path) -> dict:
    return _read_json(Path(folder) / STATUS_FILE)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_json(path: Path, data: dict) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(temporary, path)
