"""What the devices did since the service started: logins, syncs and uploads, counted for /health.

A sync pass (all the pages of one table, up to the page with `more` false) is logged
once at INFO with its rows, deleted keys, bytes sent and seconds; single pages are not
logged. Logins are logged by the login service and uploads by the intake; this module
only counts them.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass

log = logging.getLogger("appliance.sync")
OPEN_PASSES = 10_000  # passes a device started and never finished are forgotten beyond this


@dataclass
class _Pass:
    pages: int = 0
    rows: int = 0
    deleted: int = 0
    bytes: int = 0
    seconds: float = 0.0


class DeviceActivity:
    """Thread-safe counters of device activity."""

    def __init__(self):
        self._lock = threading.Lock()
        self._logins: Counter = Counter()
        self._uploads: Counter = Counter()
        self._sync = Counter()
        self._passes: OrderedDict[tuple, _Pass] = OrderedDict()

    def login(self, reason: str | None) -> None:
        """Count a login: `reason` None when it succeeded, else the refusal reason."""
        with self._lock:
            self._logins["ok" if reason is None else reason] += 1

    def upload(self, status: int) -> None:
        """Count one document's outcome by HTTP status (201 stored, 200 repeat, 409, 422, ...)."""
        name = {201: "stored", 200: "repeated", 409: "conflicts", 422: "malformed"}.get(status, "other")
        with self._lock:
            self._uploads[name] += 1

    def page(self, who: tuple[str, str], table: str, *, rows: int, deleted: int, size: int, seconds: float,
             done: bool, full: bool) -> None:
        """Count one page; log the pass when it is the last one."""
        key = (*who, table)
        with self._lock:
            current = self._passes.pop(key, None) or _Pass()
            current.pages += 1
            current.rows += rows
            current.deleted += deleted
            current.bytes += size
            current.seconds += seconds
            self._sync.update(pages=1, rows=rows, deleted=deleted, bytes=size)
            self._sync["seconds_ms"] += round(seconds * 1000)
            if not done:
                self._passes[key] = current
                while len(self._passes) > OPEN_PASSES:
                    self._passes.popitem(last=False)
                return
            self._sync["passes"] += 1
        log.info("sync: user %s, device %s, %s %s: %d rows, %d deleted, %d bytes in %d page(s), %.2fs",
                 who[0], who[1], "full" if full else "delta", table, current.rows, current.deleted, current.bytes,
                 current.pages, current.seconds)

    def report(self) -> dict:
        """The /health section."""
        with self._lock:
            sync = dict(self._sync)
            return {
                "logins": dict(self._logins),
                "sync": {"passes": sync.get("passes", 0), "pages": sync.get("pages", 0), "rows": sync.get("rows", 0),
                         "deleted": sync.get("deleted", 0), "bytes": sync.get("bytes", 0),
                         "seconds": round(sync.get("seconds_ms", 0) / 1000, 3)},
                "uploads": dict(self._uploads),
            }
