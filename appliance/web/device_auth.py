"""Who is calling a device route: the bearer token of a device session.

Every device route except login needs `Authorization: Bearer TOKEN`. Routes that need
a caller use `current_device()`; it answers 401 (problem+json, with a WWW-Authenticate
header) when the token is missing, unknown, expired or revoked.
"""

from __future__ import annotations

from dataclasses import dataclass

from bottle import request

from appliance.errors import ApplianceError
from appliance.licensing import resolve_session


class AuthenticationError(ApplianceError):
    """No valid device session: the device must log in (again)."""

    status = 401
    title = "Unauthorized"


@dataclass(frozen=True)
class DeviceCaller:
    """The session behind a request: the user row (dict) and the device id."""

    user: dict
    device_id: str
    token: str

    @property
    def username(self) -> str:
        return self.user["username"]


def bearer_token() -> str | None:
    """The token of the Authorization header, or None."""
    header = request.get_header("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def current_device(service) -> DeviceCaller:
    """The caller of this request; raises AuthenticationError (401) without a live session."""
    cached = request.environ.get("appliance.caller")
    if cached is not None:
        return cached
    token = bearer_token()
    if not token:
        raise AuthenticationError("This route needs `Authorization: Bearer TOKEN`; log in with "
                                  "POST /api/v1/login to get a token.")
    session = resolve_session(service.store, token)
    if session is None:
        raise AuthenticationError("The session token is unknown, expired or revoked; log in again.")
    caller = DeviceCaller(session["user"], session["device_id"], token)
    request.environ["appliance.caller"] = caller
    return caller
