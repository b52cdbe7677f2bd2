"""The local API for the tray icon (`/local/v1/...`): "import now" and pause/resume watching.

Only these two actions, only from this machine (a request from any other address gets
403, whatever it carries), and only with the local token: `Authorization: Bearer TOKEN`,
where TOKEN is the content of `<data dir>/secrets/local-api.token`. The service makes
that file on first start; on Windows the installer limits the secrets folder to the
local administrators, SYSTEM and the service's account, so whoever can read the token
may already stop the service. The token opens nothing else: the console and the device
API have their own sign-in.

Watching paused or not is shown in /health under `watching`.
"""

from __future__ import annotations

import hmac
import ipaddress
from bottle import Bottle, request, response

from appliance.errors import ApplianceError, ConflictError
from appliance.secret_files import LOCAL_API_PREFIX, ensure_local_token, local_token_path

# The route table: method, path, handler.
ROUTES = (
    ("POST", "/import-now", "import_now"),            # rescan the exchange folder at once
    ("POST", "/watching/pause", "pause_watching"),    # stop watching; files wait in the folder
    ("POST", "/watching/resume", "resume_watching"),  # watch again; what arrived is imported
)


class LocalTokenError(ApplianceError):
    """The request does not carry the local token."""

    status = 401
    title = "Unauthorized"
    headers = {"WWW-Authenticate": 'Bearer realm="appliance-local"'}


class NotLocalError(ApplianceError):
    """The request does not come from this machine."""

    status = 403
    title = "Forbidden"


def install(app: Bottle, service) -> None:
    """Add the local routes and the `watching` section of /health; make the token file if missing."""
    api = LocalApi(service, ensure_local_token(service.paths))
    for method, path, handler in ROUTES:
        app.route(LOCAL_API_PREFIX + path, method, api.guarded(getattr(api, handler)))
    service.add_health("watching", lambda: {"paused": service.watching_paused})


class LocalApi:
    """The handlers and the check every one of them passes first."""

    def __init__(self, service, token: str):
        self.service = service
        self._token = token.encode("ascii")

    def guarded(self, handler):
        def route():
            self._authorize()
            return handler()

        return route

    def _authorize(self) -> None:
        if not is_loopback(request.environ.get("REMOTE_ADDR")):  # the peer: X-Forwarded-For is not trusted
            raise NotLocalError("The local API answers only requests from this machine (127.0.0.1).")
        scheme, _, offered = request.get_header("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(offered.strip().encode(), self._token):
            raise LocalTokenError(f"Send the local token as `Authorization: Bearer TOKEN`; it is in "
                                  f"{local_token_path(self.service.paths)} (readable by the server's administrators).")

    def import_now(self) -> dict:
        if self.service.watching_paused:
            raise ConflictError("Watching is paused: resume it, and what arrived is imported.")
        self.service.watcher.rescan_now()
        response.status = 202
        return {"result": "rescan requested"}

    def pause_watching(self) -> dict:
        return self._set_watching(False)

    def resume_watching(self) -> dict:
        return self._set_watching(True)

    def _set_watching(self, watching: bool) -> dict:
        if not self.service.set_watching(watching):
            raise ConflictError("The import started before the pause is still running; try again when it is done.")
        return {"paused": self.service.watching_paused}


def is_loopback(address: str | None) -> bool:
    """Whether a peer address is this machine (127.0.0.0/8, ::1, IPv4-mapped loopback)."""
    try:
        return ipaddress.ip_address((address or "").removeprefix("::ffff:")).is_loopback
    except ValueError:
        return False
