"""What order processing reads and keeps: the payment transcoding table, and the ERP facts it needs.

- `payment_transcoding`: a customer's payment code -> the code used instead on orders
  that hold perishable articles.
- From the ERP tables (live rows only, nothing when a table was never loaded): an
  article's family, perishability code, description and main unit (`io_art`), and a
  customer's payment code (`io_clifor_gen`).
"""

from __future__ import annotations

import json
import sqlite3

from appliance.store.db import Row, Store
from appliance.store.migrations import migration, run_script


@migration("0320", "payment transcoding table for orders with perishable articles")
def _payment_transcoding(conn: sqlite3.Connection) -> None:
    run_script(conn, """
        CREATE TABLE payment_transcoding (
            from_code  TEXT PRIMARY KEY,
            to_code    TEXT NOT NULL,
            changed_at TEXT NOT NULL
        );
    """)


def transcoding(store: Store) -> dict[str, str]:
    """The whole table: from code -> to code."""
    return {r["from_code"]: r["to_code"] for r in store.query("SELECT from_code, to_code FROM payment_transcoding "
                                                               "ORDER BY from_code")}


def transcoding_rows(store: Store) -> list[Row]:
    return store.query("SELECT from_code, to_code, changed_at FROM payment_transcoding ORDER BY from_code")


def put_transcoding(store: Store, from_code: str, to_code: str, at: str) -> None:
    with store.write() as conn:
        conn.execute("INSERT INTO payment_transcoding(from_code, to_code, changed_at) VALUES (?, ?, ?) "
                     "ON CONFLICT(from_code) DO UPDATE SET to_code = excluded.to_code, "
                     "changed_at = excluded.changed_at", (from_code, to_code, at))


def delete_transcoding(store: Store, from_code: str) -> bool:
    with store.write() as conn:
        return conn.execute("DELETE FROM payment_transcoding WHERE from_code = ?", (from_code,)).rowcount > 0


def articles(store: Store, codes: list[str]) -> list[Row]:
    """io_art rows of these article codes (every company's), in key order."""
    if not codes or not store.table_exists("io_art"):
        return []
    return store.query('SELECT "COD_ART", "COD_DITTA", "COD_FAM", "COD_DEPERIBILITA", "DES_ART", "UM1" FROM io_art '
                       'WHERE _deleted = 0 AND "COD_ART" IN (SELECT value FROM json_each(?)) ORDER BY _key',
                       (json.dumps(codes),))


def customer_payment_codes(store: Store, customer: str) -> list[Row]:
    """The payment code of a customer in io_clifor_gen (one row per company), in key order."""
    if not customer or not store.table_exists("io_clifor_gen"):
        return []
    return store.query('SELECT "COD_DITTA", "COD_CONDPAG" FROM io_clifor_gen WHERE _deleted = 0 AND '
                       '"COD_CLIFOR" = ? AND ("TIPO_CLIFOR" IS NULL OR "TIPO_CLIFOR" = 0) ORDER BY _key', (customer,))
