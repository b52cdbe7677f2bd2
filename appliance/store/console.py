"""Console administrators, their browser sessions and the console's sign-in log.

Administrators are not device users: they sign in to the admin console only and take
no seat. A session is stored as the SHA-256 of its token; `flash` holds the one-shot
message shown on the next page.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from appliance.store.db import Row, Store, quote
from appliance.store.migrations import migration, run_script

ADMIN_COLUMNS = ("username", "password_hash", "active", "created_at", "updated_at", "last_sign_in_at")
SIGN_IN_COLUMNS = ("at", "username", "address", "result", "reason")
_PUBLIC_ADMIN = "id, username, active, created_at, updated_at, last_sign_in_at"


@migration("0501", "console administrators, sessions and sign-ins")
def _console_tables(conn: sqlite3.Connection) -> None:
    run_script(conn, """
        CREATE TABLE console_admins (
            id              INTEGER PRIMARY KEY,
            username        TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash   TEXT NOT NULL,
            active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at      TEXT NOT NULL,
            updated_at      TEXT NOT NULL,
            last_sign_in_at TEXT
        );
        CREATE TABLE console_sessions (
            token_hash   TEXT PRIMARY KEY,
            admin_id     INTEGER NOT NULL REFERENCES console_admins(id) ON DELETE CASCADE,
            created_at   TEXT NOT NULL,
            last_used_at TEXT NOT NULL,
            expires_at   TEXT NOT NULL,
            flash        TEXT
        );
        CREATE INDEX console_sessions_admin ON console_sessions(admin_id);
        CREATE TABLE console_sign_ins (
            id       INTEGER PRIMARY KEY,
            at       TEXT NOT NULL,
            username TEXT NOT NULL COLLATE NOCASE,
            address  TEXT NOT NULL DEFAULT '',
            result   TEXT NOT NULL CHECK (result IN ('ok', 'refused')),
            reason   TEXT
        );
        CREATE INDEX console_sign_ins_pair ON console_sign_ins(username, address, id);
        CREATE INDEX console_sign_ins_address ON console_sign_ins(address, id);
    """)


# -- administrators -------------------------------------------------------------------------

def insert_admin(store: Store, fields: dict[str, Any]) -> int:
    """Add an administrator (fields from ADMIN_COLUMNS); returns its id."""
    names = [name for name in ADMIN_COLUMNS if name in fields]
    with store.write():
        return store.execute(f"INSERT INTO console_admins({', '.join(names)}) "
                             f"VALUES ({', '.join('?' for _ in names)})", [fields[n] for n in names]).lastrowid


def update_admin(store: Store, admin_id: int, fields: dict[str, Any]) -> None:
    """Change some of an administrator's columns (names from ADMIN_COLUMNS)."""
    unknown = set(fields) - set(ADMIN_COLUMNS)
    if unknown:
        raise ValueError(f"not console_admins columns: {', '.join(sorted(unknown))}")
    assignments = ", ".join(f"{quote(name)} = ?" for name in fields)
    with store.write():
        store.execute(f"UPDATE console_admins SET {assignments} WHERE id = ?", [*fields.values(), admin_id])


def find_admin(store: Store, username: str) -> Row | None:
    """An administrator by name (any letter case), with the password hash."""
    return store.query_one(f"SELECT {_PUBLIC_ADMIN}, password_hash FROM console_admins WHERE username = ?",
                           (username,))


def all_admins(store: Store) -> list[Row]:
    """Every administrator by name, without password hashes."""
    return store.query(f"SELECT {_PUBLIC_ADMIN} FROM console_admins ORDER BY username")


def count_active_admins(store: Store) -> int:
    return store.scalar("SELECT COUNT(*) FROM console_admins WHERE active = 1")


# -- sessions -----------------------------------------------------------------------------

def insert_session(store: Store, token_hash: str, admin_id: int, *, created_at: str, expires_at: str) -> None:
    with store.write():
        store.execute("INSERT INTO console_sessions(token_hash, admin_id, created_at, last_used_at, expires_at) "
                      "VALUES (?, ?, ?, ?, ?)", (token_hash, admin_id, created_at, created_at, expires_at))


def find_session(store: Store, token_hash: str) -> Row | None:
    """A session of an active administrator, with the administrator's name."""
    return store.query_one(
        "SELECT s.token_hash, s.admin_id, s.created_at, s.last_used_at, s.expires_at, s.flash, a.username "
        "FROM console_sessions s JOIN console_admins a ON a.id = s.admin_id "
        "WHERE s.token_hash = ? AND a.active = 1", (token_hash,))


