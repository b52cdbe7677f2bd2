"""The engine's inputs for a customer and some articles, read from the store.

`inputs_for_articles` gathers, in the caller's read transaction, the customer's
io_clifor_gen row and, per article, its io_art and io_art_um rows and the candidate
io_listini_full and io_sconti rows (see `appliance.store.pricing`: one statement per
table for all the articles of an order); the engine does all the matching. Where the ERP
has a row per company, the order's company's row wins, then a row without company, then
the first in key order (as for order processing).
"""

from __future__ import annotations

import sqlite3

from appliance.pricing.engine import DISCOUNT_COLUMNS, PRICE_COLUMNS, price_line
from appliance.pricing.rules import PricingRules
from appliance.pricing.selection import as_text
from appliance.store.db import Row, Store
from appliance.store.pricing import article_rows, candidate_rows, customer_rows


def inputs_for_articles(conn: sqlite3.Connection, company: str, customer: str, articles: list[str]) -> dict[str, dict]:
    """Article code -> everything but the line: {company, customer, article, units, prices, discounts}."""
    codes = sorted(set(articles))
    found_articles, units = (_by_article(rows) for rows in article_rows(conn, codes))
    prices = _by_article(candidate_rows(conn, "io_listini_full", customer, codes, PRICE_COLUMNS))
    discounts = _by_article(candidate_rows(conn, "io_sconti", customer, codes, DISCOUNT_COLUMNS))
    party = _of_company(customer_rows(conn, customer), company) or {}
    return {code: {"company": company or "", "customer": party,
                   "article": _of_company(found_articles.get(code, []), company) or {"COD_ART": code},
                   "units": [u for u in units.get(code, []) if u.get("COD_DITTA") in (None, "", company or None)
                             or not company],
                   "prices": prices.get(code, []) + prices.get("", []),
                   "discounts": discounts.get(code, []) + discounts.get("", [])}
            for code in codes}


def _by_article(rows: list[Row]) -> dict[str, list[Row]]:
    """Rows grouped by COD_ART ('' for the rows for no article)."""
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(as_text(row.get("COD_ART")), []).append(row)
    return grouped


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
        inputs = inputs_for_articles(conn, company, customer, [article])[article]
    return price_line({**inputs, "line": line}, rules)
