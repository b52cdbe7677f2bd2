"""Device users and the devices bound to them.

A user's `activation_seq` orders activations (a counter, so ties are impossible):
when a license has fewer seats than active users, the latest activated lose theirs.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from appliance.store.db import Row, Store, next_counter, quote
from appliance.store.migrations import migration, run_script

USER_COLUMNS = ("username", "display_name", "email", "password_hash", "agent_code", "operator_code",
                "customer_code", "profile", "active", "created_at", "updated_at")
DEVICE_COLUMNS = ("name", "app_version", "first_seen", "last_seen", "last_sync")
_LIST_COLUMNS = ("id, username, display_name, email, agent_code, operator_code, customer_code, profile, "
                 "active, activated_at, activation_seq, created_at, updated_at")


@migration("0110", "device users and their devices")
def _users_tables(conn: sqlite3.Connection) -> None:
    run_script(conn, """
        CREATE TABLE users (
            id             INTEGER PRIMARY KEY,
            username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name   TEXT NOT NULL DEFAULT '',
            email          TEXT NOT NULL DEFAULT '',
            password_hash  TEXT NOT NULL,
            agent_code     TEXT NOT NULL DEFAULT '',
            operator_code  TEXT NOT NULL DEFAULT '',
            customer_code  TEXT NOT NULL DEFAULT '',
            profile        TEXT NOT NULL,
            active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            activated_at   TEXT,
            activation_seq INTEGER,
            created_at     TEXT NOT NULL,
            updated_at     TEXT NOT NULL
        );
        CREATE INDEX users_active ON users(active, activation_seq);
        CREATE TABLE devices (
            user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            device_id   TEXT NOT NULL,
            name        TEXT NOT NULL DEFAULT '',
            app_version TEXT NOT NULL DEFAULT '',
            first_seen  TEXT NOT NULL,
            last_seen   TEXT NOT NULL,
            last_sync   TEXT,
            PRIMARY KEY (user_id, device_id)
        );
    """)


def insert_user(store: Store, fields: dict[str, Any]) -> int:
    """Add a user (fields from USER_COLUMNS); an active one is stamped as activated now."""
    names = [name for name in USER_COLUMNS if name in fields]
    with store.write():
        user_id = store.execute(
            f"INSERT INTO users({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
            [fields[name] for name in names]).lastrowid
        if fields.get("active"):
            stamp_activation(store, user_id, fields["created_at"])
    return user_id


def update_user(store: Store, user_id: int, fields: dict[str, Any]) -> None:
    """Change some of a user's columns (names from USER_COLUMNS)."""
    _update(store, "users", USER_COLUMNS, fields, "id = ?", (user_id,))


def stamp_activation(store: Store, user_id: int, at: str) -> None:
    """Record that the user takes a seat now: it goes to the end of the activation order."""
    with store.write() as conn:
        seq = next_counter(conn, "user_activation")
        conn.execute("UPDATE users SET activated_at = ?, activation_seq = ? WHERE id = ?", (at, seq, user_id))


def find_user(store: Store, username: str) -> Row | None:
    """A user by name (any letter case), with the password hash."""
    return store.query_one(f"SELECT {_LIST_COLUMNS}, password_hash FROM users WHERE username = ?", (username,))


def find_user_by_id(store: Store, user_id: int) -> Row | None:
    """A user by id, without the password hash."""
    return store.query_one(f"SELECT {_LIST_COLUMNS} FROM users WHERE id = ?", (user_id,))


def all_users(store: Store) -> list[Row]:
    """Every user, by name, with the number of bound devices, their latest sync and the latest accepted device
    login (`last_seen`; no password hashes)."""
    return store.query(f"SELECT {_LIST_COLUMNS}, "
                       "(SELECT COUNT(*) FROM devices d WHERE d.user_id = users.id) AS devices, "
                       "(SELECT MAX(d.last_sync) FROM devices d WHERE d.user_id = users.id) AS last_sync, "
                       "(SELECT MAX(a.at) FROM access_log a WHERE a.username = users.username AND a.result = 'ok') "
                       "AS last_seen "
                       "FROM users ORDER BY username")


def active_users(store: Store) -> list[Row]:
    """The active users in activation order (earliest first)."""
    return store.query("SELECT id, username, profile, activation_seq FROM users "
                       "WHERE active = 1 ORDER BY activation_seq, id")


def user_devices(store: Store, user_id: int) -> list[Row]:
    """A user's devices, first bound first."""
    return store.query("SELECT device_id, name, app_version, first_seen, last_seen, last_sync "
                       "FROM devices WHERE user_id = ? ORDER BY first_seen, device_id", (user_id,))


def find_device(store: Store, user_id: int, device_id: str) -> Row | None:
    """One of a user's devices."""
    return store.query_one("SELECT device_id, name, app_version, first_seen, last_seen, last_sync "
                           "FROM devices WHERE user_id = ? AND device_id = ?", (user_id, device_id))


def insert_device(store: Store, user_id: int, device_id: str, fields: dict[str, Any]) -> None:
    """Bind a device to a user (fields from DEVICE_COLUMNS)."""
    names = [name for name in DEVICE_COLUMNS if name in fields]
    with store.write():
        store.execute(f"INSERT INTO devices(user_id, device_id, {', '.join(names)}) "
                      f"VALUES (?, ?, {', '.join('?' for _ in names)})",
                      [user_id, device_id, *(fields[name] for name in names)])


def update_device(store: Store, user_id: int, device_id: str, fields: dict[str, Any]) -> None:
    """Change some of a device's columns (names from DEVICE_COLUMNS)."""
    _update(store, "devices", DEVICE_COLUMNS, fields, "user_id = ? AND device_id = ?", (user_id, device_id))


def delete_device(store: Store, user_id: int, device_id: str) -> bool:
    """Unbind a device (its sessions go with it). False when it was not bound."""
    with store.write():
        return store.execute("DELETE FROM devices WHERE user_id = ? AND device_id = ?",
                             (user_id, device_id)).rowcount > 0


def _update(store: Store, table: str, allowed: tuple[str, ...], fields: dict[str, Any],
            where: str, where_params: tuple) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"not {table} columns: {', '.join(sorted(unknown))}")
    assignments = ", ".join(f"{quote(name)} = ?" for name in fields)
    with store.write():
        store.execute(f"UPDATE {table} SET {assignments} WHERE {where}", [*fields.values(), *where_params])
