"""Receiving documents from devices: checked, stored once per guid, answered only after the commit.

`accept` checks a document's shape (422 naming each bad field), computes its canonical
hash and business-rule warnings without the write lock, then in one write transaction
looks the guid up and either stores the document or answers with the stored one:

- a new guid: stored (status `received`, raw request body kept), `created` True (201);
- the same guid and the same canonical body: the stored document, `created` False
  (200), however many retries and whenever they arrive (the write lock orders them);
- the same guid with another body, or a guid another user's document has: 409, and
  nothing about the other document is revealed.

The server sets ids, agent and operator code, user, project and import time.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Protocol

from appliance.clock import iso
from appliance.documents.canonical import RawJSON, canonical_hash, write_json
from appliance.documents.checks import warnings_for
from appliance.documents.kinds import GUID_FIELD, KINDS, ORDER_GUID_FIELD, Kind, kind_named, record_types
from appliance.documents.shape import MalformedDocumentError, check_document
from appliance.errors import ApplianceError, ConflictError, NotFoundError
from appliance.store.db import Store
from appliance.store.documents import (find_by_guid, insert_document, insert_upload, next_document_id, own_document,
                                       reserve_line_ids)

log = logging.getLogger("appliance.documents")
MAX_BATCH = 200


@dataclass(frozen=True)
class Uploader:
    """Who sends documents: taken from the device's session, never from the body."""

    user_id: int
    username: str
    device_id: str
    agent_code: str = ""
    operator_code: str = ""
    customer_code: str = ""


class DocumentProcessor(Protocol):
    """What becomes of a new document besides being stored (orders' processing implements it).

    `prepare` reads what it needs before the write lock is asked for; `apply` runs inside the
    transaction that stores the document; `after_commit` once that transaction committed.
    """

    def prepare(self, kind: str, document: dict, username: str) -> Any:
        """What `apply` needs, read without the write lock."""

    def apply(self, conn: sqlite3.Connection, prepared: Any, document_id: int, stored: str, now: datetime) -> None:
        """Process the stored document inside its write transaction."""

    def after_commit(self) -> None:
        """Work that waits for the commit (files for the ERP)."""


@dataclass
class Hooks:
    """Test hooks: `before_write` just before the write lock is asked for, `before_commit` just before COMMIT."""

    before_write: Callable[[], None] | None = None
    before_commit: Callable[[], None] | None = None


@dataclass
class Upload:
    """One request body: stored once, with the first document it creates."""

    body: bytes
    route: str
    id: int | None = None


@dataclass
class Accepted:
    """A stored document: `created` tells a first upload (201) from a repeat (200)."""

    created: bool
    id: int
    guid: str
    kind: str
    document: RawJSON
    warnings: list[dict] = field(default_factory=list)


def accept(store: Store, project: str, uploader: Uploader, kind_name: str, document: Any, upload: Upload, *,
           now: datetime, hooks: Hooks | None = None, processor: DocumentProcessor | None = None) -> Accepted:
    """Store a document once per guid, or return the one stored before; see the module doc.

    With a `processor` (`appliance.orders.processing.Processor`) a new document is also
    processed inside the transaction that stores it.
    """
    kind = kind_named(kind_name)
    if kind is None:
        raise NotFoundError(f"There is no document kind '{kind_name}'; use one of {', '.join(KINDS)}.",
                            errors=[{"field": "kind", "reason": "unknown kind"}])
    check_document(kind, document)
    digest = canonical_hash(kind.name, document)
    warnings = warnings_for(store, kind.name, document, agent_code=uploader.agent_code, username=uploader.username,
                           now=now)
    prepared = processor.prepare(kind.name, document, uploader.username) if processor else None
    hooks = hooks or Hooks()
    if hooks.before_write:
        hooks.before_write()
    with store.write() as conn:
        existing = find_by_guid(conn, document[GUID_FIELD])
        if existing is not None:
            return _repeat(existing, uploader, kind, digest)
        if upload.id is None:
            upload.id = insert_upload(conn, uploader.user_id, uploader.device_id, iso(now), upload.route, upload.body)
        document_id = next_document_id(conn)
        stored = _stored(kind, document, document_id, uploader, project, now,
                         reserve_line_ids(conn, len(document.get("righe") or [])))
        insert_document(conn, {
            "id": document_id, "kind": kind.name, "guid": document[GUID_FIELD], "user_id": uploader.user_id,
            "username": uploader.username, "device_id": uploader.device_id, "agent_code": uploader.agent_code,
            "operator_code": uploader.operator_code, "received_at": iso(now), "body_hash": digest,
            "document": stored, "warnings": warnings, "upload_id": upload.id})
        if processor:
            processor.apply(conn, prepared, document_id, stored, now)
        if hooks.before_commit:
            hooks.before_commit()
    if processor:
        processor.after_commit()
    log.info("document received: %s %s (id %d) from user %s, device %s%s", kind.name, document[GUID_FIELD],
             document_id, uploader.username, uploader.device_id,
             f", {len(warnings)} warning(s)" if warnings else "")
    return Accepted(True, document_id, document[GUID_FIELD], kind.name, RawJSON(stored), warnings)


