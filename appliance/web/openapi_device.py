"""The device API in OpenAPI terms: its paths and schemas (record shapes from connector_api.json)."""

from __future__ import annotations

from appliance.documents.kinds import KINDS, record_types
from appliance.sync.delta import DEFAULT_LIMIT, MAX_LIMIT
from appliance.web.openapi_build import json_content as _json, operation as _operation, param as _param, \
    problem_responses, ref as _ref

_PROBLEM_TEXTS = {
    "400": "Invalid request (names the field).",
    "401": "No valid session (missing, expired or revoked token); `reason` says which. Log in again.",
    "403": "The license does not allow this now; `reason` says why.",
    "404": "Not found.",
    "409": "The guid is already used by another document.",
    "410": "The cursor cannot give a delta any more (`reason: resync_required`): sync the table in full.",
    "413": "The body is over the size limit.",
    "422": "Malformed document: `errors` names each bad field.",
    "429": "Too many wrong passwords: wait `Retry-After` seconds.",
}


def _problems(*statuses: str) -> dict:
    return problem_responses(_PROBLEM_TEXTS, *statuses)


def _field_schema(json_type: str, nullable: bool, note: str) -> dict:
    if json_type.startswith("list<"):
        schema = {"type": "array", "items": _ref(json_type[5:-1])}
    elif json_type == "datetime":
        schema = {"type": "string", "example": "2026-03-01T09:30:00",
                  "description": "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, local time, no offset"}
    else:
        schema = {"type": json_type}
    if note:
        schema["description"] = (note + ". " + schema.get("description", "")).strip(". ")
    if nullable:
        schema["nullable"] = True
    return schema


def record_schemas() -> dict:
    """One schema per record type of connector_api.json."""
    return {name: {"type": "object", "additionalProperties": False,
                   "properties": {f.name: _field_schema(f.json_type, f.nullable, f.note) for f in fields.values()}}
            for name, fields in record_types().items()}


def upload_schemas() -> dict:
    """What a device sends per kind: the record plus `guid`."""
    schemas = {}
    for kind in KINDS.values():
        name = "Upload" + kind.record
        schemas[name] = {"allOf": [_ref(kind.record), {"type": "object", "required": ["guid", *kind.required],
                                                        "properties": {"guid": GUID}}]}
    return schemas


GUID = {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.:{}-]{7,79}$",
        "description": "The id the app generated for this document; a retry sends the same guid."}

