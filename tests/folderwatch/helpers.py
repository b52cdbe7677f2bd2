"""Shared test helpers: a clock tests move by hand, and waiting on conditions."""

from __future__ import annotations

import socket
import threading
import time
from typing import Callable


class FakeClock:
    """A monotonic clock that only moves when a test advances it."""

    def __init__(self, start: float = 1000.0):
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds


def wait_for(condition: Callable[[], object], timeout: float = 10.0, what: str = "condition") -> object:
    """Poll `condition` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.01)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (for servers in subprocesses)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_ticks(watcher, count: int = 3) -> None:
    """Let the watcher look `count` more times (to show that something does NOT happen, or has been seen)."""
    target = watcher.ticks + count
    wait_for(lambda: watcher.ticks >= target, what="watcher ticks")
