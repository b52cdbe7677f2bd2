"""Reading the ERP tables for the console's data browser: pages in key order, search, one row.

Pages are cut by key (`_key > last key seen`), not by offset, so page 500 of a
million-row price list costs what page 1 does. A search looks, case-insensitively,
in the row key and in the table's main text columns (codes, descriptions, names).
Table names are checked against `erp_tables` by the caller and quoted here; every
value is a parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from appliance.store.db import Row, Store, quote

PAGE_SIZE = 50
MAIN_COLUMNS_SHOWN = 6
_MAIN_TEXT = re.compile(r"(COD_|CODICE|DES|RAG_SOC|NOME|COGNOME|TITOLO|NOTA)", re.IGNORECASE)
_NOT_MAIN = {"CHIAVE", "COD_DITTA", "DAT_ULT_MOD"}


@dataclass
class Page:
    """One page of rows (each with `_key`, `_seq`, `_deleted` and the main columns)."""

    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    has_next: bool = False
    has_previous: bool = False

    @property
    def first_key(self) -> str | None:
        return self.rows[0]["_key"] if self.rows else None

    @property
    def last_key(self) -> str | None:
        return self.rows[-1]["_key"] if self.rows else None


def main_columns(columns: list[tuple[str, str]]) -> list[str]:
    """The columns a search looks in besides the key: text codes, descriptions and names."""
    text = [name for name, kind in columns if kind == "string" and name.upper() not in _NOT_MAIN]
    main = [name for name in text if _MAIN_TEXT.match(name)]
    return (main or text)[:MAIN_COLUMNS_SHOWN]


def browse(store: Store, table: str, columns: list[str], *, search: str = "", after: str | None = None,
           before: str | None = None, deleted: bool = False, limit: int = PAGE_SIZE) -> Page:
    """The page after the key `after`, or before the key `before`, or the first page."""
    filters, params = _filters(columns, search, deleted)
    shown = ", ".join(["_key", "_seq", "_deleted", *map(quote, columns)])
    bound, bound_params, order = [], [], "ASC"
    if after is not None:
        bound, bound_params = ["_key > ?"], [after]
    elif before is not None:
        bound, bound_params, order = ["_key < ?"], [before], "DESC"
    rows = store.query(f"SELECT {shown} FROM {quote(table)} {_where(filters + bound)} "
                       f"ORDER BY _key {order} LIMIT ?", [*params, *bound_params, limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    if order == "DESC":
        rows.reverse()
    page = Page(columns, rows)
    if before is not None:
        page.has_previous, page.has_next = more, True
    else:
        page.has_next = more
        page.has_previous = after is not None and bool(rows) and _exists(
            store, table, filters + ["_key < ?"], [*params, rows[0]["_key"]])
    return page


def count_rows(store: Store, table: str, columns: list[str], *, search: str = "", deleted: bool = False) -> int:
    """How many rows match the search (a full scan when searching: call it only for searches)."""
    filters, params = _filters(columns, search, deleted)
    return store.scalar(f"SELECT COUNT(*) FROM {quote(table)} {_where(filters)}", params)


def get_row(store: Store, table: str, key: str) -> Row | None:
    """Every column of one row (tombstones included), by its key."""
    return store.query_one(f"SELECT * FROM {quote(table)} WHERE _key = ?", (key,))


def _filters(columns: list[str], search: str, deleted: bool) -> tuple[list[str], list[str]]:
    filters, params = [], []
    if not deleted:
        filters.append("_deleted = 0")
    term = search.strip()
    if term:
        pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        looked_in = ["_key", *columns]
        filters.append("(" + " OR ".join(f"{quote(c)} LIKE ? ESCAPE '\\'" for c in looked_in) + ")")
        params.extend(pattern for _ in looked_in)
    return filters, params


def _where(clauses: list[str]) -> str:
    return f"WHERE {' AND '.join(clauses)}" if clauses else ""


def _exists(store: Store, table: str, clauses: list[str], params: list) -> bool:
    return store.scalar(f"SELECT 1 FROM {quote(table)} {_where(clauses)} LIMIT 1", params) == 1
