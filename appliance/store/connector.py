"""What the connector takes: the parts of each document, their queue ids and export states, and progress.

- `exports`: one row per part of a document (an order split in three has three; every
  other document one); `export_records` holds its record, the JSON the connector
  receives (apart, so that the marks below rewrite small rows only). `state` is
  `prepared` (computed, not yet released: waiting for validation), `queued` (has its
  `queue_id`, the id connectors page on), `served` (a connector got it in a page),
  `delivered` (a connector passed back a `lastID` at or above it) or `taken` (the ERP
  acknowledged it, `erp_ref` its document number). `legacy` tracks the legacy file:
  NULL (none wanted), `pending`, `renaming` (complete under its temporary name), `written`.
- `document_progress` (created here, owned by `store/documents.py`): per document a number
  from one counter, taken each time the document or one of its parts changes state.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Iterable

from appliance.store.db import Row, Store, fetch_rows, placeholders
from appliance.store.migrations import migration, run_script

OPEN = ("queued", "served")
_ENTRY_COLUMNS = "id, document_id, part, queue, guid, unique_id, lines, state, queue_id, queued_at, changed_at, erp_ref"


@migration("0321", "connector: document parts with queue ids and export states, document progress")
def _connector_tables(conn: sqlite3.Connection) -> None:
    run_script(conn, """
        CREATE TABLE exports (
            id          INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            part        INTEGER NOT NULL,
            queue       TEXT NOT NULL,
            guid        TEXT NOT NULL,
            unique_id   TEXT NOT NULL,
            lines       TEXT NOT NULL DEFAULT '[]',
            record      TEXT NOT NULL,
            state       TEXT NOT NULL,
            queue_id    INTEGER,
            queued_at   TEXT,
            changed_at  TEXT NOT NULL,
            erp_ref     TEXT,
            legacy      TEXT,
            legacy_file TEXT,
            legacy_temp TEXT,
            UNIQUE (document_id, part),
            UNIQUE (queue, queue_id)
        );
        CREATE INDEX exports_open ON exports(queue, queue_id, state) WHERE state IN ('queued', 'served');
        CREATE INDEX exports_legacy ON exports(legacy) WHERE legacy IN ('pending', 'renaming');
        CREATE TABLE document_progress (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id),
            user_id     INTEGER NOT NULL,
            kind        TEXT NOT NULL,
            seq         INTEGER NOT NULL,
            reason      TEXT,
            changed_at  TEXT NOT NULL
        );
        CREATE INDEX document_progress_user ON document_progress(user_id, kind, seq);
    """)


@migration("0322", "connector: records apart from the parts' states (marks rewrite small rows)")
def _export_records(conn: sqlite3.Connection) -> None:
    run_script(conn, """
        CREATE TABLE export_records (
            export_id INTEGER PRIMARY KEY REFERENCES exports(id) ON DELETE CASCADE,
            record    TEXT NOT NULL
        );
        INSERT INTO export_records(export_id, record) SELECT id, record FROM exports;
        ALTER TABLE exports DROP COLUMN record;
    """)


# -- parts -------------------------------------------------------------------------------------

def insert_parts(conn: sqlite3.Connection, document_id: int, queue: str, parts: list[dict], at: str) -> None:
    """Store a document's computed parts (state `prepared`): part, guid, unique_id, lines, record."""
    for p in parts:
        (export_id,) = conn.execute(
            "INSERT INTO exports(document_id, part, queue, guid, unique_id, lines, state, changed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 'prepared', ?) RETURNING id",
            (document_id, p["part"], queue, p["guid"], str(p["unique_id"]), json.dumps(p["lines"]), at)).fetchone()
        conn.execute("INSERT INTO export_records(export_id, record) VALUES (?, ?)", (export_id, p["record"]))


def document_parts(conn: sqlite3.Connection, document_id: int) -> list[Row]:
    """A document's parts in order, with their records."""
    return fetch_rows(conn, f"SELECT {_ENTRY_COLUMNS}, record, legacy, legacy_file FROM exports JOIN export_records "
                       f"ON export_id = id WHERE document_id = ? ORDER BY part", (document_id,))


