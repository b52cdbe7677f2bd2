"""The catalog's tables: files of multimedia/ and reports/, the folders and items devices see, problems.

`catalog_files` holds one row per file found (content hash, size and time, the cache
copies); `catalog_entries` one row per item shown (a file may be shown in several
folders); `catalog_folders` the folders. Items and folders carry the change number
(`seq`, from the `catalog` counter, in commit order) at which they last changed, and a
deleted flag, so a device asks for what changed after the number it has. Rows are
never removed, so a cursor never goes stale and ids are never reused.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Iterable

from appliance.store.db import Row, Store, current_counter, next_counter
from appliance.store.migrations import migration, run_script

COUNTER = "catalog"
FILE_COLUMNS = ("path", "size", "mtime_ns", "hash", "kind", "mime", "width", "height", "scaled", "scaled_size",
                "scaled_hash", "scaled_for", "thumb", "thumb_size", "thumb_hash", "problem")
ENTRY_COLUMNS = ("file_id", "folder_id", "title", "article", "sort", "agent", "operator", "digest")
PROBLEM_COLUMNS = ("severity", "file", "line", "column_name", "value", "reason")


@migration("0401", "catalog files, folders, items, problems and index state")
def _catalog_tables(conn: sqlite3.Connection) -> None:
    run_script(conn, """
        CREATE TABLE catalog_files (
            id          INTEGER PRIMARY KEY,
            area        TEXT NOT NULL CHECK (area IN ('multimedia', 'reports')),
            path        TEXT NOT NULL,
            size        INTEGER NOT NULL,
            mtime_ns    INTEGER NOT NULL,
            hash        TEXT NOT NULL,
            kind        TEXT NOT NULL,
            mime        TEXT NOT NULL,
            width       INTEGER,
            height      INTEGER,
            scaled      TEXT,
            scaled_size INTEGER,
            scaled_hash TEXT,
            scaled_for  INTEGER,
            thumb       TEXT,
            thumb_size  INTEGER,
            thumb_hash  TEXT,
            problem     TEXT,
            deleted     INTEGER NOT NULL DEFAULT 0,
            UNIQUE (area, path)
        );
        CREATE TABLE catalog_folders (
            id            INTEGER PRIMARY KEY,
            area          TEXT NOT NULL,
            path          TEXT NOT NULL,
            parent_id     INTEGER REFERENCES catalog_folders(id),
            name          TEXT NOT NULL,
            cover_file_id INTEGER REFERENCES catalog_files(id),
            digest        TEXT NOT NULL,
            seq           INTEGER NOT NULL,
            deleted       INTEGER NOT NULL DEFAULT 0,
            UNIQUE (area, path)
        );
        CREATE INDEX catalog_folders_seq ON catalog_folders(area, seq);
        CREATE TABLE catalog_entries (
            id        INTEGER PRIMARY KEY,
            area      TEXT NOT NULL,
            key       TEXT NOT NULL,
            file_id   INTEGER NOT NULL REFERENCES catalog_files(id),
            folder_id INTEGER REFERENCES catalog_folders(id),
            title     TEXT NOT NULL,
            article   TEXT,
            sort      INTEGER,
            agent     TEXT NOT NULL DEFAULT '',
            operator  TEXT NOT NULL DEFAULT '',
            digest    TEXT NOT NULL,
            seq       INTEGER NOT NULL,
            deleted   INTEGER NOT NULL DEFAULT 0,
            UNIQUE (area, key)
        );
        CREATE INDEX catalog_entries_seq ON catalog_entries(area, seq);
        CREATE INDEX catalog_entries_file ON catalog_entries(file_id, deleted);
        CREATE TABLE catalog_problems (
            id          INTEGER PRIMARY KEY,
            area        TEXT NOT NULL,
            severity    TEXT NOT NULL,
            file        TEXT NOT NULL,
            line        INTEGER NOT NULL,
            column_name TEXT,
            value       TEXT,
            reason      TEXT NOT NULL
        );
        CREATE INDEX catalog_problems_area ON catalog_problems(area, id);
        CREATE TABLE catalog_state (
            area       TEXT PRIMARY KEY,
            mode       TEXT NOT NULL,
            index_rows TEXT,
            indexed_at TEXT NOT NULL,
            summary    TEXT NOT NULL
        );
    """)


# -- files ---------------------------------------------------------------------------------


def stored_files(conn: sqlite3.Connection | Store, area: str, *, live_only: bool = False) -> dict[str, Row]:
    """The file rows of an area by path (deleted ones too, unless `live_only`)."""
    where = " AND deleted = 0" if live_only else ""
    cursor = conn.execute(f"SELECT * FROM catalog_files WHERE area = ?{where}", (area,))
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    return {row["path"]: row for row in rows}


def save_files(conn: sqlite3.Connection, area: str, rows: Iterable[dict]) -> None:
    """Insert or update file rows (by area and path); a saved row is live."""
    columns = ", ".join(FILE_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in FILE_COLUMNS[1:])
    conn.executemany(
        f"INSERT INTO catalog_files (area, {columns}) VALUES (?, {', '.join('?' for _ in FILE_COLUMNS)}) "
        f"ON CONFLICT (area, path) DO UPDATE SET {updates}, deleted = 0",
        [(area, *(row.get(c) for c in FILE_COLUMNS)) for row in rows])


def delete_files(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Mark files as gone (their rows stay, so their ids are never given to another file)."""
    conn.executemany("UPDATE catalog_files SET deleted = 1 WHERE id = ?", [(i,) for i in ids])


