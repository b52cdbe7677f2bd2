"""A scratch database per import batch, outside the appliance database.

Checked lines land here first, so the slow part of an import (reading, checking,
hashing, finding duplicate keys, diffing against the stored table, converting the
changed rows to their column types) runs without holding the appliance database's write
lock; the write transaction then only copies the changed rows with one INSERT ... SELECT.
The file lives in the data dir's work/ folder and is deleted when the batch ends; files
left by a killed process are removed at the next start.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

# Checked lines -> (their extra JSON, or None when the file has no extra columns; per line the
# values of the known fields, in the file format)
Splitter = Callable[[tuple[str, ...]], tuple[list[str | None] | None, list[Sequence[str]]]]

from appliance.exchange.layouts import Field
from appliance.exchange.values import bound_form, stored_form, stored_sql
from appliance.store.db import quote

STALE_SECONDS = 24 * 3600
# Page cache while rows are loaded, and while indexes are built: SQLite sorts an index's entries
# in runs the size of the cache, then merges them; runs of a few MB are sorted in the processor's
# caches, and a 1M-row table's five indexes were built in three quarters of the time it took with
# the loading cache (measured: 1.39 s against 1.82 s).
LOAD_CACHE = -32768
SORT_CACHE = -4000

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "decimal": "TEXT", "date": "TEXT", "datetime": "TEXT"}


def typed_table_sql(name: str, columns: Sequence[tuple[str, str]]) -> str:
    """CREATE TABLE for typed ERP rows: the bookkeeping columns, then the fields (name, type).

    ERP tables and the staging tables that feed them are made by this one statement: with the
    same columns, constraints, defaults and indexes, SQLite copies a staged table into an empty
    ERP table record by record and index by index, without decoding a value.
    """
    defs = "".join(f", {quote(n)} {SQL_TYPES[t]}" for n, t in columns)
    return (f"CREATE TABLE {quote(name)} (_key TEXT NOT NULL, _hash BLOB NOT NULL, _seq INTEGER NOT NULL, "
            f"_deleted INTEGER NOT NULL DEFAULT 0, _extra TEXT{defs})")


def typed_index_sql(name: str) -> list[str]:
    """The indexes every typed table has: its keys (unique) and its change numbers."""
    return [f"CREATE UNIQUE INDEX {quote(name + '__key')} ON {quote(name)}(_key)",
            f"CREATE INDEX {quote(name + '__seq')} ON {quote(name)}(_seq)"]

@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk load.

    A load allocates millions of short-lived tuples; the collector would rescan the ones
    waiting in a batch again and again (about a tenth of the load time). Reference
    counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _ColumnBatcher:
    """Inserts a batch of typed rows with one executemany, binding as few parameters as possible.

    Binding a parameter from Python costs more than SQLite's whole insert, and ERP rows
    are mostly empty columns (a price-list row fills half of its 78) or columns that
    hold the same value on every row (company code, flags, the obsolete DAT_ULT_MOD).
    So each batch is looked at column by column (one transposition of the split lines):
    a column empty on every row is left out (NULL), a column with one value for the whole
    batch is written into the statement as a literal (converted once), and only the other
    columns are bound, as numbered parameters. Decimal columns are converted to their stored
    form a whole column at a time in C (`bound_form`); SQLite converts dates while it inserts
    and turns empty values into NULL where a column has some (cheaper in SQL than any Python
    pass over the values).
    """

    def __init__(self, conn: sqlite3.Connection, table: str, fields: list[Field], seq_base: int):
        self.conn = conn
        self.table = table
        self.fields = fields
        self.seq_base = seq_base

    def insert(self, numbers: tuple[int, ...], keys: tuple[str, ...], hashes: tuple[bytes, ...],
               extras: list[str | None] | None, values: list[Sequence[str]]) -> None:
        """Insert one batch: per row its line, key, hash, extra JSON (None: no extras) and field values."""
        size = len(values)
        names, exprs = ["_seq", "_key", "_hash"], [f"{self.seq_base - 1} + ?1", "?2", "?3"]
        bound: list[Sequence] = [numbers, keys, hashes]
        if extras is not None and any(extras):
            names.append("_extra")
            bound.append(extras)
            exprs.append("?4")
        for position, column in enumerate(zip(*values)):
            first = column[0]
            fld = self.fields[position]
            # One value for the whole batch? Two samples rule most columns out before the full count.
            if column[-1] == first and column[size // 2] == first and column.count(first) == size:
                if first != "":
                    convert = stored_form(fld.type)
                    names.append(fld.name)
                    exprs.append(_literal(convert((first,))[0] if convert else first))
                continue
            convert = bound_form(fld.type)
            bound.append(convert(column) if convert else column)
            names.append(fld.name)
            exprs.append(stored_sql(fld.type, f"?{len(bound)}", may_be_empty="" in column))
        self.conn.executemany(
            f"INSERT INTO {self.table} ({', '.join(quote(n) for n in names)}) VALUES ({', '.join(exprs)})",
            zip(*bound))


def _literal(value: str) -> str:
    """A stored text value as an SQL literal (quotes doubled)."""
    return "'" + value.replace("'", "''") + "'"


class StagingArea:
    """The rows of the files of one batch, per file slot: the checked lines (`r<slot>`), the
    changes found by the diff (`c<slot>`, `d<slot>`) and the typed rows to write (`s<slot>`).

    A file for a table that holds no rows yet skips the raw step: its lines go straight
    into `s<slot>`, in the form of its ERP table (`typed_table_sql`), each row's change number
    already given: the slot's `seq_base` plus its line number less one (the header is line 1,
    so a file without blank lines is numbered seq_base + 1, + 2, ...). The write then copies
    the table as it is when no other change took numbers meanwhile."""

    TYPED_BATCH = 5_000  # changed rows typed at once

    def __init__(self, work_dir: Path):
        work_dir.mkdir(parents=True, exist_ok=True)
        self.path = work_dir / f"stage-{os.getpid()}-{uuid.uuid4().hex[:8]}.db"
        self.conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False,
                                    cached_statements=1024)
        self.seq_bases: dict[int, int] = {}
        for pragma in ("page_size = 16384", "journal_mode = OFF", "synchronous = OFF", f"cache_size = {LOAD_CACHE}",
                       "temp_store = FILE"):
            self.conn.execute("PRAGMA " + pragma)

    def load(self, slot: int, batches: Iterable[list[tuple[int, str, bytes, str]]], *, index_keys: bool = True) -> int:
        """Store batches of checked lines (line, key, hash, text) in `r<slot>`; returns how many.
        Without `index_keys`, `index_lines` must follow before the lines are compared."""
        table = f"r{slot}"
        self.conn.execute(f"DROP TABLE IF EXISTS {table}")
        self.conn.execute(f"CREATE TABLE {table} (_line INTEGER NOT NULL, _key TEXT NOT NULL, "
                          f"_hash BLOB NOT NULL, t TEXT NOT NULL)")
        insert = f"INSERT INTO {table} VALUES (?, ?, ?, ?)"
        count = 0
        with self._transaction(), gc_paused():
            for batch in batches:
                self.conn.executemany(insert, batch)
                count += len(batch)
            if index_keys:
                self.index_lines(slot)
        return count

    def index_lines(self, slot: int) -> None:
        """Index the keys of the checked lines (for the duplicate check and the diff)."""
        with self._sorting():
            self.conn.execute(f"CREATE INDEX r{slot}_key ON r{slot}(_key)")

    def load_typed(self, slot: int, fields: list[Field], columns: Sequence[tuple[str, str]],
                   batches: Iterable[list[tuple[int, str, bytes, str]]], split: Splitter, *, seq_base: int) -> int:
        """Store batches of checked lines directly as typed rows in `s<slot>`, a table of `columns` (those of
        its ERP table), for a table that holds no rows yet (every row is new, so there is nothing to compare
        first); returns how many. `index_typed` must follow before duplicates are looked for."""
        self._create_typed(slot, columns, seq_base)
        return self._fill_typed(slot, fields, batches, split)

    def append(self, other: Path, table: str) -> None:
        """Append the rows of `table` (`r<slot>` or `s<slot>`, not indexed yet) of another staging file (a
        later part of the same file)."""
        self.conn.execute("ATTACH DATABASE ? AS part", (str(other),))
        try:
            with self._transaction():
                # Same columns in the same order: SQLite copies the records as they are.
                self.conn.execute(f"INSERT INTO {table} SELECT * FROM part.{table}")
        finally:
            self.conn.execute("DETACH DATABASE part")

    def index_typed(self, slot: int, definitions: Callable[[str], Iterable[str]]) -> bool:
        """Index the typed rows as their ERP table is indexed: `typed_index_sql` and `definitions(table)`
        (CREATE INDEX statements on that table). False when keys are not unique: then only a plain key
        index is made, for the duplicate check (the file is refused)."""
        table = f"s{slot}"
        unique_keys, *others = typed_index_sql(table)
        with self._transaction(), self._sorting():
            try:
                self.conn.execute(unique_keys)
            except sqlite3.IntegrityError:
                self.conn.execute(f"CREATE INDEX {table}_key ON {table}(_key)")
                return False
            for statement in [*others, *definitions(table)]:
                self.conn.execute(statement)
        return True

    def seq_top(self, slot: int) -> int:
        """The highest change number given in `s<slot>` (its seq_base when it holds no rows)."""
        top = self.conn.execute(f"SELECT max(_seq) FROM s{slot}").fetchone()[0]
        return self.seq_bases[slot] if top is None else top

    def type_changes(self, slot: int, fields: list[Field], columns: Sequence[tuple[str, str]], split: Splitter) -> int:
        """Turn the changed lines (`c<slot>`) of the raw table `r<slot>` into typed rows in `s<slot>`."""
        self._create_typed(slot, columns, 0)
        changed = self.conn.cursor().execute(
            f"SELECT r._line, r._key, r._hash, r.t FROM c{slot} AS c JOIN r{slot} AS r ON r.rowid = c.srow")
        batches = iter(lambda: changed.fetchmany(self.TYPED_BATCH), [])
        return self._fill_typed(slot, fields, batches, split)

    def _create_typed(self, slot: int, columns: Sequence[tuple[str, str]], seq_base: int) -> None:
        """`s<slot>`: a table like its ERP table, rowids 1..n."""
        self.conn.execute(f"DROP TABLE IF EXISTS s{slot}")
        self.conn.execute(typed_table_sql(f"s{slot}", columns))
        self.seq_bases[slot] = seq_base

    def _fill_typed(self, slot: int, fields: list[Field], batches: Iterable[list[tuple[int, str, bytes, str]]],
                    split: Splitter) -> int:
        """`split(texts)` gives the extra JSON and the values of `fields` of a batch of checked lines.
        Integers need no conversion: the INTEGER column affinity stores '-1' as the integer -1."""
        table = f"s{slot}"
        batcher = _ColumnBatcher(self.conn, table, fields, self.seq_bases[slot])
        count = 0
        with self._transaction(), gc_paused():
            for batch in batches:
                if not batch:
                    continue
                numbers, keys, hashes, texts = zip(*batch)
                extras, values = split(texts)
                batcher.insert(numbers, keys, hashes, extras, values)
                count += len(batch)
        return count

    @contextmanager
    def _sorting(self) -> Iterator[None]:
        """The page cache that builds indexes fastest, for the block (see SORT_CACHE)."""
        self.conn.execute(f"PRAGMA cache_size = {SORT_CACHE}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = {LOAD_CACHE}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def duplicate_keys(self, slot: int, limit: int, *, typed: bool = False) -> tuple[int, list[tuple[str, list[int]]]]:
        """Keys present more than once: (how many such keys, the first `limit` with their lines)."""
        table = f"s{slot}" if typed else f"r{slot}"
        line = f"_seq - {self.seq_bases[slot] - 1}" if typed else "_line"
        total = self.conn.execute(
            f"SELECT count(*) FROM (SELECT _key FROM {table} GROUP BY _key HAVING count(*) > 1)").fetchone()[0]
        if not total:
            return 0, []
        rows = self.conn.execute(
            f"SELECT _key, group_concat(_line) FROM (SELECT _key, {line} AS _line FROM {table} WHERE _key IN "
            f"(SELECT _key FROM {table} GROUP BY _key HAVING count(*) > 1) ORDER BY _line) "
            f"GROUP BY _key ORDER BY min(_line) LIMIT ?", (limit,)).fetchall()
        return total, [(k, [int(n) for n in lines.split(",")]) for k, lines in rows]

    def close(self, *, keep: bool = False) -> None:
        """Close and delete the scratch file (`keep`: close only; another process reads it next)."""
        try:
            self.conn.close()
        finally:
            if keep:
                return
            for suffix in ("", "-journal", "-wal", "-shm"):
                try:
                    os.remove(str(self.path) + suffix)
                except FileNotFoundError:
                    pass


def remove_stale(work_dir: Path, now: float | None = None) -> int:
    """Delete scratch files of processes that no longer run (or older than a day)."""
    now = time.time() if now is None else now
    removed = 0
    for path in work_dir.glob("stage-*.db*"):
        pid_text = path.name.split("-")[1]
        alive = pid_text.isdigit() and _process_alive(int(pid_text))
        try:
            if not alive or now - path.stat().st_mtime > STALE_SECONDS:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return True  # without a cheap check on Windows, rely on the age rule
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
