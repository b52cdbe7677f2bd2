"""The database handle: SQLite in WAL mode through peewee, one write path for every thread.

Every write is one `BEGIN IMMEDIATE` transaction, so the service's threads and a second
process (an administrator's CLI) queue behind each other instead of failing, and a
counter read inside the transaction gives numbers in commit order. Connections are
per thread (peewee's default), so waitress threads never share one.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from peewee import SqliteDatabase

from appliance.settings import Settings
from appliance.store.migrations import migrate

Row = dict[str, Any]

# Reads of big tables (a device's price-list pages) map the file instead of copying each page
# through a read() call: a third of the service's CPU under many devices.
MAPPED_BYTES = 1 << 30


class Store:
    """One appliance database file. Create it once per process and pass it down."""

    def __init__(self, path: Path, *, busy_timeout: float = 300.0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.busy_timeout = busy_timeout
        self.db = SqliteDatabase(None, lock_type="IMMEDIATE", check_same_thread=False,
                                 timeout=busy_timeout)
        self.db.init(str(self.path), pragmas={
            "journal_mode": "wal",
            "synchronous": "full",  # an archived file must never outlive a lost commit
            "foreign_keys": 1,
            "cache_size": -64_000,
            "mmap_size": MAPPED_BYTES,
            "busy_timeout": int(busy_timeout * 1000),
        }, timeout=busy_timeout, check_same_thread=False)
        self._write_hooks = threading.local()

    # -- connections and transactions -------------------------------------------------

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        return self.db.connection()

    def map_reads(self, mapped: bool) -> None:
        """Whether this thread's connection reads the file through a memory map (the default)."""
        self.connection().execute(f"PRAGMA mmap_size = {MAPPED_BYTES if mapped else 0}")

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (`BEGIN IMMEDIATE`); commits on success, rolls back on error.

        Nested calls join the outer transaction.
        """
        with self.db.atomic():
            yield self.connection()

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query inside sees the same committed state."""
        if self.db.in_transaction():
            yield self.connection()
            return
        with self.db.atomic("DEFERRED"):
            conn = self.connection()
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # take the read mark now
            yield conn

    @contextmanager
    def attached(self, path: Path, alias: str) -> Iterator[sqlite3.Connection]:
        """Attach another database file to this thread's connection for the block."""
        conn = self.connection()
        conn.execute("ATTACH DATABASE ? AS " + quote(alias), (str(path),))
        try:
            yield conn
        finally:
            conn.execute("DETACH DATABASE " + quote(alias))

    def in_transaction(self) -> bool:
        return self.db.in_transaction()

    def close(self) -> None:
        """Close this thread's connection."""
        if not self.db.is_closed():
            self.db.close()

    # -- small helpers used by the store modules ---------------------------------------

    def query(self, sql: str, params: Iterable[Any] | dict = ()) -> list[Row]:
        """Rows as dicts."""
        cursor = self.connection().execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def query_one(self, sql: str, params: Iterable[Any] | dict = ()) -> Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Iterable[Any] | dict = ()) -> Any:
        row = self.connection().execute(sql, params).fetchone()
        return None if row is None else row[0]

    def execute(self, sql: str, params: Iterable[Any] | dict = ()) -> sqlite3.Cursor:
        return self.connection().execute(sql, params)

    def table_exists(self, name: str) -> bool:
        return self.scalar("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)) == 1


def next_counter(conn: sqlite3.Connection, name: str, count: int = 1) -> int:
    """Reserve `count` numbers of a named counter; returns the first.

    Call it inside a write transaction: the numbers then follow commit order.
    """
    conn.execute("INSERT OR IGNORE INTO _counters(name, value) VALUES (?, 0)", (name,))
    (last,) = conn.execute("UPDATE _counters SET value = value + ? WHERE name = ? RETURNING value - ?",
                           (count, name, count)).fetchone()
    return last + 1


def current_counter(conn: sqlite3.Connection, name: str) -> int:
    """The last number handed out by a counter (0 if none)."""
    row = conn.execute("SELECT value FROM _counters WHERE name = ?", (name,)).fetchone()
    return row[0] if row else 0


def quote(identifier: str) -> str:
    """Quote an SQL identifier (table and column names come from files)."""
    return '"' + identifier.replace('"', '""') + '"'


def open_store(settings: Settings) -> Store:
    """Create the data folders, open the database and apply pending migrations."""
    settings.paths.ensure()
    store = Store(settings.paths.database, busy_timeout=settings.busy_timeout_seconds)
    migrate(store)
    return store


def fetch_rows(conn: sqlite3.Connection, sql: str, params: Iterable = ()) -> list[Row]:
    """The rows of a query on a connection (inside a transaction), as dicts."""
    cursor = conn.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def placeholders(values: list) -> str:
    """`?, ?, ?`: one SQL parameter mark per value."""
    return ", ".join("?" for _ in values)
