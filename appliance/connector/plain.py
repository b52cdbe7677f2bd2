"""The queues as plain JSON (`GET /api/connector/v1/{queue}?after=ID&limit=N`), for new connectors.

Each entry says which document and part it is, where it stands and what the ERP
acknowledged, and carries the record as the compatible API gives it:

    {"queue": "orders", "entries": [{"id": 12, "document_id": 7, "part": 1, "parts": 2,
      "guid": "...", "unique_id": "7", "status": "queued", "queued_at": "2026-03-02T10:15:00",
      "erp_ref": null, "lines": [31, 32], "record": {...}}], "next_after": 12, "more": false}

Pass `next_after` back as `after` for the following page; `after` also marks the entries
up to it delivered (as `lastID` does). Acknowledge with `POST .../{queue}/ack`.
"""

from __future__ import annotations

import json
from typing import Mapping

from appliance.connector.queues import Queue
from appliance.documents.canonical import RawJSON
from appliance.errors import InvalidInputError
from appliance.store.connector import queue_entries
from appliance.store.db import Store

DEFAULT_LIMIT = 50


def parse_after(query: Mapping[str, str], max_limit: int) -> tuple[int, int]:
    """`after` (default 0) and `limit` (1 to the cap, default 50); 400 naming a bad one."""
    values = []
    for name, default, least in (("after", 0, 0), ("limit", DEFAULT_LIMIT, 1)):
        text = (query.get(name) or "").strip()
        if not text:
            values.append(default)
        elif text.isascii() and text.isdigit() and len(text) <= 18 and int(text) >= least:
            values.append(int(text))
        else:
            raise InvalidInputError(f"{name} is a whole number, {least} or more, not '{text}'.",
                                    errors=[{"field": name, "reason": f"not a whole number, {least} or more"}])
    return values[0], min(values[1], max_limit)


def entries_page(store: Store, queue: Queue, after: int, limit: int) -> dict:
    """The entries after `after`, at most `limit`, with `next_after` and `more`."""
    with store.snapshot() as conn:
        rows = queue_entries(conn, queue.name, after, limit + 1)
    shown = rows[:limit]
    return {"queue": queue.kind, "entries": [_entry(row) for row in shown],
            "next_after": shown[-1]["queue_id"] if shown else after, "more": len(rows) > limit}


def _entry(row: dict) -> dict:
    return {"id": row["queue_id"], "document_id": row["document_id"], "part": row["part"], "parts": row["parts"],
            "guid": row["guid"], "unique_id": row["unique_id"], "status": row["state"],
            "queued_at": row["queued_at"], "erp_ref": row["erp_ref"], "lines": json.loads(row["lines"]),
            "record": RawJSON(row["record"])}
