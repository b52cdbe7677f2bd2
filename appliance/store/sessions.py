"""Device sessions (only the SHA-256 of each token is stored) and the login access log."""

from __future__ import annotations

import sqlite3
from typing import Any

from appliance.store.db import Row, Store
from appliance.store.migrations import migration, run_script

ACCESS_COLUMNS = ("at", "username", "device_id", "device_name", "app_version", "address", "result", "reason")


@migration("0120", "device sessions and the login access log")
def _sessions_tables(conn: sqlite3.Connection) -> None:
    run_script(conn, """
        CREATE TABLE sessions (
            token_hash   TEXT PRIMARY KEY,
            user_id      INTEGER NOT NULL,
            device_id    TEXT NOT NULL,
            created_at   TEXT NOT NULL,
            last_used_at TEXT NOT NULL,
            expires_at   TEXT NOT NULL,
            idle_days    INTEGER NOT NULL,
            FOREIGN KEY (user_id, device_id) REFERENCES devices(user_id, device_id) ON DELETE CASCADE
        );
        CREATE INDEX sessions_device ON sessions(user_id, device_id);
        CREATE INDEX sessions_expiry ON sessions(expires_at);
        CREATE TABLE access_log (
            id          INTEGER PRIMARY KEY,
            at          TEXT NOT NULL,
            username    TEXT NOT NULL COLLATE NOCASE,
            device_id   TEXT NOT NULL DEFAULT '',
            device_name TEXT NOT NULL DEFAULT '',
            app_version TEXT NOT NULL DEFAULT '',
            address     TEXT NOT NULL DEFAULT '',
            result      TEXT NOT NULL CHECK (result IN ('ok', 'refused')),
            reason      TEXT
        );
        CREATE INDEX access_log_pair ON access_log(username, address, id);
        CREATE INDEX access_log_at ON access_log(at);
    """)


def insert_session(store: Store, token_hash: str, user_id: int, device_id: str, *, created_at: str,
                   expires_at: str, idle_days: int) -> None:
    """Record a new session."""
    with store.write():
        store.execute("INSERT INTO sessions(token_hash, user_id, device_id, created_at, last_used_at, "
                      "expires_at, idle_days) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      (token_hash, user_id, device_id, created_at, created_at, expires_at, idle_days))


def find_session(store: Store, token_hash: str) -> Row | None:
    """A session of an active user, by token hash."""
    return store.query_one(
        "SELECT s.token_hash, s.user_id, s.device_id, s.created_at, s.last_used_at, s.expires_at, s.idle_days "
        "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.active = 1",
        (token_hash,))


def touch_session(store: Store, token_hash: str, *, last_used_at: str, expires_at: str) -> None:
    """Note that a session was used, pushing its expiry forward."""
    with store.write():
        store.execute("UPDATE sessions SET last_used_at = ?, expires_at = ? WHERE token_hash = ?",
                      (last_used_at, expires_at, token_hash))


def delete_session(store: Store, token_hash: str) -> bool:
    """End one session; False when there was none."""
    with store.write():
        return store.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,)).rowcount > 0


def delete_user_sessions(store: Store, user_id: int) -> int:
    """End every session of a user; returns how many."""
    with store.write():
        return store.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,)).rowcount


def delete_expired_sessions(store: Store, now: str) -> int:
    """Remove sessions that expired before `now`."""
    with store.write():
        return store.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,)).rowcount


def log_attempt(store: Store, fields: dict[str, Any]) -> None:
    """Append one login attempt to the access log (fields from ACCESS_COLUMNS)."""
    with store.write():
        store.execute(f"INSERT INTO access_log({', '.join(ACCESS_COLUMNS)}) "
                      f"VALUES ({', '.join('?' for _ in ACCESS_COLUMNS)})",
                      [fields.get(name, "") for name in ACCESS_COLUMNS])


def prune_access_log(store: Store, before: str) -> int:
    """Remove access log rows older than `before`."""
    with store.write():
        return store.execute("DELETE FROM access_log WHERE at < ?", (before,)).rowcount


def failures_since(store: Store, username: str, address: str, since: str) -> list[str]:
    """Times of wrong-password attempts by a user from an address since `since`, after its last success."""
    rows = store.query(
        "SELECT at FROM access_log WHERE username = ? AND address = ? AND at >= ? "
        "AND reason = 'bad_credentials' AND id > COALESCE((SELECT MAX(id) FROM access_log "
        "WHERE username = ? AND address = ? AND result = 'ok'), 0) ORDER BY id",
        (username, address, since, username, address))
    return [row["at"] for row in rows]


def address_failures_since(store: Store, address: str, since: str) -> list[str]:
    """Times of wrong-password attempts from an address since `since`, whatever the user name."""
    rows = store.query("SELECT at FROM access_log WHERE at >= ? AND address = ? AND reason = 'bad_credentials' "
                       "ORDER BY id", (since, address))
    return [row["at"] for row in rows]


def access_log(store: Store, *, username: str | None = None, limit: int = 100) -> list[Row]:
    """The latest login attempts, newest first, optionally for one user."""
    where, params = ("WHERE username = ?", [username]) if username else ("", [])
    return store.query(f"SELECT id, {', '.join(ACCESS_COLUMNS)} FROM access_log {where} "
                       "ORDER BY id DESC LIMIT ?", [*params, limit])
