"""`GET /api/openapi.json`: the OpenAPI 3 description of the appliance's HTTP APIs.

Each web module that serves an API describes its own paths and schemas and adds them
with `add_paths(app, paths, schemas)` from its `install`; the document is assembled
when asked for, so it always lists what the running app serves. A test checks that
every `/api/` route of the app is in it and that it is a valid OpenAPI document.
"""

from __future__ import annotations

import re

from bottle import Bottle

from appliance import __version__
from appliance.web.http import json_api

OPENAPI_VERSION = "3.0.3"
_SECTIONS = "appliance.openapi"


def install(app: Bottle, service) -> None:
    """Add GET /api/openapi.json and describe /health."""
    app.route("/api/openapi.json", "GET", lambda: document(app), name="getOpenApi", apply=[json_api])
    add_paths(app, {"/api/openapi.json": {"get": {
        "operationId": "getOpenApi", "summary": "This document.", "tags": ["meta"],
        "responses": {"200": {"description": "The OpenAPI document.",
                              "content": {"application/json": {"schema": {"type": "object"}}}}}}},
        "/health": {"get": {
            "operationId": "getHealth", "summary": "Status of the appliance (always 200 while it answers).",
            "tags": ["meta"],
            "responses": {"200": {"description": "status (ok or degraded), problems, version, uptime, exchange "
                                                 "folders, workers, last import, files waiting, and one section "
                                                 "per part (license, devices, ...).",
                                  "content": {"application/json": {"schema": {"type": "object"}}}}}}}}, {})


def add_paths(app: Bottle, paths: dict, schemas: dict) -> None:
    """Add path items and component schemas to the app's OpenAPI document."""
    sections = app.config.setdefault(_SECTIONS, [])
    sections.append((paths, schemas))


def document(app: Bottle) -> dict:
    """The OpenAPI document of everything added with `add_paths`."""
    paths: dict = {}
    schemas: dict = {"Problem": PROBLEM}
    for section_paths, section_schemas in app.config.get(_SECTIONS, []):
        for path, item in section_paths.items():
            paths.setdefault(path, {}).update(item)
        schemas.update(section_schemas)
    return {
        "openapi": OPENAPI_VERSION,
        "info": {"title": "AppManager appliance", "version": __version__,
                 "description": "The appliance's HTTP APIs: the device API the iPads use (docs/device-api.md) "
                                "and the status document. Errors are application/problem+json (RFC 9457)."},
        "servers": [{"url": "/", "description": "this appliance"}],
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": schemas, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer",
                       "description": "The token POST /api/v1/login returns."}}},
    }


def openapi_path(rule: str) -> str:
    """A bottle route rule as an OpenAPI path: `/sync/<table>` -> `/sync/{table}`."""
    return re.sub(r"<([A-Za-z_][A-Za-z0-9_]*)(?::[^>]*)?>", r"{\1}", rule)


PROBLEM = {
    "type": "object",
    "description": "An error (RFC 9457). `errors` names each field at fault; `reason` is a code the app can act on "
                   "(login refusals, resync_required, missing_token, invalid_token).",
    "required": ["type", "title", "status", "detail", "errors"],
    "properties": {
        "type": {"type": "string", "example": "urn:appliance:error:invalid-input"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "What went wrong and how to fix it."},
        "errors": {"type": "array", "items": {"type": "object", "required": ["field", "reason"], "properties": {
            "field": {"type": "string", "example": "righe[2].qta"}, "reason": {"type": "string"}}}},
        "reason": {"type": "string", "example": "resync_required"},
    },
}