def referenced_renditions(store: Store) -> set[str]:
    """Names of the cache files that live files use."""
    rows = store.execute("SELECT scaled, thumb FROM catalog_files WHERE deleted = 0").fetchall()
    return {name for row in rows for name in row if name}


# -- folders and entries -------------------------------------------------------------------


def save_folders(conn: sqlite3.Connection, area: str, folders: list[dict]) -> tuple[dict[str, int], int]:
    """Make the area's folders exactly `folders` (dicts: path as JSON text, name, parent, cover_file_id,
    digest; parents before children). Returns (id by path, number of folders changed or deleted)."""
    known = {row[0]: row[1:] for row in conn.execute(
        "SELECT path, id, digest, deleted FROM catalog_folders WHERE area = ?", (area,))}
    wanted = {f["path"] for f in folders}
    ids = {path: values[0] for path, values in known.items()}
    changed = [f for f in folders
               if f["path"] not in known or known[f["path"]][2] or known[f["path"]][1] != f["digest"]]
    gone = [values[0] for path, values in known.items() if path not in wanted and not values[2]]
    seq = _numbers(conn, len(changed) + len(gone))
    for folder in changed:
        parent = ids[folder["parent"]] if folder["parent"] else None
        (ids[folder["path"]],) = conn.execute(
            "INSERT INTO catalog_folders (area, path, parent_id, name, cover_file_id, digest, seq) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (area, path) DO UPDATE SET parent_id = excluded.parent_id, "
            "name = excluded.name, cover_file_id = excluded.cover_file_id, digest = excluded.digest, "
            "seq = excluded.seq, deleted = 0 RETURNING id",
            (area, folder["path"], parent, folder["name"], folder["cover_file_id"], folder["digest"],
             next(seq))).fetchone()
    conn.executemany("UPDATE catalog_folders SET deleted = 1, seq = ? WHERE id = ?", [(next(seq), i) for i in gone])
    return ids, len(changed) + len(gone)


