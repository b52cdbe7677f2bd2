"""The license in force right now: evaluation, valid, grace, expired, not yet valid,
clock rolled back, or invalid, each with a message that says what to do.

Time checks, in order: the clock was not moved back (the latest time seen is kept in
the database; a clock more than 24 hours behind it means the license counts as
expired until the clock is right), then not_before, then expiry and grace (inside
grace everything works, with a warning). The ERP import and the connector API do not
ask: they work in every state. Changes of state are logged once.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from appliance.clock import from_iso, iso, moment
from appliance.licensing.errors import LicenseError
from appliance.licensing.fingerprint import machine_fingerprint
from appliance.licensing.keys import trusted_keys
from appliance.licensing.payload import DEFAULT_DEVICES_PER_USER, LicensePayload
from appliance.licensing.seats import INSTALL_HINT, EVALUATION_USERS, SeatPlan
from appliance.licensing.verify import SignedLicense, verify_license
from appliance.messages import days
from appliance.settings import Settings
from appliance.store.db import Store
from appliance.store.licensing import read_licensing_state, write_licensing_state

log = logging.getLogger(__name__)

VALID, GRACE, EXPIRED, NOT_YET_VALID = "valid", "grace", "expired", "not_yet_valid"
CLOCK_ROLLBACK, INVALID, EVALUATION = "clock_rollback", "invalid", "evaluation"
STATES = (VALID, GRACE, EXPIRED, NOT_YET_VALID, CLOCK_ROLLBACK, INVALID, EVALUATION)
LOGIN_REFUSALS = {EXPIRED: "license_expired", CLOCK_ROLLBACK: "license_expired",
                  NOT_YET_VALID: "license_invalid", INVALID: "license_invalid"}

CLOCK_TOLERANCE = timedelta(hours=24)
MARK_EVERY = timedelta(minutes=10)  # the latest time seen needs no finer grain than the 24 h tolerance
RENEWAL_WARNING = timedelta(days=30)


@dataclass(frozen=True)
class LicenseState:
    """Where the license stands now. `license` is set whenever the file verified."""

    state: str
    message: str
    license: SignedLicense | None = None

    @property
    def payload(self) -> LicensePayload | None:
        return self.license.payload if self.license else None

    @property
    def plan(self) -> SeatPlan:
        """Seat limits: the license's, else evaluation mode's."""
        return SeatPlan(self.payload.seats if self.payload else None)

    @property
    def login_refusal(self) -> str | None:
        """The reason code device logins are refused with, None when they are allowed."""
        return LOGIN_REFUSALS.get(self.state)

    @property
    def devices_per_user(self) -> int:
        return self.payload.devices_per_user if self.payload else DEFAULT_DEVICES_PER_USER

    @property
    def licensed_modules(self) -> tuple[str, ...] | None:
        """The modules the license lists; None in evaluation mode (every module)."""
        return self.payload.modules if self.payload else None


def time_state(payload: LicensePayload, now: datetime, latest_seen: datetime | None) -> tuple[str, str]:
    """The state of a verified license at `now`, and its message."""
    if latest_seen is not None and now < latest_seen - CLOCK_TOLERANCE:
        return CLOCK_ROLLBACK, (
            f"The server's clock shows {_when(now)}, but it already showed {_when(latest_seen)}: it was moved "
            "back by more than 24 hours, so the license counts as expired and device logins are refused. "
            "Set this server's date and time right.")
    if now < payload.valid_from:
        return NOT_YET_VALID, (
            f"The license is valid from {payload.not_before.isoformat()} and today is {now.date().isoformat()}; "
            "device logins are refused until then. If today's date is right, ask the vendor for a license "
            "valid from today.")
    if payload.valid_until is None:
        return VALID, f"Perpetual license for {payload.customer}."
    expires = payload.expires_at.isoformat()
    if now < payload.valid_until:
        days_text = days(_days_until(payload.valid_until, now))
        if payload.valid_until - now <= RENEWAL_WARNING:
            return VALID, (f"The license expires on {expires} (in {days_text}). "
                           "Ask the vendor for a renewal and install it: " + INSTALL_HINT)
        return VALID, f"License valid until {expires} ({days_text} left)."
    last_grace_day = (payload.grace_until - timedelta(days=1)).date().isoformat()
    if now < payload.grace_until:
        return GRACE, (f"The license expired on {expires}; device logins keep working until {last_grace_day} "
                       f"({days(_days_until(payload.grace_until, now))} of grace left). "
                       "Install a new license: " + INSTALL_HINT)
    return EXPIRED, (f"The license expired on {expires} and its grace period ended on {last_grace_day}; "
                     "device logins are refused (ERP data keeps flowing). Install a new license: " + INSTALL_HINT)


def current_license(store: Store, settings: Settings, now: datetime | None = None) -> LicenseState:
    """Read, verify and date the installed license (evaluation mode when there is none)."""
    now = moment(now)
    remembered = read_licensing_state(store)
    latest_seen = from_iso(remembered["latest_seen"]) if "latest_seen" in remembered else None
    result = _evaluate_installed(settings, now, latest_seen)
    _remember(store, now, latest_seen, remembered.get("last_state"), result)
    return result


def latest_seen_time(store: Store) -> datetime | None:
    """The latest time the appliance has seen (for detecting a clock moved back)."""
    value = read_licensing_state(store).get("latest_seen")
    return from_iso(value) if value else None


def _evaluate_installed(settings: Settings, now: datetime, latest_seen: datetime | None) -> LicenseState:
    path = settings.paths.license_file
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return LicenseState(EVALUATION, (
            f"No license installed: evaluation mode, at most {EVALUATION_USERS} active users. "
            "Install the license from the vendor: " + INSTALL_HINT))
    except OSError as exc:
        return LicenseState(INVALID, f"The license file {path} cannot be read ({exc.strerror}). "
                                     "Check its permissions, or install the license again: " + INSTALL_HINT)
    try:
        signed = verify_license(data, trusted_keys(settings), project=settings.project,
                                fingerprint=machine_fingerprint)
    except LicenseError as exc:
        return LicenseState(INVALID, f"The installed license is not valid. {exc}")
    state, message = time_state(signed.payload, now, latest_seen)
    return LicenseState(state, message, signed)


def _remember(store: Store, now: datetime, latest_seen: datetime | None, last_state: str | None,
              result: LicenseState) -> None:
    updates = {}
    if latest_seen is None or now - latest_seen >= MARK_EVERY:
        updates["latest_seen"] = iso(now)
    if result.state != last_state:
        updates["last_state"] = result.state
        level = logging.INFO if result.state in (VALID, EVALUATION) else logging.WARNING
        log.log(level, "license state %s: %s", result.state, result.message)
    if updates:
        write_licensing_state(store, updates)


def _when(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC")


def _days_until(until: datetime, now: datetime) -> int:
    return math.ceil((until - now) / timedelta(days=1))
