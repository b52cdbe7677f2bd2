"""The work for gestionale/: import each settled batch, then put every file where it belongs.

A batch goes to the loading pipeline in one call, so files that arrived together commit
together. A file leaves gestionale/ only after its transaction committed: if the process
dies in between, the file is still there at the next start and is imported again, which
the MD5 skip turns into a harmless "skipped". Conflicted copies never reach the pipeline.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

from appliance.folderwatch.batch import Batch
from appliance.folderwatch.conflicts import reject_conflict, split_conflicts
from appliance.ingest.outcome import FileOutcome
from appliance.settings import Settings
from appliance.store.db import Store

log = logging.getLogger("appliance.watch")

ImportBatch = Callable[[Store, Settings, list[Path]], list[FileOutcome]]


class ErpFiles:
    """Hands gestionale/ batches to `import_batch` and each processed file to `dispose`."""

    def __init__(self, store: Store, settings: Settings, *, import_batch: ImportBatch | None = None,
                 dispose: Callable | None = None, purge_archive: Callable | None = None,
                 today: Callable[[], date] = date.today):
        if import_batch is None:
            from appliance.ingest.pipeline import import_batch
        if dispose is None or purge_archive is None:
            from appliance.ingest import disposal
            dispose = dispose or disposal.dispose
            purge_archive = purge_archive or disposal.purge_archive
        self.store = store
        self.settings = settings
        self._import_batch = import_batch
        self._dispose = dispose
        self._purge_archive = purge_archive
        self._today = today
        self._purged_on: date | None = None
        self._lock = threading.Lock()
        self.results: Counter[str] = Counter()
        self.last_batch: dict | None = None

    def handle(self, batch: Batch) -> list[Path]:
        """Set conflicted copies aside, import the rest in one call, move each file it reports on."""
        conflicts, files = split_conflicts(list(batch.files))
        retry: list[Path] = []
        for item, original, reason in conflicts:
            if item.unchanged():
                reject_conflict(item.path, original, reason, self.settings.paths.rejected)
                self._count("conflict")
            else:
                retry.append(item.path)
        outcomes = self._import_batch(self.store, self.settings, [f.path for f in files]) if files else []
        handed = {f.path: f for f in files}
        today = self._today()
        for outcome in outcomes:
            item = handed.get(outcome.path)
            if outcome.transient or (item is not None and not item.unchanged()):
                # It changed while it was read: the new version settles and is imported next.
                log.info("%s changed while it was imported: left in gestionale/, read again", outcome.file_name)
                retry.append(outcome.path)
                continue
            self._dispose(self.store, self.settings, outcome, move=True, today=today)
            self._count(outcome.result)
        self._remember(batch, outcomes, len(conflicts))
        self._purge(today)
        return retry

    def purge(self) -> None:
        """Delete archive days older than `archive_days` (once per day; also run at start)."""
        self._purge(self._today())

    def _purge(self, today: date) -> None:
        if self._purged_on != today:
            self._purge_archive(self.settings, today)
            self._purged_on = today

    def _count(self, result: str) -> None:
        with self._lock:
            self.results[result] += 1

    def _remember(self, batch: Batch, outcomes: list[FileOutcome], conflicts: int) -> None:
        results = Counter(o.result for o in outcomes)
        if conflicts:
            results["conflict"] = conflicts
        with self._lock:
            self.last_batch = {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                               "files": len(batch.files), "results": dict(results)}

    def health(self) -> dict:
        """Files handled since start by result, and the last batch."""
        with self._lock:
            return {"since_start": dict(self.results), "last_batch": self.last_batch}
