"""The catalog's device routes: the catalog and the reports as deltas, and file downloads.

Every route needs `Authorization: Bearer TOKEN` and the license's module for its area
(`catalog`, `reports`). Downloads answer `ETag` and `If-None-Match` (304), one `Range`
(206; `If-Range` honoured), the file's media type, and stream the file from disk:
waitress sends files and ranges straight from the open file on its own loop, so a
download holds no request thread and no buffer of its size. A file the caller may not
see is 404. docs/catalog.md and /api/openapi.json describe the routes.
"""

from __future__ import annotations

import email.utils
from urllib.parse import quote

from bottle import Bottle, HTTPResponse, request

from appliance.catalog.access import audience_of, require_module
from appliance.catalog.feed import parse_limit, read_page
from appliance.catalog.ranges import requested_range
from appliance.catalog.serving import ServedFile, open_file
from appliance.clock import moment
from appliance.sync.cursor import parse_since
from appliance.web.device_auth import LicenseGate, current_device
from appliance.web.http import json_api
from appliance.web.openapi import add_paths
from appliance.web.openapi_catalog import PATHS, SCHEMAS

PREFIX = "/api/v1"
CHUNK = 256 * 1024

# The route table: method, path, handler, OpenAPI operation id.
ROUTES = (
    ("GET", "/catalog", "catalog", "getCatalog"),       # folders and items of multimedia/, changes after `since`
    ("GET", "/reports", "reports", "getReports"),       # the reports the caller may see, changes after `since`
    ("GET", "/files/<file_id>", "file", "getFile"),     # one file or its thumbnail: ETag/304, Range/206, streamed
)


def install(app: Bottle, service) -> None:
    """Add the catalog routes and their OpenAPI description."""
    api = CatalogApi(app, service)
    for method, path, handler, operation in ROUTES:
        app.route(PREFIX + path, method, getattr(api, handler), name=operation, apply=[json_api])
    add_paths(app, PATHS, SCHEMAS)


class CatalogApi:
    """The handlers, with what they share: the service and the license gate."""

    def __init__(self, app: Bottle, service):
        self.app = app
        self.service = service
        app.config.setdefault("appliance.now", moment)
        self.gate = LicenseGate(service, lambda: app.config["appliance.now"]())

    def caller(self):
        return current_device(self.service, self.gate)

    def catalog(self):
        caller = self.caller()
        require_module(caller.modules, "multimedia")
        return read_page(self.service.store, "multimedia", parse_since(request.query.get("since")),
                         parse_limit(request.query.get("limit")), audience_of(caller.user))

    def reports(self):
        caller = self.caller()
        require_module(caller.modules, "reports")
        return read_page(self.service.store, "reports", parse_since(request.query.get("since")),
                         parse_limit(request.query.get("limit")), audience_of(caller.user))

    def file(self, file_id: str):
        caller = self.caller()
        served = open_file(self.service.store, self.service.settings, file_id, request.query.get("variant", ""),
                           modules=caller.modules, audience=audience_of(caller.user))
        try:
            return file_response(served)
        except BaseException:
            served.handle.close()
            raise


def file_response(served: ServedFile) -> HTTPResponse:
    """The response for an open file: 304, 206 with one range, or 200 with all of it (closes it when done)."""
    headers = {"ETag": served.etag, "Accept-Ranges": "bytes", "Cache-Control": "private, no-cache",
               "Last-Modified": email.utils.formatdate(served.modified, usegmt=True)}
    if _matches(request.get_header("If-None-Match"), served.etag):
        served.handle.close()
        return HTTPResponse(status=304, headers=headers)
    headers.update({"Content-Type": served.mime, "Content-Disposition": _disposition(served.name)})
    wanted = requested_range(request.get_header("Range"), served.size) if _range_applies(served.etag) else None
    if wanted is None:
        return HTTPResponse(served.handle, status=200, headers={**headers, "Content-Length": str(served.size)})
    first, last = wanted
    headers.update({"Content-Range": f"bytes {first}-{last}/{served.size}", "Content-Length": str(last - first + 1)})
    served.handle.seek(first)
    if last == served.size - 1 or _wrapper_sends_content_length():
        return HTTPResponse(served.handle, status=206, headers=headers)
    return HTTPResponse(FileChunks(served.handle, last - first + 1), status=206, headers=headers)


def _wrapper_sends_content_length() -> bool:
    """True when the server's file wrapper sends only Content-Length bytes from where the file stands
    (waitress's does, with `prepare`): it then sends a range straight from the file, on its own loop."""
    return hasattr(request.environ.get("wsgi.file_wrapper"), "prepare")


class FileChunks:
    """`length` bytes of an open file from where it stands, in chunks; closed by the server when done."""

    def __init__(self, handle, length: int):
        self.handle = handle
        self.length = length

    def __iter__(self):
        remaining = self.length
        while remaining > 0:
            chunk = self.handle.read(min(CHUNK, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk

    def close(self) -> None:
        self.handle.close()


def _matches(header: str | None, etag: str) -> bool:
    """If-None-Match: weak comparison against any listed tag, or `*`."""
    if not header:
        return False
    tags = [tag.strip() for tag in header.split(",")]
    return "*" in tags or _opaque(etag) in {_opaque(tag) for tag in tags}


def _opaque(tag: str) -> str:
    return tag[2:] if tag.startswith("W/") else tag


def _range_applies(etag: str) -> bool:
    """If-Range: a range is served only while the file is still the one the client has (strong match)."""
    condition = request.get_header("If-Range")
    return condition is None or (condition.strip() == etag and not etag.startswith("W/"))


def _disposition(name: str) -> str:
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)
    return f"inline; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
