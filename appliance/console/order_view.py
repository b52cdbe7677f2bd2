"""An order as a clerk checks it: the customer by name and city, the destination, each line with the
article's description, quantity and unit, price, discounts and amount, and the order's total.

Names come from the ERP's tables (io_clifor_gen, io_clifor_dest, io_art) when they are loaded; a code
the ERP does not know is shown as it is. Amounts are computed as the app shows them: quantity times
price, less each discount in turn, in Decimal.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from appliance.store.db import Store
from appliance.store.documents import erp_rows

DISCOUNTS = tuple(f"sconto_{n}" for n in range(1, 7))
CENT = Decimal("0.01")


def order_view(store: Store, document: dict) -> dict:
    """Keys: customer ({code, name, city}), destination ({code, name, city} or None), lines ([{code,
    description, qty, unit, price, discounts, amount}]), total (Decimal)."""
    company = document.get("cod_ditta")
    lines = document.get("righe") or []
    articles = _by(erp_rows(store, "io_art", "COD_ART", sorted({str(l.get("codice_articolo")) for l in lines
                                                                  if l.get("codice_articolo")}),
                            ("COD_DITTA", "COD_ART", "DES_ART", "UM1")), "COD_ART", company)
    shown = [_line(line, articles.get(str(line.get("codice_articolo")))) for line in lines]
    return {"customer": _customer(store, document.get("cod_clifor"), company),
            "destination": _destination(store, document.get("cod_clifor"), document.get("cod_destinazione"), company),
            "lines": shown, "total": sum((line["amount"] for line in shown if line["amount"] is not None), Decimal(0))}


def _customer(store: Store, code: Any, company: Any) -> dict:
    rows = _by(erp_rows(store, "io_clifor_gen", "COD_CLIFOR", [str(code)] if code else [],
                        ("COD_DITTA", "COD_CLIFOR", "RAG_SOC", "CITTA", "PROVINCIA")), "COD_CLIFOR", company)
    row = rows.get(str(code)) or {}
    return {"code": code, "name": row.get("RAG_SOC"), "city": _city(row)}


def _destination(store: Store, customer: Any, code: Any, company: Any) -> dict | None:
    if not code:
        return None
    rows = [r for r in erp_rows(store, "io_clifor_dest", "COD_CLIFOR", [str(customer)] if customer else [],
                                ("COD_DITTA", "COD_CLIFOR", "COD_DEST", "RAG_SOC_DEST", "INDIRIZZO", "CITTA", "PROVINCIA"))
            if str(r["COD_DEST"]) == str(code) and (not company or r["COD_DITTA"] in (None, company))]
    row = rows[0] if rows else {}
    return {"code": code, "name": row.get("RAG_SOC_DEST") or row.get("INDIRIZZO"), "city": _city(row)}


def _line(line: dict, article: dict | None) -> dict:
    qty, price = _decimal(line.get("qta")), _decimal(line.get("prezzo"))
    discounts = [d for d in (_decimal(line.get(name)) for name in DISCOUNTS) if d]
    amount = None
    if qty is not None and price is not None:
        amount = qty * price
        for discount in discounts:
            amount -= amount * discount / 100
        amount = amount.quantize(CENT)
    return {"code": line.get("codice_articolo"), "description": line.get("descrizione_riga")
            or (article or {}).get("DES_ART"), "qty": qty, "unit": line.get("cod_um_1") or (article or {}).get("UM1"),
            "price": price, "discounts": discounts, "amount": amount, "note": line.get("note")}


def _by(rows: list[dict], column: str, company: Any) -> dict[str, dict]:
    return {str(r[column]): r for r in rows if not company or r.get("COD_DITTA") in (None, company)}


def _city(row: dict) -> str | None:
    if not row.get("CITTA"):
        return None
    return f"{row['CITTA']} ({row['PROVINCIA']})" if row.get("PROVINCIA") else row["CITTA"]


def _decimal(value: Any) -> Decimal | None:
    if value in (None, "") or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
