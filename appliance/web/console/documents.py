"""Documents from the devices: orders with their parts and lines, customers, notes, leads, activities.

Each document shows what it was split into, its history, its business-rule warnings and
the request body it came in; an operator validates or rejects it (the validation gate),
applies changed rules to it again, or queues it again for the ERP. The actions are the
ones `appliance documents ...` runs, recorded in the history as `console:NAME`.
"""

from __future__ import annotations

from bottle import HTTPResponse

from appliance.console.documents import LINE_FIELDS, day_range, header_fields, raw_payload, subject
from appliance.documents.kinds import KINDS
from appliance.errors import NotFoundError
from appliance.store.console_documents import PAGE_SIZE, find_documents, get_document, status_counts
from appliance.orders.actions import queue_again, reject, reprocess, show_document, validate
from appliance.store.documents import upload_body
from appliance.web.console.context import Console
from appliance.web.console.forms import act, form, query
from appliance.web.console.render import current_session, page
from appliance.web.inbound import query_int


def documents_page(console: Console):
    since, until = day_range(query("from"), query("to"))
    filters = {"kind": query("kind") if query("kind") in KINDS else "", "status": query("status"),
               "agent": query("agent"), "from": query("from"), "to": query("to")}
    before = query_int("before", low=1)
    rows = find_documents(console.store, kind=filters["kind"] or None, status=filters["status"] or None,
                          agent=filters["agent"] or None, since=since, until=until, before_id=before,
                          limit=PAGE_SIZE + 1)
    return page(console, "documents", title="documents.title", section="documents", rows=rows[:PAGE_SIZE],
                more=len(rows) > PAGE_SIZE, before=before, filters=filters, kinds=KINDS,
                statuses=status_counts(console.store), subject=subject)


def document_page(console: Console, document_id: int):
    row = {**_document(console, document_id), **show_document(console.store, document_id)}
    return page(console, "document", title="document.title", section="documents", row=row,
                header=header_fields(row["document"]), lines=row["document"].get("righe") or [],
                line_fields=LINE_FIELDS, new_customers=row["document"].get("clienti") or [],
                raw=raw_payload(console.store, row["upload_id"]), subject=subject(row["kind"], row["document"]))


def validate_document(console: Console, document_id: int):
    act(console, lambda: validate(console.store, console.settings, document_id, actor=_actor(), now=console.now()),
        then=f"documents/{document_id}", ok="document.validated", describe=_export_ids)


def reject_document(console: Console, document_id: int):
    act(console, lambda: reject(console.store, document_id, form("reason"), actor=_actor(), now=console.now()),
        then=f"documents/{document_id}", ok="document.rejected")


def reprocess_document(console: Console, document_id: int):
    act(console, lambda: reprocess(console.store, console.settings, document_id, actor=_actor(),
                                   now=console.now()),
        then=f"documents/{document_id}", ok="document.reprocessed", describe=lambda done: {"n": len(done["parts"])})


def queue_document_again(console: Console, document_id: int):
    act(console, lambda: queue_again(console.store, console.settings, document_id, actor=_actor(),
                                     now=console.now()),
        then=f"documents/{document_id}", ok="document.queued_again", describe=_export_ids)


def download_raw(console: Console, document_id: int):
    row = _document(console, document_id)
    disposition = f'attachment; filename="document-{document_id}.json"'
    return HTTPResponse(upload_body(console.store, row["upload_id"]),
                        headers={"Content-Type": "application/json", "Content-Disposition": disposition})


# Menu entries of this page module: (text key under nav., path).
MENU = (("documents", "documents"),)

ROUTES = (
    # method  path                                 handler         options
    ("GET",  "/documents",                         documents_page, {}),  # ?kind=&status=&agent=&from=&to=
    ("GET",  "/documents/<document_id:int>",       document_page,  {}),  # header, lines, warnings, history, payload
    ("GET",  "/documents/<document_id:int>/raw",   download_raw,   {}),  # the request body as received
    ("POST", "/documents/<document_id:int>/validate",    validate_document,    {}),  # pending -> queued
    ("POST", "/documents/<document_id:int>/reject",      reject_document,      {}),  # pending -> rejected
    ("POST", "/documents/<document_id:int>/reprocess",   reprocess_document,   {}),  # today's rules again
    ("POST", "/documents/<document_id:int>/queue-again", queue_document_again, {}),  # new export ids
)


def _actor() -> str:
    return "console:" + current_session().username


def _export_ids(done: dict) -> dict:
    return {"ids": ", ".join(map(str, done["export_ids"]))}


def _document(console: Console, document_id: int) -> dict:
    row = get_document(console.store, document_id)
    if row is None:
        raise NotFoundError(f"There is no document number {document_id}.")
    return row
