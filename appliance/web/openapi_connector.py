"""The connector APIs and the agents' order status in OpenAPI terms (docs/connector-api.md explains them)."""

from __future__ import annotations

from appliance.connector.queues import queues
from appliance.orders.status import DEFAULT_LIMIT as STATUS_LIMIT, MAX_LIMIT as STATUS_MAX
from appliance.web.openapi_build import json_content as _json, operation as _operation, param as _param, \
    problem_responses, ref as _ref
from appliance.web.openapi_device import record_schemas
from appliance.web.openapi_device import _problems as _device_problems

_PROBLEM_TEXTS = {
    "400": "A malformed parameter or body (`errors` names it): a negative or non-numeric number, a format other "
           "than json, a date that is not yyyy/MM/dd HH:mm:ss, an unknown id in an acknowledgement body.",
    "401": "No connector key, or not this installation's (`appliance connector-key` prints it).",
    "404": "An unknown project, queue, or (acknowledgement) export id.",
}


def _problems(*statuses: str) -> dict:
    return problem_responses(_PROBLEM_TEXTS, *statuses)


def _number(description: str) -> dict:
    return {"type": "integer", "description": description}


def _records() -> list[dict]:
    return [_ref(q.record) for q in queues().values()]


SCHEMAS = {
    "PullMeta": {"type": "object", "required": ["limit", "maxID", "offset", "total_count"], "properties": {
        "limit": _number("The page size in force (0 with count=1)"),
        "maxID": _number("The highest export id in the queue (0 when empty)"),
        "offset": _number("The offset asked for"),
        "total_count": _number("Entries matching the filters after lastID")}},
    "PullEnvelope": {"type": "object", "required": ["meta", "cod_progetto", "last_data_import", "last_id"],
                     "description": "One list follows, named by the queue: testate (orders), clienti, note "
                                    "(customer and lead notes), leads, attivita; never null.",
                     "properties": {
        "meta": _ref("PullMeta"), "cod_progetto": {"type": "string"},
        "last_data_import": {"type": "string", "nullable": True, "description": "lastDateImport as "
                                                                                "yyyy-MM-ddTHH:mm:ss, or null"},
        "last_id": {"type": "integer", "nullable": True, "description": "lastID as sent, or null"},
        **{q.list_key: {"type": "array", "items": {"oneOf": _records()}} for q in queues().values()}}},
    "ConnectorEntry": {"type": "object", "required": ["id", "document_id", "part", "parts", "guid", "unique_id",
                                                      "status", "queued_at", "erp_ref", "lines", "record"],
                       "properties": {
        "id": _number("Export id: ascending in commit order, the value to pass back as `after`"),
        "document_id": _number("The uploaded document"), "part": _number("Part number (1 unless split)"),
        "parts": _number("How many parts the document has"),
        "guid": {"type": "string", "description": "guid_test_ord of the part: the upload's, or <guid>-2, ..."},
        "unique_id": {"type": "string"},
        "status": {"type": "string", "enum": ["queued", "served", "delivered", "taken"]},
        "queued_at": {"type": "string", "description": "Local time yyyy-MM-ddTHH:mm:ss"},
        "erp_ref": {"type": "string", "nullable": True, "description": "The ERP's document number, once acknowledged"},
        "lines": {"type": "array", "items": {"type": "integer"}, "description": "Ids of the order lines"},
        "record": {"oneOf": _records()}}},
    "ConnectorPage": {"type": "object", "required": ["queue", "entries", "next_after", "more"], "properties": {
        "queue": {"type": "string"}, "entries": {"type": "array", "items": _ref("ConnectorEntry")},
        "next_after": _number("Pass it as `after` next"), "more": {"type": "boolean"}}},
    "Acknowledgement": {"type": "object", "required": ["ids"], "properties": {
        "ids": {"type": "array", "minItems": 1, "maxItems": 1000, "items": {"type": "integer", "minimum": 1}},
        "erp_refs": {"type": "object", "additionalProperties": {"type": "string"},
                     "description": "Export id (as text) -> the ERP's document number"}}},
    "AMParam": {"type": "object", "properties": {
        "cod_prog": {"type": "string"}, "url_am": {"type": "string"},
        "url_am_api": {"type": "string", "description": "Base URL of the pull API: append /exportPaginazione/<queue>"}}},
    "Acknowledged": {"type": "object", "properties": {"queue": {"type": "string"}, "entries": {
        "type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "guid": {"type": "string"}, "status": {"type": "string"},
            "erp_ref": {"type": "string", "nullable": True}}}}}},
}

QUEUE_PATH = _param("queue", "path", {"type": "string", "enum": [p for q in queues().values() for p in q.paths]},
                    "The queue: AMHelper's coda* name or a documented alias")