def save_entries(conn: sqlite3.Connection, area: str, entries: dict[str, dict]) -> dict[str, int]:
    """Make the area's items exactly `entries` (by key); changed, revived and removed ones get new numbers.

    Returns the counts: new, changed, deleted, unchanged.
    """
    known = {row[0]: row[1:] for row in conn.execute(
        "SELECT key, digest, deleted, folder_id FROM catalog_entries WHERE area = ?", (area,))}
    new = [k for k in entries if k not in known]
    changed = [k for k in entries if k in known and (known[k][1] or known[k][0] != entries[k]["digest"]
                                                     or known[k][2] != entries[k]["folder_id"])]
    gone = [k for k, values in known.items() if k not in entries and not values[1]]
    seq = _numbers(conn, len(new) + len(changed) + len(gone))
    columns = ", ".join(ENTRY_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in ENTRY_COLUMNS)
    conn.executemany(
        f"INSERT INTO catalog_entries (area, key, {columns}, seq) VALUES (?, ?, "
        f"{', '.join('?' for _ in ENTRY_COLUMNS)}, ?) ON CONFLICT (area, key) DO UPDATE SET {updates}, "
        f"seq = excluded.seq, deleted = 0",
        [(area, key, *(entries[key][c] for c in ENTRY_COLUMNS), next(seq)) for key in new + changed])
    conn.executemany("UPDATE catalog_entries SET deleted = 1, seq = ? WHERE area = ? AND key = ?",
                     [(next(seq), area, key) for key in gone])
    return {"new": len(new), "changed": len(changed), "deleted": len(gone),
            "unchanged": len(entries) - len(new) - len(changed)}


def _numbers(conn: sqlite3.Connection, count: int) -> Iterable[int]:
    first = next_counter(conn, COUNTER, count) if count else 0
    return iter(range(first, first + count))


# -- problems and state --------------------------------------------------------------------


def previous_problems(conn: sqlite3.Connection | Store, area: str) -> set[tuple]:
    """The problems recorded at the last index of an area (to log only the new ones)."""
    return set(conn.execute(f"SELECT {', '.join(PROBLEM_COLUMNS)} FROM catalog_problems WHERE area = ?",
                            (area,)).fetchall())


def save_problems(conn: sqlite3.Connection, area: str, problems: list[dict]) -> None:
    """Replace an area's problems."""
    conn.execute("DELETE FROM catalog_problems WHERE area = ?", (area,))
    conn.executemany(f"INSERT INTO catalog_problems (area, {', '.join(PROBLEM_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(area, p["severity"], p["file"], p["line"], p["column"], p["value"], p["reason"])
                      for p in problems])


def read_state(conn: sqlite3.Connection | Store, area: str) -> Row | None:
    """The area's last index: mode, last good index file rows (decoded), time and summary."""
    row = conn.execute("SELECT mode, index_rows, indexed_at, summary FROM catalog_state WHERE area = ?",
                       (area,)).fetchone()
    if row is None:
        return None
    return {"mode": row[0], "index_rows": json.loads(row[1]) if row[1] else None, "indexed_at": row[2],
            "summary": json.loads(row[3])}


def save_state(conn: sqlite3.Connection, area: str, mode: str, index_rows: list[dict] | None, indexed_at: str,
               summary: dict) -> None:
    """Record an area's index (mode, the index file rows in use, when, counts)."""
    rows = json.dumps(index_rows, ensure_ascii=False) if index_rows is not None else None
    conn.execute("INSERT INTO catalog_state (area, mode, index_rows, indexed_at, summary) VALUES (?, ?, ?, ?, ?) "
                 "ON CONFLICT (area) DO UPDATE SET mode = excluded.mode, index_rows = excluded.index_rows, "
                 "indexed_at = excluded.indexed_at, summary = excluded.summary",
                 (area, mode, rows, indexed_at, json.dumps(summary)))


def catalog_cursor(conn: sqlite3.Connection | Store) -> int:
    """The newest change number of the catalog and the reports."""
    return current_counter(conn.connection() if isinstance(conn, Store) else conn, COUNTER)


def recent_problems(store: Store, area: str, limit: int) -> list[Row]:
    """The first problems of an area's last index (errors first)."""
    return store.query(f"SELECT {', '.join(PROBLEM_COLUMNS)} FROM catalog_problems WHERE area = ? "
                       "ORDER BY severity = 'warning', id LIMIT ?", (area, limit))
