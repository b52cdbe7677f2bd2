"""Parameter values: the project's, and each user's overrides. Values are stored as JSON text."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from appliance.store.db import Store
from appliance.store.migrations import migration, run_script


@migration("0130", "project parameters and per-user overrides")
def _params_tables(conn: sqlite3.Connection) -> None:
    run_script(conn, """
        CREATE TABLE project_params (
            key        TEXT PRIMARY KEY,
            value      TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE user_params (
            user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            key        TEXT NOT NULL,
            value      TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (user_id, key)
        );
    """)


def project_values(store: Store) -> dict[str, Any]:
    """The parameters set for the project, by key."""
    return {row["key"]: json.loads(row["value"]) for row in store.query("SELECT key, value FROM project_params")}


def user_values(store: Store, user_id: int) -> dict[str, Any]:
    """A user's overrides, by key."""
    rows = store.query("SELECT key, value FROM user_params WHERE user_id = ?", (user_id,))
    return {row["key"]: json.loads(row["value"]) for row in rows}


def put_project_value(store: Store, key: str, value: Any, at: str) -> None:
    """Set a project parameter."""
    with store.write():
        store.execute("INSERT INTO project_params(key, value, updated_at) VALUES (?, ?, ?) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                      (key, json.dumps(value), at))


def put_user_value(store: Store, user_id: int, key: str, value: Any, at: str) -> None:
    """Set a user's override."""
    with store.write():
        store.execute("INSERT INTO user_params(user_id, key, value, updated_at) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT(user_id, key) DO UPDATE SET value = excluded.value, "
                      "updated_at = excluded.updated_at", (user_id, key, json.dumps(value), at))


def delete_project_value(store: Store, key: str) -> bool:
    """Return a project parameter to its default; False when it was not set."""
    with store.write():
        return store.execute("DELETE FROM project_params WHERE key = ?", (key,)).rowcount > 0


def delete_user_value(store: Store, user_id: int, key: str) -> bool:
    """Remove a user's override; False when there was none."""
    with store.write():
        return store.execute("DELETE FROM user_params WHERE user_id = ? AND key = ?", (user_id, key)).rowcount > 0
