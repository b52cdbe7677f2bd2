"""What devices read of the catalog (tables in `appliance.store.catalog`): pages of items and folders
after a change number, and the one file a download asks for.

Index rows (io_reports.dat, and io_catalogo.dat with AMHelper's COD_AGENTE and
COD_OPERATORE columns) may limit an item to an agent or an operator: `audience` is the
caller's (agent_code, operator_code), and an item is visible when it names neither, or
names the caller's agent or operator code. None means no limit (every item).
"""

from __future__ import annotations

import sqlite3
from typing import Iterable

from appliance.store.db import Row

Audience = tuple[str, str] | None

_VISIBLE = ("((e.agent = '' AND e.operator = '') OR (e.agent <> '' AND e.agent = ?) "
            "OR (e.operator <> '' AND e.operator = ?))")
_ITEM_COLUMNS = ("e.id, e.seq, e.deleted, e.folder_id, e.title, e.article, e.sort, f.id AS file_id, f.path, f.kind, "
                 "f.mime, f.size, f.hash, f.scaled, f.scaled_size, f.scaled_hash, f.thumb, f.width, f.height")


def _rows(conn: sqlite3.Connection, sql: str, params: Iterable) -> list[Row]:
    cursor = conn.execute(sql, tuple(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _audience(audience: Audience) -> tuple[str, list[str]]:
    if audience is None:
        return "", []
    return " AND " + _VISIBLE, [audience[0] or "", audience[1] or ""]


def items_after(conn: sqlite3.Connection, area: str, since: int, limit: int, audience: Audience, *,
                live_only: bool) -> list[Row]:
    """Up to `limit` items of an area changed after `since`, in change order, joined with their file."""
    visible, params = _audience(audience)
    live = " AND e.deleted = 0" if live_only else ""
    return _rows(conn, f"SELECT {_ITEM_COLUMNS} FROM catalog_entries e JOIN catalog_files f ON f.id = e.file_id "
                       f"WHERE e.area = ? AND e.seq > ?{live}{visible} ORDER BY e.seq LIMIT ?",
                 [area, since, *params, limit])


def folders_between(conn: sqlite3.Connection, area: str, low: int, high: int, *, live_only: bool) -> list[Row]:
    """The folders of an area that changed after `low` up to `high`."""
    live = " AND deleted = 0" if live_only else ""
    return _rows(conn, f"SELECT * FROM catalog_folders WHERE area = ? AND seq > ? AND seq <= ?{live} ORDER BY seq",
                 [area, low, high])


def folders_with_ancestors(conn: sqlite3.Connection, folder_ids: Iterable[int]) -> list[Row]:
    """These folders and every folder above them."""
    ids = sorted(set(folder_ids))
    if not ids:
        return []
    return _rows(conn, "WITH RECURSIVE up(id) AS (SELECT value FROM json_each(?) UNION "
                       "SELECT f.parent_id FROM catalog_folders f JOIN up ON f.id = up.id "
                       "WHERE f.parent_id IS NOT NULL) SELECT * FROM catalog_folders WHERE id IN (SELECT id FROM up) "
                       "ORDER BY id",
                 [_json_list(ids)])


def visible_folder_ids(conn: sqlite3.Connection, area: str, audience: Audience) -> set[int]:
    """Folders holding (at any depth) a live item the audience may see."""
    visible, params = _audience(audience)
    rows = conn.execute("WITH RECURSIVE up(id) AS (SELECT e.folder_id FROM catalog_entries e WHERE e.area = ? "
                        f"AND e.deleted = 0 AND e.folder_id IS NOT NULL{visible} UNION "
                        "SELECT f.parent_id FROM catalog_folders f JOIN up ON f.id = up.id "
                        "WHERE f.parent_id IS NOT NULL) SELECT id FROM up", [area, *params]).fetchall()
    return {row[0] for row in rows}


def live_file(conn: sqlite3.Connection, file_id: int) -> Row | None:
    """A file that is still there, by id."""
    rows = _rows(conn, "SELECT * FROM catalog_files WHERE id = ? AND deleted = 0", [file_id])
    return rows[0] if rows else None


def file_listed_for(conn: sqlite3.Connection, file_id: int, audience: Audience) -> bool:
    """True when a live item the audience may see shows the file (folder previews are items' images)."""
    visible, params = _audience(audience)
    found = conn.execute(f"SELECT 1 FROM catalog_entries e WHERE e.file_id = ? AND e.deleted = 0{visible} LIMIT 1",
                         [file_id, *params]).fetchone()
    return found is not None


def _json_list(ids: list[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"
