"""Documents uploaded by devices: the request as received, the stored document, and its life.

- `uploads` keeps every request body that created a document, byte for byte (audit).
- `documents` holds one row per document (unique by the guid the app generated): who
  sent it, the canonical hash a retry is compared with, the stored document (JSON with
  the server's fields set), the business-rule warnings, and `status`, where it stands.
- `document_steps` is the history of what was done to each document, one row per step
  (received, and later validated, split, queued, exported, ...).

- `document_progress` (its table made by the connector's migration): per document a number
  from one counter, taken each time the document or one of its parts changes state: the
  agents' order-status cursor (`move`, `note_progress`).

This module is the one that writes a document's status and progress.
A document's status changes only together with a step row (`advance`), so the status
says where a document is and the steps say how it got there. Steps that make a
document available to the connector add their own tables (per-queue export ids).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Iterable

from appliance.store.db import Row, Store, current_counter, fetch_rows, next_counter, placeholders, quote
from appliance.store.migrations import migration, run_script

RECEIVED = "received"
LINE_COUNTER = "document_line"
PROGRESS_COUNTER = "document_progress"
_DOCUMENT_COLUMNS = ("id, kind, guid, user_id, username, device_id, agent_code, operator_code, received_at, "
                     "body_hash, document, warnings, status, upload_id")


@migration("0301", "documents uploaded by devices: raw uploads, documents, processing steps")
def _documents_tables(conn: sqlite3.Connection) -> None:
    run_script(conn, """
        CREATE TABLE uploads (
            id          INTEGER PRIMARY KEY,
            user_id     INTEGER NOT NULL,
            device_id   TEXT NOT NULL,
            received_at TEXT NOT NULL,
            route       TEXT NOT NULL,
            body        BLOB NOT NULL
        );
        CREATE TABLE documents (
            id            INTEGER PRIMARY KEY,
            kind          TEXT NOT NULL,
            guid          TEXT NOT NULL UNIQUE,
            user_id       INTEGER NOT NULL,
            username      TEXT NOT NULL,
            device_id     TEXT NOT NULL,
            agent_code    TEXT NOT NULL DEFAULT '',
            operator_code TEXT NOT NULL DEFAULT '',
            received_at   TEXT NOT NULL,
            body_hash     TEXT NOT NULL,
            document      TEXT NOT NULL,
            warnings      TEXT NOT NULL DEFAULT '[]',
            status        TEXT NOT NULL,
            upload_id     INTEGER NOT NULL REFERENCES uploads(id)
        );
        CREATE INDEX documents_user ON documents(user_id, kind, id);
        CREATE INDEX documents_status ON documents(status, kind, id);
        CREATE TABLE document_steps (
            id          INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            step        TEXT NOT NULL,
            status      TEXT NOT NULL,
            at          TEXT NOT NULL,
            actor       TEXT NOT NULL,
            detail      TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX document_steps_document ON document_steps(document_id, id);
    """)


def _decode(row: Row | None) -> Row | None:
    if row is not None:
        row["warnings"] = json.loads(row["warnings"])
    return row


def find_by_guid(conn: sqlite3.Connection, guid: str) -> Row | None:
    """A document by its guid, whoever sent it (callers decide what the asker may see)."""
    cursor = conn.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE guid = ?", (guid,))
    names = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    return _decode(dict(zip(names, row))) if row else None


def own_document(store: Store, user_id: int, guid: str) -> Row | None:
    """A document by guid, only if this user sent it."""
    return _decode(store.query_one(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE guid = ? AND user_id = ?",
                                   (guid, user_id)))


def insert_upload(conn: sqlite3.Connection, user_id: int, device_id: str, at: str, route: str, body: bytes) -> int:
    """Keep a request body as received; returns its id."""
    return conn.execute("INSERT INTO uploads(user_id, device_id, received_at, route, body) VALUES (?, ?, ?, ?, ?)",
                        (user_id, device_id, at, route, body)).lastrowid


def next_document_id(conn: sqlite3.Connection) -> int:
    """The id the next document will get (inside the write transaction that inserts it)."""
    return (conn.execute("SELECT max(id) FROM documents").fetchone()[0] or 0) + 1


def reserve_line_ids(conn: sqlite3.Connection, count: int) -> int:
    """Reserve ids for `count` order lines; returns the first."""
    return next_counter(conn, LINE_COUNTER, count) if count else 0


def insert_document(conn: sqlite3.Connection, fields: dict[str, Any]) -> int:
    """Store a new document in status `received`, with its first step; returns its id."""
    values = {**fields, "warnings": json.dumps(fields.get("warnings") or [], ensure_ascii=False),
              "status": RECEIVED}
    names = list(values)
    document_id = conn.execute(f"INSERT INTO documents({', '.join(names)}) VALUES "
                               f"({', '.join('?' for _ in names)})", [values[n] for n in names]).lastrowid
    _add_step(conn, document_id, RECEIVED, RECEIVED, fields["received_at"], fields["username"],
              {"warnings": len(fields.get("warnings") or [])})
    return document_id


def advance(conn: sqlite3.Connection, document_id: int, step: str, status: str, at: str, actor: str,
            detail: dict | None = None) -> None:
    """Record a processing step and move the document to `status` (inside the caller's transaction)."""
    conn.execute("UPDATE documents SET status = ? WHERE id = ?", (status, document_id))
    _add_step(conn, document_id, step, status, at, actor, detail or {})


def _add_step(conn: sqlite3.Connection, document_id: int, step: str, status: str, at: str, actor: str,
              detail: dict) -> None:
    conn.execute("INSERT INTO document_steps(document_id, step, status, at, actor, detail) VALUES (?, ?, ?, ?, ?, ?)",
                 (document_id, step, status, at, actor, json.dumps(detail, ensure_ascii=False)))


def document_steps(store: Store, document_id: int) -> list[Row]:
    """The history of a document, oldest first."""
    rows = store.query("SELECT step, status, at, actor, detail FROM document_steps WHERE document_id = ? "
                       "ORDER BY id", (document_id,))
    for row in rows:
        row["detail"] = json.loads(row["detail"])
    return rows


def upload_body(store: Store, upload_id: int) -> bytes:
    """The request body a document came in, as received."""
    return bytes(store.scalar("SELECT body FROM uploads WHERE id = ?", (upload_id,)))


def count_by_kind(store: Store) -> dict[str, int]:
    """How many documents of each kind are stored."""
    return {r["kind"]: r["n"] for r in store.query("SELECT kind, count(*) AS n FROM documents GROUP BY kind")}


def erp_rows(store: Store, table: str, column: str, values: list[str], columns: tuple[str, ...]) -> list[Row]:
    """Live rows of an ERP table whose `column` is one of `values` (empty when the table was never loaded)."""
    if not values or not store.table_exists(table):
        return []
    wanted = ", ".join(quote(c) for c in columns)
    return store.query(f"SELECT {wanted} FROM {quote(table)} WHERE _deleted = 0 AND {quote(column)} IN "
                       f"(SELECT value FROM json_each(?))", (json.dumps(values),))


# -- status and progress: the agents' order-status cursor --------------------------------------

def move(conn: sqlite3.Connection, document_id: int, step: str, status: str, at: str, actor: str,
         detail: dict | None = None, reason: str | None = None) -> None:
    """Advance a document (status + step) and note the change for the order-status cursor."""
    advance(conn, document_id, step, status, at, actor, detail)
    note_progress(conn, [document_id], at, reason)


def note_progress(conn: sqlite3.Connection, document_ids: Iterable[int], at: str, reason: str | None = None) -> None:
    """A new progress number for each document (its status or a part's state changed)."""
    ids = list(document_ids)
    if not ids:
        return
    first = next_counter(conn, PROGRESS_COUNTER, len(ids))
    conn.executemany("INSERT INTO document_progress(document_id, user_id, kind, seq, reason, changed_at) "
                     "SELECT id, user_id, kind, ?, ?, ? FROM documents WHERE id = ? "
                     "ON CONFLICT(document_id) DO UPDATE SET seq = excluded.seq, reason = excluded.reason, "
                     "changed_at = excluded.changed_at",
                     [(first + offset, reason, at, document_id) for offset, document_id in enumerate(ids)])


def document_row(conn: sqlite3.Connection, document_id: int) -> Row | None:
    """A document with its progress (reason of a rejection), or None."""
    rows = fetch_rows(conn, "SELECT d.id, d.kind, d.guid, d.user_id, d.username, d.status, d.received_at, d.document, "
                       "d.warnings, p.reason, p.changed_at FROM documents d LEFT JOIN document_progress p "
                       "ON p.document_id = d.id WHERE d.id = ?", (document_id,))
    return rows[0] if rows else None


def list_documents(store: Store, *, status: str | None, kind: str | None, limit: int) -> list[Row]:
    """The newest documents (of a status, of a kind, or all) with their rejection reasons."""
    clauses = [(c, v) for c, v in (("d.status = ?", status), ("d.kind = ?", kind)) if v]
    where = ("WHERE " + " AND ".join(c for c, _ in clauses)) if clauses else ""
    return store.query("SELECT d.id, d.kind, d.guid, d.username, d.status, d.received_at, d.warnings, p.reason, "
                       f"(SELECT count(*) FROM exports e WHERE e.document_id = d.id) AS parts FROM documents d "
                       f"LEFT JOIN document_progress p ON p.document_id = d.id {where} ORDER BY d.id DESC LIMIT ?",
                       [v for _, v in clauses] + [limit])


def order_progress(store: Store, user_id: int, after: int, limit: int) -> list[Row]:
    """A user's orders whose progress number is above `after`, in that order."""
    return store.query("SELECT d.id, d.guid, d.status, d.received_at, d.warnings, p.seq, p.reason, p.changed_at "
                       "FROM document_progress p JOIN documents d ON d.id = p.document_id "
                       "WHERE p.user_id = ? AND p.kind = 'orders' AND p.seq > ? ORDER BY p.seq LIMIT ?",
                       (user_id, after, limit))


def last_progress(store: Store) -> int:
    """The last progress number handed out."""
    return current_counter(store.connection(), PROGRESS_COUNTER)


def document_statuses(conn: sqlite3.Connection, document_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(document_ids))
    return dict(conn.execute(f"SELECT id, status FROM documents WHERE id IN ({placeholders(ids)})", ids).fetchall())


def count_status(store: Store, status: str) -> int:
    """How many documents are in a status (`pending`: waiting for validation)."""
    return store.scalar("SELECT count(*) FROM documents WHERE status = ?", (status,))
