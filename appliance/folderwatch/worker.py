"""One worker thread per kind of work: batches of one kind run in order, kinds in parallel."""

from __future__ import annotations

import logging
import queue
import threading
import time
from pathlib import Path
from typing import Callable, Iterable

from appliance.clock import utc_now_text
from appliance.folderwatch.batch import Batch, FolderHandler

log = logging.getLogger("appliance.watch")

DoneCallback = Callable[[Batch, Iterable[Path], bool], None]  # (batch, paths to retry, failed)


class Worker:
    """Runs the batches handed to it on its own thread, one at a time."""

    def __init__(self, kind: str, on_done: DoneCallback):
        self.kind = kind
        self._on_done = on_done
        self._queue: queue.Queue[tuple[FolderHandler, Batch] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=f"appliance-{kind}-worker", daemon=True)
        self._stopping = threading.Event()
        self._current: Batch | None = None
        self._current_since: float | None = None
        self.batches_done = 0
        self.failures = 0
        self.failing = False  # the last batch failed
        self.last_error: str | None = None

    def start(self) -> None:
        self._thread.start()

    def submit(self, handler: FolderHandler, batch: Batch) -> None:
        """Queue a batch; it runs after the ones queued before it."""
        self._queue.put((handler, batch))

    def stop(self, grace: float) -> bool:
        """Take no new batch and wait up to `grace` seconds for the running one.

        Returns True when the thread ended. Batches still queued are dropped: their files
        stay in the exchange folder and are picked up at the next start.
        """
        self._stopping.set()
        self._queue.put(None)
        if self._thread.is_alive():
            self._thread.join(grace)
        return not self._thread.is_alive()

    @property
    def busy(self) -> bool:
        return self._current is not None

    def state(self) -> dict:
        """What /health shows: busy or idle, the running batch, what is queued, totals."""
        current, since = self._current, self._current_since
        return {
            "busy": current is not None,
            "current": current.describe() if current else None,
            "running_seconds": round(time.monotonic() - since, 1) if current and since else None,
            "queued": self._queue.qsize(),
            "batches_done": self.batches_done,
            "failures": self.failures,
            "failing": self.failing,
            "last_error": self.last_error,
        }

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None or self._stopping.is_set():
                return
            handler, batch = job
            self._current, self._current_since = batch, time.monotonic()
            try:
                retry, failed = self._handle(handler, batch), False
            except Exception as exc:  # one bad batch must not stop the service
                retry, failed = [], True
                self._failed(batch, exc)
            finally:
                self._current = self._current_since = None
            self._on_done(batch, retry, failed)

    def _handle(self, handler: FolderHandler, batch: Batch) -> list[Path]:
        retry = list(handler.handle(batch) or ())
        self.batches_done += 1
        self.failing = False
        return retry

    def _failed(self, batch: Batch, exc: Exception) -> None:
        log.exception("%s failed; its files stay where they are and are tried again at the next full rescan",
                      batch.describe())
        self.failures += 1
        self.failing = True
        self.last_error = f"{utc_now_text()} {batch.describe()}: {exc}"
