"""Business rules on uploaded documents: they flag a document for the operator, they never reject it.

An agent may have taken an order days ago, offline, against data that changed since:
an article the ERP has dropped, a price under today's minimum, a customer blocked
meanwhile, or moved to another agent. The order is accepted all the same and carries
warnings (field, code, message) that the console shows. Rules that need an ERP table
say nothing while that table was never loaded.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from appliance.accounts import effective_config
from appliance.pricing import PricingRules
from appliance.pricing.check import price_warnings
from appliance.store.db import Store
from appliance.store.documents import erp_rows
from appliance.store.sync import agent_customers
from appliance.sync.views import SHOW_ALL


def warnings_for(store: Store, kind: str, document: dict, *, agent_code: str = "",
                 username: str | None = None, now: datetime | None = None) -> list[dict]:
    """The business-rule warnings of a document (empty when none applies).

    `agent_code` and `username` are the uploader's: an agent's order or note for a customer
    that is not his (any more) is flagged, unless `app.show_all_customers` is on for him.
    An order's lines are also priced again on today's ERP data (`price_changed`); `now`
    gives the order date when the order has none.
    """
    uploader = (agent_code, username)
    if kind == "orders":
        empty = [] if document.get("righe") else [_warning("righe", "no_lines", "The order has no lines; it waits "
                                                                               "for an operator.")]
        rules = PricingRules.from_config(effective_config(store, username))
        today = (now or datetime.now(timezone.utc)).astimezone().date()
        return (empty + _customer(store, document.get("cod_clifor"), "cod_clifor", uploader=uploader,
                                  company=document.get("cod_ditta")) + _lines(store, document)
                + price_warnings(store, document, rules, today))
    if kind == "customer-notes":
        return _customer(store, document.get("cod_cliente"), "cod_cliente", blocked=False, uploader=uploader,
                         company=document.get("cod_ditta"))
    if kind in ("lead-notes", "activities"):
        return _lead(store, document.get("cod_lead"))
    return []


def _warning(field: str, code: str, message: str) -> dict:
    return {"field": field, "code": code, "message": message}


def _customer(store: Store, code: Any, field: str, *, uploader: tuple[str, str | None], company: Any,
              blocked: bool = True) -> list[dict]:
    if not code or not store.table_exists("io_clifor_gen"):
        return []
    known = [r for r in erp_rows(store, "io_clifor_gen", "COD_CLIFOR", [code], ("TIPO_CLIFOR",))
             if not r["TIPO_CLIFOR"]]
    if not known:
        return [_warning(field, "unknown_customer", f"Customer {code} is not in the ERP's customer list.")]
    found = _not_agents(store, str(code), field, *uploader, company)
    if not blocked:
        return found
    return found + _blocks(store, code, field)


def _not_agents(store: Store, code: str, field: str, agent: str, username: str | None, company: Any) -> list[dict]:
    if not agent or (username and effective_config(store, username).get(SHOW_ALL)):
        return []
    with store.snapshot() as conn:
        members = agent_customers(conn, agent, code)
    if any(not company or member_company in ("", str(company)) for member_company, _, _ in members):
        return []
    return [_warning(field, "not_agents_customer", f"Customer {code} is not one of agent {agent}'s customers "
                                                   f"(io_clifor_age): check who should handle this document.")]


def _blocks(store: Store, code: Any, field: str) -> list[dict]:
    blocks = erp_rows(store, "io_clifor_blo", "COD_CLIFOR", [code], ("TIPO_CLIFOR", "COD_BLOCCO", "NOTA_BLOCCO"))
    return [_warning(field, "blocked_customer", f"Customer {code} is blocked ({b['COD_BLOCCO'] or 'no code'}"
                                                 f"{': ' + b['NOTA_BLOCCO'] if b['NOTA_BLOCCO'] else ''}).")
            for b in blocks if not b["TIPO_CLIFOR"]]


def _lead(store: Store, code: Any) -> list[dict]:
    if not code or not store.table_exists("io_leads"):
        return []
    if erp_rows(store, "io_leads", "COD_LEAD", [code], ("COD_LEAD",)):
        return []
    return [_warning("cod_lead", "unknown_lead", f"Lead {code} is not in the ERP's lead list.")]


def _lines(store: Store, document: dict) -> list[dict]:
    lines = document.get("righe") or []
    codes = sorted({line.get("codice_articolo") for line in lines if line.get("codice_articolo")})
    if not codes or not store.table_exists("io_art"):
        return []
    columns = ("COD_DITTA", "COD_ART", "PREZZO_MIN_VEN", "SCONTO_MAX_VEN", "QTA_MIN_VEND")
    company = document.get("cod_ditta")
    articles = {r["COD_ART"]: r for r in erp_rows(store, "io_art", "COD_ART", codes, columns)
                if not company or r["COD_DITTA"] in (None, company)}
    found = []
    for index, line in enumerate(lines):
        code = line.get("codice_articolo")
        if code:
            found += _line(f"righe[{index}].", line, code, articles.get(code))
    return found


def _line(at: str, line: dict, code: str, article: dict | None) -> list[dict]:
    if article is None:
        return [_warning(at + "codice_articolo", "unknown_article", f"Article {code} is no longer in the ERP's "
                                                                     f"article list.")]
    found = []
    limits = (("prezzo", "PREZZO_MIN_VEN", lambda v, lim: v < lim, "below_min_price", "price {v} is below the "
               "minimum price {lim}"),
              ("sconto_1", "SCONTO_MAX_VEN", lambda v, lim: v > lim > 0, "above_max_discount", "discount {v}% is "
               "above the maximum {lim}%"),
              ("qta", "QTA_MIN_VEND", lambda v, lim: v < lim, "below_min_quantity", "quantity {v} is below the "
               "minimum quantity {lim}"))
    for field, column, broken, code_name, text in limits:
        value, limit = _decimal(line.get(field)), _decimal(article[column])
        if value is not None and limit is not None and broken(value, limit):
            found.append(_warning(at + field, code_name, f"Article {code}: " + text.format(v=value, lim=limit)))
    return found


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
