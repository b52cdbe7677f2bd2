"""The engine's inputs for a customer and an article, read from the store.

`inputs_for` gathers, inside one read transaction, the customer's io_clifor_gen row, the
article's io_art and io_art_um rows and the candidate io_listini_full and io_sconti rows
(see `appliance.store.pricing`); the engine does all the matching. Where the ERP has a
row per company, the order's company's row wins, then a row without company, then the
first in key order (as for order processing).
"""

from __future__ import annotations

import sqlite3

from appliance.pricing.engine import DISCOUNT_COLUMNS, PRICE_COLUMNS, price_line
from appliance.pricing.rules import PricingRules
from appliance.store.db import Row, Store
from appliance.store.pricing import article_rows, candidate_rows, customer_rows


def customer_of(conn: sqlite3.Connection, company: str, customer: str) -> dict:
    """The customer's io_clifor_gen row for the company ({} when the ERP does not know him)."""
    return _of_company(customer_rows(conn, customer), company) or {}


def inputs_for(conn: sqlite3.Connection, company: str, customer: str, article: str,
               customer_row: dict | None = None) -> dict:
    """Everything but the line: {company, customer, article, units, prices, discounts}.

    `customer_row` spares the customer's lookup when pricing several lines of one order.
    """
    articles, units = article_rows(conn, article)
    found = customer_of(conn, company, customer) if customer_row is None else customer_row
    return {"company": company or "", "customer": found,
            "article": _of_company(articles, company) or {"COD_ART": article},
            "units": [u for u in units if not company or u.get("COD_DITTA") in (None, "", company)],
            "prices": candidate_rows(conn, "io_listini_full", customer, article, PRICE_COLUMNS),
            "discounts": candidate_rows(conn, "io_sconti", customer, article, DISCOUNT_COLUMNS)}


def _of_company(rows: list[Row], company: str) -> Row | None:
    for wanted in ((company,) if company else ()) + (None, ""):
        for row in rows:
            if row.get("COD_DITTA") == wanted:
                return row
    return rows[0] if rows else None


def price_for(store: Store, company: str, customer: str, article: str, line: dict,
              rules: PricingRules | None = None) -> dict:
    """The engine's result for one line of `customer` for `article`, on the store's current ERP data."""
    with store.snapshot() as conn:
        inputs = inputs_for(conn, company, customer, article)
    return price_line({**inputs, "line": line}, rules)
