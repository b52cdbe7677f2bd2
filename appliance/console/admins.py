"""Console administrators: the people who sign in to the admin console.

They are not device users: they take no seat and cannot log in from the app. The
first one is created in the console itself with the one-time setup code (see
`setup`), or with `appliance admin add NAME --password-stdin`. The last active
administrator cannot be disabled, so the console always has a way in.
"""

from __future__ import annotations

import logging
from datetime import datetime

from appliance.accounts.passwords import check_new_password, hash_password
from appliance.accounts.users import check_username
from appliance.clock import iso, moment
from appliance.errors import ConflictError, NotFoundError
from appliance.settings import Settings
from appliance.store.console import (all_admins, count_active_admins, delete_admin_sessions, find_admin,
                                     insert_admin, update_admin)
from appliance.store.db import Row, Store

log = logging.getLogger("appliance.console")


def add_admin(store: Store, settings: Settings, username: str, password: str, *, first: bool = False,
              now: datetime | None = None) -> dict:
    """Create an administrator. With `first`, refuse when one already exists (first-run setup)."""
    username = check_username(username)
    password_hash = hash_password(check_new_password(password), settings.password_hash_cost)
    at = iso(moment(now))
    with store.write():
        if first and all_admins(store):
            raise ConflictError("The console already has an administrator: sign in instead.")
        if find_admin(store, username):
            raise ConflictError(f"Administrator '{username}' already exists. Give it a new password with: "
                                f"appliance admin passwd {username} --password-stdin")
        insert_admin(store, {"username": username, "password_hash": password_hash, "active": 1,
                             "created_at": at, "updated_at": at})
    log.info("console administrator %s added", username)
    return get_admin(store, username)


def set_admin_password(store: Store, settings: Settings, username: str, password: str, *,
                       keep_session: str | None = None, now: datetime | None = None) -> None:
    """Give an administrator a new password; its sessions end, except the one hashed `keep_session`."""
    admin = require_admin(store, username)
    password_hash = hash_password(check_new_password(password), settings.password_hash_cost)
    with store.write():
        update_admin(store, admin["id"], {"password_hash": password_hash, "updated_at": iso(moment(now))})
        delete_admin_sessions(store, admin["id"], keep=keep_session)
    log.info("password of console administrator %s changed", admin["username"])


def set_admin_active(store: Store, username: str, active: bool, now: datetime | None = None) -> dict:
    """Enable or disable an administrator; disabling ends its sessions and is refused for the last one."""
    admin = require_admin(store, username)
    with store.write():
        if not active and admin["active"] and count_active_admins(store) <= 1:
            raise ConflictError(f"'{admin['username']}' is the only active administrator: add or enable "
                                "another one first, or nobody could sign in to the console.")
        update_admin(store, admin["id"], {"active": int(active), "updated_at": iso(moment(now))})
        if not active:
            delete_admin_sessions(store, admin["id"])
    log.info("console administrator %s %s", admin["username"], "enabled" if active else "disabled")
    return get_admin(store, admin["username"])


def list_admins(store: Store) -> list[dict]:
    """Every administrator: id, username, active, created_at, updated_at, last_sign_in_at."""
    return [_public(row) for row in all_admins(store)]


def get_admin(store: Store, username: str) -> dict:
    return _public(require_admin(store, username))


def has_admin(store: Store) -> bool:
    """Whether any administrator exists (else the console asks for first-run setup)."""
    return bool(all_admins(store))


def require_admin(store: Store, username: str) -> Row:
    """The stored administrator, or NotFoundError saying how to list them."""
    admin = find_admin(store, (username or "").strip())
    if admin is None:
        raise NotFoundError(f"There is no administrator '{username}'. List them with: appliance admin list")
    return admin


def _public(row: Row) -> dict:
    return {"id": row["id"], "username": row["username"], "active": bool(row["active"]),
            "created_at": row["created_at"], "updated_at": row["updated_at"],
            "last_sign_in_at": row["last_sign_in_at"]}
