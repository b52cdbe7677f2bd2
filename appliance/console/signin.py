"""Signing in to the console, throttled against password guessing.

Five wrong passwords for one name from one address within 15 minutes lock that pair
until the oldest of them is 15 minutes old; twenty wrong passwords from one address,
whatever the names, lock the address the same way. Wrong setup codes count like wrong
passwords for the address. Refused attempts while locked do not extend the lock. An
unknown name costs one scrypt like a wrong password, so timing tells nothing. Every
attempt is logged in `console_sign_ins` (kept `access_log_days`).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from appliance.accounts.passwords import MAX_LENGTH, dummy_hash, hash_password, needs_rehash, verify_password
from appliance.accounts.users import USERNAME
from appliance.clock import from_iso, iso, moment
from appliance.settings import Settings
from appliance.store.console import failure_times, find_admin, log_sign_in, update_admin
from appliance.store.db import Store

log = logging.getLogger("appliance.console")

NAME_FAILURES = 5
ADDRESS_FAILURES = 20
WINDOW = timedelta(minutes=15)
GUESSES = ("bad_credentials", "bad_setup_code")
REASONS = ("bad_credentials", "disabled", "throttled", "bad_setup_code")
SETUP_NAME = "(setup)"


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: `admin` (public fields) on success, else `reason` and `retry_after`."""

    ok: bool
    admin: dict | None = None
    reason: str | None = None
    retry_after: int = 0


def sign_in(store: Store, settings: Settings, username: str, password: str, address: str,
            now: datetime | None = None) -> SignIn:
    """Check an administrator's name and password, unless the name or address is locked."""
    now = moment(now)
    username = str(username or "").strip()[:128]
    retry_after = throttle_remaining(store, username, address, now)
    if retry_after:
        record_attempt(store, settings, username, address, "throttled", now)
        return SignIn(False, reason="throttled", retry_after=retry_after)
    admin = find_admin(store, username) if USERNAME.fullmatch(username) else None
    stored = admin["password_hash"] if admin else dummy_hash(settings.password_hash_cost)
    if not verify_password(str(password or "")[:MAX_LENGTH + 1], stored) or admin is None:
        record_attempt(store, settings, username, address, "bad_credentials", now)
        return SignIn(False, reason="bad_credentials")
    if not admin["active"]:
        record_attempt(store, settings, username, address, "disabled", now)
        return SignIn(False, reason="disabled")
    changes = {"last_sign_in_at": iso(now)}
    if needs_rehash(admin["password_hash"], settings.password_hash_cost):
        changes["password_hash"] = hash_password(password, settings.password_hash_cost)
    update_admin(store, admin["id"], changes)
    record_attempt(store, settings, admin["username"], address, None, now)
    log.info("console: %s signed in from %s", admin["username"], address)
    return SignIn(True, admin={"id": admin["id"], "username": admin["username"]})


def throttle_remaining(store: Store, username: str, address: str, now: datetime) -> int:
    """Seconds until `username` may try again from `address` (0 = not locked)."""
    since = iso(now - WINDOW)
    waits = [_wait(failure_times(store, address=address, since=since, username=username, reasons=GUESSES),
                   NAME_FAILURES, now),
             _wait(failure_times(store, address=address, since=since, reasons=GUESSES), ADDRESS_FAILURES, now)]
    return max(waits)


def record_attempt(store: Store, settings: Settings, username: str, address: str, reason: str | None,
                   now: datetime) -> None:
    """Log one attempt: `reason` None for a success, else one of REASONS."""
    if reason:
        log.info("console: sign-in refused (%s) for %s from %s", reason, username or "-", address)
    log_sign_in(store, {"at": iso(now), "username": username, "address": address,
                        "result": "refused" if reason else "ok", "reason": reason},
                prune_before=iso(now - timedelta(days=settings.access_log_days)))


def _wait(times: list[str], limit: int, now: datetime) -> int:
    if len(times) < limit:
        return 0
    oldest_counted = from_iso(times[-limit])
    return max(0, math.ceil((oldest_counted + WINDOW - now).total_seconds()))
