"""Placeholder work for multimedia/ and reports/: record what changed until the catalog indexes it."""

from __future__ import annotations

import logging
import threading
from collections import deque
from datetime import datetime, timezone
from pathlib import Path

from appliance.folderwatch.batch import Batch

log = logging.getLogger("appliance.watch")


class MediaChanges:
    """Records each batch of changed and removed files of one media folder.

    The catalog replaces it with a handler that indexes the files (same interface:
    `handle(batch)` and `health()`, see `appliance.folderwatch.batch.FolderHandler`).
    """

    def __init__(self, folder: str, keep: int = 50):
        self.folder = folder
        self._lock = threading.Lock()
        self.recent: deque[dict] = deque(maxlen=keep)
        self.changed_total = 0
        self.removed_total = 0

    def handle(self, batch: Batch) -> list[Path]:
        """Remember the batch; nothing is retried."""
        entry = {
            "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "changed": [str(p) for p in batch.paths],
            "removed": [str(p) for p in batch.removed],
        }
        with self._lock:
            self.recent.append(entry)
            self.changed_total += len(batch.files)
            self.removed_total += len(batch.removed)
        log.info("%s/: %d changed, %d removed (not indexed yet)", self.folder, len(batch.files),
                 len(batch.removed))
        return []

    def health(self) -> dict:
        with self._lock:
            return {"changed": self.changed_total, "removed": self.removed_total,
                    "last_change_at": self.recent[-1]["at"] if self.recent else None}
