"""What a license says: the payload the vendor signs, read strictly into a typed object.

Fields (JSON): license_id, customer, project, issued_at (ISO 8601 with time zone),
not_before (date, first valid day, default the issue date), expires_at (date, last
valid day, null = perpetual), grace_days (default 14), seats ({profile: count}),
modules ([name]), devices_per_user (default 2), machine (fingerprint or null).
Dates are UTC days. Unknown fields are kept in `extra` and otherwise ignored, so an
older appliance accepts a license from a newer vendor tool.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from appliance.licensing.errors import LicenseError

DEFAULT_GRACE_DAYS = 14
DEFAULT_DEVICES_PER_USER = 2
KNOWN_FIELDS = ("license_id", "customer", "project", "issued_at", "not_before", "expires_at",
                "grace_days", "seats", "modules", "devices_per_user", "machine")


@dataclass(frozen=True)
class LicensePayload:
    """A verified license's content."""

    license_id: str
    customer: str
    project: str
    issued_at: datetime
    not_before: date
    expires_at: date | None
    grace_days: int
    seats: dict[str, int]
    modules: tuple[str, ...]
    devices_per_user: int
    machine: str | None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def valid_from(self) -> datetime:
        """The first moment the license is valid."""
        return datetime.combine(self.not_before, time(), timezone.utc)

    @property
    def valid_until(self) -> datetime | None:
        """The first moment the license is no longer valid (grace starts), None when perpetual."""
        if self.expires_at is None:
            return None
        return datetime.combine(self.expires_at + timedelta(days=1), time(), timezone.utc)

    @property
    def grace_until(self) -> datetime | None:
        """The first moment after the grace period."""
        until = self.valid_until
        return None if until is None else until + timedelta(days=self.grace_days)


def encode_payload(fields: dict[str, Any]) -> bytes:
    """The bytes the vendor signs: compact JSON with sorted keys, UTF-8."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def decode_payload(raw: bytes) -> LicensePayload:
    """Read signed payload bytes; raises LicenseError(code="bad_payload") naming the field."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad("it is not JSON") from None
    if not isinstance(data, dict):
        raise _bad("it is not a JSON object")
    issued_at = _datetime(data, "issued_at")
    return LicensePayload(
        license_id=_text(data, "license_id"),
        customer=_text(data, "customer"),
        project=_text(data, "project"),
        issued_at=issued_at,
        not_before=_date(data, "not_before", default=issued_at.date()),
        expires_at=_date(data, "expires_at", default=None),
        grace_days=_count(data, "grace_days", DEFAULT_GRACE_DAYS, minimum=0),
        seats=_seats(data),
        modules=_modules(data),
        devices_per_user=_count(data, "devices_per_user", DEFAULT_DEVICES_PER_USER, minimum=1),
        machine=_optional_text(data, "machine"),
        extra={k: v for k, v in data.items() if k not in KNOWN_FIELDS},
    )


def _text(data: dict, name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise _bad(f"'{name}' must be a non-empty text")
    return value.strip()


def _optional_text(data: dict, name: str) -> str | None:
    return None if data.get(name) is None else _text(data, name)


def _datetime(data: dict, name: str) -> datetime:
    value = _text(data, name)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise _bad(f"'{name}' must be a date and time with a time zone, e.g. 2026-01-31T09:00:00Z")
    return parsed.astimezone(timezone.utc)


def _date(data: dict, name: str, default: date | None) -> date | None:
    if data.get(name) is None:
        return default
    value = _text(data, name)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _bad(f"'{name}' must be a date like 2027-12-31") from None


def _count(data: dict, name: str, default: int, minimum: int) -> int:
    value = data.get(name, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _bad(f"'{name}' must be a whole number of at least {minimum}")
    return value


def _seats(data: dict) -> dict[str, int]:
    seats = data.get("seats")
    if not isinstance(seats, dict):
        raise _bad("'seats' must be an object like {\"orders\": 25}")
    for profile, count in seats.items():
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise _bad(f"the seats of profile '{profile}' must be a whole number of at least 0")
    return dict(seats)


def _modules(data: dict) -> tuple[str, ...]:
    modules = data.get("modules", [])
    if not isinstance(modules, list) or not all(isinstance(m, str) and m for m in modules):
        raise _bad("'modules' must be a list of module names")
    return tuple(modules)


def _bad(reason: str) -> LicenseError:
    return LicenseError("bad_payload", f"The license content is not valid: {reason}. "
                                       "Ask the vendor for a corrected license file.")
