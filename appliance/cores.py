"""Sharing the processors between ERP imports and catalog image work.

Scaling catalog photos may use every processor while no ERP import runs; while one runs,
the images give a processor back, so the import (what devices wait for) is not slowed.
One `CORES` per process: the folder watcher's imports and the catalog indexer share it.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from typing import Iterator


class CoreShare:
    """Counts running imports and running image jobs; image jobs wait for a free processor."""

    def __init__(self, processors: int | None = None):
        self.processors = processors or os.cpu_count() or 1
        self._imports = 0
        self._media = 0
        self._changed = threading.Condition()

    @property
    def media_limit(self) -> int:
        """Image jobs allowed at once now: every processor, one less while an import runs (at least one)."""
        return max(1, self.processors - (1 if self._imports else 0))

    @contextmanager
    def importing(self) -> Iterator[None]:
        """Mark an ERP import as running for the duration of the block."""
        with self._changed:
            self._imports += 1
        try:
            yield
        finally:
            with self._changed:
                self._imports -= 1
                self._changed.notify_all()

    @contextmanager
    def media_job(self) -> Iterator[None]:
        """Run one image job once a processor is free for it."""
        with self._changed:
            self._changed.wait_for(lambda: self._media < self.media_limit)
            self._media += 1
        try:
            yield
        finally:
            with self._changed:
                self._media -= 1
                self._changed.notify_all()


CORES = CoreShare()
