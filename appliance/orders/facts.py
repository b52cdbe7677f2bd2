"""The ERP data an order's rules need, read before the write lock is taken.

Where the ERP has a row per company, the row of the order's company (`cod_ditta`) wins,
then a row without company, then the first in key order. An article the ERP no longer
has is simply absent: its lines have an empty family and no perishability code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from appliance.store.db import Row, Store
from appliance.store.orders import articles, customer_payment_codes, transcoding


@dataclass(frozen=True)
class Article:
    """What the rules use of an io_art row."""

    family: str
    perishability: str
    description: str


@dataclass(frozen=True)
class OrderFacts:
    """Articles by code, the customer's payment code in the ERP, the payment transcoding table."""

    articles: dict[str, Article] = field(default_factory=dict)
    customer_payment: str | None = None
    transcoding: dict[str, str] = field(default_factory=dict)


def gather(store: Store, document: dict) -> OrderFacts:
    """The facts for one order document as the device sent it."""
    company = document.get("cod_ditta")
    codes = sorted({line.get("codice_articolo") for line in document.get("righe") or []
                    if line.get("codice_articolo")})
    by_code: dict[str, list[Row]] = {}
    for row in articles(store, codes):
        by_code.setdefault(row["COD_ART"], []).append(row)
    found = {code: _article(_of_company(rows, company)) for code, rows in by_code.items()}
    payment_rows = customer_payment_codes(store, document.get("cod_clifor") or "")
    payment = _of_company(payment_rows, company)["COD_CONDPAG"] if payment_rows else None
    return OrderFacts(found, payment or None, transcoding(store))


def _of_company(rows: list[Row], company: str | None) -> Row:
    for wanted in ((company,) if company else ()) + (None, ""):
        for row in rows:
            if row["COD_DITTA"] == wanted:
                return row
    return rows[0]


def _article(row: Row) -> Article:
    return Article(row["COD_FAM"] or "", row["COD_DEPERIBILITA"] or "", row["DES_ART"] or "")
