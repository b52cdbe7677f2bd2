"""The order rules as one pure function: an uploaded order in, the orders the ERP receives out.

Deterministic: the same order, rules and ERP facts give the same parts, field for field.
It always starts from the order as uploaded, so a rule is applied once however often
the order is reprocessed.

1. Delivery days: an order without `data_consegna` gets the order date (else the day it
   was received) plus `orders.delivery_days` (when that is above 0).
2. Line order: as entered, or by article description (io_art's `DES_ART`, else the
   line's `descrizione_riga`), ties kept in the order entered.
3. Split: lines go together when they agree on every key switched on: the article's
   family (`COD_FAM`; empty for an article io_art no longer has), the delivery date (the
   line's `data_consegna_riga`, else the order's), the destination (`cod_destinazione`,
   the order's: one per uploaded order) and the perishability code (`COD_DEPERIBILITA`).
   Parts follow the first appearance of their key; part 1 keeps `guid_test_ord` and
   `unique_id`, part k gets `<guid>-k` and `unique_id + (k - 1) * 100,000,000`. Lines keep
   their ids. Split by delivery date, a part's `data_consegna` is its lines' day.
4. Payment transcoding: in a part holding a perishable article (non-empty
   `COD_DEPERIBILITA`), the customer's payment code (the order's `cod_cond_pag`, else the
   new customer's, else io_clifor_gen's `COD_CONDPAG`) is looked up in the transcoding
   table; when found, `cod_cond_pag` and `cod_cond_pag_deperibilita` both get the
   replacement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from appliance.connector.records import iso_date
from appliance.orders.facts import Article, OrderFacts
from appliance.orders.rules import Rules

PART_STRIDE = 100_000_000
_NO_ARTICLE = Article("", "", "")


@dataclass
class Part:
    """One order the ERP receives: its number in the split, guid, unique_id, header and lines."""

    number: int
    guid: str
    unique_id: int
    header: dict
    lines: list[dict]
    notes: dict = field(default_factory=dict)

    @property
    def document(self) -> dict:
        return {**self.header, "righe": self.lines}

    @property
    def line_ids(self) -> list[int]:
        return [line["id"] for line in self.lines]


def split_order(order: dict, rules: Rules, facts: OrderFacts, received_on: str) -> list[Part]:
    """The parts of a stored order (see the module doc); `received_on` is the day it arrived (YYYY-MM-DD)."""
    header = {name: value for name, value in order.items() if name != "righe"}
    _delivery_days(header, rules.delivery_days, received_on)
    lines = _ordered(order.get("righe") or [], rules.line_order, facts)
    groups: dict[tuple, list[dict]] = {}
    for line in lines:
        groups.setdefault(_key(line, header, rules, facts), []).append(line)
    if not groups:
        groups[()] = []
    parts = []
    for number, (key, members) in enumerate(groups.items(), start=1):
        part_header = dict(header)
        day = _line_day(members[0], header) if rules.split_by_delivery_date and members else ""
        if day and day != iso_date(header.get("data_consegna")):
            part_header["data_consegna"] = day + "T00:00:00"
        part = Part(number, order["guid_test_ord"] if number == 1 else f"{order['guid_test_ord']}-{number}",
                    int(order["unique_id"]) + (number - 1) * PART_STRIDE, part_header, members)
        part.header.update(guid_test_ord=part.guid, unique_id=part.unique_id)
        _transcode(part, order, facts)
        parts.append(part)
    return parts


def _delivery_days(header: dict, days: int, received_on: str) -> None:
    if header.get("data_consegna") or days <= 0:
        return
    base = date.fromisoformat(iso_date(header.get("data_ordine")) or received_on)
    header["data_consegna"] = (base + timedelta(days=days)).isoformat() + "T00:00:00"


def _article(line: dict, facts: OrderFacts) -> Article:
    return facts.articles.get(line.get("codice_articolo") or "", _NO_ARTICLE)


def _ordered(lines: list[dict], line_order: str, facts: OrderFacts) -> list[dict]:
    if line_order != "description":
        return list(lines)
    return sorted(lines, key=lambda line: (_article(line, facts).description or line.get("descrizione_riga")
                                           or "").casefold())


def _key(line: dict, header: dict, rules: Rules, facts: OrderFacts) -> tuple:
    article = _article(line, facts)
    key = []
    if rules.split_by_family:
        key.append(article.family)
    if rules.split_by_delivery_date:
        key.append(_line_day(line, header))
    if rules.split_by_destination:
        key.append(header.get("cod_destinazione") or "")
    if rules.split_by_perishability:
        key.append(article.perishability)
    return tuple(key)


def _line_day(line: dict, header: dict) -> str:
    """A line's delivery day: its own date, else the order's; empty for none."""
    return iso_date(line.get("data_consegna_riga")) or iso_date(header.get("data_consegna")) or ""


def _transcode(part: Part, order: dict, facts: OrderFacts) -> None:
    if not any(_article(line, facts).perishability for line in part.lines):
        return
    new_customers = order.get("clienti") or [{}]
    code = order.get("cod_cond_pag") or new_customers[0].get("cod_cond_pag") or facts.customer_payment
    replacement = facts.transcoding.get(code or "")
    if replacement:
        part.header.update(cod_cond_pag=replacement, cod_cond_pag_deperibilita=replacement)
        part.notes["payment"] = {"from": code, "to": replacement}
