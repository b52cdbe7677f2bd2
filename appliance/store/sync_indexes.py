"""The indexes device sync needs on the ERP tables, so that scope checks never scan a table.

A column that names a customer, lead, article or catalog gets a partial index on
(column, _key): the rows of one member come out in key order. A column compared with
the user's agent or operator code, or used to compute a user's sets, gets a plain
index. They are created for the tables loaded when the sync tables are added, and for
a table loaded later the first time a device asks for it (`ensure_indexes`).
"""

from __future__ import annotations

import sqlite3

from appliance.store.db import Store, quote
from appliance.sync.scopes import MEMBER_SUBJECTS, index_columns, scope_of


def index_definitions(table: str) -> dict[str, str]:
    """Index name -> CREATE INDEX statement, for one ERP table (none for tables devices never get)."""
    scope = scope_of(table)
    member_columns = {rule.column for rule in scope.rules if rule.subject in MEMBER_SUBJECTS} if scope else set()
    definitions = {}
    for columns in index_columns(table):
        name = f"{table}__sync_{'_'.join(columns)}"
        if len(columns) == 1 and columns[0] in member_columns:
            column = quote(columns[0])
            sql = f"ON {quote(table)}({column}, _key) WHERE {column} IS NOT NULL"
        else:
            sql = f"ON {quote(table)}({', '.join(quote(c) for c in columns)})"
        definitions[name] = f"CREATE INDEX IF NOT EXISTS {quote(name)} {sql}"
    return definitions


def create_indexes(conn: sqlite3.Connection, table: str) -> None:
    """Create the missing sync indexes of a table (inside the caller's write transaction)."""
    for statement in index_definitions(table).values():
        conn.execute(statement)


def ensure_indexes(store: Store, table: str) -> None:
    """Create the sync indexes of a table if any is missing (a read when they all exist)."""
    wanted = index_definitions(table)
    if not wanted:
        return
    marks = ", ".join("?" for _ in wanted)
    present = {row[0] for row in store.execute(
        f"SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ({marks})", list(wanted))}
    if present != set(wanted):
        with store.write() as conn:
            create_indexes(conn, table)
