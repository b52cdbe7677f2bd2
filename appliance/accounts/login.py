"""The login service: who may use the app on which device, with which configuration.

`authenticate` checks, in order: throttling (10 wrong passwords for one user from one
address within 10 minutes lock that pair for 10 minutes; other agents behind the same
VPN address with other user names are unaffected until the address as a whole has sent
30 wrong passwords within 10 minutes, whatever the user names: then the address is
locked for 10 minutes, so one password tried across many users is slowed too), the
password (an unknown user and a wrong password look and take the same), the active
flag, the license state, the user's seat, and the device limit. Every attempt is
written to the access log (kept `access_log_days`). Success opens a session.
"""

from __future__ import annotations

import logging
import math
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from appliance.accounts.devices import admit_device
from appliance.accounts.params import effective_config
from appliance.accounts.passwords import MAX_LENGTH, dummy_hash, hash_password, needs_rehash, verify_password
from appliance.accounts.sessions import open_session
from appliance.accounts.users import USERNAME, public_user
from appliance.clock import from_iso, iso, moment
from appliance.errors import InvalidInputError
from appliance.licensing.profiles import granted_modules
from appliance.licensing.state import LicenseState, current_license
from appliance.settings import Settings
from appliance.store.db import Row, Store
from appliance.store.sessions import address_failures_since, failures_since, log_attempt, prune_access_log
from appliance.store.users import active_users, find_user, update_user

log = logging.getLogger(__name__)

REASONS = ("bad_credentials", "user_disabled", "no_seat", "device_limit", "license_expired", "license_invalid",
           "evaluation_limit", "throttled")
