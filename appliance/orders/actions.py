"""The operator's functions on received documents (the CLI's `appliance documents ...` and the console's).

Every function takes the store (and settings where legacy files may follow), the
document's id, who acts (`actor`, recorded in its history) and optionally `now`.
Each checks the document's status inside its write transaction, so two operators (or an
operator and a connector) acting at once cannot both win; a refusal is a ConflictError
(409) saying the status and what can be done instead.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal

from appliance.clock import iso, moment
from appliance.connector.legacy_files import write_pending
from appliance.connector.queueing import queue_document
from appliance.connector.queues import queue_of_kind
from appliance.documents.kinds import KINDS
from appliance.errors import ConflictError, InvalidInputError, NotFoundError
from appliance.orders.processing import prepare, process
from appliance.orders.rules import rules_for
from appliance.settings import Settings
from appliance.store.connector import delete_parts, document_parts
from appliance.store.db import Store
from appliance.store.documents import document_row, document_steps, list_documents as _list, move

MAX_REASON = 500


def list_documents(store: Store, *, pending: bool = False, kind: str | None = None, limit: int = 100) -> list[dict]:
    """The newest documents (only those waiting for validation with `pending`), with status, parts and reason."""
    if kind is not None and kind not in KINDS:
        raise InvalidInputError(f"There is no document kind '{kind}'; use one of {', '.join(KINDS)}.",
                                errors=[{"field": "kind", "reason": "unknown kind"}])
    rows = _list(store, status="pending" if pending else None, kind=kind, limit=limit)
    return [{**row, "warnings": json.loads(row["warnings"])} for row in rows]


def show_document(store: Store, document_id: int) -> dict:
    """A document with its warnings, history (steps) and parts (guid, unique_id, export id, state, ERP reference)."""
    with store.snapshot() as conn:
        row = _row(conn, document_id)
        parts = document_parts(conn, document_id)
    return {**row, "document": json.loads(row["document"], parse_float=Decimal),
            "warnings": json.loads(row["warnings"]), "steps": document_steps(store, document_id),
            "parts": [{"part": p["part"], "guid": p["guid"], "unique_id": p["unique_id"], "export_id": p["queue_id"],
                       "state": p["state"], "erp_ref": p["erp_ref"], "lines": json.loads(p["lines"]),
                       "legacy_file": p["legacy_file"], "record": json.loads(p["record"], parse_float=Decimal)}
                      for p in parts]}


def validate(store: Store, settings: Settings, document_id: int, *, actor: str, now: datetime | None = None) -> dict:
    """Release a document waiting for validation to the connector: its parts get their export ids."""
    now = moment(now)
    with store.write() as conn:
        row = _row(conn, document_id, allowed=("pending",), doing="validate")
        rules = rules_for(store, row["username"])
        ids = queue_document(conn, document_id, queue_of_kind(row["kind"]), now=now, actor=actor, step="validated",
                             legacy=rules.legacy_files)
    write_pending(store, settings)
    return {"id": document_id, "status": "queued", "export_ids": ids}


def reject(store: Store, document_id: int, reason: str, *, actor: str, now: datetime | None = None) -> dict:
    """Refuse a document waiting for validation: it never reaches the ERP; the agent sees the reason."""
    reason = (reason or "").strip()
    if not reason or len(reason) > MAX_REASON:
        raise InvalidInputError(f"Give the reason the agent will read (1 to {MAX_REASON} characters).",
                                errors=[{"field": "reason", "reason": "required, at most 500 characters"}])
    with store.write() as conn:
        _row(conn, document_id, allowed=("pending",), doing="reject")
        move(conn, document_id, "rejected", "rejected", iso(moment(now)), actor, {"reason": reason}, reason=reason)
    return {"id": document_id, "status": "rejected", "reason": reason}


def reprocess(store: Store, settings: Settings, document_id: int, *, actor: str, now: datetime | None = None) -> dict:
    """Apply today's rules to a document again, as long as no connector has had any of its parts."""
    now = moment(now)
    first = show_document(store, document_id)
    prepared = prepare(store, first["kind"], first["document"], first["username"])
    with store.write() as conn:
        row = _row(conn, document_id, allowed=("pending", "queued"), doing="reprocess")
        taken = [p for p in document_parts(conn, document_id)
                 if p["state"] not in ("prepared", "queued") or p["legacy"] in ("renaming", "written")]
        if taken:
            raise ConflictError(f"Document {document_id} cannot be reprocessed: the ERP connector already has part "
                                f"{taken[0]['guid']} (through the API or a legacy file).",
                                errors=[{"field": "id", "reason": "already taken by the connector"}])
        delete_parts(conn, document_id)
        status = process(conn, prepared, document_id, row["document"], now=now, actor=actor, step="reprocessed")
    write_pending(store, settings)
    parts = show_document(store, document_id)["parts"]
    return {"id": document_id, "status": status, "parts": [p["guid"] for p in parts]}


def queue_again(store: Store, settings: Settings, document_id: int, *, actor: str, now: datetime | None = None) -> dict:
    """Queue a document's parts again under new export ids (the ERP lost them); same guids and unique_ids."""
    now = moment(now)
    with store.write() as conn:
        row = _row(conn, document_id, allowed=("queued", "delivered", "taken"), doing="queue again")
        ids = queue_document(conn, document_id, queue_of_kind(row["kind"]), now=now, actor=actor,
                             step="queued_again", legacy=rules_for(store, row["username"]).legacy_files)
    write_pending(store, settings)
    return {"id": document_id, "status": "queued", "export_ids": ids}


def _row(conn, document_id: int, allowed: tuple[str, ...] = (), doing: str = "") -> dict:
    row = document_row(conn, document_id)
    if row is None:
        raise NotFoundError(f"There is no document {document_id}; list them with: appliance documents list",
                            errors=[{"field": "id", "reason": "not found"}])
    if allowed and row["status"] not in allowed:
        raise ConflictError(f"Document {document_id} is {row['status']}; only a document that is "
                            f"{' or '.join(allowed)} can be asked to {doing}.",
                            errors=[{"field": "id", "reason": f"status {row['status']}"}])
    return row