def _repeat(existing: dict, uploader: Uploader, kind: Kind, digest: str) -> Accepted:
    if existing["user_id"] != uploader.user_id:
        raise ConflictError("This guid belongs to another document. Every document needs a new guid.",
                            errors=[{"field": GUID_FIELD, "reason": "already used"}])
    if existing["kind"] != kind.name or existing["body_hash"] != digest:
        raise ConflictError(f"A different document was already received with guid {existing['guid']}; a changed "
                            f"document needs a new guid.", errors=[{"field": GUID_FIELD, "reason": "already used "
                                                                    "by a different document"}])
    return Accepted(False, existing["id"], existing["guid"], existing["kind"], RawJSON(existing["document"]),
                    existing["warnings"])


def _stored(kind: Kind, document: dict, document_id: int, uploader: Uploader, project: str, now: datetime,
            first_line: int) -> str:
    """The document as stored: the device's fields plus the server's (those the record type has)."""
    fields = record_types()[kind.record]
    server = {"id": None, "unique_id": document_id if fields["unique_id"].json_type == "number" else str(document_id),
              "data_import": now.astimezone().strftime("%Y-%m-%dT%H:%M:%S"), "utente": uploader.username,
              "cod_agente": uploader.agent_code or None, "cod_operatore": uploader.operator_code or None,
              "cod_prog": project or None, "cod_cliente_utente": uploader.customer_code or None}
    stored = {**document, **{name: value for name, value in server.items() if name in fields}}
    if kind.record == "TestataOrdineExport":
        stored[ORDER_GUID_FIELD] = document[GUID_FIELD]
        stored["righe"] = [{**line, "id": first_line + i} for i, line in enumerate(document.get("righe") or [])]
    return write_json(stored)


def find_own(store: Store, user_id: int, kind: str, guid: str) -> dict:
    """One of the user's own documents; NotFoundError for a guid of another user or of nothing."""
    found = own_document(store, user_id, guid)
    if found is None or found["kind"] != kind:
        raise NotFoundError(f"You have no {kind} document with guid {guid}.",
                            errors=[{"field": "guid", "reason": "not found"}])
    return found


@dataclass
class Outcome:
    """The result of one document of a batch: its HTTP status and the document or the problem."""

    index: int
    status: int
    accepted: Accepted | None = None
    problem: ApplianceError | None = None


def accept_batch(store: Store, project: str, uploader: Uploader, items: Any, upload: Upload, *, now: datetime,
                 hooks: Hooks | None = None, processor: DocumentProcessor | None = None) -> list[Outcome]:
    """Each `{kind, document}` of a batch on its own: one bad document never fails the others."""
    _check_batch(items)
    outcomes = []
    for index, item in enumerate(items):
        try:
            if not isinstance(item, dict) or set(item) != {"kind", "document"}:
                raise MalformedDocumentError("Each batch item is {\"kind\": ..., \"document\": {...}}.",
                                             errors=[{"field": f"documents[{index}]", "reason": "not {kind, document}"}])
            accepted = accept(store, project, uploader, str(item["kind"]), item["document"], upload, now=now,
                              hooks=hooks, processor=processor)
            outcomes.append(Outcome(index, 201 if accepted.created else 200, accepted))
        except ApplianceError as error:
            outcomes.append(Outcome(index, error.status, problem=error))
    return outcomes


def _check_batch(items: Any) -> None:
    if not isinstance(items, list) or not items or len(items) > MAX_BATCH:
        raise MalformedDocumentError(f"`documents` is a list of 1 to {MAX_BATCH} items.",
                                     errors=[{"field": "documents", "reason": f"a list of 1 to {MAX_BATCH} items"}])

