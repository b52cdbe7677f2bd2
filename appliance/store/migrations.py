"""Schema migrations: registered functions, applied in order at start, recorded in a table.

No directory scan, so they work inside a frozen executable. Each domain registers its
own migrations in its store module with an id from its range:
0000-0099 core and ERP data, 0100-0199 licensing and users, 0200-0299 device sync,
0300-0399 documents and connector, 0400-0499 catalog, 0500-0599 console.
"""

from __future__ import annotations

import importlib
import logging
import sqlite3
from dataclasses import dataclass
from typing import Callable

from appliance.clock import utc_now_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    id: str
    name: str
    apply: Callable[[sqlite3.Connection], None]


_REGISTRY: dict[str, Migration] = {}

# Store modules that register migrations; imported before migrating.
MIGRATION_MODULES = (
    "appliance.store.core",
    "appliance.store.licensing",
    "appliance.store.users",
    "appliance.store.sessions",
    "appliance.store.params",
    "appliance.store.console",
    "appliance.store.sync",
    "appliance.store.documents",
    "appliance.store.catalog",
    "appliance.store.orders",
    "appliance.store.connector",
)


def migration(migration_id: str, name: str) -> Callable:
    """Register `fn(conn)` as a migration. Ids sort as text: use four digits."""

    def register(fn: Callable[[sqlite3.Connection], None]) -> Callable:
        if migration_id in _REGISTRY and _REGISTRY[migration_id].apply is not fn:
            raise RuntimeError(f"migration id {migration_id} registered twice")
        _REGISTRY[migration_id] = Migration(migration_id, name, fn)
        return fn

    return register


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run several statements inside the current transaction.

    (`executescript` would commit first, breaking the migration's transaction.)
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration script: {statement.strip()[:80]}")


def registered() -> list[Migration]:
    for module in MIGRATION_MODULES:
        importlib.import_module(module)
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def migrate(store) -> list[str]:
    """Apply every pending migration, each in its own write transaction. Returns the ids applied."""
    applied_now = []
    with store.write() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS _migrations ("
                     "id TEXT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for item in registered():
        with store.write() as conn:
            done = conn.execute("SELECT 1 FROM _migrations WHERE id = ?", (item.id,)).fetchone()
            if done:
                continue
            item.apply(conn)
            conn.execute("INSERT INTO _migrations(id, name, applied_at) VALUES (?, ?, ?)",
                         (item.id, item.name, utc_now_text()))
            applied_now.append(item.id)
            log.info("database migrated: %s %s", item.id, item.name)
    return applied_now
