"""A scratch database per import batch, outside the appliance database.

Parsed rows land here first, so the slow part of an import (reading, checking, hashing,
finding duplicate keys, diffing against the stored table) runs without holding the
appliance database's write lock. The file lives in the data dir's work/ folder and is
deleted when the batch ends; files left by a killed process are removed at the next start.
"""

from __future__ import annotations

import gc
import itertools
import os
import sqlite3
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

BATCH_ROWS = 20_000
STALE_SECONDS = 24 * 3600


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


class StagingArea:
    """Holds the rows of the files of one batch, one table per file slot."""

    def __init__(self, work_dir: Path):
        work_dir.mkdir(parents=True, exist_ok=True)
        self.path = work_dir / f"stage-{os.getpid()}-{uuid.uuid4().hex[:8]}.db"
        self.conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -65536",
                       "temp_store = FILE", "locking_mode = NORMAL"):
            self.conn.execute("PRAGMA " + pragma)

    def load(self, slot: int, rows: Iterable[tuple[int, str, bytes, str]]) -> int:
        """Store rows (line, key, hash, text) in slot `slot`; returns how many."""
        table = f"s{slot}"
        self.conn.execute(f"DROP TABLE IF EXISTS {table}")
        self.conn.execute(f"CREATE TABLE {table} (line INTEGER NOT NULL, k TEXT NOT NULL, "
                          f"h BLOB NOT NULL, t TEXT NOT NULL)")
        insert = f"INSERT INTO {table} VALUES (?, ?, ?, ?)"
        count = 0
        iterator = iter(rows)
        self.conn.execute("BEGIN")
        try:
            with gc_paused():
                while batch := list(itertools.islice(iterator, BATCH_ROWS)):
                    self.conn.executemany(insert, batch)
                    count += len(batch)
            self.conn.execute(f"CREATE INDEX {table}_k ON {table}(k)")
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return count

    def duplicate_keys(self, slot: int, limit: int) -> tuple[int, list[tuple[str, list[int]]]]:
        """Keys present more than once: (how many such keys, the first `limit` with their lines)."""
        table = f"s{slot}"
        total = self.conn.execute(
            f"SELECT count(*) FROM (SELECT k FROM {table} GROUP BY k HAVING count(*) > 1)").fetchone()[0]
        if not total:
            return 0, []
        rows = self.conn.execute(
            f"SELECT k, group_concat(line) FROM (SELECT k, line FROM {table} "
            f"WHERE k IN (SELECT k FROM {table} GROUP BY k HAVING count(*) > 1) ORDER BY line) "
            f"GROUP BY k ORDER BY min(line) LIMIT ?", (limit,)).fetchall()
        return total, [(k, [int(n) for n in lines.split(",")]) for k, lines in rows]

    def close(self) -> None:
        """Close and delete the scratch file."""
        try:
            self.conn.close()
        finally:
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
