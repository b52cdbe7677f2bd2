"""The document journal: every upload a device sends, on disk before the appliance answers it.

Each upload the device API is about to accept is appended as one JSON line (time, user,
device, route, kind, guids and the raw body) and flushed to the disk (fsync) before the
database transaction that stores it, so a document whose 201 or 200 a device saw is in
the journal even if the database is lost, restored from an older backup or the process
dies before its commit. Replaying it (`replay`) goes through the normal intake, which is
idempotent by guid. A file is closed at `journal_max_bytes` and a new one started; files
are removed once their last entry is older than `journal_days`. A line cut short by a
crash is skipped when reading.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterator

log = logging.getLogger("appliance.journal")

PREFIX, SUFFIX = "documents-", ".jsonl"


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Journal:
    """Appends entries to the newest journal file in `folder`; any number of threads.

    Lines are written one thread at a time; the fsync is shared (group commit): a thread
    whose line an fsync begun after it was written already covers returns without one.
    """

    def __init__(self, folder: Path, *, max_bytes: int, keep_days: int, clock: Callable[[], datetime] = _utc_now):
        self.folder = Path(folder)
        self.max_bytes, self.keep_days, self.clock = max_bytes, keep_days, clock
        self._lock = threading.Lock()  # writing and switching files
        self._sync_lock = threading.Lock()  # one fsync at a time
        self._file = None
        self._size = 0
        self._written = self._synced = 0  # lines written / lines known on disk

    def append(self, entry: dict) -> None:
        """Write one entry and make it durable (fsync) before returning."""
        line = (json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        with self._lock:
            if self._file is None or self._size >= self.max_bytes:
                self._open_next()
            self._file.write(line)
            self._file.flush()
            self._size += len(line)
            self._written += 1
            mine, handle = self._written, self._file
        with self._sync_lock:
            if self._synced >= mine:
                return
            covered = self._written
            os.fsync(handle.fileno())
            self._synced = max(self._synced, covered)

    def _open_next(self) -> None:
        if self._file is not None:
            with self._sync_lock:  # the lines of the file being closed are on disk first
                os.fsync(self._file.fileno())
                self._synced = self._written
                self._file.close()
        self.folder.mkdir(parents=True, exist_ok=True)
        name = PREFIX + self.clock().astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ") + SUFFIX
        path = self.folder / name
        self._file = open(path, "ab")
        self._size = self._file.tell()
        _sync_folder(self.folder)  # the new file's name must survive a power cut too
        self.purge()

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def purge(self) -> list[str]:
        """Remove the files whose newest entry is older than `keep_days`; never the one being written."""
        limit = (self.clock() - timedelta(days=self.keep_days)).timestamp()
        current = self._file.name if self._file is not None else None
        removed = []
        for path in journal_files(self.folder):
            if str(path) != current and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed.append(path.name)
        if removed:
            log.info("document journal: %d file(s) older than %d days removed", len(removed), self.keep_days)
        return removed


def journal_files(folder: Path) -> list[Path]:
    """The journal files, oldest first (their names sort by the time they were started)."""
    try:
        return sorted(p for p in Path(folder).iterdir() if p.name.startswith(PREFIX) and p.name.endswith(SUFFIX))
    except OSError:
        return []


def read_entries(folder: Path, since: datetime | None = None) -> Iterator[dict]:
    """Every entry, oldest first; with `since`, only those received at or after it."""
    for path in journal_files(folder):
        with open(path, "rb") as handle:
            for number, line in enumerate(handle, 1):
                try:
                    entry = json.loads(line)
                except ValueError:
                    log.warning("document journal %s line %d is incomplete (cut by a crash): skipped", path.name,
                                number)
                    continue
                if since is None or datetime.fromisoformat(entry["at"]) >= since:
                    yield entry


def _sync_folder(folder: Path) -> None:
    if os.name == "nt":  # NTFS journals directory entries itself; a folder cannot be opened for fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
