"""The import log: one row per file the pipeline looked at, with counts, result and problems."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from appliance.store.db import Store

_COLUMNS = ("batch_id", "file_name", "table_name", "layout", "source_path", "md5", "size", "encoding",
            "started_at", "finished_at", "seconds", "rows_read", "rows_new", "rows_changed", "rows_deleted",
            "rows_unchanged", "result", "forced", "errors_count", "warnings_count", "message", "problems",
            "seq_from", "seq_to")


def record_import(conn: sqlite3.Connection, entry: dict) -> int:
    """Insert one log row (inside the caller's write transaction); returns its id."""
    values = [entry.get(c) for c in _COLUMNS]
    values[_COLUMNS.index("problems")] = json.dumps(entry.get("problems") or [], ensure_ascii=False)
    values[_COLUMNS.index("forced")] = int(bool(entry.get("forced")))
    for name in ("rows_read", "rows_new", "rows_changed", "rows_deleted", "rows_unchanged",
                 "errors_count", "warnings_count"):
        values[_COLUMNS.index(name)] = entry.get(name) or 0
    placeholders = ", ".join("?" for _ in _COLUMNS)
    cursor = conn.execute(f"INSERT INTO import_log ({', '.join(_COLUMNS)}) VALUES ({placeholders})", values)
    return cursor.lastrowid


def imported_size(store: Store, table: str, md5: str) -> int | None:
    """The size of the file with this MD5 last imported into `table` (None if the log does not say)."""
    row = store.query_one("SELECT size FROM import_log WHERE result = 'imported' AND table_name = ? AND md5 = ? "
                          "ORDER BY id DESC LIMIT 1", (table, md5))
    return row["size"] if row else None


def set_stored_path(store: Store, import_id: int, path: Path) -> None:
    """Remember where a processed file was put (archive, rejected or held)."""
    with store.write() as conn:
        conn.execute("UPDATE import_log SET stored_path = ? WHERE id = ?", (str(path), import_id))


def _decode(row: dict) -> dict:
    row["problems"] = json.loads(row["problems"]) if row.get("problems") else []
    return row


def list_imports(store: Store, *, limit: int = 50, result: str | None = None,
                 file_name: str | None = None, before_id: int | None = None) -> list[dict]:
    """The latest log rows, newest first, optionally filtered."""
    clauses, params = [], []
    if result:
        clauses.append("result = ?")
        params.append(result)
    if file_name:
        clauses.append("file_name LIKE ?")
        params.append(f"%{file_name}%")
    if before_id:
        clauses.append("id < ?")
        params.append(before_id)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = store.query(f"SELECT * FROM import_log {where} ORDER BY id DESC LIMIT ?", (*params, limit))
    return [_decode(r) for r in rows]


def get_import(store: Store, import_id: int) -> dict | None:
    row = store.query_one("SELECT * FROM import_log WHERE id = ?", (import_id,))
    return _decode(row) if row else None


def any_import(store: Store) -> bool:
    """Whether any file was ever imported (or tried)."""
    return store.scalar("SELECT count(*) FROM import_log") > 0


def last_import(store: Store) -> dict | None:
    """The newest log row (file_name, result, finished_at, message, ...), or None."""
    row = store.query_one("SELECT * FROM import_log ORDER BY id DESC LIMIT 1")
    return _decode(row) if row else None


def result_counts(store: Store, since: str | None = None) -> dict[str, int]:
    """How many files ended in each result (since an ISO time, if given)."""
    where, params = ("WHERE finished_at >= ?", (since,)) if since else ("", ())
    rows = store.query(f"SELECT result, count(*) AS n FROM import_log {where} GROUP BY result", params)
    return {r["result"]: r["n"] for r in rows}


def rejected_since_replaced(store: Store) -> dict[str, bool]:
    """Each rejected file's stored path -> whether a later file of its table (or name) was imported since."""
    rows = store.query(
        "SELECT r.stored_path AS path, EXISTS (SELECT 1 FROM import_log g WHERE g.id > r.id "
        "  AND g.result IN ('imported', 'skipped') AND (g.file_name = r.file_name "
        "  OR (r.table_name IS NOT NULL AND g.table_name = r.table_name))) AS replaced "
        "FROM import_log r WHERE r.result = 'rejected' AND r.stored_path IS NOT NULL")
    return {row["path"]: bool(row["replaced"]) for row in rows}
