"""The devices bound to each user: the first `devices_per_user` device ids that log in.

One more device is refused until an operator forgets one (`appliance users
forget-device NAME DEVICE_ID`), which also ends that device's sessions.
"""

from __future__ import annotations

import logging
from datetime import datetime

from appliance.accounts.users import require_user
from appliance.clock import iso, moment
from appliance.errors import NotFoundError
from appliance.store.db import Store
from appliance.store.users import delete_device, find_device, insert_device, update_device, user_devices

log = logging.getLogger(__name__)


def list_devices(store: Store, username: str) -> list[dict]:
    """A user's devices: device_id, name, app_version, first_seen, last_seen, last_sync."""
    return user_devices(store, require_user(store, username)["id"])


def forget_device(store: Store, username: str, device_id: str) -> None:
    """Unbind a device from a user and end its sessions; the slot is free for another device."""
    user = require_user(store, username)
    if not delete_device(store, user["id"], device_id):
        bound = ", ".join(d["device_id"] for d in user_devices(store, user["id"])) or "none"
        raise NotFoundError(f"User '{user['username']}' has no device '{device_id}' (bound: {bound}). "
                            f"See them with: appliance users devices {user['username']}")
    log.info("device %s of user %s forgotten", device_id, user["username"])


def admit_device(store: Store, user_id: int, device_id: str, *, name: str, app_version: str, limit: int,
                 now: datetime) -> str | None:
    """Bind the device (or note that it was seen); a refusal message when `limit` others are bound."""
    at = iso(now)
    with store.write():
        if find_device(store, user_id, device_id):
            update_device(store, user_id, device_id, {"name": name, "app_version": app_version, "last_seen": at})
            return None
        bound = user_devices(store, user_id)
        if len(bound) >= limit:
            names = ", ".join(d["name"] or d["device_id"] for d in bound)
            return (f"This user already uses {len(bound)} devices ({names}), the most the license allows. "
                    "Ask the administrator to remove one: appliance users forget-device USER DEVICE_ID")
        insert_device(store, user_id, device_id, {"name": name, "app_version": app_version, "first_seen": at,
                                                  "last_seen": at})
    return None


def record_sync(store: Store, username: str, device_id: str, now: datetime | None = None) -> None:
    """Note that a device finished a sync (shown in `appliance users devices`)."""
    user = require_user(store, username)
    at = iso(moment(now))
    update_device(store, user["id"], device_id, {"last_sync": at, "last_seen": at})
