"""Device sessions: random bearer tokens, stored only as their SHA-256.

A session expires after `session_days` without use (each use pushes the expiry
forward), and ends when its user is disabled, its password changes, or its device is
forgotten.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from appliance.accounts.users import public_user
from appliance.clock import from_iso, iso, moment
from appliance.store.db import Store
from appliance.store.sessions import delete_session, find_session, insert_session, touch_session
from appliance.store.users import find_user_by_id, update_device

TOKEN_BYTES = 32
TOUCH_EVERY = timedelta(minutes=1)  # spares a write on every request of a busy sync


def token_hash(token: str) -> str:
    """What is stored for a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(store: Store, user_id: int, device_id: str, *, idle_days: int, now: datetime) -> tuple[str, datetime]:
    """Start a session; returns the token (shown once, never stored) and its expiry."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires_at = now + timedelta(days=idle_days)
    insert_session(store, token_hash(token), user_id, device_id, created_at=iso(now),
                   expires_at=iso(expires_at), idle_days=idle_days)
    return token, expires_at


def resolve_session(store: Store, token: str, now: datetime | None = None) -> dict | None:
    """The session a token opens: {user, device_id, created_at, expires_at}; None when unknown or expired.

    Using a session pushes its expiry forward and updates the device's last_seen.
    """
    if not token:
        return None
    now = moment(now)
    digest = token_hash(token)
    session = find_session(store, digest)
    if session is None:
        return None
    if from_iso(session["expires_at"]) <= now:
        delete_session(store, digest)
        return None
    expires_at = session["expires_at"]
    if now - from_iso(session["last_used_at"]) >= TOUCH_EVERY:
        expires_at = iso(now + timedelta(days=session["idle_days"]))
        with store.write():
            touch_session(store, digest, last_used_at=iso(now), expires_at=expires_at)
            update_device(store, session["user_id"], session["device_id"], {"last_seen": iso(now)})
    user = find_user_by_id(store, session["user_id"])
    return {"user": public_user(user), "device_id": session["device_id"], "created_at": session["created_at"],
            "expires_at": expires_at}


def logout(store: Store, token: str) -> bool:
    """End the session of a token; False when there was none."""
    return bool(token) and delete_session(store, token_hash(token))