THROTTLE_FAILURES = 10
ADDRESS_FAILURES = 30  # across every user name from one address
THROTTLE_WINDOW = timedelta(minutes=10)
THROTTLE_LOCK = timedelta(minutes=10)
DEVICE_ID_MAX = 128
FIELD_MAX = {"username": 128, "device_name": 100, "app_version": 40, "address": 64}
USER_MESSAGES = {
    "bad_credentials": "Wrong user name or password.",
    "user_disabled": "This user is disabled. Ask the administrator to enable it.",
}


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a login. On success: token, expires_at, user, config, modules; else reason and message."""

    ok: bool
    license: dict
    reason: str | None = None
    message: str = ""
    retry_after: int | None = None
    token: str | None = field(default=None, repr=False)
    expires_at: str | None = None
    user: dict | None = None
    config: dict | None = None
    modules: list[str] | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def authenticate(store: Store, settings: Settings, username: str, password: str, device_id: str,
                 device_name: str = "", app_version: str = "", address: str = "",
                 now: datetime | None = None) -> LoginResult:
    """Log a device in, or refuse with a reason (one of REASONS) and a message for its screen."""
    now = moment(now)
    if not isinstance(device_id, str) or not device_id.strip() or len(device_id.strip()) > DEVICE_ID_MAX:
        raise InvalidInputError(f"device_id is required: the app's identifier of this device, "
                                f"1 to {DEVICE_ID_MAX} characters.")
    attempt = {"at": iso(now), "device_id": device_id.strip(), **{
        name: str(value or "").strip()[:FIELD_MAX[name]]
        for name, value in (("username", username), ("device_name", device_name),
                            ("app_version", app_version), ("address", address))}}
    current = current_license(store, settings, now)
    retry_after = throttle_remaining(store, attempt["username"], attempt["address"], now)
    if retry_after:
        minutes = math.ceil(retry_after / 60)
        return _refuse(store, settings, attempt, current, "throttled",
                       f"Too many wrong passwords. Try again in {minutes} minute(s).", retry_after)
    user = _check_password(store, settings, attempt["username"], password)
    if user is None:
        return _refuse(store, settings, attempt, current, "bad_credentials")
    if not user["active"]:
        return _refuse(store, settings, attempt, current, "user_disabled")
    if current.login_refusal:
        return _refuse(store, settings, attempt, current, current.login_refusal, current.message)
    new_hash = None
    if needs_rehash(user["password_hash"], settings.password_hash_cost):
        new_hash = hash_password(password, settings.password_hash_cost)  # slow: before the write lock
    with store.write():
        return _admit(store, settings, attempt, current, user, new_hash, now)


def throttle_remaining(store: Store, username: str, address: str, now: datetime) -> int:
    """Seconds until a user may try again from an address (0 = not locked): the pair's lock or the address's."""
    since = iso(now - THROTTLE_WINDOW - THROTTLE_LOCK)
    pair = _locked_for(failures_since(store, username, address, since), THROTTLE_FAILURES, now)
    whole = _locked_for(address_failures_since(store, address, since), ADDRESS_FAILURES, now) if address else 0
    return max(pair, whole)


def _locked_for(stamps: list[str], failures: int, now: datetime) -> int:
    """Seconds left of the lock that `failures` wrong passwords within the window started (0 = none)."""
    times = [from_iso(at) for at in stamps]
    for last in range(len(times) - 1, failures - 2, -1):
        if times[last] - times[last - failures + 1] <= THROTTLE_WINDOW:
            return max(0, math.ceil((times[last] + THROTTLE_LOCK - now).total_seconds()))
    return 0


def _check_password(store: Store, settings: Settings, username: str, password: str) -> Row | None:
    user = find_user(store, username) if USERNAME.fullmatch(username) else None
    stored = user["password_hash"] if user else dummy_hash(settings.password_hash_cost)
    # An unknown user costs one scrypt too, so the answer's timing does not tell who exists.
    matches = verify_password(str(password or "")[:MAX_LENGTH + 1], stored)
    return user if matches and user else None


def _admit(store: Store, settings: Settings, attempt: dict, current: LicenseState, user: Row,
           new_hash: str | None, now: datetime) -> LoginResult:
    plan = current.plan
    pool = plan.allocate(active_users(store))[plan.pool(user["profile"])]
    if user["username"] not in pool.holders:
        reason = "evaluation_limit" if plan.evaluation else "no_seat"
        return _refuse(store, settings, attempt, current, reason, plan.login_refused(pool))
    refusal = admit_device(store, user["id"], attempt["device_id"], name=attempt["device_name"],
                           app_version=attempt["app_version"], limit=current.devices_per_user, now=now)
    if refusal:
        return _refuse(store, settings, attempt, current, "device_limit", refusal)
    if new_hash:
        update_user(store, user["id"], {"password_hash": new_hash})
    token, expires_at = open_session(store, user["id"], attempt["device_id"], idle_days=settings.session_days,
                                     now=now)
    _record(store, settings, attempt, "ok", None)
    modules = granted_modules(user["profile"], current.licensed_modules)
    log.info("login: user %s, device %s, from %s", user["username"], attempt["device_id"], attempt["address"])
    return LoginResult(ok=True, license=_license_view(current), token=token, expires_at=iso(expires_at),
                       user={**public_user(user), "modules": modules},
                       config=effective_config(store, user["username"]), modules=modules,
                       message=current.message if current.state != "valid" else "")


def _refuse(store: Store, settings: Settings, attempt: dict, current: LicenseState, reason: str,
            message: str | None = None, retry_after: int | None = None) -> LoginResult:
    _record(store, settings, attempt, "refused", reason)
    log.info("login refused (%s): user %s, device %s, from %s", reason, attempt["username"],
             attempt["device_id"], attempt["address"])
    return LoginResult(ok=False, license=_license_view(current), reason=reason,
                       message=message or USER_MESSAGES[reason], retry_after=retry_after)


def _record(store: Store, settings: Settings, attempt: dict, result: str, reason: str | None) -> None:
    with store.write():
        log_attempt(store, {**attempt, "result": result, "reason": reason})
        prune_access_log(store, iso(from_iso(attempt["at"]) - timedelta(days=settings.access_log_days)))


def _license_view(current: LicenseState) -> dict:
    """What a device is told about the license: the state and what it means, no seat details."""
    payload = current.payload
    return {"state": current.state, "message": current.message,
            "expires_at": payload.expires_at.isoformat() if payload and payload.expires_at else None}
