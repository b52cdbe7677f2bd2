"""Who may read the detailed /health document: this machine, the tray's token, a console session.

/health needs no sign-in (monitoring polls it), but its detail lists folders, the
license's customer and the problems of the day: the LAN sees only `{"status": ...}`. The
whole document goes to requests from this machine (the peer address, never a forwarded
header), to requests that carry the local token (`Authorization: Bearer TOKEN`, the tray's)
and to browsers with a live console session (read without prolonging it).
"""

from __future__ import annotations

import hmac

from bottle import Bottle, request

from appliance.console.sessions import resolve_session
from appliance.web.console.render import SESSION_COOKIE
from appliance.secret_files import local_token_path, read_local_token
from appliance.web.local_api import is_loopback


def sees_detail(app: Bottle, service) -> bool:
    """Whether this request may read the detailed /health document."""
    return is_loopback(request.environ.get("REMOTE_ADDR")) or _has_local_token(service) or _has_console_session(app)


def _has_local_token(service) -> bool:
    scheme, _, offered = request.get_header("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not offered.strip():
        return False
    try:
        token = read_local_token(local_token_path(service.paths))
    except OSError:
        return False
    return token is not None and hmac.compare_digest(offered.strip().encode(), token.encode())


def _has_console_session(app: Bottle) -> bool:
    console = app.config.get("appliance.console")
    cookie = request.get_cookie(SESSION_COOKIE)
    if console is None or not cookie:
        return False
    return resolve_session(console.store, cookie, idle_minutes=console.settings.console_idle_minutes,
                           now=console.now(), touch=False) is not None
