"""Saving the parameters form of the console: only what changed, all checked before any is stored."""

from __future__ import annotations

from datetime import datetime
from typing import Mapping

from appliance.accounts import list_params, set_param
from appliance.accounts.params import param, parse_value
from appliance.errors import InvalidInputError
from appliance.store.db import Store


def save_params(store: Store, submitted: Mapping[str, str], username: str | None = None,
                now: datetime | None = None) -> list[str]:
    """Set each submitted parameter whose value differs from the one in force; returns the keys set.

    `submitted` maps keys to their text (as a form sends them). With `username`, the
    values are that user's overrides. Nothing is stored when any value is invalid.
    """
    current = {row["key"]: row["value"] for row in list_params(store, username)}
    definitions = [param(key) for key in submitted]
    if username is not None:
        shared = [d.key for d in definitions if not d.user_override]
        if shared:
            raise InvalidInputError(f"{', '.join(shared)} apply to the whole project and cannot be set per user.")
    wanted = {d.key: parse_value(d, submitted[d.key]) for d in definitions}
    changed = [key for key, value in wanted.items() if value != current[key]]
    for key in changed:
        set_param(store, key, str(wanted[key]).lower() if isinstance(wanted[key], bool) else str(wanted[key]),
                  username, now)
    return changed
