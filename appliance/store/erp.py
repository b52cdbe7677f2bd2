"""ERP tables: one per layout, typed columns plus bookkeeping, loaded as change-tracked snapshots.

Each table has the layout's columns (named as in the layout) and five bookkeeping columns:
`_key` (the row key; composite keys joined with U+001F), `_hash` (of the row's values),
`_seq` (the global change sequence number at which the row last changed), `_deleted`
(tombstone flag) and `_extra` (JSON of columns the layout does not know).

Values are stored exactly: dates as text YYYY-MM-DD, datetimes YYYY-MM-DDTHH:MM:SS, decimals
as text with '.' and the digits the ERP sent (never REAL: SQLite's numeric affinity would
turn 0.00000001 and 20-digit prices into floats), integers as integers.

Loading is in two steps. `plan_changes` diffs a staged file (typed rows in the staging
database) against the table in a read transaction (no write lock). `apply_changes`,
inside the batch's write transaction, checks that the table has not moved since the diff
(else diffs again under the lock), takes sequence numbers from the counter, and copies
new and changed rows and marks deleted ones, each with one SQL statement. A first load
into an empty table was staged in the table's own form, numbered and indexed: when the
counter is still where the staging started from, the copy is SQLite's record-by-record
transfer of the table and its indexes.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from appliance.clock import utc_now_text
from appliance.exchange.layouts import Layout
from appliance.exchange.reader import HeaderPlan
from appliance.store.db import Store, current_counter, next_counter, quote
from appliance.store.staging import SQL_TYPES, typed_index_sql, typed_table_sql
from appliance.store.sync_indexes import create_indexes

SEQ_COUNTER = "erp_seq"
STAGE = "stage"
BOOKKEEPING = ("_key", "_hash", "_seq", "_deleted", "_extra")

@dataclass
class Diff:
    """The difference between a staged file and its table, as of table version `version`."""

    slot: int
    table: str
    version: int
    staged: int
    new: int = 0
    changed: int = 0
    deleted: int = 0
    live_rows: int = 0
    seq_base: int | None = None  # a direct load: its rows are numbered seq_base + line - 1 ...
    seq_top: int = 0  # ... up to seq_top

    @property
    def unchanged(self) -> int:
        return self.staged - self.new - self.changed

    @property
    def delete_ratio(self) -> float:
        return self.deleted / self.live_rows if self.live_rows else 0.0


def stage_without_journal(conn: sqlite3.Connection) -> None:
    """The attached staging database is scratch (rebuilt after a crash): no journal, no fsync."""
    conn.execute(f"PRAGMA {STAGE}.journal_mode = OFF")
    conn.execute(f"PRAGMA {STAGE}.synchronous = OFF")


def table_state(store: Store, table: str) -> dict | None:
    """The bookkeeping row of an ERP table (None if never loaded)."""
    row = store.query_one("SELECT * FROM erp_tables WHERE name = ?", (table,))
    if row:
        row["columns"] = json.loads(row["columns"])
    return row


def list_tables(store: Store) -> list[dict]:
    """Every loaded ERP table with its state."""
    rows = store.query("SELECT * FROM erp_tables ORDER BY name")
    for row in rows:
        row["columns"] = json.loads(row["columns"])
    return rows


def _version(conn: sqlite3.Connection, table: str) -> tuple[int, int]:
    row = conn.execute("SELECT last_seq, live_rows FROM erp_tables WHERE name = ?", (table,)).fetchone()
    return (row[0], row[1]) if row else (-1, 0)


def _exists(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?",
                        (table,)).fetchone() is not None


def _compute_diff(conn: sqlite3.Connection, slot: int, table: str, incremental: bool,
                  direct: tuple[int, int] | None) -> Diff:
    """Fill stage.c{slot} (rows to write) and stage.d{slot} (keys to tombstone).

    `direct` (seq_base, seq_top): the file was staged straight as typed rows, so numbered,
    because the table held no rows; every row is new, unless the table gained rows meanwhile
    (then TableMovedError).
    """
    version, live_rows = _version(conn, table)
    if direct:
        if live_rows:
            raise TableMovedError(table)
        staged = conn.execute(f"SELECT count(*) FROM {STAGE}.s{slot}").fetchone()[0]
        return Diff(slot, table, version, staged, new=staged, live_rows=0, seq_base=direct[0], seq_top=direct[1])
    staged = conn.execute(f"SELECT count(*) FROM {STAGE}.r{slot}").fetchone()[0]
    conn.execute(f"DROP TABLE IF EXISTS {STAGE}.c{slot}")
    conn.execute(f"DROP TABLE IF EXISTS {STAGE}.d{slot}")
    conn.execute(f"CREATE TABLE {STAGE}.d{slot} (k TEXT NOT NULL)")
    diff = Diff(slot, table, version, staged, live_rows=live_rows)
    if not _exists(conn, table):
        conn.execute(f"CREATE TABLE {STAGE}.c{slot} AS SELECT rowid AS srow, 1 AS new FROM {STAGE}.r{slot}")
        diff.new = staged
        return diff
    t = quote(table)
    conn.execute(
        f"CREATE TABLE {STAGE}.c{slot} AS "
        f"SELECT s.rowid AS srow, (f._key IS NULL OR f._deleted = 1) AS new "
        f"FROM {STAGE}.r{slot} AS s LEFT JOIN main.{t} AS f ON f._key = s._key "
        f"WHERE f._key IS NULL OR f._deleted = 1 OR f._hash <> s._hash ORDER BY s._key")
    diff.new, diff.changed = conn.execute(
        f"SELECT coalesce(sum(new), 0), coalesce(sum(1 - new), 0) FROM {STAGE}.c{slot}").fetchone()
    if not incremental:
        conn.execute(
            f"INSERT INTO {STAGE}.d{slot}(k) SELECT f._key FROM main.{t} AS f WHERE f._deleted = 0 "
            f"AND NOT EXISTS (SELECT 1 FROM {STAGE}.r{slot} AS s WHERE s._key = f._key)")
        diff.deleted = conn.execute(f"SELECT count(*) FROM {STAGE}.d{slot}").fetchone()[0]
    return diff


def plan_changes(store: Store, slot: int, table: str, incremental: bool, *,
                 direct: tuple[int, int] | None = None) -> Diff:
    """Diff a staged file against its table without taking the write lock (`direct`: the numbers of a
    first load staged as typed rows, see `_compute_diff`).

    The staging database must be attached to this thread's connection as `stage`.
    """
    with store.snapshot() as conn:
        return _compute_diff(conn, slot, table, incremental, direct)


def is_empty(store: Store, table: str) -> bool:
    """True if the table holds no live rows (or does not exist yet): a file for it is all new."""
    state = store.query_one("SELECT live_rows FROM erp_tables WHERE name = ?", (table,))
    return state is None or state["live_rows"] == 0


def planned_columns(existing: list[tuple[str, str]] | None, layout: Layout,
                    plan: HeaderPlan) -> list[tuple[str, str]]:
    """The columns (name, type) of a layout's table once a file with this header is loaded: those it
    has (`existing`; None: the table does not exist yet, so the layout's), then any the header adds
    (unknown layouts grow with their headers)."""
    columns = list(existing) if existing is not None else [(f.name, f.type) for f in layout.fields]
    known = {n for n, _ in columns}
    for _, fld in plan.known_columns:
        if fld.name not in known:
            columns.append((fld.name, fld.type))
            known.add(fld.name)
    return columns


def existing_columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]] | None:
    """The columns of an ERP table as recorded (None when the table does not exist)."""
    if not _exists(conn, table):
        return None
    row = conn.execute("SELECT columns FROM erp_tables WHERE name = ?", (table,)).fetchone()
    return [tuple(c) for c in json.loads(row[0])] if row else []


def _ensure_table(conn: sqlite3.Connection, layout: Layout, plan: HeaderPlan) -> list[tuple[str, str]]:
    """Create the table (or add the columns an unknown layout gained); returns its columns."""
    t = quote(layout.name)
    existing = existing_columns(conn, layout.name)
    columns = planned_columns(existing, layout, plan)
    if existing is None:
        conn.execute(typed_table_sql(layout.name, columns))
        for statement in typed_index_sql(layout.name):
            conn.execute(statement)
    else:
        for name, type_ in columns[len(existing):]:
            conn.execute(f"ALTER TABLE {t} ADD COLUMN {quote(name)} {SQL_TYPES[type_]}")
    conn.execute(
        "INSERT INTO erp_tables(name, layout, columns, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET layout = excluded.layout, columns = excluded.columns",
        (layout.name, layout.file_name if layout.known else None, json.dumps(columns), utc_now_text()))
    return columns


def _copy_changed_rows(conn: sqlite3.Connection, diff: Diff, plan: HeaderPlan, first_seq: int) -> None:
    """Copy the typed new and changed rows from the staging table, numbered from `first_seq`."""
    names = "".join(", " + quote(f.name) for f in plan.fields if f is not None)
    conn.execute(
        f"INSERT OR REPLACE INTO main.{quote(plan.layout.name)} (_key, _hash, _seq, _deleted, _extra{names}) "
        f"SELECT _key, _hash, ? + rowid - 1, 0, _extra{names} FROM {STAGE}.s{diff.slot} ORDER BY rowid",
        (first_seq,))


def _copies_as_staged(conn: sqlite3.Connection, diff: Diff) -> bool:
    """Whether a direct load's staged rows go in as they are: numbered from the counter's current value
    (no other change took numbers since the staging began) and with the table's columns."""
    if diff.seq_base is None or current_counter(conn, SEQ_COUNTER) != diff.seq_base:
        return False
    names = [row[1] for row in conn.execute(f"PRAGMA main.table_info({quote(diff.table)})")]
    return names == [row[1] for row in conn.execute(f"PRAGMA {STAGE}.table_info(s{diff.slot})")]


class TableMovedError(Exception):
    """Another writer changed the table between the diff and the write: diff again."""


def apply_changes(conn: sqlite3.Connection, diff: Diff, plan: HeaderPlan,
                  *, md5: str, file_name: str) -> tuple[int | None, int | None]:
    """Write a planned diff inside the caller's write transaction.

    Returns the first and last sequence numbers used (None if nothing changed). Raises
    TableMovedError if the table changed since the diff was planned.
    """
    layout = plan.layout
    if _version(conn, layout.name)[0] != diff.version:
        raise TableMovedError(layout.name)
    _ensure_table(conn, layout, plan)
    changes = diff.new + diff.changed
    total = changes + diff.deleted
    if changes and _copies_as_staged(conn, diff):
        first = next_counter(conn, SEQ_COUNTER, diff.seq_top - diff.seq_base)
        create_indexes(conn, layout.name)  # before the rows: the staged ones are copied with them
        conn.execute(f"INSERT OR REPLACE INTO main.{quote(layout.name)} SELECT * FROM {STAGE}.s{diff.slot}")
        last = diff.seq_top
    else:
        first = next_counter(conn, SEQ_COUNTER, total) if total else None
        if changes:
            _copy_changed_rows(conn, diff, plan, first)
        if diff.deleted:
            t = quote(layout.name)
            conn.execute(f"UPDATE main.{t} SET _deleted = 1, _seq = ? + d.rowid - 1 "
                         f"FROM {STAGE}.d{diff.slot} AS d WHERE main.{t}._key = d.k", (first + changes,))
        create_indexes(conn, layout.name)  # after the rows: a first load builds them in one sort
        last = first + total - 1 if total else None
    live = diff.live_rows + diff.new - diff.deleted
    conn.execute("UPDATE erp_tables SET last_md5 = ?, last_file = ?, last_seq = coalesce(?, last_seq), "
                 "live_rows = ?, updated_at = ? WHERE name = ?",
                 (md5, file_name, last, live, utc_now_text(), layout.name))
    return first, last


def last_seq(store: Store) -> int:
    """The newest change sequence number handed out."""
    return current_counter(store.connection(), SEQ_COUNTER)