QUEUE_KIND = _param("queue", "path", {"type": "string", "enum": [q.kind for q in queues().values()]}, "The queue")
_PULL_PARAMS = (
    _param("project", "path", {"type": "string"}, "This installation's project code"), QUEUE_PATH,
    _param("authKey", "query", {"type": "string"}, "The connector key", required=True),
    _param("format", "query", {"type": "string", "enum": ["json", ""]}, "json (only JSON is offered)"),
    _param("count", "query", {"type": "string", "enum": ["0", "1", ""]}, "1: meta only"),
    _param("offset", "query", {"type": "string", "pattern": "^[0-9]*$"}, "Entries to skip"),
    _param("limit", "query", {"type": "string", "pattern": "^[0-9]*$"}, "Page size (default 50, 0 = 50, capped)"),
    _param("lastID", "query", {"type": "string", "pattern": "^[0-9]*$"},
           "Entries with a greater id; those up to it count as delivered"),
    _param("lastDateImport", "query", {"type": "string", "example": "2026/03/02 10:00:00"}, "Entries queued after"),
    _param("statusExport", "query", {"type": "string", "enum": ["0", "1", "2", ""]},
           "0 not yet served, 1 served not confirmed, 2 (or empty) every entry"),
)

PATHS = {
    "/v1/progetti/{project}/exportPaginazione/{queue}": {"get": _operation(
        "pullQueue", "The compatible pull API (AMHelper): a page of a queue after lastID.",
        {"200": _json(_ref("PullEnvelope"), "The page."), **_problems("400", "401", "404")},
        params=_PULL_PARAMS, secured=False, tags=("connector",))},
    "/api/connector/v1/{queue}": {"get": _operation(
        "listQueue", "A page of a queue as plain JSON (bearer token: the connector key).",
        {"200": _json(_ref("ConnectorPage"), "The page."), **_problems("400", "401", "404")},
        params=(QUEUE_KIND, _param("after", "query", {"type": "integer", "minimum": 0, "default": 0},
                                   "Entries with a greater id; those up to it count as delivered"),
                _param("limit", "query", {"type": "integer", "minimum": 1, "default": 50}, "Page size (capped)")),
        tags=("connector",))},
    "/api/connector/v1/{queue}/ack": {"post": _operation(
        "acknowledgeQueue", "Mark entries as taken by the ERP, with its document numbers (bearer: the connector key).",
        {"200": _json(_ref("Acknowledged"), "Marked."), **_problems("400", "401", "404")},
        body=_ref("Acknowledgement"), params=(QUEUE_KIND,), tags=("connector",))},
    **{f"{prefix}/getAMParam": {"post": _operation(
        "getAMParam" + suffix, "The License Manager's discovery call of AMHelper-based connectors: the project code, "
        "the AppManager URL and the pull API's base URL.",
        {"200": _json(_ref("AMParam"), "Where this AppManager is."), **_problems("400", "401")},
        body={"type": "object", "properties": {"AuthKeyAPI": {"type": "string"}}}, secured=False,
        tags=("connector",))} for prefix, suffix in (("/lmAPI/v1", ""), ("/licenseManagerAPI/v1", "Test"))},
    **{f"{prefix}/update_versione_connettore": {"post": _operation(
        "reportConnectorVersion" + suffix, "The connector reports its version (shown on the dashboard).",
        {"200": _json({"type": "object"}, "Kept."), **_problems("400")},
        body={"type": "object", "properties": {"CodiceProgetto": {"type": "string"}, "Versione": {"type": "string"}}},
        secured=False, tags=("connector",))} for prefix, suffix in (("/lmAPI/v1", ""), ("/licenseManagerAPI/v1", "Test"))},
}


def connector_schemas() -> dict:
    return {**SCHEMAS, **record_schemas()}


ORDER_PART = {"type": "object", "properties": {
    "guid": {"type": "string"}, "unique_id": {"type": "string"},
    "export_id": {"type": "integer", "nullable": True, "description": "null until released"},
    "status": {"type": "string", "enum": ["prepared", "queued", "served", "delivered", "taken"]},
    "erp_ref": {"type": "string", "nullable": True}, "lines": {"type": "array", "items": {"type": "integer"}}}}

ORDER_STATUS_SCHEMAS = {
    "OrderStatus": {"type": "object", "required": ["orders", "cursor", "more"], "properties": {
        "orders": {"type": "array", "items": {"type": "object", "properties": {
            "guid": {"type": "string"}, "id": {"type": "integer"},
            "status": {"type": "string", "enum": ["received", "pending", "rejected", "queued", "delivered", "taken"]},
            "reason": {"type": "string", "nullable": True, "description": "Why it was rejected"},
            "received_at": {"type": "string"}, "updated_at": {"type": "string"},
            "warnings": {"type": "array", "items": _ref("Warning")},
            "parts": {"type": "array", "items": ORDER_PART, "description": "What the order was split into"}}}},
        "cursor": {"type": "string", "description": "Pass it as `since` next time"},
        "more": {"type": "boolean"}}},
}

ORDER_STATUS_PATHS = {
    "/api/v1/documents/orders": {"get": _operation(
        "getOrderStatus", "This user's orders changed since a cursor: status, reason, parts, ERP references.",
        {"200": _json(_ref("OrderStatus"), "The orders."), **_device_problems("400", "401", "403", "410")},
        params=(_param("since", "query", {"type": "string"}, "The `cursor` of the previous answer; leave out for all"),
                _param("limit", "query", {"type": "integer", "minimum": 1, "maximum": STATUS_MAX,
                                          "default": STATUS_LIMIT}, "Orders per page")), tags=("documents",))},
}


def order_status_schemas() -> dict:
    return ORDER_STATUS_SCHEMAS
