"""The rows of an ERP table a user may see, in change order, as JSON text written by SQLite.

A row's *change number* for a user is the later of the row's own `_seq` and the number
at which its customer (lead, article, catalog) joined the user's set. A page walks three
kinds of streams, each already in that order, and the caller merges them:

- `changed_rows`: rows that changed after a position and are visible now;
- `member_rows`: the rows of members that joined after a position (their rows may be
  old: the device has never had them);
- `member_rows(..., departed=True)`: the rows of members that left after a position
  (the device must drop them).

Streams return (change number, key, deleted, rowid, the row's own `_seq`); `row_texts`
then writes the JSON of the chosen rows. Values are written by SQLite from the stored
text: decimals as JSON number literals with the exact digits, never through a float.
`RowTextCache` keeps recent row texts: most rows (general prices, articles) go to every
device, and a text stays right as long as its row's `_seq` does not change.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Protocol

from appliance.exchange.scopes import Rule
from appliance.store.db import quote

Entry = tuple[int, str, int, int, int]  # (change number, key, deleted, rowid, the row's _seq)


class View(Protocol):
    """What the store needs to know about a user's view of the data."""

    user_id: int

    def restricted(self, subject: str) -> bool: ...

    def code(self, subject: str) -> str: ...


def _when_sql(rule: Rule) -> str:
    if not rule.when:
        return "1"
    return " AND ".join(f"r.{quote(column)} IS NULL" if value is None else f"r.{quote(column)} = {_literal(value)}"
                        for column, value in rule.when)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _match_member(rule: Rule, alias: str = "m") -> str:
    """The join of a row to a member of the user's set (company, party type, code)."""
    company = f"coalesce(r.{quote(rule.company)}, '')" if rule.company else None
    if rule.subject == "customer":
        party = (f"coalesce(r.{quote(rule.party_type)}, 0)" if isinstance(rule.party_type, str)
                 else str(int(rule.party_type)))
    else:
        party = "0"
    parts = [f"{alias}.code = r.{quote(rule.column)}", f"{alias}.ctype = {party}"]
    if company:
        parts.append(f"{alias}.company = {company}")
    return " AND ".join(parts)


def _rule_sql(rule: Rule, view: View, params: list) -> str:
    """When a row passes one rule, for this user (as of the row's own change number)."""
    when = _when_sql(rule)
    if rule.subject == "everyone" or not view.restricted(rule.subject):
        return when if rule.column is None else f"({when} AND r.{quote(rule.column)} IS NOT NULL)"
    if rule.subject in ("agent", "operator"):
        params.append(view.code(rule.subject))
        return f"({when} AND r.{quote(rule.column)} = ?)"
    params.extend((view.user_id, rule.subject))
    return (f"({when} AND EXISTS (SELECT 1 FROM sync_members AS m WHERE m.user_id = ? AND m.kind = ? "
            f"AND {_match_member(rule)} AND m.removed = 0 AND m.seq <= r._seq))")


def visible_sql(rules: tuple[Rule, ...], view: View, params: list) -> str:
    """The condition on `r` that keeps the rows a user sees ("1" when he sees the whole table)."""
    if not any(rule.subject != "everyone" and view.restricted(rule.subject) for rule in rules):
        return "1"
    return "(" + " OR ".join(_rule_sql(rule, view, params) for rule in rules) + ")"


def member_rules(rules: tuple[Rule, ...], view: View) -> list[Rule]:
    """The rules whose subject is a per-user set that restricts this user."""
    return [rule for rule in rules if rule.is_member and view.restricted(rule.subject)]


def changed_rows(conn: sqlite3.Connection, table: str, rules: tuple[Rule, ...], view: View, *,
                 after: int, floor: int, limit: int) -> list[Entry]:
    """Visible rows and tombstones whose own change number is after `after` (tombstones only after `floor`)."""
    params: list = [after]
    visible = visible_sql(rules, view, params)
    params.extend((floor, limit))
    return conn.execute(
        f"SELECT r._seq, r._key, r._deleted, r.rowid, r._seq FROM {quote(table)} AS r "
        f"WHERE r._seq > ? AND {visible} AND (r._deleted = 0 OR r._seq > ?) ORDER BY r._seq LIMIT ?",
        params).fetchall()


def member_rows(conn: sqlite3.Connection, table: str, rule: Rule, view: View, *, after: tuple[int, str],
                floor: int, limit: int, departed: bool = False) -> list[Entry]:
    """Rows of the members that joined (or, `departed`, left) the user's set after position `after`.

    Joined: their live rows older than the joining. Departed: every row the device may
    hold, reported as deleted.
    """
    seq, key = after
    if departed:
        rows_sql = "m.removed = 1 AND m.seq > ? AND (r._deleted = 0 OR r._seq > ?)"
        extra = [floor, floor]
    else:
        rows_sql = "m.removed = 0 AND r._deleted = 0 AND r._seq < m.seq"
        extra = []
    # An empty key stands for "every row at this change number is done" (the end of a pass).
    position, position_params = ("m.seq >= ? AND (m.seq > ? OR r._key > ?)", [seq, seq, key]) if key \
        else ("m.seq > ?", [seq])
    return conn.execute(
        f"SELECT m.seq, r._key, {1 if departed else 0}, r.rowid, r._seq "
        f"FROM sync_members AS m JOIN {quote(table)} AS r ON {_match_member(rule)} AND {_when_sql(rule)} "
        f"WHERE m.user_id = ? AND m.kind = ? AND {position} AND {rows_sql} ORDER BY m.seq, r._key LIMIT ?",
        [view.user_id, rule.subject, *position_params, *extra, limit]).fetchall()


