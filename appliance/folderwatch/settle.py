"""Readiness: the aggregator between raw file events and batches.

A file is ready when its size and modification time have not changed for the settle
time and it can be opened for reading (on Windows, Dropbox keeps a file locked while it
writes it). A folder hands on a batch only once nothing in it has changed for the settle
time, so an export of 60 files, or 500 images copied at once, arrives as one batch. The
clock is a parameter: tests move it forward instead of sleeping.

One tracker per folder, used by the watcher thread only.
"""

from __future__ import annotations

import logging
import os
import stat as stat_module
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from appliance.folderwatch.batch import Batch, ReadyFile

log = logging.getLogger("appliance.watch")

Clock = Callable[[], float]


@dataclass(frozen=True)
class FileStat:
    size: int
    mtime_ns: int


def stat_file(path: Path) -> FileStat | None:
    """Size and time of a regular file; None when it is gone or not a regular file."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    if not stat_module.S_ISREG(found.st_mode):
        return None
    return FileStat(found.st_size, found.st_mtime_ns)


def can_open(path: Path) -> bool:
    """True when the file can be opened for reading now (no writer holds it locked)."""
    try:
        with open(path, "rb"):
            return True
    except OSError:
        return False


@dataclass
class _Candidate:
    stat: FileStat | None  # None: a file handed over earlier is gone (a removal)
    locked_since: float | None = None  # since when it could not be opened


class SettleTracker:
    """Collects the files noted in one folder and decides when they form a ready batch.

    `keeps_files` is for folders whose files stay in place (multimedia/, reports/): the
    tracker remembers what it handed over, hands a file over again only when it changed,
    and reports files that disappeared. In gestionale/ every file is moved out after
    processing, so whatever is there is new.
    """

    def __init__(self, folder: str, settle_seconds: float, clock: Clock, *, keeps_files: bool = False,
                 opener: Callable[[Path], bool] = can_open, lock_patience: float | None = None):
        self.folder = folder
        self.settle_seconds = settle_seconds
        self.clock = clock
        self.keeps_files = keeps_files
        self._can_open = opener
        # A file locked longer than this stops holding back the rest of its folder.
        self.lock_patience = lock_patience if lock_patience is not None else max(60.0, 6 * settle_seconds)
        self._candidates: dict[Path, _Candidate] = {}
        self._in_flight: set[Path] = set()
        self._deferred: set[Path] = set()
        self._delivered: dict[Path, FileStat] = {}
        self._last_change: float | None = None
        self._warned_locked: set[Path] = set()

    # -- noting files --------------------------------------------------------------------

    def note(self, path: Path) -> None:
        """Look at one path an event or a scan named (present, changed or gone)."""
        if path in self._in_flight:
            self._deferred.add(path)  # looked at again when its batch is done
            return
        current = stat_file(path)
        if current is None and self.keeps_files:
            for gone in [p for p in self._delivered if p == path or path in p.parents]:
                if gone not in self._in_flight:
                    self._update(gone, None)
        self._update(path, current)

    def rescan(self, present: Iterable[Path]) -> None:
        """Note every file a full scan found, and every file handed over that it did not find."""
        present = set(present)
        for path in present:
            self.note(path)
        for path in [p for p in self._delivered if p not in present]:
            self.note(path)

    def _update(self, path: Path, current: FileStat | None) -> None:
        known = self._candidates.get(path)
        if known is not None and known.stat == current:
            return
        wanted = current is not None and not (self.keeps_files and self._delivered.get(path) == current)
        removal = current is None and path in self._delivered
        if wanted or removal:
            self._candidates[path] = _Candidate(current)
        elif known is None:
            return
        else:
            del self._candidates[path]
        self._last_change = self.clock()

    # -- deciding ------------------------------------------------------------------------

    def poll(self) -> Batch | None:
        """Re-check every waiting file; return a batch when the folder is quiet and all are ready."""
        for path in list(self._candidates):
            self._update(path, stat_file(path))  # catches changes the OS did not report
        if not self._candidates or self.quiet_for() < self.settle_seconds:
            return None
        ready = self._openable()
        if ready is None:
            return None
        removed = tuple(sorted(p for p, c in self._candidates.items() if c.stat is None))
        if not ready and not removed:
            return None
        for item in ready:
            del self._candidates[item.path]
            self._in_flight.add(item.path)
            if self.keeps_files:
                self._delivered[item.path] = FileStat(item.size, item.mtime_ns)
        for path in removed:
            del self._candidates[path]
            self._delivered.pop(path, None)
        return Batch(self.folder, tuple(ready), removed)

    def _openable(self) -> list[ReadyFile] | None:
        """The present files that can be read; None while a locked file still deserves a wait."""
        now = self.clock()
        ready, waiting = [], False
        for path, candidate in sorted(self._candidates.items()):
            if candidate.stat is None:
                continue
            if self._can_open(path):
                candidate.locked_since = None
                ready.append(ReadyFile(path, candidate.stat.size, candidate.stat.mtime_ns))
                continue
            if candidate.locked_since is None:
                candidate.locked_since = now
            if now - candidate.locked_since < self.lock_patience:
                waiting = True
            elif path not in self._warned_locked:
                self._warned_locked.add(path)
                log.warning("%s/%s has been locked by another program for %.0f s: the other files go ahead "
                            "without it; it follows once it can be read", self.folder, path.name,
                            now - candidate.locked_since)
        return None if waiting else ready

    def quiet_for(self) -> float:
        """Seconds since the last change seen in this folder."""
        return float("inf") if self._last_change is None else self.clock() - self._last_change

    # -- after a batch -------------------------------------------------------------------

    def done(self, batch: Batch, retry: Iterable[Path] = (), *, failed: bool = False) -> None:
        """A batch was processed: release its files and look again at those named to retry.

        After a failure nothing is looked at again at once (a bug or a full disk would
        otherwise repeat every few seconds): the next full rescan hands the files over again.
        """
        again = set(retry)
        for path in batch.paths:
            self._in_flight.discard(path)
            if failed:
                self._delivered.pop(path, None)
            if path in self._deferred:
                self._deferred.discard(path)
                again.add(path)
        if failed:
            return
        for path in again:
            self._delivered.pop(path, None)
            self._warned_locked.discard(path)
            self.note(path)

    def forget(self) -> None:
        """The folder went away: drop what was waiting, keep what was handed over."""
        self._candidates.clear()
        self._deferred.clear()
        self._last_change = None

    def pending(self, limit: int) -> dict[Path, int | None]:
        """The first `limit` files waiting to settle, with the size last seen (None: removed)."""
        shown = sorted(self._candidates.items())[:limit]
        return {p: (c.stat.size if c.stat else None) for p, c in shown}

    def pending_count(self) -> int:
        return len(self._candidates)

    def in_flight(self) -> int:
        return len(self._in_flight)
