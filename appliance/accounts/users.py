"""Device users: adding, changing, disabling, listing; each active user takes a seat.

Console administrators are not device users and live elsewhere. Activating a user
(adding an active one, `active=true`, or moving an active one to another profile)
is refused when no seat is left in its pool; disabling a user or changing its
password ends its sessions on every device.
"""

from __future__ import annotations

import difflib
import logging
import re
import unicodedata
from datetime import datetime
from typing import Any, Mapping

from appliance.accounts.passwords import check_new_password, hash_password
from appliance.clock import iso, moment
from appliance.errors import ConflictError, InvalidInputError, NotFoundError
from appliance.licensing.profiles import DEFAULT_PROFILE, check_profile
from appliance.licensing.seats import SeatPlan
from appliance.licensing.state import current_license
from appliance.settings import Settings
from appliance.store.db import Row, Store
from appliance.store.sessions import delete_user_sessions
from appliance.store.users import (active_users, all_users, find_user, insert_user, stamp_activation,
                                   update_user)

log = logging.getLogger(__name__)

USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
TEXT_LIMITS = {"display_name": 100, "email": 254, "agent_code": 40, "operator_code": 40, "customer_code": 40}
# Names accepted by `users set NAME key=value`, with the short forms the `users add` flags use.
EDITABLE = {"display_name": "display_name", "email": "email", "agent_code": "agent_code", "agent": "agent_code",
            "operator_code": "operator_code", "operator": "operator_code", "customer_code": "customer_code",
            "customer": "customer_code", "profile": "profile", "active": "active"}
PUBLIC_FIELDS = ("username", "display_name", "email", "agent_code", "operator_code", "customer_code", "profile",
                 "active", "activated_at", "created_at", "updated_at")
_TRUE, _FALSE = {"true", "yes", "1", "on"}, {"false", "no", "0", "off"}


class SeatLimitError(ConflictError):
    """No seat is left for one more active user; the message gives the numbers and the way out."""

    title = "No seat available"

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def add_user(store: Store, settings: Settings, username: str, password: str, *, profile: str = DEFAULT_PROFILE,
             active: bool = True, now: datetime | None = None, **details: str) -> dict:
    """Create a device user. `details`: display_name, email, agent_code, operator_code, customer_code."""
    username = check_username(username)
    unknown = set(details) - set(TEXT_LIMITS)
    if unknown:
        raise TypeError(f"add_user() got unknown details: {', '.join(sorted(unknown))}")
    fields = {column: check_field(column, value) for column, value in details.items()}
    fields["profile"] = check_field("profile", profile)
    password_hash = hash_password(check_new_password(password), settings.password_hash_cost)
    now = moment(now)
    plan = current_license(store, settings, now).plan if active else None
    with store.write():
        if find_user(store, username):
            raise ConflictError(f"User '{username}' already exists. Change it with: "
                                f"appliance users set {username} key=value")
        if plan:
            _check_seat(store, plan, fields["profile"], user_id=None)
        insert_user(store, {**fields, "username": username, "password_hash": password_hash,
                            "active": int(active), "created_at": iso(now), "updated_at": iso(now)})
    log.info("user %s added (profile %s%s)", username, fields["profile"], "" if active else ", disabled")
    return get_user(store, username)


