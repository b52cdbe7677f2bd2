"""The indexes device sync needs on the ERP tables, so that scope checks never scan a table.

A column that names a customer, lead, article or catalog gets a partial index on
(column, _key): the rows of one member come out in key order. A column compared with
the user's agent or operator code, or used to compute a user's sets, gets a plain
index. Most are created with a table's first rows (a first load builds each in one
sort). The indexes only agents with catalogs need (article columns: on a price list, a
million rows) are created the first time such an agent syncs the table
(`ensure_indexes`): an installation without agent catalogs never pays for them. The
article indexes of io_art, io_art_um, io_listini_full and io_sconti are needed by every
uploaded order's checks and price check, so they come with the rows, as does the price
tables' partial index on their rows without article (`store.pricing`).
"""

from __future__ import annotations

import logging
import sqlite3

from appliance.exchange.scopes import LOOKUP_INDEXES, MEMBER_SUBJECTS, index_columns, scope_of
from appliance.store.db import Store, quote
from appliance.store.pricing import pricing_index_definitions
from appliance.store.sync_rows import View

log = logging.getLogger("appliance.sync")

ON_DEMAND_SUBJECTS = ("article",)  # restricted only for agents with catalogs


def index_definitions(table: str, view: View | None = None, *, target: str | None = None) -> dict[str, str]:
    """Index name -> CREATE INDEX statement, for one ERP table (none for tables devices never get).

    Without `view`, the indexes created with the table's rows; with one, also those this
    user's syncs need. `target`: the same indexes on another table of the same columns (a
    staged copy of it), named after that table.
    """
    target = target or table
    scope = scope_of(table)
    rules = scope.rules if scope else ()
    member_columns = {rule.column for rule in rules if rule.subject in MEMBER_SUBJECTS}
    on_demand = {rule.column for rule in rules if rule.subject in ON_DEMAND_SUBJECTS}
    on_demand -= {rule.column for rule in rules if rule.subject not in ON_DEMAND_SUBJECTS}
    on_demand -= {columns[0] for columns in LOOKUP_INDEXES.get(table, ())}
    wanted = {rule.column for rule in rules if view is not None and view.restricted(rule.subject)}
    definitions = {}
    for columns in index_columns(table):
        if len(columns) == 1 and columns[0] in on_demand and columns[0] not in wanted:
            continue
        name = f"{target}__sync_{'_'.join(columns)}"
        if len(columns) == 1 and columns[0] in member_columns:
            column = quote(columns[0])
            sql = f"ON {quote(target)}({column}, _key) WHERE {column} IS NOT NULL"
        else:
            sql = f"ON {quote(target)}({', '.join(quote(c) for c in columns)})"
        definitions[name] = f"CREATE INDEX IF NOT EXISTS {quote(name)} {sql}"
    return {**definitions, **pricing_index_definitions(table, target=target)}


def create_indexes(conn: sqlite3.Connection, table: str) -> None:
    """Create the missing indexes a table gets with its rows (inside the caller's write transaction)."""
    for statement in index_definitions(table).values():
        conn.execute(statement)


def ensure_indexes(store: Store, table: str, view: View | None = None) -> None:
    """Create the indexes of a table that this user's syncs need, if any is missing (a read when
    they all exist)."""
    wanted = index_definitions(table, view)
    if not wanted:
        return
    marks = ", ".join("?" for _ in wanted)
    present = {row[0] for row in store.execute(
        f"SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ({marks})", list(wanted))}
    missing = [statement for name, statement in wanted.items() if name not in present]
    if missing:
        log.info("device sync: creating %d index(es) on %s", len(missing), table)
        with store.write() as conn:
            for statement in missing:
                conn.execute(statement)