def parts_of(store: Store, document_ids: list[int]) -> list[Row]:
    """The parts of several documents (without records), by document and part."""
    return store.query(f"SELECT {_ENTRY_COLUMNS} FROM exports WHERE document_id IN (SELECT value FROM json_each(?)) "
                       f"ORDER BY document_id, part", (json.dumps(document_ids),))


def delete_parts(conn: sqlite3.Connection, document_id: int) -> None:
    conn.execute("DELETE FROM exports WHERE document_id = ?", (document_id,))


def set_queued(conn: sqlite3.Connection, export_id: int, queue_id: int, record: str, at: str, legacy: bool) -> None:
    """Give a part its queue id and final record; it is `queued` (again) from now on."""
    conn.execute("UPDATE exports SET queue_id = ?, state = 'queued', queued_at = ?, changed_at = ?, erp_ref = NULL, "
                 "legacy = ?, legacy_file = NULL, legacy_temp = NULL WHERE id = ?",
                 (queue_id, at, at, "pending" if legacy else None, export_id))
    conn.execute("UPDATE export_records SET record = ? WHERE export_id = ?", (record, export_id))


def part_states(conn: sqlite3.Connection, document_ids: Iterable[int]) -> dict[int, list[str]]:
    """The states of each document's parts."""
    ids = sorted(set(document_ids))
    found: dict[int, list[str]] = {i: [] for i in ids}
    for document_id, state in conn.execute("SELECT document_id, state FROM exports WHERE document_id IN "
                                           f"({placeholders(ids)}) ORDER BY document_id, part", ids):
        found[document_id].append(state)
    return found


# -- the queues as connectors read them ------------------------------------------------------

def _where(queue: str, after: int, state: str | None, since: str | None) -> tuple[str, list]:
    sql, params = "queue = ? AND queue_id > ?", [queue, after]
    if state:
        sql, params = sql + " AND state = ?", params + [state]
    if since:
        sql, params = sql + " AND queued_at > ?", params + [since]
    return sql, params


def queue_page(conn: sqlite3.Connection, queue: str, after: int, offset: int, limit: int, state: str | None = None,
               since: str | None = None) -> list[tuple[int, str]]:
    """(queue id, record) of the entries after `after` (and of a state, queued after a time), ascending."""
    where, params = _where(queue, after, state, since)
    return conn.execute(f"SELECT queue_id, record FROM exports JOIN export_records ON export_id = id WHERE {where} "
                        f"ORDER BY queue_id LIMIT ? OFFSET ?",
                        params + [limit, offset]).fetchall()


def queue_count(conn: sqlite3.Connection, queue: str, after: int, state: str | None = None,
                since: str | None = None) -> int:
    where, params = _where(queue, after, state, since)
    return conn.execute(f"SELECT count(*) FROM exports WHERE {where}", params).fetchone()[0]


def queue_max_id(conn: sqlite3.Connection, queue: str) -> int:
    return conn.execute("SELECT coalesce(max(queue_id), 0) FROM exports WHERE queue = ?", (queue,)).fetchone()[0]


def queue_entries(conn: sqlite3.Connection, queue: str, after: int, limit: int) -> list[Row]:
    """Entries after `after` with what the plain API shows, ascending."""
    return fetch_rows(conn, f"SELECT {_ENTRY_COLUMNS}, record, (SELECT count(*) FROM exports o WHERE o.document_id = "
                       f"e.document_id) AS parts FROM exports e JOIN export_records ON export_id = id WHERE queue = ? "
                       f"AND queue_id > ? ORDER BY queue_id LIMIT ?", (queue, after, limit))


def has_unserved(conn: sqlite3.Connection, queue: str, queue_ids: list[int]) -> bool:
    return bool(queue_ids) and conn.execute(
        f"SELECT 1 FROM exports WHERE queue = ? AND state = 'queued' AND queue_id IN ({placeholders(queue_ids)}) LIMIT 1",
        [queue, *queue_ids]).fetchone() is not None


