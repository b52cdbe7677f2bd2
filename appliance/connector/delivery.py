"""What connectors did with the queues: pages served, ids passed back, acknowledgements.

- A page served marks its entries `served` ("export in progress", statusExport 1).
- A request with `lastID` N (or `after` N on the plain API) marks every entry up to N
  `delivered`: the connector has them (the old API has no acknowledgement).
- An acknowledgement marks entries `taken` by the ERP, with the ERP's document number.

A document's status follows its parts: `queued` while one is queued or served, `taken`
when all are taken, else `delivered`. Each change is a step of the document and a new
progress number for the agents' order status. Marks only move forwards, so two
connectors pulling at once cannot undo each other.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from appliance.clock import iso
from appliance.connector.queues import Queue
from appliance.errors import InvalidInputError, NotFoundError
from appliance.store.connector import (OPEN, has_undelivered, has_unserved, known_ids, mark_delivered, mark_served,
                                       mark_taken, part_states, queue_max_id)
from appliance.store.db import Store
from appliance.store.documents import advance, document_statuses, note_progress

log = logging.getLogger("appliance.connector")
ACTOR = "connector"
MAX_ACK = 1000
MAX_ID = 2 ** 63 - 1  # export ids are SQLite integers


@dataclass
class PullHooks:
    """Test hook: `before_marks` runs after a page was read and before what it served is marked."""

    before_marks: Callable[[], None] | None = None


def overall_status(states: list[str]) -> str:
    """A document's status from its parts' states."""
    if any(state in OPEN for state in states):
        return "queued"
    return "taken" if states and all(state == "taken" for state in states) else "delivered"


def follow_parts(conn: sqlite3.Connection, document_ids: set[int], at: str, step: str, detail: dict) -> None:
    """Move each document to the status its parts now give (or just note the progress of a part)."""
    current = document_statuses(conn, document_ids)
    for document_id, states in part_states(conn, document_ids).items():
        status = overall_status(states)
        if status != current[document_id]:
            advance(conn, document_id, step, status, at, ACTOR, detail)
    note_progress(conn, sorted(document_ids), at)


def note_page(store: Store, queue: Queue, served: list[int], last_id: int | None, now: datetime,
              hooks: PullHooks | None = None) -> None:
    """Mark what a page request told: the entries it served, and those up to `last_id` delivered."""
    if hooks and hooks.before_marks:
        hooks.before_marks()
    conn = store.connection()
    if not has_unserved(conn, queue.name, served) and not (last_id and has_undelivered(conn, queue.name, last_id)):
        return
    at = iso(now)
    with store.write() as conn:
        if served:
            mark_served(conn, queue.name, served, at)
        if last_id:
            delivered = mark_delivered(conn, queue.name, last_id, at)
            if delivered:
                _log_beyond(conn, queue, last_id)
                follow_parts(conn, {row["document_id"] for row in delivered}, at, "delivered",
                             {"queue": queue.name, "last_id": last_id})


def _log_beyond(conn: sqlite3.Connection, queue: Queue, last_id: int) -> None:
    highest = queue_max_id(conn, queue.name)
    if last_id > highest:
        log.warning("a connector asked for %s after id %d, above the highest id %d: the entries up to %d count as "
                    "delivered; a connector that keeps an id from another installation must start again from 0",
                    queue.name, last_id, highest, highest)


def acknowledge(store: Store, queue: Queue, body: Any, now: datetime) -> list[dict]:
    """Mark the entries of an acknowledgement `{ids, erp_refs}` as taken by the ERP; returns them."""
    ids, refs = _ack_body(body)
    at = iso(now)
    with store.write() as conn:
        unknown = sorted(set(ids) - known_ids(conn, queue.name, ids))
        if unknown:
            raise NotFoundError(f"The {queue.kind} queue has no entries {', '.join(map(str, unknown))}; nothing was "
                                f"acknowledged.", errors=[{"field": "ids", "reason": f"unknown id {i}"}
                                                          for i in unknown])
        taken = [mark_taken(conn, queue.name, queue_id, refs.get(queue_id), at) for queue_id in ids]
        follow_parts(conn, {row["document_id"] for row in taken}, at, "taken",
                     {"queue": queue.name, "erp_refs": {str(i): refs[i] for i in ids if i in refs}})
    log.info("connector acknowledged %d %s entries", len(ids), queue.name)
    return [{"id": row["queue_id"], "guid": row["guid"], "status": row["state"], "erp_ref": row["erp_ref"]}
            for row in taken]


def _ack_body(body: Any) -> tuple[list[int], dict[int, str]]:
    if not isinstance(body, dict) or not isinstance(body.get("ids"), list) or not 0 < len(body["ids"]) <= MAX_ACK:
        raise InvalidInputError(f"The body is {{\"ids\": [1 to {MAX_ACK} export ids], \"erp_refs\": {{\"ID\": \"ERP "
                                f"document number\"}}}}.", errors=[{"field": "ids", "reason": "a list of 1 to "
                                                                                             f"{MAX_ACK} ids"}])
    bad = [{"field": f"ids[{i}]", "reason": "not a positive whole number"} for i, value in enumerate(body["ids"])
           if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID]
    refs = {} if body.get("erp_refs") is None else body["erp_refs"]
    if not isinstance(refs, dict):
        bad.append({"field": "erp_refs", "reason": "an object of id -> ERP document number"})
        refs = {}
    bad += [{"field": f"erp_refs.{key}", "reason": "the key is not one of ids, or the value is not text"}
            for key, value in refs.items() if not isinstance(value, str) or not (key.isascii() and key.isdigit())
            or len(key) > len(str(MAX_ID))
            or int(key) not in body["ids"]]
    if bad:
        raise InvalidInputError("The acknowledgement has bad fields: " + ", ".join(b["field"] for b in bad[:5]) + ".",
                                errors=bad)
    return list(dict.fromkeys(body["ids"])), {int(key): value for key, value in refs.items()}