def touch_session(store: Store, token_hash: str, *, last_used_at: str, expires_at: str) -> None:
    with store.write():
        store.execute("UPDATE console_sessions SET last_used_at = ?, expires_at = ? WHERE token_hash = ?",
                      (last_used_at, expires_at, token_hash))


def set_session_flash(store: Store, token_hash: str, flash: str | None) -> None:
    """Store (or clear, with None) the message for the session's next page."""
    with store.write():
        store.execute("UPDATE console_sessions SET flash = ? WHERE token_hash = ?", (flash, token_hash))


def delete_session(store: Store, token_hash: str) -> bool:
    with store.write():
        return store.execute("DELETE FROM console_sessions WHERE token_hash = ?", (token_hash,)).rowcount > 0


def delete_admin_sessions(store: Store, admin_id: int, *, keep: str | None = None) -> int:
    """End an administrator's sessions, except the one whose hash is `keep`; returns how many."""
    with store.write():
        return store.execute("DELETE FROM console_sessions WHERE admin_id = ? AND token_hash IS NOT ?",
                             (admin_id, keep)).rowcount


def delete_expired_sessions(store: Store, now: str) -> int:
    with store.write():
        return store.execute("DELETE FROM console_sessions WHERE expires_at <= ?", (now,)).rowcount


# -- sign-in log --------------------------------------------------------------------------

def log_sign_in(store: Store, fields: dict[str, Any], *, prune_before: str) -> None:
    """Append one sign-in attempt (fields from SIGN_IN_COLUMNS) and drop rows older than `prune_before`."""
    with store.write():
        store.execute(f"INSERT INTO console_sign_ins({', '.join(SIGN_IN_COLUMNS)}) "
                      f"VALUES ({', '.join('?' for _ in SIGN_IN_COLUMNS)})",
                      [fields.get(name) for name in SIGN_IN_COLUMNS])
        store.execute("DELETE FROM console_sign_ins WHERE at < ?", (prune_before,))


def failure_times(store: Store, *, address: str, since: str, username: str | None = None,
                  reasons: tuple[str, ...]) -> list[str]:
    """Times of refused attempts for `reasons` from an address since `since`, oldest first.

    With a username: only that name's attempts, and only after its last success from there.
    """
    marks = ", ".join("?" for _ in reasons)
    if username is None:
        return [row["at"] for row in store.query(
            f"SELECT at FROM console_sign_ins WHERE address = ? AND at >= ? AND reason IN ({marks}) ORDER BY id",
            (address, since, *reasons))]
    return [row["at"] for row in store.query(
        f"SELECT at FROM console_sign_ins WHERE username = ? AND address = ? AND at >= ? AND reason IN ({marks}) "
        "AND id > COALESCE((SELECT MAX(id) FROM console_sign_ins WHERE username = ? AND address = ? "
        "AND result = 'ok'), 0) ORDER BY id", (username, address, since, *reasons, username, address))]


def recent_sign_ins(store: Store, limit: int = 100) -> list[Row]:
    """The latest console sign-in attempts, newest first."""
    return store.query(f"SELECT id, {', '.join(SIGN_IN_COLUMNS)} FROM console_sign_ins ORDER BY id DESC LIMIT ?",
                       (limit,))


# -- figures for the dashboard ----------------------------------------------------------------

def devices_synced_since(store: Store, since: str) -> int:
    """How many devices finished a sync at or after `since` (an ISO UTC time)."""
    return store.scalar("SELECT COUNT(*) FROM devices WHERE last_sync >= ?", (since,))


def last_device_sync(store: Store) -> str | None:
    """When a device last finished a sync (ISO UTC), None before the first."""
    return store.scalar("SELECT MAX(last_sync) FROM devices")


def stale_agents(store: Store, before: str) -> list[Row]:
    """Active users with a device whose latest sync (of any of their devices) is older than `before`, or who
    never synced: username, display_name, last_sync (None when never), oldest first."""
    return store.query(
        "SELECT u.username, u.display_name, MAX(d.last_sync) AS last_sync FROM users u "
        "JOIN devices d ON d.user_id = u.id WHERE u.active = 1 GROUP BY u.id "
        "HAVING MAX(d.last_sync) IS NULL OR MAX(d.last_sync) < ? ORDER BY MAX(d.last_sync), u.username", (before,))
