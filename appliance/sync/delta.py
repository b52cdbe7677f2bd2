"""Delta sync: one page of a table for a device, and the summary of every table it may receive.

A page is read in one read transaction, so an import committing meanwhile is either
wholly in it or wholly out of it; change numbers follow commit order, so the next page,
starting after the last change number returned, never skips a row and never repeats
one that did not change again. A pass that ends (`more` false) hands back a cursor at
the newest change number, and its position is remembered for the device: that is its
"last completed sync".
"""

from __future__ import annotations

import heapq
import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from operator import itemgetter

from appliance.clock import iso
from appliance.errors import ApplianceError, InvalidInputError, NotFoundError
from appliance.store.db import Store
from appliance.store.sync import (current_position, device_positions, first_member_seq, loaded_tables,
                                  save_device_position, seq_reached_before)
from appliance.store.sync_indexes import ensure_indexes
from appliance.store.sync_rows import (RowTextCache, changed_rows, count_changed, count_rule, member_rules,
                                       member_rows, row_texts)
from appliance.exchange.scopes import SCOPES, Scope, scope_of
from appliance.sync.cursor import Cursor, decode
from appliance.sync.views import UserView

log = logging.getLogger("appliance.sync")

DEFAULT_LIMIT = 5_000
MAX_LIMIT = 50_000


class ResyncRequired(ApplianceError):
    """The cursor cannot give a correct delta any more: the device must sync the table in full."""

    status = 410
    title = "Resync required"
    extra = {"reason": "resync_required"}


@dataclass
class Page:
    """One page of a table: JSON texts of rows (UTF-8), deleted keys, the cursor to continue from."""

    table: str
    rows: list[bytes]
    deleted: list[str]
    next: str
    more: bool
    full: bool


def check_limit(limit: int | None) -> int:
    """The page size asked for, or InvalidInputError naming `limit`."""
    if limit is None:
        return DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInputError(f"limit must be between 1 and {MAX_LIMIT:,} (default {DEFAULT_LIMIT:,}), "
                                f"not {limit}.", errors=[{"field": "limit", "reason": f"out of range 1-{MAX_LIMIT}"}])
    return limit


def served_scope(view: UserView, table: str) -> Scope:
    """The scope of a table this user may receive, or NotFoundError."""
    scope = scope_of(table)
    if scope is None or not view.may_receive(scope):
        raise NotFoundError(f"There is no table '{table}' for this user; GET /api/v1/sync lists the tables.",
                            errors=[{"field": "table", "reason": "unknown table"}])
    return scope


def read_page(store: Store, view: UserView, table: str, since: str | None, limit: int, *, now: datetime,
              keep_days: int, row_cache: RowTextCache | None = None) -> Page:
    """One page of `table` for a user after cursor `since` (None: a full sync from the start)."""
    scope = served_scope(view, table)
    signature = view.signature(scope)
    cursor = decode(since, table) if since else None
    ensure_indexes(store, table, view)
    with store.snapshot() as conn:
        top = current_position(conn)
        if cursor is None:
            cursor = Cursor(table, 0, "", top, signature)
        else:
            _check_cursor(cursor, signature, top, seq_reached_before(conn, iso(now - timedelta(days=keep_days))))
        state = loaded_tables(conn).get(table)
        entries = _entries(conn, table, scope, view, cursor, limit) if state else []
        more = len(entries) > limit
        entries = entries[:limit]
        texts = row_texts(conn, table, state["columns"], [(e[3], e[4]) for e in entries if not e[2]],
                          row_cache) if state else {}
    rows = [texts[e[3]] for e in entries if not e[2]]
    deleted = [e[1] for e in entries if e[2]]
    if more:
        last = entries[-1]
        next_cursor = Cursor(table, last[0], last[1], cursor.floor, signature)
    else:
        next_cursor = Cursor(table, top, "", 0, signature)
    return Page(table, rows, deleted, next_cursor.encode(), more, cursor.full_pass)


def _check_cursor(cursor: Cursor, signature: str, top: int, horizon: int) -> None:
    if cursor.signature != signature:
        raise ResyncRequired(f"What this user may see of {cursor.table} changed (agent code, operator code, "
                             f"catalogs or show-all setting): sync the table again without `since`.")
    if cursor.reached > top:
        raise ResyncRequired(f"The cursor is ahead of this server's data (the database was restored or "
                             f"replaced): sync {cursor.table} again without `since`.")
    if cursor.reached < horizon:
        raise ResyncRequired(f"The cursor is older than the deletions this server keeps: sync "
                             f"{cursor.table} again without `since`.")


