"""Shared test helpers: a clock tests move by hand, waiting on conditions, real ERP files."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

CITTA_HEADER = "CHIAVE|COD_DITTA|CODICE|DESCRIZIONE|CAP|PROVINCIA|DAT_ULT_MOD"


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


def citta_text(rows: int, start: int = 1, name: str = "Citta") -> str:
    """The text of a valid io_citta.dat with `rows` rows (header of field names, CRLF)."""
    lines = [CITTA_HEADER]
    for n in range(start, start + rows):
        lines.append(f"C{n}|01|{n % 10000:04d}|{name} {n}|{n % 100000:05d}|MI|01011900000000")
    return "\r\n".join(lines) + "\r\n"


def write_citta(path: Path, rows: int, start: int = 1, name: str = "Citta") -> Path:
    """Write a valid io_citta.dat (any file name) and return its path."""
    path.write_bytes(citta_text(rows, start, name).encode("utf-8"))
    return path
