"""The ERP rows the price engine needs for one customer and one article (live rows only).

Candidate rows are those that could match: the article's own rows plus the rows for no
article, each for this customer or for no customer. Every other filter (price list,
class, zones, ranges, dates, quantities...) is the engine's, in Python and in the app
alike. Each lookup is an index search (io_listini_full and io_sconti are indexed on
COD_ART from their first load); nothing is read when a table was never loaded. Columns
the layout does not know (an ERP's extra ALIQUOTA_IVA, say) come back merged into the row.
The rows without article have a partial index of their own, made with the table's rows.
"""

from __future__ import annotations

import json
import sqlite3

from appliance.store.db import Row, quote

_BOOKKEEPING = ("_key", "_hash", "_seq", "_deleted", "_extra")
_EMPTY = "({column} IS NULL OR {column} = '')"


def _rows(conn: sqlite3.Connection, sql: str, params: tuple) -> list[Row]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    found = []
    for values in cursor.fetchall():
        row = dict(zip(names, values))
        extra = row.get("_extra")
        row = {k: v for k, v in row.items() if k not in _BOOKKEEPING}
        if extra:
            row = {**json.loads(extra), **row}
        found.append(row)
    return found


def _exists(conn: sqlite3.Connection, table: str) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
    return found is not None


_NO_ARTICLE = _EMPTY.format(column='"COD_ART"')
PRICING_TABLES = ("io_listini_full", "io_sconti")


def pricing_index_definitions(table: str) -> dict[str, str]:
    """Index name -> CREATE INDEX for the rows without article (the COD_ART index leaves NULLs out)."""
    if table not in PRICING_TABLES:
        return {}
    name = f"{table}__pricing_no_article"
    return {name: f'CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)}("COD_CLIFOR") WHERE {_NO_ARTICLE}'}


def candidate_rows(conn: sqlite3.Connection, table: str, customer: str, article: str,
                   columns: tuple[str, ...]) -> list[Row]:
    """io_listini_full or io_sconti rows for (this article or none) and (this customer or none); no order.

    Only `columns` are read (those the table has; a price row has 78). Two index searches:
    the article's rows on COD_ART, the rows without article on their own partial index
    (created with the table's rows, see `pricing_index_definitions`).
    """
    present = {row[1] for row in conn.execute(f"PRAGMA table_info({quote(table)})")}  # none: never loaded
    if table not in PRICING_TABLES or not present:
        return []
    wanted = ", ".join(quote(c) for c in columns if c in present)
    t, party = quote(table), f'("COD_CLIFOR" = ? OR {_EMPTY.format(column=chr(34) + "COD_CLIFOR" + chr(34))})'
    sql = (f'SELECT {wanted} FROM {t} WHERE _deleted = 0 AND "COD_ART" = ? AND {party} UNION ALL '
           f"SELECT {wanted} FROM {t} WHERE _deleted = 0 AND {_NO_ARTICLE} AND {party}")
    return _rows(conn, sql, (article, customer, customer))


def article_rows(conn: sqlite3.Connection, article: str) -> tuple[list[Row], list[Row]]:
    """The article's io_art rows (one per company) and io_art_um rows, in key order."""
    found = []
    for table in ("io_art", "io_art_um"):
        found.append(_rows(conn, f'SELECT * FROM {quote(table)} WHERE _deleted = 0 AND "COD_ART" = ? ORDER BY _key',
                           (article,)) if _exists(conn, table) else [])
    return found[0], found[1]


def customer_rows(conn: sqlite3.Connection, customer: str) -> list[Row]:
    """The customer's io_clifor_gen rows (one per company; never a supplier's), in key order."""
    if not _exists(conn, "io_clifor_gen"):
        return []
    return _rows(conn, 'SELECT * FROM io_clifor_gen WHERE _deleted = 0 AND "COD_CLIFOR" = ? AND '
                       '("TIPO_CLIFOR" IS NULL OR "TIPO_CLIFOR" = 0) ORDER BY _key', (customer,))

