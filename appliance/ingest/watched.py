"""The work for gestionale/: import each settled batch, then put every file where it belongs.

The watcher decides *when* a batch is ready; this module decides *what* becomes of each file.

A batch goes to the loading pipeline in one call, so files that arrived together commit
together. A file leaves gestionale/ only after its transaction committed: if the process
dies in between, the file is still there at the next start and is imported again, which
the MD5 skip turns into a harmless "skipped". Conflicted copies (Dropbox's, and two names that
differ only in letter case or Unicode form) never reach the pipeline: they are rejected with a
report that names the original.

A file rejected only for its last line, which has no line end (`cut_short`: a connector
that paused writing longer than the settle time), stays in gestionale/: when it grows it
settles and is imported again. One that stays as it is for GROWTH_PATIENCE (ten settle
times, at least a minute) is rejected when it is next handed over (the full rescan).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Callable

from appliance.clock import utc_now_text
from appliance.folderwatch import names
from appliance.folderwatch.batch import Batch, ReadyFile
from appliance.ingest import disposal
from appliance.ingest.outcome import FileOutcome
from appliance.ingest.pipeline import import_batch as pipeline_import_batch
from appliance.settings import Settings
from appliance.store.db import Store

log = logging.getLogger("appliance.watch")

ImportBatch = Callable[[Store, Settings, list[Path]], list[FileOutcome]]


class GrowthWait:
    """Files left in place because they looked cut short: since when each has had its size and time."""

    def __init__(self, patience: float, clock: Callable[[], float] = time.monotonic):
        self.patience = patience
        self.clock = clock
        self._waiting: dict[Path, tuple[tuple[int, int], float]] = {}

    def keep_waiting(self, path: Path, stamp: tuple[int, int]) -> bool:
        """Whether a cut-short file should stay in place (it is new or grew since), or be rejected now."""
        known = self._waiting.get(path)
        if known is None or known[0] != stamp:
            self._waiting[path] = (stamp, self.clock())
            return True
        if self.clock() - known[1] < self.patience:
            return True
        del self._waiting[path]
        return False

    def forget(self, path: Path) -> None:
        self._waiting.pop(path, None)

    def names(self) -> list[str]:
        return sorted(path.name for path in self._waiting)


class ErpFiles:
    """Hands gestionale/ batches to `import_batch` and each processed file to `dispose`."""

    def __init__(self, store: Store, settings: Settings, *,
                 import_batch: ImportBatch = pipeline_import_batch, today: Callable[[], date] = date.today,
                 clock: Callable[[], float] = time.monotonic):
        self.store = store
        self.settings = settings
        self._import_batch = import_batch
        self._today = today
        self._purged_on: date | None = None
        self._lock = threading.Lock()
        self.results: Counter[str] = Counter()
        self.last_batch: dict | None = None
        self.growth = GrowthWait(max(60.0, 10 * settings.settle_seconds), clock)

    def handle(self, batch: Batch) -> list[Path]:
        """Set conflicted copies aside, import the rest in one call, move each file it reports on."""
        conflicts, files = split_conflicts(list(batch.files))
        outcomes = [conflict_outcome(*conflict) for conflict in conflicts]
        for outcome in outcomes:
            log.warning("%s: rejected: %s", outcome.file_name, outcome.message)
        if files:
            outcomes += self._import_batch(self.store, self.settings, [f.path for f in files])
        handed = {f.path: f for f in batch.files}
        retry: list[Path] = []
        today = self._today()
        for outcome in outcomes:
            item = handed.get(outcome.path)
            if outcome.transient or (item is not None and not item.unchanged()):
                # It changed after it settled: the new version settles again and is imported next.
                log.info("%s changed while it was processed: left in gestionale/, read again", outcome.file_name)
                retry.append(outcome.path)
                continue
            if outcome.cut_short and item is not None and self.growth.keep_waiting(item.path,
                                                                                  (item.size, item.mtime_ns)):
                log.info("%s looks cut short (its last line has no line end): left in gestionale/ and imported "
                         "again when it grows", outcome.file_name)
                continue
            if item is not None:
                self.growth.forget(item.path)
            disposal.dispose(self.store, self.settings, outcome, move=True, today=today)
            self._count(outcome.result)
        self._remember(batch, outcomes)
        self._purge(today)
        return retry

    def purge(self) -> None:
        """Delete archive days older than `archive_days` (once per day; also run at start)."""
        self._purge(self._today())

    def _purge(self, today: date) -> None:
        if self._purged_on != today:
            disposal.purge_archive(self.settings, today)
            self._purged_on = today

    def _count(self, result: str) -> None:
        with self._lock:
            self.results[result] += 1

    def _remember(self, batch: Batch, outcomes: list[FileOutcome]) -> None:
        results = Counter(o.result for o in outcomes)
        with self._lock:
            self.last_batch = {"at": utc_now_text(),
                               "files": len(batch.files), "results": dict(results)}

    def health(self) -> dict:
        """Files handled since start by result, and the last batch."""
        with self._lock:
            return {"since_start": dict(self.results), "last_batch": self.last_batch,
                    "waiting_to_grow": self.growth.names()}


def split_conflicts(files: list[ReadyFile]) -> tuple[list[tuple[ReadyFile, str, str]], list[ReadyFile]]:
    """Separate conflicted copies from the files to import.

    Returns ([(file, original name, reason)], [files to import]). Besides Dropbox's
    renamed copies, two files of one batch whose names differ only in letter case or
    Unicode form are a conflict too (Windows and macOS cannot hold both): the one named
    exactly in lower case is imported, the others are set aside.
    """
    conflicts, candidates = [], []
    for item in files:
        original = names.conflict_original(item.path.name)
        if original is not None:
            conflicts.append((item, original, f"a Dropbox conflicted copy of {original}"))
        else:
            candidates.append(item)
    groups: dict[str, list[ReadyFile]] = {}
    for item in candidates:
        groups.setdefault(names.same_name_key(item.path.name), []).append(item)
    keep = []
    for key, group in groups.items():
        group.sort(key=lambda f: (f.path.name != key, f.path.name))
        keep.append(group[0])
        for other in group[1:]:
            conflicts.append((other, group[0].path.name,
                              f"a second file named like {group[0].path.name} (it differs only in letter case "
                              f"or Unicode form)"))
    return conflicts, sorted(keep, key=lambda f: f.path.name)


def conflict_outcome(item: ReadyFile, original: str, reason: str) -> FileOutcome:
    """A `rejected` outcome for a conflicted copy, whose report says what to do with it."""
    outcome = FileOutcome(path=item.path, result="rejected",
                          message=f"{reason}; not imported ({original} is imported as usual)")
    outcome.report.error(
        item.path.name, 0, None, None,
        f"Dropbox keeps such a copy when two versions of {original} meet (saved on two computers at "
        f"the same time, or names Windows cannot tell apart). If this copy holds the data you want, "
        f"rename it to {original} and put it back into gestionale/")
    return outcome
