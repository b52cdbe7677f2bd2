"""The database handle: SQLite in WAL mode through peewee, one write path for every thread.

Every write is one `BEGIN IMMEDIATE` transaction, so the service's threads and a second
process (an administrator's CLI) queue behind each other instead of failing, and a
counter read inside the transaction gives numbers in commit order. Connections are
per thread (peewee's default), so waitress threads never share one.

A connection opened while the data folder is not writable stays read-only for good
(SQLite falls back to read-only at open). A write that fails for that reason raises
DataDirReadOnlyError (503, naming the folder) and makes every thread reopen its
connection before its next write (`reopen_connections`), so nothing stays half-broken
once the folder is writable again.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

import peewee
from peewee import SqliteDatabase

from appliance.errors import ApplianceError
from appliance.settings import Settings
from appliance.store.migrations import migrate

Row = dict[str, Any]
READ_ONLY_SIGNS = ("readonly database", "read-only", "unable to open database file")


class DataDirReadOnlyError(ApplianceError):
    """A write failed because the data folder (or the database file) is not writable."""

    status = 503
    title = "Service unavailable"
    headers = {"Retry-After": "10"}

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
            # Set before the file exists (an existing database keeps its own): a 1M-row table and its
            # WAL checkpoint take a quarter of the page reads and writes of 4 KB pages.
            "page_size": 16384,
            "journal_mode": "wal",
            "synchronous": "full",  # an archived file must never outlive a lost commit
            "foreign_keys": 1,
            "cache_size": -64_000,
            "mmap_size": MAPPED_BYTES,
            "busy_timeout": int(busy_timeout * 1000),
        }, timeout=busy_timeout, check_same_thread=False)
        self._write_hooks = threading.local()
        self._opened = threading.local()  # the connection generation this thread's connection belongs to
        self._generation = 0
        self.read_only_error: str | None = None  # the last "not writable" failure, until the folder is back

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

        Nested calls join the outer transaction. DataDirReadOnlyError when the folder is not writable.
        """
        if not getattr(self._opened, "attached", 0):  # closing would drop the attached database
            self._reopen_if_stale()
        try:
            with self.db.atomic():
                yield self.connection()
        except (sqlite3.OperationalError, peewee.OperationalError) as exc:
            if not any(sign in str(exc).lower() for sign in READ_ONLY_SIGNS):
                raise
            self.read_only_error = str(exc)
            self.reopen_connections()
            if not self.db.in_transaction() and not getattr(self._opened, "attached", 0):
                self.close()
            raise DataDirReadOnlyError(f"The data folder is not writable: {self.path.parent} ({exc}). The appliance "
                                       f"answers again as soon as it is; give the service's account write access "
                                       f"to it.") from exc

    def reopen_connections(self) -> None:
        """Make every thread open a new connection before its next write (one opened read-only stays so)."""
        self._generation += 1

    def _reopen_if_stale(self) -> None:
        if self.db.in_transaction():
            return
        opened = getattr(self._opened, "generation", None)  # None: opened by a read, before any write
        if opened != self._generation and (opened is not None or self._generation):
            self.close()
        self._opened.generation = self._generation

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
        if not getattr(self._opened, "attached", 0):
            self._reopen_if_stale()
        conn = self.connection()
        conn.execute("ATTACH DATABASE ? AS " + quote(alias), (str(path),))
        self._opened.attached = getattr(self._opened, "attached", 0) + 1
        try:
            yield conn
        finally:
            self._opened.attached -= 1
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