def set_user(store: Store, settings: Settings, username: str, changes: Mapping[str, Any],
             now: datetime | None = None) -> dict:
    """Change a user's details, profile or active flag (keys of EDITABLE)."""
    user = require_user(store, username)
    fields = {}
    for key, value in changes.items():
        column = EDITABLE.get(key)
        if column is None:
            close = difflib.get_close_matches(key, list(EDITABLE), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise InvalidInputError(f"'{key}' is not something a user has.{hint} "
                                    f"Use one of: {', '.join(EDITABLE)}.")
        fields[column] = check_field(column, value)
    now = moment(now)
    active_after = fields.get("active", user["active"])
    takes_seat = active_after and (not user["active"] or fields.get("profile", user["profile"]) != user["profile"])
    plan = current_license(store, settings, now).plan if takes_seat else None
    with store.write():
        if plan:
            _check_seat(store, plan, fields.get("profile", user["profile"]), user_id=user["id"])
        update_user(store, user["id"], {**fields, "updated_at": iso(now)})
        if takes_seat:
            stamp_activation(store, user["id"], iso(now))
        if user["active"] and not active_after:
            delete_user_sessions(store, user["id"])
    log.info("user %s changed: %s", user["username"], ", ".join(sorted(fields)))
    return get_user(store, user["username"])


def disable_user(store: Store, username: str, now: datetime | None = None) -> dict:
    """Deactivate a user: its seat is freed and its sessions end (devices stay bound)."""
    user = require_user(store, username)
    with store.write():
        update_user(store, user["id"], {"active": 0, "updated_at": iso(moment(now))})
        ended = delete_user_sessions(store, user["id"])
    log.info("user %s disabled (%d sessions ended)", user["username"], ended)
    return get_user(store, user["username"])


def set_password(store: Store, settings: Settings, username: str, password: str,
                 now: datetime | None = None) -> None:
    """Give a user a new password; its devices must log in again."""
    user = require_user(store, username)
    password_hash = hash_password(check_new_password(password), settings.password_hash_cost)
    with store.write():
        update_user(store, user["id"], {"password_hash": password_hash, "updated_at": iso(moment(now))})
        delete_user_sessions(store, user["id"])
    log.info("password of user %s changed", user["username"])


def get_user(store: Store, username: str) -> dict:
    """A user's public fields (never the password hash)."""
    return public_user(require_user(store, username))


def list_users(store: Store, settings: Settings, now: datetime | None = None) -> list[dict]:
    """Every user with its device count and `seat`: True, False (active without a seat), None (inactive)."""
    pools = current_license(store, settings, now).plan.allocate(active_users(store))
    seated = {name for pool in pools.values() for name in pool.holders}
    return [{**public_user(row), "devices": row["devices"],
             "seat": (row["username"] in seated) if row["active"] else None} for row in all_users(store)]


def require_user(store: Store, username: str) -> Row:
    """The stored user, or NotFoundError saying how to list them."""
    user = find_user(store, (username or "").strip())
    if user is None:
        raise NotFoundError(f"There is no user '{username}'. List the users with: appliance users list")
    return user


def public_user(row: Mapping) -> dict:
    """The fields of a user that may be shown."""
    user = {name: row[name] for name in PUBLIC_FIELDS}
    user["active"] = bool(user["active"])
    return user


def check_username(username: str) -> str:
    """A valid user name, or InvalidInputError with the rule."""
    username = (username or "").strip()
    if not USERNAME.fullmatch(username):
        raise InvalidInputError(f"User name '{username}' is not valid: use 1 to 64 letters, digits, '.', '_', "
                                "'-' or '@', starting with a letter or a digit.")
    return username


def check_field(column: str, value: Any) -> Any:
    """A user column's value, checked and normalised; InvalidInputError names the field."""
    if column == "active":
        return _flag(value)
    text = str(value).strip()
    if column == "profile":
        try:
            return check_profile(text)
        except ValueError as exc:
            raise InvalidInputError(f"Profile: {exc}.") from None
    limit = TEXT_LIMITS[column]
    if len(text) > limit:
        raise InvalidInputError(f"{column} is too long ({len(text)} characters; at most {limit}).")
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise InvalidInputError(f"{column} contains control characters; use plain text.")
    if column == "email" and text and not EMAIL.fullmatch(text):
        raise InvalidInputError(f"'{text}' is not an email address (like name@example.com).")
    return text


def _flag(value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    text = str(value).strip().lower()
    if text in _TRUE | _FALSE:
        return int(text in _TRUE)
    raise InvalidInputError(f"active must be true or false, not '{value}'.")


def _check_seat(store: Store, plan: SeatPlan, profile: str, user_id: int | None) -> None:
    others = [row for row in active_users(store) if row["id"] != user_id]
    pools = plan.allocate(others)
    pool = pools[plan.pool(profile)]
    if pool.active >= pool.licensed:
        raise SeatLimitError(plan.activation_refused(pool), "evaluation_limit" if plan.evaluation else "no_seat")

