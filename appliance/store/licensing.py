"""Licensing bookkeeping: a small key/value table (the latest time seen, the last state)."""

from __future__ import annotations

import sqlite3

from appliance.store.db import Store
from appliance.store.migrations import migration


@migration("0100", "licensing state (latest time seen, last license state)")
def _licensing_state(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE licensing_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def read_licensing_state(store: Store) -> dict[str, str]:
    """Every stored value by key."""
    return {row["key"]: row["value"] for row in store.query("SELECT key, value FROM licensing_state")}


def write_licensing_state(store: Store, values: dict[str, str]) -> None:
    """Store (insert or replace) the given values."""
    with store.write() as conn:
        conn.executemany("INSERT INTO licensing_state(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", list(values.items()))
