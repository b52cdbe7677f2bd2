"""The ERP rows the price engine needs for one customer and some articles (live rows only).

Candidate rows are those that could match: the articles' own rows plus the rows for no
article, each for this customer or for no customer. Every other filter (price list,
class, zones, ranges, dates, quantities...) is the engine's, in Python and in the app
alike. An order's lines are looked up together: one statement per table, whatever the
number of lines. Each lookup is an index search: io_listini_full and io_sconti are
indexed on COD_ART from their first load, and their rows without article have a partial
index of their own (`pricing_index_definitions`, made with the table's rows). Nothing is
read when a table was never loaded. Columns the layout does not know (an ERP's extra
ALIQUOTA_IVA, say) come back merged into the row.
"""

from __future__ import annotations

import json
import sqlite3

from appliance.store.db import Row, quote

_BOOKKEEPING = ("_key", "_hash", "_seq", "_deleted", "_extra")
_EMPTY = "({column} IS NULL OR {column} = '')"
_NO_ARTICLE = _EMPTY.format(column='"COD_ART"')
_PARTY = f'("COD_CLIFOR" = ? OR {_EMPTY.format(column=chr(34) + "COD_CLIFOR" + chr(34))})'
_ANY_OF = "IN (SELECT value FROM json_each(?))"
PRICING_TABLES = ("io_listini_full", "io_sconti")


def pricing_index_definitions(table: str, *, target: str | None = None) -> dict[str, str]:
    """Index name -> CREATE INDEX for the rows without article (the COD_ART index leaves NULLs out);
    `target`: on a staged copy of the table instead."""
    if table not in PRICING_TABLES:
        return {}
    target = target or table
    name = f"{target}__pricing_no_article"
    return {name: f'CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(target)}("COD_CLIFOR") WHERE {_NO_ARTICLE}'}


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    """The table's columns; empty when it was never loaded."""
    return {row[1] for row in conn.execute(f"PRAGMA table_info({quote(table)})")}


def _rows(conn: sqlite3.Connection, sql: str, params: tuple) -> list[Row]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    extra_at = names.index("_extra") if "_extra" in names else None
    kept = [(i, name) for i, name in enumerate(names) if name not in _BOOKKEEPING]
    found = []
    for values in cursor.fetchall():
        row = {name: values[i] for i, name in kept}
        if extra_at is not None and values[extra_at]:
            row = {**json.loads(values[extra_at]), **row}
        found.append(row)
    return found


def candidate_rows(conn: sqlite3.Connection, table: str, customer: str, articles: list[str],
                   columns: tuple[str, ...]) -> list[Row]:
    """io_listini_full or io_sconti rows for (one of `articles` or none) and (this customer or none).

    Only `columns` are read (those the table has; a price row has 78). No order: the engine ranks.
    """
    present = _columns(conn, table)
    if table not in PRICING_TABLES or not present:
        return []
    wanted, t = ", ".join(quote(c) for c in columns if c in present), quote(table)
    sql = (f'SELECT {wanted} FROM {t} WHERE _deleted = 0 AND "COD_ART" {_ANY_OF} AND {_PARTY} UNION ALL '
           f"SELECT {wanted} FROM {t} WHERE _deleted = 0 AND {_NO_ARTICLE} AND {_PARTY}")
    return _rows(conn, sql, (json.dumps(articles), customer, customer))


def article_rows(conn: sqlite3.Connection, articles: list[str]) -> tuple[list[Row], list[Row]]:
    """The articles' io_art rows (one per company) and io_art_um rows, in key order."""
    found = []
    for table in ("io_art", "io_art_um"):
        found.append(_rows(conn, f'SELECT * FROM {quote(table)} WHERE _deleted = 0 AND "COD_ART" {_ANY_OF} '
                                 f"ORDER BY _key", (json.dumps(articles),)) if _columns(conn, table) else [])
    return found[0], found[1]


def customer_rows(conn: sqlite3.Connection, customer: str) -> list[Row]:
    """The customer's io_clifor_gen rows (one per company; never a supplier's), in key order."""
    if not _columns(conn, "io_clifor_gen"):
        return []
    return _rows(conn, 'SELECT * FROM io_clifor_gen WHERE _deleted = 0 AND "COD_CLIFOR" = ? AND '
                       '("TIPO_CLIFOR" IS NULL OR "TIPO_CLIFOR" = 0) ORDER BY _key', (customer,))
