"""The console's gatekeeper, applied to every console route as a Bottle plugin.

In order: the localhost-only setting, security headers, the session cookie, first-run
setup (no administrator yet: every page leads to /admin/setup), sign-in (pages redirect
to it; actions and background fetches are refused), and for every POST the Origin header
and the CSRF token. Errors become HTML pages, never a stack trace. Route options:
`access` ("operator", default; "public"; "setup") and `touch` (False for requests that
must not keep a session alive, such as the dashboard's refresh).
"""

from __future__ import annotations

import functools
import logging
from typing import Callable

from bottle import HTTPResponse, redirect, request, response

from appliance.console.admins import has_admin
from appliance.console.sessions import csrf_matches, resolve_session
from appliance.errors import ApplianceError
from appliance.web.console.context import Console
from appliance.web.inbound import incident_id
from appliance.web.console.render import SESSION_COOKIE, SESSION_KEY, csrf_basis, page, url

log = logging.getLogger("appliance.console")

OPERATOR, PUBLIC, SETUP = "operator", "public", "setup"
FETCH_HEADER = "X-Console-Fetch"
LOOPBACK = ("127.", "::1", "::ffff:127.")
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class Refusal(Exception):
    """A request the console turns away: an HTTP status and the text key of the explanation."""

    def __init__(self, status: int, key: str):
        super().__init__(key)
        self.status = status
        self.key = key


class Guard:
    """Bottle plugin (api 2) guarding every console route."""

    name = "console_guard"
    api = 2

    def __init__(self, console: Console):
        self.console = console

    def apply(self, callback: Callable, route) -> Callable:
        access = route.config.get("access", OPERATOR)
        touch = route.config.get("touch", True)
        catchall = route.app.config.get("catchall", True)

        @functools.wraps(callback)
        def guarded(*args, **kwargs):
            try:
                self.admit(access, touch)
                return callback(*args, **kwargs)
            except HTTPResponse:
                raise
            except Refusal as refusal:
                return self.refuse(refusal.status, "error.title", refusal.key)
            except ApplianceError as error:
                return self.refuse(error.status, "error.title", None, str(error))
            except Exception:
                if not catchall:
                    raise
                incident = incident_id()
                log.exception("incident %s: console: unexpected error on %s %s", incident, request.method,
                              request.path)
                return self.refuse(500, "error.title", "error.unexpected", incident=incident)

        return guarded

    def admit(self, access: str, touch: bool) -> None:
        """Pass, or raise Refusal / redirect."""
        for name, value in SECURITY_HEADERS.items():
            response.set_header(name, value)
        address = request.environ.get("REMOTE_ADDR", "")
        if self.console.settings.console_localhost_only and not address.startswith(LOOPBACK):
            raise Refusal(403, "error.localhost_only")
        console = self.console
        session = resolve_session(console.store, request.get_cookie(SESSION_COOKIE),
                                  idle_minutes=console.settings.console_idle_minutes, now=console.now(),
                                  touch=touch)
        request.environ[SESSION_KEY] = session
        if access == OPERATOR and session is None:
            self.require_sign_in()
        if request.method == "POST":
            self.check_post()

    def require_sign_in(self) -> None:
        if not has_admin(self.console.store):
            redirect(url("setup"), 303)
        if request.get_header(FETCH_HEADER):
            raise Refusal(401, "error.signed_out")
        if request.method != "GET":
            raise Refusal(403, "error.signed_out")
        ended = bool(request.get_cookie(SESSION_COOKIE))
        redirect(url("sign-in", next=request.fullpath + ("?" + request.query_string if request.query_string
                                                           else ""), expired=ended), 303)

    def check_post(self) -> None:
        origin = request.get_header("Origin")
        if origin is not None and origin != f"{request.urlparts.scheme}://{request.get_header('Host')}":
            log.warning("console: refused a POST to %s from origin %s", request.path, origin)
            raise Refusal(403, "error.csrf")
        submitted = request.forms.get("csrf_token") or request.get_header("X-CSRF-Token")
        if not csrf_matches(self.console.secret, csrf_basis(), submitted):
            log.warning("console: refused a POST to %s without a valid CSRF token", request.path)
            raise Refusal(403, "error.csrf")

    def refuse(self, status: int, title: str, key: str | None, text: str | None = None,
               incident: str = "") -> str:
        if request.get_header(FETCH_HEADER):
            response.status = status
            return ""
        return page(self.console, "error", title=title, status=status, message_key=key, message_text=text,
                    flash=None, incident=incident)