SCHEMAS = {
    "LoginRequest": {"type": "object", "required": ["username", "password", "device_id"], "properties": {
        "username": {"type": "string"}, "password": {"type": "string", "format": "password"},
        "device_id": {"type": "string", "maxLength": 128, "description": "The app's stable id of this iPad"},
        "device_name": {"type": "string"}, "app_version": {"type": "string"}}},
    "Session": {"type": "object", "required": ["user", "config", "project", "license", "server_time"], "properties": {
        "user": {"type": "object", "properties": {
            "username": {"type": "string"}, "display_name": {"type": "string"}, "agent_code": {"type": "string"},
            "operator_code": {"type": "string"}, "profile": {"type": "string", "enum": ["information", "orders",
                                                                                        "crm"]},
            "modules": {"type": "array", "items": {"type": "string"}}}},
        "config": {"type": "object", "additionalProperties": True,
                   "description": "Every parameter (app.*, orders.*, ...) with the value in force for this user"},
        "project": {"type": "object", "properties": {
            "code": {"type": "string"}, "name": {"type": "string"},
            "logo_url": {"type": "string", "description": "Where to GET the project's logo; absent when none was "
                                                         "uploaded. Changes when the logo does."},
            "logo_hash": {"type": "string", "description": "The logo's version (its content hash)."}}},
        "license": {"type": "object", "properties": {"state": {"type": "string"},
                                                     "expires_at": {"type": "string", "nullable": True}}},
        "server_time": {"type": "string", "format": "date-time"}}},
    "LoginResponse": {"allOf": [_ref("Session"), {"type": "object", "required": ["token", "expires_at"],
                                                  "properties": {"token": {"type": "string"},
                                                                 "expires_at": {"type": "string",
                                                                                "format": "date-time"}}}]},
    "SyncSummary": {"type": "object", "required": ["checkpoint", "tables"], "properties": {
        "checkpoint": {"type": "string", "description": "The server's change position; unchanged means no change"},
        "tables": {"type": "object", "additionalProperties": {"type": "object", "properties": {
            "rows": {"type": "integer", "description": "Rows this user may see"},
            "changed": {"type": "integer", "description": "Rows and deleted keys since this device's last "
                                                          "completed sync of the table (all rows when full)"},
            "full": {"type": "boolean", "description": "The next sync of this table must be a full one"},
            "since": {"type": "string", "nullable": True,
                      "description": "The cursor of this device's last completed sync (null when full)"}}}}}},
    "SyncPage": {"type": "object", "required": ["table", "rows", "deleted", "next", "more", "full"], "properties": {
        "table": {"type": "string"},
        "rows": {"type": "array", "items": {"type": "object", "additionalProperties": True},
                 "description": "Rows as objects named by the layout's fields; empty fields are left out; dates "
                                "YYYY-MM-DD, date-times YYYY-MM-DDTHH:MM:SS, decimals as exact JSON numbers"},
        "deleted": {"type": "array", "items": {"type": "string"},
                    "description": "Keys of rows to drop (the layout's key; composite keys joined with U+001F)"},
        "next": {"type": "string", "description": "The cursor to pass as `since` next"},
        "more": {"type": "boolean", "description": "More pages follow now"},
        "full": {"type": "boolean", "description": "This pass is a full sync (replace the table)"}}},
    "SyncReset": {"type": "object", "properties": {"table": {"type": "string",
                                                             "description": "One table; leave out for all"}}},
    "Warning": {"type": "object", "properties": {
        "field": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"},
        "agent": _ref("PriceFigures"), "current": _ref("PriceFigures")}},
    "PriceFigures": {"type": "object", "description": "price_changed: a line's figures as the agent sent them "
                                                      "(agent) and on today's ERP data (current), as decimal text",
                     "properties": {"price": {"type": "string"},
                                    "discounts": {"type": "array", "items": {"type": "string"}},
                                    "discount_amount": {"type": "string"},
                                    "surcharges": {"type": "array", "items": {"type": "string"}},
                                    "surcharge_amount": {"type": "string"}, "net_price": {"type": "string"}}},
    "Accepted": {"type": "object", "required": ["id", "guid", "kind", "created", "warnings", "document"],
                 "properties": {"id": {"type": "integer"}, "guid": {"type": "string"},
                                "kind": {"type": "string", "enum": list(KINDS)},
                                "created": {"type": "boolean", "description": "false: a repeat of a stored document"},
                                "warnings": {"type": "array", "items": _ref("Warning")},
                                "document": {"type": "object", "description": "The document as stored (record "
                                                                              "fields plus those the server set)"}}},
    "StoredDocument": {"type": "object", "properties": {
        "id": {"type": "integer"}, "guid": {"type": "string"}, "kind": {"type": "string"},
        "status": {"type": "string", "example": "received"}, "received_at": {"type": "string"},
        "warnings": {"type": "array", "items": _ref("Warning")}, "document": {"type": "object"}}},
    "Batch": {"type": "object", "required": ["documents"], "properties": {"documents": {
        "type": "array", "minItems": 1, "maxItems": 200, "items": {"type": "object", "required": ["kind", "document"],
                                                                   "properties": {"kind": {"type": "string",
                                                                                           "enum": list(KINDS)},
                                                                                  "document": {"type": "object"}}}}}},
    "BatchResult": {"type": "object", "properties": {"results": {"type": "array", "items": {
        "type": "object", "required": ["index", "status"], "properties": {
            "index": {"type": "integer"}, "status": {"type": "integer", "description": "201, 200, 404, 409 or 422"},
            "id": {"type": "integer"}, "guid": {"type": "string"}, "created": {"type": "boolean"},
            "warnings": {"type": "array", "items": _ref("Warning")}, "document": {"type": "object"},
            "problem": _ref("Problem")}}}}},
}

