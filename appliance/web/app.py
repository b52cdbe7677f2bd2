"""The HTTP application: one Bottle app built by a factory, one way to render errors.

Every web module exposes `install(app, service)` that adds its routes, and is listed in
WEB_MODULES (append yours). A module with many routes may build a sub-app with
`new_app()` (so it renders errors the same way) and mount it:
`app.mount("/admin/", admin_app)`.

Errors are `application/problem+json` (RFC 9457): `type`, `title`, `status`, `detail`
and `errors` (field and reason). An `ApplianceError` raised by a handler carries its
status (and, if it has a `headers` dict, those headers, e.g. WWW-Authenticate on a 401);
any other failure is a 500 that names an incident id, logged with the stack trace under
that id, never shown to the caller. Before any route, `inbound.check_request` bounds what
the request may hold (path, query, headers, forms), and every app's `int` route filter
stays within 64 bits.
"""

from __future__ import annotations

import functools
import importlib
import io
import json
import logging
import re
import sys
from typing import Callable
from wsgiref.util import setup_testing_defaults

from bottle import Bottle, HTTPError, HTTPResponse, request, response

from appliance.errors import ApplianceError, InvalidInputError
from appliance.parameters import register_all
from appliance.web.inbound import bounded_int_filter, check_request, incident_id

log = logging.getLogger("appliance.web")

PROBLEM_JSON = "application/problem+json"

# Modules that add routes, in order: each exposes install(app, service).
WEB_MODULES = (
    "appliance.web.health",
    "appliance.web.console",
    "appliance.web.device_api",
    "appliance.web.openapi",
    "appliance.web.local_api",
    "appliance.web.catalog_api",
    "appliance.web.connector_api",
    "appliance.web.https",
    "appliance.web.agents_app",
)


def create_app(service) -> Bottle:
    """The appliance's WSGI app for a service: every WEB_MODULES module installs its routes."""
    register_all()  # every package's parameters: logins, console forms and listings see them all
    app = new_app()
    app.config["appliance.service"] = service
    app.add_hook("before_request", _check_request)
    for name in WEB_MODULES:
        importlib.import_module(name).install(app, service)
    return app


def new_app() -> Bottle:
    """An empty Bottle app that renders every error as problem+json (use it for sub-apps too)."""
    app = Bottle()
    app.router.add_filter("int", bounded_int_filter)
    app.install(_appliance_errors)
    app.default_error_handler = _render_http_error  # bottle looks it up on the instance
    return app


def problem_body(status: int, title: str, detail: str, *, type_: str = "about:blank",
                 errors: list[dict] | None = None) -> str:
    """The JSON text of one problem document."""
    return json.dumps({"type": type_, "title": title, "status": status, "detail": detail,
                       "errors": errors or []}, ensure_ascii=False)


def problem_type(error: ApplianceError) -> str:
    """A stable identifier per kind of error: `urn:appliance:error:not-found`."""
    name = re.sub(r"Error$", "", type(error).__name__) or "appliance"
    return "urn:appliance:error:" + re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def _check_request() -> None:
    """before_request hook: a request out of bounds is answered here, as problem+json naming the part."""
    try:
        check_request(request.environ)
    except InvalidInputError as error:
        body = problem_body(error.status, error.title, str(error), type_=problem_type(error), errors=error.errors)
        raise HTTPResponse(body, status=error.status, headers={"Content-Type": PROBLEM_JSON}) from None


def unexpected_error_detail(error: BaseException | None, where: str, trace: str = "") -> str:
    """Log an unexpected error under a new incident id; the text a caller may see (no detail of the error)."""
    incident = incident_id()
    log.error("incident %s: unexpected error on %s: %r\n%s", incident, where, error, trace)
    return (f"The appliance hit an unexpected error (incident {incident}); its log file has the details "
            f"under that id.")


def _appliance_errors(callback: Callable) -> Callable:
    """Route plugin: an ApplianceError becomes a problem response with the error's status."""

    @functools.wraps(callback)
    def wrapper(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except ApplianceError as error:
            body = problem_body(error.status, error.title, str(error), type_=problem_type(error),
                                errors=error.errors)
            headers = {"Content-Type": PROBLEM_JSON, **getattr(error, "headers", {})}
            return HTTPResponse(body, status=error.status, headers=headers)

    return wrapper


def _render_http_error(error: HTTPError) -> str:
    """Bottle's errors (unknown route, wrong method, abort, uncaught exception) as problem+json."""
    response.content_type = PROBLEM_JSON
    status = error.status_code
    if error.exception is not None:
        detail = unexpected_error_detail(error.exception, f"{request.method} {request.path}", error.traceback or "")
    else:
        detail = str(error.body or "")
    title = error.status_line.split(" ", 1)[1] if " " in error.status_line else error.status_line
    return problem_body(status, title, detail)


def call(app: Bottle, path: str, method: str = "GET") -> tuple[int, bytes]:
    """Answer one request in-process, without a socket (`appliance serve --get PATH`)."""
    route, _, query = path.partition("?")
    environ = {"REQUEST_METHOD": method, "PATH_INFO": route, "QUERY_STRING": query,
               "wsgi.errors": sys.stderr, "wsgi.input": io.BytesIO(),
               "REMOTE_ADDR": "127.0.0.1"}  # in-process: this machine asking
    setup_testing_defaults(environ)
    status: list[str] = []
    body = b"".join(app(environ, lambda line, headers, exc_info=None: status.append(line)))
    return int(status[0].split()[0]), body
