"""Who is calling a device route: the bearer token of a device session, and what the license allows.

Every device route except login needs `Authorization: Bearer TOKEN`. Routes that need
a caller use `current_device()`; it answers 401 (problem+json, with a
`WWW-Authenticate: Bearer` header) when the token is missing, unknown, expired or
revoked, and 403 with the license's `reason` when the license stopped allowing device
use after the login (checked at most once a minute: `LicenseGate`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from bottle import request

from appliance.accounts import resolve_session
from appliance.accounts.users import require_user
from appliance.errors import ApplianceError
from appliance.licensing.profiles import granted_modules
from appliance.licensing.state import LicenseState, current_license

LICENSE_RECHECK = timedelta(minutes=1)


class AuthenticationError(ApplianceError):
    """No valid device session: the device must log in (again)."""

    status = 401
    title = "Unauthorized"

    def __init__(self, message: str, *, reason: str = "unauthorized", realm_error: str = "invalid_token"):
        super().__init__(message)
        self.extra = {"reason": reason}
        self.headers = {"WWW-Authenticate": f'Bearer realm="appliance", error="{realm_error}"'}


class RefusedError(ApplianceError):
    """The caller is known but may not do this now; `reason` says why (a code the app can act on)."""

    status = 403
    title = "Forbidden"

    def __init__(self, message: str, reason: str, *, status: int = 403, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.extra = {"reason": reason}
        self.headers = headers or {}


@dataclass(frozen=True)
class DeviceCaller:
    """The session behind a request: the user row (dict), its id, the device id and its modules."""

    user: dict
    user_id: int
    device_id: str
    token: str
    modules: tuple[str, ...] | None = None

    @property
    def username(self) -> str:
        return self.user["username"]


class LicenseGate:
    """The license state, read again at most once a minute (reading it verifies a signature)."""

    def __init__(self, service, clock: Callable[[], datetime]):
        self._service = service
        self.clock = clock
        self._lock = threading.Lock()
        self._checked_at: datetime | None = None
        self._state: LicenseState | None = None

    def state(self) -> LicenseState:
        now = self.clock()
        with self._lock:
            if self._checked_at is None or not timedelta(0) <= now - self._checked_at < LICENSE_RECHECK:
                self._state = current_license(self._service.store, self._service.settings, now)
                self._checked_at = now
            return self._state


def bearer_token() -> str | None:
    """The token of the Authorization header, or None."""
    header = request.get_header("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def current_device(service, gate: LicenseGate | None = None) -> DeviceCaller:
    """The caller of this request; 401 without a live session, 403 when the license refuses devices now."""
    cached = request.environ.get("appliance.caller")
    if cached is not None:
        return cached
    token = bearer_token()
    if not token:
        raise AuthenticationError("This route needs `Authorization: Bearer TOKEN`; log in with "
                                  "POST /api/v1/login to get a token.", reason="missing_token",
                                  realm_error="invalid_request")
    session = resolve_session(service.store, token, gate.clock() if gate else None)
    if session is None:
        raise AuthenticationError("The session token is unknown, expired or revoked; log in again.",
                                  reason="invalid_token")
    modules = None
    if gate is not None:
        state = gate.state()
        if state.login_refusal:
            raise RefusedError(state.message, state.login_refusal)
        modules = tuple(granted_modules(session["user"]["profile"], state.licensed_modules))
    user_id = require_user(service.store, session["user"]["username"])["id"]
    caller = DeviceCaller(session["user"], user_id, session["device_id"], token, modules)
    request.environ["appliance.caller"] = caller
    return caller
