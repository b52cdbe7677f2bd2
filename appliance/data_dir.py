"""Whether the data folder is writable, watched while the service runs, and what to do when it is back.

A data folder that stops being writable (a permissions change, a backup tool, a disk
mounted read-only) fails every write: requests get 503 naming the folder
(`store.db.DataDirReadOnlyError`) and /health says "the data folder is not writable: ...".
The monitor probes the folder every few seconds by creating and removing a small file;
when it is writable again, every thread's database connection is reopened (one opened
meanwhile would stay read-only) and the watcher rescans, so the ERP batch that failed is
imported at once rather than at the next full rescan.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Callable

from appliance.store.db import Store

log = logging.getLogger("appliance.service")

PROBE_NAME = ".write-probe"


def write_problem(folder: Path, database: Path) -> str | None:
    """Why the data folder (or its database) cannot be written now, or None."""
    probe = folder / f"{PROBE_NAME}-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return f"{folder} ({exc.strerror or exc})"
    for path in (database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")):
        if path.exists() and not os.access(path, os.W_OK):
            return f"{path} is read-only"
    return None


class DataDirMonitor:
    """Probes the data folder every `every` seconds on its own thread; `on_back` runs when it is writable again."""

    def __init__(self, folder: Path, store: Store, on_back: Callable[[], None], *, every: float = 2.0):
        self.folder = folder
        self.store = store
        self.on_back = on_back
        self.every = every
        self.problem: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check(self) -> str | None:
        """Probe once, act on a change; returns the problem (None: writable)."""
        problem = write_problem(self.folder, self.store.path)
        before, self.problem = self.problem, problem
        if problem and not before:
            log.warning("the data folder is not writable: %s; writes fail until it is", problem)
        elif not problem and (before or self.store.read_only_error):
            self.store.read_only_error = None
            self.store.reopen_connections()
            log.info("the data folder is writable again: database connections reopened, the exchange rescanned")
            self.on_back()
        return problem

    def health(self) -> dict:
        """The `data_dir` section of /health."""
        problem = self.problem or (f"{self.folder} ({self.store.read_only_error})" if self.store.read_only_error
                                   else None)
        return {"path": str(self.folder), "writable": problem is None, "problem": problem}

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="data-dir-monitor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.check()
            except Exception:  # the monitor must outlive a surprise; the next probe tries again
                log.exception("data folder check failed")