def count_changed(conn: sqlite3.Connection, table: str, rules: tuple[Rule, ...], view: View, *,
                  after: int) -> int:
    """How many rows and deleted keys a delta from position `after` holds."""
    params: list = [after]
    visible = visible_sql(rules, view, params)
    total = conn.execute(f"SELECT count(*) FROM {quote(table)} AS r WHERE r._seq > ? AND {visible}",
                         params).fetchone()[0]
    for rule in member_rules(rules, view):
        total += conn.execute(
            f"SELECT count(*) FROM sync_members AS m JOIN {quote(table)} AS r ON {_match_member(rule)} "
            f"AND {_when_sql(rule)} WHERE m.user_id = ? AND m.kind = ? AND m.seq > ? AND "
            f"((m.removed = 0 AND r._deleted = 0 AND r._seq < m.seq) OR m.removed = 1)",
            (view.user_id, rule.subject, after)).fetchone()[0]
    return total


def count_rule(conn: sqlite3.Connection, table: str, rule: Rule, view: View) -> int:
    """How many live rows one rule shows a user (a restricted set counts through the user's members)."""
    if rule.is_member and view.restricted(rule.subject):
        return conn.execute(
            f"SELECT count(*) FROM sync_members AS m JOIN {quote(table)} AS r ON {_match_member(rule)} "
            f"AND {_when_sql(rule)} WHERE m.user_id = ? AND m.kind = ? AND m.removed = 0 AND r._deleted = 0",
            (view.user_id, rule.subject)).fetchone()[0]
    params: list = []
    condition = _rule_sql(rule, view, params)
    return conn.execute(f"SELECT count(*) FROM {quote(table)} AS r WHERE r._deleted = 0 AND {condition}",
                        params).fetchone()[0]


@lru_cache(maxsize=256)
def _json_sql(columns: tuple[tuple[str, str], ...]) -> str:
    """SQL writing one row as a JSON object: empty columns left out, unknown columns (`_extra`) merged in."""
    parts = []
    for name, kind in columns:
        label = _literal("," + json.dumps(name, ensure_ascii=False) + ":")
        value = f"r.{quote(name)}" if kind in ("decimal", "integer") else f"json_quote(r.{quote(name)})"
        parts.append(f"iif(r.{quote(name)} IS NULL, '', {label} || {value})")
    parts.append("iif(r._extra IS NULL, '', ',' || substr(r._extra, 2, length(r._extra) - 2))")
    # printf joins the parts in one pass; a chain of || would copy the growing text once per column.
    # SQLite takes at most 100 arguments per function: wide layouts are printed in groups.
    groups = [parts[i:i + 90] for i in range(0, len(parts), 90)]
    printed = " || ".join("printf('" + "%s" * len(group) + "', " + ", ".join(group) + ")" for group in groups)
    return "'{' || substr(" + printed + ", 2) || '}'"


class RowTextCache:
    """Recent rows' JSON texts (UTF-8) by (table, rowid), each valid while the row keeps its `_seq`.

    Bounded to `capacity` rows (least recently used go first); thread-safe.
    """

    def __init__(self, capacity: int):
        self.capacity = capacity
        self._rows: OrderedDict[tuple[str, int], tuple[int, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._rows)

    def take(self, table: str, rows: list[tuple[int, int]]) -> tuple[dict[int, bytes], list[int]]:
        """Split (rowid, _seq) pairs into the texts known for that `_seq` and the rowids still to write."""
        found, missing = {}, []
        with self._lock:
            for rowid, seq in rows:
                cached = self._rows.get((table, rowid))
                if cached is not None and cached[0] == seq:
                    self._rows.move_to_end((table, rowid))
                    found[rowid] = cached[1]
                else:
                    missing.append(rowid)
        return found, missing

    def keep(self, table: str, texts: dict[int, bytes], seqs: dict[int, int]) -> None:
        if not self.capacity:
            return
        with self._lock:
            for rowid, text in texts.items():
                self._rows[(table, rowid)] = (seqs[rowid], text)
                self._rows.move_to_end((table, rowid))
            while len(self._rows) > self.capacity:
                self._rows.popitem(last=False)


def row_texts(conn: sqlite3.Connection, table: str, columns: list[tuple[str, str]],
              rows: list[tuple[int, int]], cache: RowTextCache | None = None) -> dict[int, bytes]:
    """The JSON text of some rows, given as (rowid, _seq), by rowid, in UTF-8.

    Kept as bytes so a page is joined from them without encoding a megabyte of text again on
    every page (with accents, Python's encoding of the whole page cost as much as its join).
    """
    if not rows:
        return {}
    found, missing = cache.take(table, rows) if cache is not None else ({}, [rowid for rowid, _ in rows])
    if missing:
        sql = _json_sql(tuple(columns))
        written = {rowid: text.encode("utf-8") for rowid, text in conn.execute(
            f"SELECT r.rowid, {sql} FROM {quote(table)} AS r WHERE r.rowid IN (SELECT value FROM json_each(?))",
            (json.dumps(missing),))}
        if cache is not None:
            cache.keep(table, written, dict(rows))
        found.update(written)
    return found
