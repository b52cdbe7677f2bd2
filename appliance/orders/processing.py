"""Processing a document when it arrives: its parts, then the validation gate or the queue.

`Processor` is hooked into intake (`appliance.documents.intake.accept`): `prepare` reads
the rules and the ERP facts before the write lock, `apply` computes the parts inside the
transaction that stores the document (a document is never stored unprocessed), and
`after_commit` writes the legacy files the commit asked for. `process` is the same step
for a reprocess.

An order without lines is kept with a `no_lines` warning and waits for an operator even
when no validation is asked for; a document whose kind is behind a switched-on
`validate.*` gate waits too (status `pending`). Everything else is queued at once.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from appliance.clock import from_iso, iso
from appliance.connector.legacy_files import write_pending
from appliance.connector.queueing import queue_document
from appliance.connector.queues import Queue, queue_of_kind
from appliance.connector.records import record_json
from appliance.orders.facts import OrderFacts, gather
from appliance.orders.rules import Rules, rules_for
from appliance.orders.split import Part, split_order
from appliance.settings import Settings
from appliance.store.connector import insert_parts
from appliance.store.db import Store
from appliance.store.documents import document_row, move

ACTOR = "appliance"


@dataclass(frozen=True)
class Prepared:
    """What processing a document needs from outside the write lock."""

    queue: Queue
    rules: Rules
    facts: OrderFacts | None


class Processor:
    """Processing hooked into intake; see the module doc."""

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings

    def prepare(self, kind: str, document: dict, username: str) -> Prepared:
        return prepare(self.store, kind, document, username)

    def apply(self, conn: sqlite3.Connection, prepared: Prepared, document_id: int, stored: str,
              now: datetime) -> None:
        process(conn, prepared, document_id, stored, now=now, actor=ACTOR, step="processed")

    def after_commit(self) -> None:
        write_pending(self.store, self.settings)


def prepare(store: Store, kind: str, document: dict, username: str) -> Prepared:
    """The queue, rules and (for orders) ERP facts of a document, read now."""
    facts = gather(store, document) if kind == "orders" else None
    return Prepared(queue_of_kind(kind), rules_for(store, username), facts)


def process(conn: sqlite3.Connection, prepared: Prepared, document_id: int, stored: str, *, now: datetime,
            actor: str, step: str) -> str:
    """Compute and store a document's parts, then hold it or queue it; returns its new status."""
    document = json.loads(stored, parse_float=Decimal)
    queue, rules = prepared.queue, prepared.rules
    parts = _parts(document, prepared, conn, document_id)
    insert_parts(conn, document_id, queue.name, [
        {"part": p.number, "guid": p.guid, "unique_id": p.unique_id, "lines": p.line_ids,
         "record": record_json(queue.record, p.document)} for p in parts], iso(now))
    detail = _detail(parts, rules) if queue.name == "orders" else {}
    no_lines = queue.name == "orders" and not document.get("righe")
    if no_lines or rules.gated(queue.gate):
        waiting = "an operator: the order has no lines" if no_lines else f"validation ({queue.gate} is on)"
        move(conn, document_id, step, "pending", iso(now), actor, {**detail, "waiting_for": waiting})
        return "pending"
    queue_document(conn, document_id, queue, now=now, actor=actor, step=step, legacy=rules.legacy_files,
                   detail=detail)
    return "queued"


def _parts(document: dict, prepared: Prepared, conn: sqlite3.Connection, document_id: int) -> list[Part]:
    if prepared.facts is None:
        return [Part(1, document["guid"], document["unique_id"], document, [])]
    received_at = document_row(conn, document_id)["received_at"]
    return split_order(document, prepared.rules, prepared.facts, from_iso(received_at).astimezone().date().isoformat())


def _detail(parts: list[Part], rules: Rules) -> dict:
    return {"rules": rules.describe(), "parts": [{"guid": p.guid, "unique_id": p.unique_id, "lines": p.line_ids,
                                                  **p.notes} for p in parts]}