def _entries(conn, table: str, scope: Scope, view: UserView, cursor: Cursor, limit: int) -> list:
    """The next limit+1 changes of the table for this user, merged from every stream in change order."""
    wanted = limit + 1
    restricted = member_rules(scope.rules, view)
    after = cursor.seq
    streams = []
    if restricted and len(restricted) == len(scope.rules):
        first = first_member_seq(conn, view.user_id, {rule.subject for rule in restricted})
        after = None if first is None else max(after, first - 1)  # older rows come with their member
    if after is not None:
        streams.append(changed_rows(conn, table, scope.rules, view, after=after, floor=cursor.floor,
                                    limit=wanted))
    for rule in restricted:
        for departed in (False, True):
            streams.append(member_rows(conn, table, rule, view, after=(cursor.seq, cursor.key),
                                       floor=cursor.floor, limit=wanted, departed=departed))
    merged = heapq.merge(*streams, key=itemgetter(0, 1))  # (change number, key), compared in C
    return [entry for _, entry in zip(range(wanted), merged)]


def complete_pass(store: Store, view: UserView, device_id: str, page: Page, now: datetime) -> None:
    """Remember a finished pass as the device's last completed sync of the table."""
    cursor = decode(page.next, page.table)
    save_device_position(store, view.user_id, device_id, page.table, cursor.seq, cursor.signature, iso(now))


# -- the summary ---------------------------------------------------------------------------------

class SharedCounts:
    """Row counts of the rules every user sees alike, counted once per table version (one per service)."""

    def __init__(self):
        self._counts: dict[tuple[str, int], tuple[int, int]] = {}  # (table, rule) -> (table version, rows)
        self._lock = threading.Lock()

    def get(self, key: tuple[str, int]) -> tuple[int | None, int]:
        with self._lock:
            return self._counts.get(key, (None, 0))

    def put(self, key: tuple[str, int], version: int, rows: int) -> None:
        with self._lock:
            self._counts[key] = (version, rows)


def summary(store: Store, view: UserView, device_id: str, *, now: datetime, keep_days: int,
            shared: SharedCounts) -> dict:
    """{checkpoint, tables: {name: {rows, changed, full, since}}} for every table the user receives."""
    candidates = {name: scope for name, scope in SCOPES.items() if view.may_receive(scope)}
    with store.snapshot() as conn:
        loaded = {name: state for name, state in loaded_tables(conn).items() if name in candidates}
    for name in loaded:
        ensure_indexes(store, name, view)
    positions = device_positions(store, view.user_id, device_id)
    tables = {}
    with store.snapshot() as conn:
        top = current_position(conn)
        horizon = seq_reached_before(conn, iso(now - timedelta(days=keep_days)))
        for name, state in sorted(loaded.items()):
            scope = candidates[name]
            rows = _count_visible(conn, name, scope, view, state, shared)
            tables[name] = _table_summary(conn, name, scope, view, rows, positions.get(name), top, horizon)
    return {"checkpoint": str(top), "tables": tables}


def _table_summary(conn, name: str, scope: Scope, view: UserView, rows: int, position: dict | None, top: int,
                   horizon: int) -> dict:
    signature = view.signature(scope)
    usable = (position is not None and position["signature"] == signature
              and horizon <= position["position"] <= top)
    if not usable:
        return {"rows": rows, "changed": rows, "full": True, "since": None}
    changed = count_changed(conn, name, scope.rules, view, after=position["position"])
    since = Cursor(name, position["position"], "", 0, signature).encode()
    return {"rows": rows, "changed": changed, "full": False, "since": since}


def _count_visible(conn, name: str, scope: Scope, view: UserView, state: dict, shared: SharedCounts) -> int:
    if not any(rule.subject != "everyone" and view.restricted(rule.subject) for rule in scope.rules):
        return state["live_rows"]
    total = 0
    for index, rule in enumerate(scope.rules):
        if rule.subject != "everyone" and view.restricted(rule.subject):
            total += count_rule(conn, name, rule, view)
            continue
        version, cached = shared.get((name, index))  # the same for every user: counted once per table version
        if version != state["last_seq"]:
            cached = count_rule(conn, name, rule, view)
            shared.put((name, index), state["last_seq"], cached)
        total += cached
    return total
