"""The watcher's handlers for multimedia/ and reports/, and the catalog's section of /health.

A settled batch of either folder (500 images copied at once arrive as one) re-indexes
that whole area: unchanged files cost one `stat` each, so indexing the area is as cheap
as working out what the batch means, and it also catches what the OS did not report.
Each area is also indexed once at start, and multimedia/ again when `catalog.max_pixels`
changed since its last index (checked by the service's routine, so a change made from the
console or the CLI needs no restart). The work runs on the watcher's media worker, never
on the ERP import's thread.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from appliance.catalog.indexer import AREAS, Indexer, IndexResult, catalog_max_pixels
from appliance.clock import utc_now_text
from appliance.exchange.problems import Problem
from appliance.folderwatch import Watcher
from appliance.folderwatch.batch import Batch
from appliance.folderwatch.folders import MEDIA
from appliance.settings import Settings
from appliance.store.catalog import catalog_cursor, read_state, recent_problems
from appliance.store.db import Store

log = logging.getLogger("appliance.catalog")

PROBLEMS_SHOWN = 10


class AreaHandler:
    """The FolderHandler of one area: each batch re-indexes it; unreadable files are retried."""

    def __init__(self, work: "CatalogWork", area: str):
        self.work = work
        self.area = area

    def handle(self, batch: Batch) -> list[Path]:
        """Re-index the area; returns the files that could not be read yet."""
        return self.work.reindex(self.area).retry

    def health(self) -> dict:
        """What /health shows under the folder's `work`."""
        return self.work.area_health(self.area)


class CatalogWork:
    """The catalog's indexer with one handler per area and what /health shows about them."""

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.indexer = Indexer(store, settings)
        self.handlers = {area: AreaHandler(self, area) for area in AREAS}
        self._lock = threading.Lock()
        self._runs: dict[str, dict] = {area: {"runs": 0, "last_error": None, "last_run_at": None} for area in AREAS}
        self._rendered_pixels: int | None = None  # catalog.max_pixels of the last multimedia/ index

    def handler(self, area: str) -> AreaHandler:
        return self.handlers[area]

    def index_at_start(self, watcher: Watcher) -> None:
        """Queue one index of each area on the watcher's media worker (it runs once the watcher starts).

        A folder emptied while the service was stopped hands over no batch; this run still turns
        its files into deletions. Anything else it finds unchanged costs a `stat` per file.
        """
        for area in AREAS:
            watcher.workers[MEDIA].submit(self.handlers[area], Batch(area, ()))

    def reindex(self, area: str) -> IndexResult:
        """Index one area now (on the caller's thread); failures are recorded for /health and raised."""
        try:
            result = self.indexer.reindex(area)
        except Exception as exc:
            self._record(area, f"{type(exc).__name__}: {exc}")
            raise
        if result.skipped:
            log.warning("%s/: not indexed: %s", area, result.skipped)
        elif area == "multimedia":
            self._rendered_pixels = result.max_pixels
        self._record(area, None)
        return result

    def follow_parameters(self, watcher: Watcher) -> bool:
        """Queue a multimedia/ index when `catalog.max_pixels` changed since the last one; True if queued."""
        rendered = self._rendered_pixels
        wanted = catalog_max_pixels(self.store)
        if rendered is None or rendered == wanted:
            return False
        log.info("catalog.max_pixels is now %d (images were scaled for %d): multimedia/ is indexed again",
                 wanted, rendered)
        self._rendered_pixels = wanted  # queued once, not at every check while the index runs
        watcher.workers[MEDIA].submit(self.handlers["multimedia"], Batch("multimedia", ()))
        return True

    def _record(self, area: str, error: str | None) -> None:
        with self._lock:
            run = self._runs[area]
            run["runs"] += 1
            run["last_error"] = error
            run["last_run_at"] = utc_now_text()

    def area_health(self, area: str) -> dict:
        """Runs since start and the last error of one area."""
        with self._lock:
            return dict(self._runs[area])

    def health(self) -> dict:
        """The `catalog` section of /health: per area the last index's counts and problems; the cursor."""
        sections = {"cursor": catalog_cursor(self.store)}
        for area in AREAS:
            state = read_state(self.store, area)
            with self._lock:
                run = dict(self._runs[area])
            sections[area] = {
                "mode": state["mode"] if state else None,
                "indexed_at": state["indexed_at"] if state else None,
                **(state["summary"] if state else {}),
                "runs_since_start": run["runs"],
                "last_error": run["last_error"],
                "problems": [Problem(r["severity"], r["file"], r["line"], r["column_name"], r["value"],
                                     r["reason"]).text() for r in recent_problems(self.store, area, PROBLEMS_SHOWN)],
            }
        return sections
