"""Work the service repeats every minute, whatever happens in the folders and on the network.

Some work waits for a condition that no event announces: a legacy order file that could
not be written because the exchange folder was unreachable, or a parameter changed from
the CLI (another process) that the media index must follow. Each task is cheap when
there is nothing to do; one that fails is logged and tried again at the next round.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

log = logging.getLogger("appliance.service")

Task = tuple[str, Callable[[], object]]


class Routine:
    """Runs its tasks one after the other every `every` seconds on one thread, until stopped."""

    def __init__(self, tasks: list[Task], every: float = 60.0):
        self.tasks = list(tasks)
        self.every = every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="routine", daemon=True)
        self._thread.start()

    def stop(self, grace: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(grace)

    def run_once(self) -> dict[str, object]:
        """Run every task now; returns each task's result (or the exception it raised)."""
        results: dict[str, object] = {}
        for name, task in self.tasks:
            try:
                results[name] = task()
            except Exception as exc:  # one failing task must not stop the others or the loop
                log.exception("routine task '%s' failed; it is tried again in %g s", name, self.every)
                results[name] = exc
        return results

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.run_once()
