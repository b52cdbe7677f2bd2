"""The appliance's one clock: always UTC, always injectable.

Every public function that depends on the time takes `now` (an aware datetime, or None
for the real clock), so tests move time instead of waiting for it.
"""

from __future__ import annotations

from datetime import datetime, timezone


def moment(now: datetime | None = None) -> datetime:
    """`now` in UTC, or the real time when None. A naive datetime is a programming error."""
    if now is None:
        return datetime.now(timezone.utc)
    if now.tzinfo is None:
        raise ValueError("pass an aware datetime (with tzinfo), e.g. datetime.now(timezone.utc)")
    return now.astimezone(timezone.utc)


def iso(value: datetime) -> str:
    """A UTC timestamp as stored in the database: '2026-11-29T08:53:31+00:00'.

    One fixed format, so timestamps compare correctly as text in SQL.
    """
    return moment(value).isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    """The inverse of `iso`."""
    return moment(datetime.fromisoformat(text))


def utc_now_text(now: datetime | None = None) -> str:
    """The current (or given) time as stored text, in the one format of `iso`."""
    return iso(moment(now))
