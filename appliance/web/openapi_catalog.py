"""The catalog routes in OpenAPI terms: GET /api/v1/catalog, /api/v1/reports and /api/v1/files/{id}."""

from __future__ import annotations

from appliance.catalog.feed import DEFAULT_LIMIT, MAX_LIMIT
from appliance.web.openapi_build import json_content as _json, operation as _operation, param as _param, \
    problem_responses, ref as _ref

_PROBLEM_TEXTS = {
    "400": "Invalid `since`, `limit` or `variant` (names the field).",
    "401": "No valid session; `reason` says why. Log in again.",
    "403": "The license or the user's profile does not include the module (`reason: module_not_granted`), or the "
           "license refuses devices now.",
    "404": "No such file for this user (unknown, removed, or not visible to him).",
    "410": "The cursor is newer than this appliance's catalog (`reason: resync_required`): list again without "
           "`since`.",
    "416": "The range starts beyond the end of the file; `Content-Range: bytes */SIZE` tells the size.",
}


def _problems(*statuses: str) -> dict:
    return problem_responses(_PROBLEM_TEXTS, *statuses)


SCHEMAS = {
    "CatalogFolder": {"type": "object", "required": ["id", "parent_id", "name", "path"], "properties": {
        "id": {"type": "integer"},
        "parent_id": {"type": "integer", "nullable": True, "description": "null: a top-level folder"},
        "name": {"type": "string"},
        "path": {"type": "array", "items": {"type": "string"}, "description": "Names from the top level down"},
        "thumb_url": {"type": "string", "nullable": True,
                      "description": "Preview: the thumbnail of the folder's first image (or of a subfolder's)"}}},
    "CatalogItem": {"type": "object", "required": ["id", "folder_id", "title", "type", "size", "hash", "url"],
                    "properties": {
        "id": {"type": "integer", "description": "The item; one file listed in two folders is two items"},
        "folder_id": {"type": "integer", "nullable": True, "description": "null: the top level"},
        "title": {"type": "string"},
        "file_name": {"type": "string"},
        "article": {"type": "string", "nullable": True, "description": "Linked article code (COD_ART)"},
        "sort": {"type": "integer", "nullable": True, "description": "Position within its folder"},
        "type": {"type": "string", "enum": ["image", "video", "pdf"]},
        "mime": {"type": "string", "example": "image/jpeg"},
        "size": {"type": "integer", "description": "Bytes the `url` gives (the scaled copy for large images)"},
        "hash": {"type": "string", "description": "SHA-256 of what the `url` gives; also its ETag"},
        "width": {"type": "integer", "nullable": True}, "height": {"type": "integer", "nullable": True},
        "url": {"type": "string", "example": "/api/v1/files/42"},
        "thumb_url": {"type": "string", "nullable": True, "example": "/api/v1/files/42?variant=thumb"}}},
    "CatalogPage": {"type": "object", "required": ["cursor", "more", "full", "folders", "items", "deleted"],
                    "properties": {
        "cursor": {"type": "string", "description": "Pass it as `since` next time"},
        "more": {"type": "boolean", "description": "More changes follow now: ask again with `cursor`"},
        "full": {"type": "boolean", "description": "A full listing (no `since`): replace the local copy"},
        "folders": {"type": "array", "items": _ref("CatalogFolder"),
                    "description": "Folders that changed, and those holding the items of this page"},
        "items": {"type": "array", "items": _ref("CatalogItem")},
        "deleted": {"type": "object", "properties": {"folders": {"type": "array", "items": {"type": "integer"}},
                                                     "items": {"type": "array", "items": {"type": "integer"}}}}}},
}

_SINCE = _param("since", "query", {"type": "string"}, "The `cursor` of the previous answer; leave out for all")
_LIMIT = _param("limit", "query", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
                "Items per page")

PATHS = {
    "/api/v1/catalog": {"get": _operation(
        "getCatalog", "The media catalog (multimedia/): folders and items, or what changed after `since`.",
        {"200": _json(_ref("CatalogPage"), "A page of the catalog."), **_problems("400", "401", "403", "410")},
        params=(_SINCE, _LIMIT), tags=("catalog",))},
    "/api/v1/reports": {"get": _operation(
        "getReports", "The PDF reports this user may see (reports/), or what changed after `since`.",
        {"200": _json(_ref("CatalogPage"), "A page of the reports."), **_problems("400", "401", "403", "410")},
        params=(_SINCE, _LIMIT), tags=("catalog",))},
    "/api/v1/files/{file_id}": {"get": _operation(
        "getFile", "Download a catalog file or report (large images come scaled), or its thumbnail. Supports "
                   "If-None-Match (304), Range (206) and If-Range.",
        {"200": {"description": "The whole file, with ETag, Content-Type and Content-Length.",
                 "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
         "206": {"description": "The requested range (Content-Range).",
                 "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
         "304": {"description": "Not modified: the If-None-Match tag is current."},
         **_problems("400", "401", "403", "404", "416")},
        params=(_param("file_id", "path", {"type": "string", "example": "42"}, "From an item's `url`"),
                _param("variant", "query", {"type": "string", "enum": ["thumb"]}, "thumb: the 256-pixel preview"),
                _param("Range", "header", {"type": "string", "example": "bytes=0-1048575"}, "One byte range"),
                _param("If-None-Match", "header", {"type": "string"}, "The ETag (= hash) the device has")),
        tags=("catalog",))},
}
