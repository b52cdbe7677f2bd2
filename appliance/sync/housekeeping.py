"""Forgetting what no device needs any more: tombstones and departed members older than the kept days.

A deleted ERP row is kept as a tombstone so that devices learn of the deletion; after
`sync_tombstone_days` it is dropped, together with the members that left a user's set
as long ago. The horizon is the newest change number of the imports that finished
before then: a device whose cursor is older gets 410 and syncs in full.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from appliance.clock import iso
from appliance.store.db import Store
from appliance.store.sync import loaded_tables, purge_before, seq_reached_before

log = logging.getLogger("appliance.sync")
EVERY = timedelta(hours=1)


class Housekeeping:
    """Runs the purge at most once an hour, from whichever request comes first."""

    def __init__(self, store: Store, keep_days: int):
        self.store = store
        self.keep_days = keep_days
        self._lock = threading.Lock()
        self._last: datetime | None = None

    def maybe_purge(self, now: datetime) -> int:
        """Purge if the last purge is older than an hour; returns how many rows were dropped."""
        with self._lock:
            if self._last is not None and timedelta(0) <= now - self._last < EVERY:
                return 0
            self._last = now
        return purge(self.store, now, self.keep_days)


def purge(store: Store, now: datetime, keep_days: int) -> int:
    """Drop tombstones and departed members older than `keep_days`."""
    with store.snapshot() as conn:
        horizon = seq_reached_before(conn, iso(now - timedelta(days=keep_days)))
        tables = list(loaded_tables(conn))
    if not horizon:
        return 0
    purged = purge_before(store, horizon, tables)
    if purged:
        log.info("sync: %d deletion(s) older than %d days forgotten (up to change %d)", purged, keep_days, horizon)
    return purged
