"""Console sessions: a random token in an HttpOnly cookie, stored only as its SHA-256.

A session ends after `console_idle_minutes` without a page load, after MAX_HOURS in
any case, at sign-out, and when its administrator is disabled or given a new password.
Every form carries a CSRF token: the HMAC, under the per-install secret, of the
browser's session token (or, before sign-in, of its pre-session cookie), so a page of
another site can neither read nor forge it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from appliance.clock import from_iso, iso, moment
from appliance.store.console import (delete_expired_sessions, delete_session, find_session, insert_session,
                                     set_session_flash, touch_session)
from appliance.store.db import Store

TOKEN_BYTES = 32
MAX_HOURS = 12
TOUCH_EVERY = timedelta(seconds=60)


@dataclass(frozen=True)
class ConsoleSession:
    """A live session: who, until when, and the message waiting for the next page."""

    token: str
    admin_id: int
    username: str
    expires_at: datetime
    flash: dict | None = None

    @property
    def token_hash(self) -> str:
        return token_hash(self.token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A random token for a session or a pre-session cookie."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def open_session(store: Store, admin_id: int, *, idle_minutes: int, now: datetime | None = None) -> str:
    """Start a session; returns its token (for the cookie, never stored)."""
    now = moment(now)
    token = new_token()
    delete_expired_sessions(store, iso(now))
    insert_session(store, token_hash(token), admin_id, created_at=iso(now),
                   expires_at=iso(_expiry(now, now, idle_minutes)))
    return token


def resolve_session(store: Store, token: str | None, *, idle_minutes: int, now: datetime | None = None,
                    touch: bool = True) -> ConsoleSession | None:
    """The live session of a token, or None. `touch` pushes the idle expiry forward."""
    if not token:
        return None
    now = moment(now)
    row = find_session(store, token_hash(token))
    if row is None:
        return None
    expires_at = from_iso(row["expires_at"])
    if expires_at <= now:
        delete_session(store, row["token_hash"])
        return None
    if touch and now - from_iso(row["last_used_at"]) >= TOUCH_EVERY:
        expires_at = _expiry(from_iso(row["created_at"]), now, idle_minutes)
        touch_session(store, row["token_hash"], last_used_at=iso(now), expires_at=iso(expires_at))
    flash = json.loads(row["flash"]) if row["flash"] else None
    return ConsoleSession(token, row["admin_id"], row["username"], expires_at, flash)


def end_session(store: Store, token: str | None) -> bool:
    """Sign out: forget the session of a token; False when there was none."""
    return bool(token) and delete_session(store, token_hash(token))


def set_flash(store: Store, session: ConsoleSession, flash: dict) -> None:
    """Keep a message (JSON-able dict) for the session's next page."""
    set_session_flash(store, session.token_hash, json.dumps(flash, ensure_ascii=False))


def clear_flash(store: Store, session: ConsoleSession) -> None:
    if session.flash is not None:
        set_session_flash(store, session.token_hash, None)


def csrf_token(secret: bytes, basis: str) -> str:
    """The CSRF token of the browser whose session (or pre-session) token is `basis`."""
    return hmac.new(secret, b"csrf:" + basis.encode("utf-8"), hashlib.sha256).hexdigest()


def csrf_matches(secret: bytes, basis: str | None, submitted: str | None) -> bool:
    """Whether a submitted CSRF token belongs to this browser (constant-time)."""
    if not basis or not submitted:
        return False
    return hmac.compare_digest(csrf_token(secret, basis).encode("ascii"), submitted.encode("ascii", "replace"))


def _expiry(created: datetime, last_used: datetime, idle_minutes: int) -> datetime:
    return min(last_used + timedelta(minutes=idle_minutes), created + timedelta(hours=MAX_HOURS))
