"""Documents from the devices as the console lists them: filtered pages, one document, counts by status."""

from __future__ import annotations

import json

from appliance.store.db import Row, Store

PAGE_SIZE = 50
_COLUMNS = ("id, kind, guid, username, device_id, agent_code, operator_code, received_at, document, warnings, "
            "status, upload_id")
_PARTS = "(SELECT count(*) FROM exports e WHERE e.document_id = documents.id) AS parts"


def find_documents(store: Store, *, kind: str | None = None, status: str | None = None, agent: str | None = None,
                   since: str | None = None, until: str | None = None, before_id: int | None = None,
                   limit: int = PAGE_SIZE) -> list[Row]:
    """The newest documents matching every filter given (times are ISO UTC, `until` excluded), each with
    `parts`: how many parts it was split into for the ERP (0 before processing)."""
    clauses, params = [], []
    for clause, value in (("kind = ?", kind), ("status = ?", status), ("agent_code = ?", agent),
                          ("received_at >= ?", since), ("received_at < ?", until), ("id < ?", before_id)):
        if value:
            clauses.append(clause)
            params.append(value)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = store.query(f"SELECT {_COLUMNS}, {_PARTS} FROM documents {where} ORDER BY id DESC LIMIT ?",
                       [*params, limit])
    return [_decode(row) for row in rows]


def get_document(store: Store, document_id: int) -> Row | None:
    row = store.query_one(f"SELECT {_COLUMNS} FROM documents WHERE id = ?", (document_id,))
    return _decode(row) if row else None


def status_counts(store: Store) -> dict[str, int]:
    """How many documents are in each status."""
    return {r["status"]: r["n"] for r in store.query("SELECT status, count(*) AS n FROM documents GROUP BY status "
                                                     "ORDER BY status")}


def _decode(row: Row) -> Row:
    row["document"] = json.loads(row["document"])
    row["warnings"] = json.loads(row["warnings"])
    return row
