"""The price check of an uploaded order: each line recomputed on today's ERP data.

An agent prices his lines offline, with the rows his iPad had. When the order arrives the
server prices each line again with the same engine on the current ERP data; a line whose
price, discounts or surcharges differ (the ERP's price list changed since, or the agent
edited the figures) gets a `price_changed` warning with both sets of figures, so the
operator sees it at validation. A line without a price, without an article, or that the
ERP cannot price either, is not compared; nothing is said while io_listini_full and
io_sconti were never loaded.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from appliance.pricing.engine import line_net, price_line
from appliance.pricing.figures import dec, round_to, text
from appliance.pricing.lookup import inputs_for_articles
from appliance.pricing.rules import PricingRules
from appliance.store.db import Store


def price_warnings(store: Store, document: dict, rules: PricingRules, today: date) -> list[dict]:
    """`price_changed` warnings for the lines of an order document (see the module doc)."""
    if not (store.table_exists("io_listini_full") or store.table_exists("io_sconti")):
        return []
    company, customer = str(document.get("cod_ditta") or ""), str(document.get("cod_clifor") or "")
    found = []
    lines = document.get("righe") or []
    with store.snapshot() as conn:
        inputs = inputs_for_articles(conn, company, customer, [str(line["codice_articolo"]) for line in lines
                                                               if line.get("codice_articolo")])
    for index, line in enumerate(lines):
        article, agent = line.get("codice_articolo"), _agent_figures(line)
        if not article or agent is None:
            continue
        current = price_line({**inputs[str(article)], "line": _line(document, line, today)}, rules)
        if current["price"] is not None and not _same(agent, current):
            found.append(_warning(index, str(article), agent, current, rules))
    return found


def _agent_figures(line: dict) -> dict | None:
    price = dec(line.get("prezzo"))
    if price is None:
        return None
    zero = Decimal(0)
    return {"price": price,
            "discounts": [dec(line.get(f"sconto_{n}")) or zero for n in range(1, 7)],
            "discount_amount": dec(line.get("sconto_importo")) or zero,
            "surcharges": [dec(line.get(f"mag_perc_{n}")) or zero for n in (1, 2)],
            "surcharge_amount": dec(line.get("mag_importo")) or zero}


def _line(document: dict, line: dict, today: date) -> dict:
    """The engine's line from an order line: quantity in the main unit (`qta`), dates, destination..."""
    return {"qty": str(dec(line.get("qta")) or 0), "date": str(document.get("data_ordine") or today)[:10],
            "delivery_date": str(line.get("data_consegna_riga") or document.get("data_consegna") or "")[:10],
            "destination": document.get("cod_destinazione") or "", "warehouse": document.get("cod_magazzino") or "",
            "currency": document.get("cod_valuta") or "", "combination": line.get("cod_combinazione") or ""}


def _same(agent: dict, current: dict) -> bool:
    pairs = [(agent["price"], current["price"]), (agent["discount_amount"], current["discount_amount"]),
             (agent["surcharge_amount"], current["surcharge_amount"])]
    pairs += list(zip(agent["discounts"], current["discounts"])) + list(zip(agent["surcharges"], current["surcharges"]))
    return all(Decimal(a) == Decimal(b) for a, b in pairs)


def figures(price: Any, discounts: list, discount_amount: Any, surcharges: list, surcharge_amount: Any,
            net: Any) -> dict:
    """Figures as shown to the operator: canonical text, trailing zero discounts left out."""
    def trimmed(values: list) -> list[str]:
        shown = [text(Decimal(v)) for v in values]
        while shown and shown[-1] == "0":
            shown.pop()
        return shown
    return {"price": text(Decimal(price)), "discounts": trimmed(discounts),
            "discount_amount": text(Decimal(discount_amount)),
            "surcharges": trimmed(surcharges), "surcharge_amount": text(Decimal(surcharge_amount)), "net_price": net}


def _warning(index: int, article: str, agent: dict, current: dict, rules: PricingRules) -> dict:
    agent_net = round_to(line_net(agent["price"], agent["discounts"], agent["discount_amount"], agent["surcharges"],
                                  agent["surcharge_amount"]), rules.unit_decimals)
    mine = figures(agent["price"], agent["discounts"], agent["discount_amount"], agent["surcharges"],
                   agent["surcharge_amount"], text(agent_net))
    theirs = figures(current["price"], current["discounts"], current["discount_amount"], current["surcharges"],
                     current["surcharge_amount"], current["net_price"])
    why = f"row {current['price_row']}" if current["price_row"] else "io_art's base price"
    return {"field": f"righe[{index}].prezzo", "code": "price_changed",
            "message": f"Article {article}: the agent's price {_say(mine)} differs from the current ERP price "
                       f"{_say(theirs)} ({why}).",
            "agent": mine, "current": theirs}


def _say(shown: dict) -> str:
    parts = [shown["price"]] + [f"-{d}%" for d in shown["discounts"]]
    if shown["discount_amount"] != "0":
        parts.append(f"-{shown['discount_amount']}")
    parts += [f"+{s}%" for s in shown["surcharges"]]
    if shown["surcharge_amount"] != "0":
        parts.append(f"+{shown['surcharge_amount']}")
    return f"{' '.join(parts)} (net {shown['net_price']})"