TABLE = _param("table", "path", {"type": "string", "example": "io_clifor_gen"}, "An ERP table listed by GET /api/v1/sync")
KIND = _param("kind", "path", {"type": "string", "enum": list(KINDS)}, "The kind of document")

PATHS = {
    "/api/v1/login": {"post": _operation(
        "login", "Log a device in; returns the bearer token, the user, the configuration and the license.",
        {"200": _json(_ref("LoginResponse"), "Logged in."), **_problems("400", "401", "403", "429")},
        body=_ref("LoginRequest"), secured=False, tags=("session",))},
    "/api/v1/logout": {"post": _operation("logout", "End this device's session.",
                                          {"204": {"description": "Logged out."}, **_problems("401")},
                                          tags=("session",))},
    "/api/v1/config": {"get": _operation("getConfig", "The user, configuration and license, again.",
                                         {"200": _json(_ref("Session"), "The session."), **_problems("401", "403")},
                                         tags=("session",))},
    "/api/v1/sync": {"get": _operation("getSyncSummary", "Every table this user receives: rows and changes.",
                                       {"200": _json(_ref("SyncSummary"), "The summary."), **_problems("401", "403")})},
    "/api/v1/sync/{table}": {"get": _operation(
        "getSyncPage", "One page of a table: the rows changed (or all, without `since`) and the keys deleted.",
        {"200": _json(_ref("SyncPage"), "A page."), **_problems("400", "401", "403", "404", "410")},
        params=(TABLE, _param("since", "query", {"type": "string"}, "The `next` of the previous page; leave out "
                                                                     "for a full sync"),
                _param("limit", "query", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT,
                                          "default": DEFAULT_LIMIT}, "Rows per page")))},
    "/api/v1/sync/reset": {"post": _operation(
        "resetSync", "Forget this device's sync positions (one table or all): their next sync is a full one.",
        {"200": _json({"type": "object", "properties": {"reset": {}}}, "Forgotten."), **_problems("400", "401", "404")},
        body=_ref("SyncReset"))},
    "/api/v1/documents": {"post": _operation(
        "uploadDocuments", "Upload a batch of documents; each gets its own outcome.",
        {"200": _json(_ref("BatchResult"), "One outcome per document."), **_problems("400", "401", "403", "413",
                                                                                    "422")},
        body=_ref("Batch"), tags=("documents",))},
    "/api/v1/documents/{kind}": {"post": _operation(
        "uploadDocument", "Upload one document; idempotent by guid.",
        {"201": _json(_ref("Accepted"), "Stored."), "200": _json(_ref("Accepted"), "Already stored (a retry)."),
         **_problems("400", "401", "403", "404", "409", "413", "422")},
        body={"oneOf": [_ref("Upload" + k.record) for k in KINDS.values()]}, params=(KIND,), tags=("documents",))},
    "/api/v1/documents/{kind}/{guid}": {"get": _operation(
        "getDocument", "One of this user's documents, with its status and warnings.",
        {"200": _json(_ref("StoredDocument"), "The document."), **_problems("401", "403", "404")},
        params=(KIND, _param("guid", "path", {"type": "string"}, "The document's guid")), tags=("documents",))},
    "/api/v1/logo": {"get": _operation(
        "getLogo", "The project's logo as a PNG (uploaded in the console); `ETag`, `If-None-Match` answers 304.",
        {"200": {"description": "The logo.", "content": {"image/png": {"schema": {"type": "string",
                                                                                  "format": "binary"}}}},
         "304": {"description": "Not modified."}, **_problems("401", "403", "404")},
        params=(_param("v", "query", {"type": "string"}, "The version from `logo_url`; ignored by the server"),),
        tags=("session",))},
}


def device_schemas() -> dict:
    return {**SCHEMAS, **record_schemas(), **upload_schemas()}
