"""The database side of backups: a consistent online copy, its row counts, its checks.

The copy uses SQLite's online backup API in one step inside a read transaction on the
source, so the copied pages and the row counts recorded in the manifest are the same
committed state, while the service's writers go on (WAL: readers never block writers).
A file copy of a live WAL database could miss commits still in the -wal file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from appliance.store.db import quote
from appliance.store.erp import SEQ_COUNTER


def copy_database(source: Path, target: Path, *, busy_timeout: float = 300.0) -> tuple[dict[str, int], str]:
    """Copy the database at `source` into a new file `target`; returns its row counts and schema version."""
    src = sqlite3.connect(str(source), timeout=busy_timeout, isolation_level=None)
    dst = sqlite3.connect(str(target), isolation_level=None)
    try:
        src.execute("BEGIN")
        counts, version = table_counts(src), schema_version(src)
        src.backup(dst, pages=-1)
        src.execute("COMMIT")
        dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
    finally:
        dst.close()
        src.close()
    return counts, version


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in every table of the main database (SQLite's internal tables left out)."""
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: conn.execute(f"SELECT count(*) FROM {quote(name)}").fetchone()[0] for name in names}


def check_copy(path: Path) -> tuple[list[str], dict[str, int], str]:
    """`PRAGMA integrity_check` messages (["ok"] when sound), row counts and schema version of a copy."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        return problems, table_counts(conn), schema_version(conn)
    finally:
        conn.close()


def schema_version(conn: sqlite3.Connection) -> str:
    """The newest migration applied ("" for a database without migrations)."""
    try:
        row = conn.execute("SELECT max(id) FROM _migrations").fetchone()
    except sqlite3.OperationalError:
        return ""
    return row[0] or ""



def change_top(path: Path) -> int:
    """The newest ERP change number of a database file (0 when it has none)."""
    if not Path(path).exists():
        return 0
    conn = sqlite3.connect(str(path))  # not read-only: a database left by a crash has its -wal to apply
    try:
        row = conn.execute("SELECT value FROM _counters WHERE name = ?", (SEQ_COUNTER,)).fetchone()
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()
    return row[0] if row else 0
