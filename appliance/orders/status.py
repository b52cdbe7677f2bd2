"""What became of an agent's orders: `GET /api/v1/documents/orders?since=CURSOR`.

Every change of an order or of one of its parts takes a number from one counter
(`document_progress`); the answer lists the user's orders changed after the cursor, in
that order, and `cursor` is the number to pass as `since` next time. Without `since`
it starts from the beginning (every order the user sent).

    {"orders": [{"guid": "...", "id": 7, "status": "queued", "reason": null,
                 "received_at": "...", "updated_at": "...", "warnings": [...],
                 "parts": [{"guid": "...", "unique_id": "7", "export_id": 12,
                            "status": "delivered", "erp_ref": null, "lines": [31, 32]}]}],
     "cursor": "41", "more": false}

Statuses: `received`, `pending` (waiting for validation), `rejected` (with `reason`),
`queued` (for the ERP), `delivered` (a connector has it), `taken` (the ERP acknowledged
it; each part's `erp_ref` is the ERP's document number).
"""

from __future__ import annotations

import json

from appliance.store.connector import parts_of
from appliance.store.db import Store
from appliance.store.documents import last_progress, order_progress
from appliance.sync.cursor import parse_since
from appliance.sync.delta import ResyncRequired

DEFAULT_LIMIT = 200
MAX_LIMIT = 1000


def order_status(store: Store, user_id: int, since: str | None, limit: int | None) -> dict:
    """A page of the user's orders changed after `since` (see the module doc)."""
    after = parse_since(since) or 0
    limit = min(max(limit or DEFAULT_LIMIT, 1), MAX_LIMIT)
    with store.snapshot():
        if after > last_progress(store):
            raise ResyncRequired("The cursor is ahead of this server's data (its database was restored or "
                                 "replaced): ask again without `since`.", errors=[{"field": "since",
                                                                                  "reason": "ahead of the server"}])
        rows = order_progress(store, user_id, after, limit + 1)
        shown = rows[:limit]
        parts = parts_of(store, [row["id"] for row in shown])
    by_document: dict[int, list[dict]] = {}
    for part in parts:
        by_document.setdefault(part["document_id"], []).append(
            {"guid": part["guid"], "unique_id": part["unique_id"], "export_id": part["queue_id"],
             "status": part["state"], "erp_ref": part["erp_ref"], "lines": json.loads(part["lines"])})
    orders = [{"guid": row["guid"], "id": row["id"], "status": row["status"], "reason": row["reason"],
               "received_at": row["received_at"], "updated_at": row["changed_at"],
               "warnings": json.loads(row["warnings"]), "parts": by_document.get(row["id"], [])} for row in shown]
    return {"orders": orders, "cursor": str(shown[-1]["seq"] if shown else after), "more": len(rows) > limit}
