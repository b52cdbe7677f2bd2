"""Device sync state: each user's visible sets, each device's last completed position, old data purged.

`sync_members` holds, per user, the customers, leads, articles and catalogs he may see,
as change-tracked rows like the ERP tables: `seq` is the number (from the ERP's global
change sequence) at which the member joined or left, `removed` keeps a member that left
as a tombstone, so a device's delta can list the keys of the rows it must drop.
`sync_users` remembers what each user's sets were computed from; `sync_devices` the
position of each device's last completed pass over each table.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Iterable

from appliance.store.db import Row, Store, current_counter, next_counter, quote
from appliance.store.erp import SEQ_COUNTER

RESTORE_FLOOR = "erp_seq_restore_floor"
from appliance.store.migrations import migration, run_script
from appliance.store.sync_indexes import create_indexes

Member = tuple[str, int, str]  # (company, party type, code)


@migration("0201", "device sync: per-user visible sets, their inputs, device positions")
def _sync_tables(conn: sqlite3.Connection) -> None:
    run_script(conn, """
        CREATE TABLE sync_members (
            user_id    INTEGER NOT NULL,
            kind       TEXT NOT NULL,
            company    TEXT NOT NULL DEFAULT '',
            ctype      INTEGER NOT NULL DEFAULT 0,
            code       TEXT NOT NULL,
            seq        INTEGER NOT NULL,
            removed    INTEGER NOT NULL DEFAULT 0,
            changed_at TEXT NOT NULL,
            PRIMARY KEY (user_id, kind, company, ctype, code)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX sync_members_seq ON sync_members(user_id, kind, seq);
        CREATE TABLE sync_users (
            user_id      INTEGER PRIMARY KEY,
            inputs       TEXT NOT NULL,
            signatures   TEXT NOT NULL,
            refreshed_at TEXT NOT NULL
        );
        CREATE TABLE sync_devices (
            user_id      INTEGER NOT NULL,
            device_id    TEXT NOT NULL,
            table_name   TEXT NOT NULL,
            position     INTEGER NOT NULL,
            signature    TEXT NOT NULL,
            completed_at TEXT NOT NULL,
            PRIMARY KEY (user_id, device_id, table_name)
        );
    """)


@migration("0202", "device sync: scope indexes on the ERP tables loaded so far")
def _scope_indexes(conn: sqlite3.Connection) -> None:
    tables = [row[0] for row in conn.execute("SELECT name FROM erp_tables")]
    for table in tables:
        create_indexes(conn, table)


# -- per-user visible sets ---------------------------------------------------------------


def user_state(store: Store, user_id: int) -> Row | None:
    """What a user's sets were last computed from: {inputs, signatures} (decoded), or None."""
    row = store.query_one("SELECT inputs, signatures, refreshed_at FROM sync_users WHERE user_id = ?", (user_id,))
    if row:
        row["inputs"] = json.loads(row["inputs"])
        row["signatures"] = json.loads(row["signatures"])
    return row


def save_user_state(conn: sqlite3.Connection, user_id: int, inputs: dict, signatures: dict, at: str) -> None:
    conn.execute("INSERT INTO sync_users(user_id, inputs, signatures, refreshed_at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT(user_id) DO UPDATE SET inputs = excluded.inputs, "
                 "signatures = excluded.signatures, refreshed_at = excluded.refreshed_at",
                 (user_id, json.dumps(inputs, sort_keys=True), json.dumps(signatures, sort_keys=True), at))


def live_members(conn: sqlite3.Connection, user_id: int, kind: str) -> set[Member]:
    rows = conn.execute("SELECT company, ctype, code FROM sync_members WHERE user_id = ? AND kind = ? "
                        "AND removed = 0", (user_id, kind))
    return {tuple(row) for row in rows}


def clear_members(conn: sqlite3.Connection, user_id: int, kind: str) -> None:
    """Forget a user's set of one kind entirely (its devices resync those tables in full)."""
    conn.execute("DELETE FROM sync_members WHERE user_id = ? AND kind = ?", (user_id, kind))


def change_members(conn: sqlite3.Connection, user_id: int, kind: str, added: Iterable[Member],
                   removed: Iterable[Member], at: str) -> int:
    """Record members joining and leaving, each with its own change number; returns how many changed."""
    added, removed = sorted(added), sorted(removed)
    total = len(added) + len(removed)
    if not total:
        return 0
    seq = next_counter(conn, SEQ_COUNTER, total)
    conn.executemany(
        "INSERT INTO sync_members(user_id, kind, company, ctype, code, seq, removed, changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT DO UPDATE SET seq = excluded.seq, removed = 0, "
        "changed_at = excluded.changed_at",
        [(user_id, kind, *member, seq + i, at) for i, member in enumerate(added)])
    conn.executemany(
        "UPDATE sync_members SET removed = 1, seq = ?, changed_at = ? "
        "WHERE user_id = ? AND kind = ? AND company = ? AND ctype = ? AND code = ?",
        [(seq + len(added) + i, at, user_id, kind, *member) for i, member in enumerate(removed)])
    return total


def first_member_seq(conn: sqlite3.Connection, user_id: int, kinds: Iterable[str]) -> int | None:
    """The lowest change number among a user's current members of these kinds."""
    values = [conn.execute("SELECT min(seq) FROM sync_members WHERE user_id = ? AND kind = ? AND removed = 0",
                           (user_id, kind)).fetchone()[0] for kind in kinds]
    values = [v for v in values if v is not None]
    return min(values) if values else None


# -- what the sets are computed from --------------------------------------------------------


def table_versions(conn: sqlite3.Connection, tables: Iterable[str]) -> dict[str, int]:
    """The last change number of each loaded table among `tables`."""
    names = list(tables)
    marks = ", ".join("?" for _ in names)
    rows = conn.execute(f"SELECT name, last_seq FROM erp_tables WHERE name IN ({marks})", names)
    return {name: seq for name, seq in rows}


def loaded_tables(conn: sqlite3.Connection) -> dict[str, Row]:
    """Every ERP table loaded so far: name -> {columns, last_seq, live_rows}."""
    rows = conn.execute("SELECT name, columns, last_seq, live_rows FROM erp_tables")
    return {name: {"columns": [tuple(c) for c in json.loads(columns)], "last_seq": last_seq, "live_rows": live}
            for name, columns, last_seq, live in rows}


def current_position(conn: sqlite3.Connection) -> int:
    """The newest change number handed out (read inside the caller's transaction)."""
    return current_counter(conn, SEQ_COUNTER)


def seq_reached_before(conn: sqlite3.Connection, cutoff: str) -> int:
    """The highest change number committed by imports that finished before `cutoff` (ISO time), or the
    start of the timeline a restore began, if later: cursors older than that get no delta."""
    value = conn.execute("SELECT max(seq_to) FROM import_log WHERE finished_at < ? AND seq_to IS NOT NULL",
                         (cutoff,)).fetchone()[0]
    return max(value or 0, current_counter(conn, RESTORE_FLOOR))


def start_new_timeline(conn: sqlite3.Connection, replaced_top: int) -> int:
    """After a restore: change numbers go on past `replaced_top` (the replaced database's newest), and
    every cursor handed out before (at most `replaced_top`) is refused with 410, so devices resync in full
    instead of applying deltas of another history. Returns the first number of the new timeline."""
    start = max(current_counter(conn, SEQ_COUNTER), replaced_top) + 1
    for name in (SEQ_COUNTER, RESTORE_FLOOR):
        conn.execute("INSERT INTO _counters(name, value) VALUES (?, ?) "
                     "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (name, start))
    return start


def _query_members(conn: sqlite3.Connection, sql: str, params: tuple) -> set[Member]:
    return {(company, int(ctype or 0), code) for company, ctype, code in conn.execute(sql, params)}


def _exists(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM erp_tables WHERE name = ?", (table,)).fetchone() is not None


def agent_customers(conn: sqlite3.Connection, agent: str, code: str | None = None) -> set[Member]:
    """An agent's customers: his links in io_clifor_age, plus template customers no other agent owns.

    With `code`, only the customers with that code (whether one customer is the agent's).
    """
    found: set[Member] = set()
    only = " AND g.COD_CLIFOR = ?" if code is not None else ""
    only_params = (code,) if code is not None else ()
    if _exists(conn, "io_clifor_age"):
        found |= _query_members(conn, (
            "SELECT coalesce(g.COD_DITTA, ''), 0, g.COD_CLIFOR FROM io_clifor_age AS g WHERE g._deleted = 0 "
            "AND g.COD_AGE = ? AND g.COD_CLIFOR IS NOT NULL AND coalesce(g.TIPO_CLIFOR, 0) = 0" + only),
            (agent, *only_params))
    if _exists(conn, "io_clifor_gen"):
        others = ("AND NOT EXISTS (SELECT 1 FROM io_clifor_age AS a WHERE a._deleted = 0 "
                  "AND a.COD_CLIFOR = g.COD_CLIFOR AND coalesce(a.COD_DITTA, '') = coalesce(g.COD_DITTA, '') "
                  "AND coalesce(a.TIPO_CLIFOR, 0) = 0 AND a.COD_AGE IS NOT ?)"
                  if _exists(conn, "io_clifor_age") else "AND ? IS NOT NULL")
        found |= _query_members(conn, (
            "SELECT coalesce(g.COD_DITTA, ''), 0, g.COD_CLIFOR FROM io_clifor_gen AS g WHERE g._deleted = 0 "
            "AND g.FLG_NEW_CLIFOR = -1 AND g.COD_CLIFOR IS NOT NULL AND coalesce(g.TIPO_CLIFOR, 0) = 0 " + others
            + only), (agent, *only_params))
    return found


def operator_leads(conn: sqlite3.Connection, operator: str) -> set[Member]:
    """The leads io_lead_accessi opens to an operator or to the operators under him (io_lead_acccrm)."""
    if not _exists(conn, "io_lead_accessi"):
        return set()
    may_view = "coalesce({}FLG_VISUALIZZA, '-1') NOT IN ('0', '')"
    under = ""
    if _exists(conn, "io_lead_acccrm"):
        under = (" OR a.COD_OPERATORE IN (SELECT h.COD_OPERATORE_FIGLIO FROM io_lead_acccrm AS h "
                 f"WHERE h._deleted = 0 AND h.COD_OPERATORE = :op AND {may_view.format('h.')})")
    return _query_members(conn, (
        "SELECT coalesce(a.COD_DITTA, ''), 0, a.COD_LEAD FROM io_lead_accessi AS a WHERE a._deleted = 0 "
        f"AND a.COD_LEAD IS NOT NULL AND {may_view.format('a.')} AND (a.COD_OPERATORE = :op{under})"),
        {"op": operator})


def agent_catalogs(conn: sqlite3.Connection, agent: str) -> set[Member]:
    """The catalogs io_cataloghi_agente gives an agent."""
    if not _exists(conn, "io_cataloghi_agente"):
        return set()
    return _query_members(conn, "SELECT coalesce(COD_DITTA, ''), 0, COD_CATALOGO FROM io_cataloghi_agente "
                                "WHERE _deleted = 0 AND COD_AGENTE = ? AND COD_CATALOGO IS NOT NULL", (agent,))


def catalog_articles(conn: sqlite3.Connection, catalogs: set[Member]) -> set[Member]:
    """The articles of some catalogs (io_cataloghi_art, or io_taglie_cataloghi_art under its documented name)."""
    found: set[Member] = set()
    for table in ("io_cataloghi_art", "io_taglie_cataloghi_art"):
        if not _exists(conn, table):
            continue
        for company, _, catalog in catalogs:
            found |= _query_members(conn, (
                f"SELECT coalesce(COD_DITTA, ''), 0, COD_ARTICOLO FROM {quote(table)} WHERE _deleted = 0 "
                "AND COD_CATALOGO = ? AND coalesce(COD_DITTA, '') = ? AND COD_ARTICOLO IS NOT NULL"),
                (catalog, company))
    return found


# -- devices ----------------------------------------------------------------------------------


def device_positions(store: Store, user_id: int, device_id: str) -> dict[str, Row]:
    """Each table's last completed position for a device: table -> {position, signature, completed_at}."""
    rows = store.query("SELECT table_name, position, signature, completed_at FROM sync_devices "
                       "WHERE user_id = ? AND device_id = ?", (user_id, device_id))
    return {row.pop("table_name"): row for row in rows}


def save_device_position(store: Store, user_id: int, device_id: str, table: str, position: int,
                         signature: str, at: str) -> None:
    """Remember that a device completed a pass over a table up to `position`."""
    with store.write() as conn:
        conn.execute(
            "INSERT INTO sync_devices(user_id, device_id, table_name, position, signature, completed_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(user_id, device_id, table_name) DO UPDATE SET "
            "position = excluded.position, signature = excluded.signature, completed_at = excluded.completed_at",
            (user_id, device_id, table, position, signature, at))


def forget_device_positions(store: Store, user_id: int, device_id: str, table: str | None = None) -> int:
    """Drop a device's positions (one table or all): its next sync of them is a full one."""
    where, params = "user_id = ? AND device_id = ?", [user_id, device_id]
    if table:
        where += " AND table_name = ?"
        params.append(table)
    with store.write() as conn:
        return conn.execute(f"DELETE FROM sync_devices WHERE {where}", params).rowcount


# -- purging what no device needs any more ------------------------------------------------------


def purge_before(store: Store, horizon: int, tables: Iterable[str]) -> int:
    """Delete tombstones and departed members with change numbers up to `horizon`; returns how many."""
    purged = 0
    with store.write() as conn:
        for table in tables:
            purged += conn.execute(f"DELETE FROM {quote(table)} WHERE _deleted = 1 AND _seq <= ?",
                                   (horizon,)).rowcount
        purged += conn.execute("DELETE FROM sync_members WHERE removed = 1 AND seq <= ?", (horizon,)).rowcount
    return purged
