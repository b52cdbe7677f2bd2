"""Putting a document's parts in its queue: export ids in commit order, final records, legacy files wanted.

Runs inside the write transaction that makes the document exportable (its arrival,
an operator's validation, a reprocess, a queue-again), so the ids of one queue become
visible in increasing order: a connector that stores the last id it read never misses
a document validated after newer ones.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from appliance.clock import iso
from appliance.connector.queues import Queue
from appliance.connector.records import local_datetime, with_id
from appliance.store.connector import document_parts, set_queued
from appliance.store.db import next_counter
from appliance.store.documents import move


def queue_document(conn: sqlite3.Connection, document_id: int, queue: Queue, *, now: datetime, actor: str,
                   step: str, legacy: bool, detail: dict | None = None) -> list[int]:
    """Give every part of a document its next export id and move the document to `queued`; returns the ids."""
    ids = []
    for part in document_parts(conn, document_id):
        queue_id = next_counter(conn, queue.counter)
        set_queued(conn, part["id"], queue_id, with_id(part["record"], queue_id), local_datetime(now),
                   legacy and queue.name == "orders")
        ids.append(queue_id)
    move(conn, document_id, step, "queued", iso(now), actor, {**(detail or {}), "export_ids": ids})
    return ids