def has_undelivered(conn: sqlite3.Connection, queue: str, upto: int) -> bool:
    return conn.execute("SELECT 1 FROM exports WHERE queue = ? AND queue_id <= ? AND state IN ('queued', 'served') "
                        "LIMIT 1", (queue, upto)).fetchone() is not None


def mark_served(conn: sqlite3.Connection, queue: str, queue_ids: list[int], at: str) -> None:
    conn.execute(f"UPDATE exports SET state = 'served', changed_at = ? WHERE queue = ? AND state = 'queued' AND "
                 f"queue_id IN ({placeholders(queue_ids)})", [at, queue, *queue_ids])


def mark_delivered(conn: sqlite3.Connection, queue: str, upto: int, at: str) -> list[Row]:
    """Entries up to `upto` not yet delivered become delivered; returns them (document_id, queue_id)."""
    return fetch_rows(conn, "UPDATE exports SET state = 'delivered', changed_at = ? WHERE queue = ? AND queue_id <= ? AND "
                       "state IN ('queued', 'served') RETURNING document_id, queue_id", (at, queue, upto))


def known_ids(conn: sqlite3.Connection, queue: str, queue_ids: list[int]) -> set[int]:
    return {r[0] for r in conn.execute(f"SELECT queue_id FROM exports WHERE queue = ? AND queue_id IN "
                                       f"({placeholders(queue_ids)})", [queue, *queue_ids])}


def mark_taken(conn: sqlite3.Connection, queue: str, queue_id: int, erp_ref: str | None, at: str) -> Row:
    """An entry taken by the ERP (with its document number when given); returns its document_id, state."""
    return fetch_rows(conn, "UPDATE exports SET state = 'taken', erp_ref = coalesce(?, erp_ref), changed_at = ? "
                       "WHERE queue = ? AND queue_id = ? RETURNING document_id, queue_id, guid, state, erp_ref",
                 (erp_ref, at, queue, queue_id))[0]


def open_counts(store: Store) -> list[Row]:
    """Entries not yet delivered per queue and state, and legacy files still to write."""
    return store.query("SELECT queue, state, count(*) AS n FROM exports WHERE state IN ('queued', 'served') "
                       "GROUP BY queue, state")


# -- legacy files ------------------------------------------------------------------------------

def legacy_rows(store: Store, state: str) -> list[Row]:
    """Parts whose legacy file is `pending` or `renaming`, in queue order, with their records."""
    return store.query("SELECT id, document_id, queue_id, unique_id, record, legacy_file, legacy_temp FROM exports "
                       "JOIN export_records ON export_id = id WHERE legacy = ? ORDER BY queue, queue_id", (state,))


def claim_legacy(conn: sqlite3.Connection, export_id: int, name: str, temp: str) -> bool:
    """A pending legacy file, written under `temp`, is now this process's to rename; False if another took it."""
    return conn.execute("UPDATE exports SET legacy = 'renaming', legacy_file = ?, legacy_temp = ? WHERE id = ? AND "
                        "legacy = 'pending'", (name, temp, export_id)).rowcount == 1


def legacy_written(conn: sqlite3.Connection, export_id: int) -> None:
    conn.execute("UPDATE exports SET legacy = 'written', legacy_temp = NULL WHERE id = ? AND legacy = 'renaming'",
                 (export_id,))


def legacy_waiting(store: Store) -> int:
    return store.scalar("SELECT count(*) FROM exports WHERE legacy IN ('pending', 'renaming')")


@migration("0330", "connector: what the connector reported (its version) and when it last pulled")
def _connector_state(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE connector_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def read_connector_state(store: Store) -> dict[str, str]:
    """Every stored value by key (`version`, `version_at`, `last_pull_at`, `last_pull_queue`)."""
    return {row["key"]: row["value"] for row in store.query("SELECT key, value FROM connector_state")}


def write_connector_state(store: Store, values: dict[str, str]) -> None:
    """Store (insert or replace) the given values."""
    with store.write() as conn:
        conn.executemany("INSERT INTO connector_state(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", list(values.items()))
