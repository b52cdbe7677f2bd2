"""Pricing one order line from the ERP's rows: a pure function, the same as the app's pricing.js.

`price_line(inputs, rules)` takes the rows that could apply (the customer's io_clifor_gen
row, the article's io_art row and io_art_um rows, candidate io_listini_full and io_sconti
rows) and the line (quantity, unit, dates, destination, campaign...), and returns every
figure as canonical decimal text, plus which rows won and why. docs/pricing.md is the
definition; tests/pricing/cases.json holds the cases both engines must agree on.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Any

from appliance.pricing.figures import (EXACT, HUNDRED, ONE, QTY_DECIMALS, cascade, compound, dec, dec0, divide,
                                       multiply, net_of, round_to, text)
from appliance.pricing.rules import PricingRules
from appliance.pricing.selection import DISCOUNTS, PRICES, Choice, as_text, blank, choose, columns_of

SLOTS = 6
PRICE_COLUMNS = columns_of(PRICES, "PREZZO", *(f"SCONTO{n}" for n in range(1, SLOTS + 1)), "SCONTO_IMP", "MAG_PERC1",
                           "MAG_PERC2", "MAG_IMP", "IND_GES_PREZZO", "FLG_ESCLUDI_SCONTI")
DISCOUNT_COLUMNS = columns_of(DISCOUNTS, *(f"SCONTO{n}" for n in range(1, SLOTS + 1)),
                              *(f"TIPO_SCONTO{n}" for n in range(1, SLOTS + 1)))
TRUE_FLAGS = {"S", "SI", "Y", "YES", "1", "-1", "TRUE", "T", "X"}
DISCOUNTS_FROM_IO_SCONTI = "4"  # IND_GES_PREZZO: the row's own discounts are zero, io_sconti gives them


def price_line(inputs: dict, rules: PricingRules | None = None) -> dict:
    """The price, discounts, net price, amount and VAT of one line; see docs/pricing.md."""
    with localcontext(EXACT):  # every sum and difference exact, not rounded to 28 digits
        return _price_line(inputs, rules or PricingRules())


def _price_line(inputs: dict, rules: PricingRules) -> dict:
    article, customer, line = inputs.get("article") or {}, inputs.get("customer") or {}, inputs.get("line") or {}
    warnings: set[str] = set()
    qty = dec0(line.get("qty"))
    unit_row, factor = _unit(article, inputs.get("units") or [], line.get("unit"), warnings)
    qty_main = qty if factor == ONE else divide(qty, factor, QTY_DECIMALS)
    context = _context(inputs, qty if rules.break_unit == "line" else qty_main, rules)
    price_choice = choose(PRICES, inputs.get("prices") or [], context, rules)
    discount_choice = choose(DISCOUNTS, inputs.get("discounts") or [], context, rules)
    gross, source = _gross(price_choice, article, rules)
    slots, amount_off, extra, extra_amount = _discounts(price_choice, discount_choice, customer, rules)
    result = {
        "price": text(gross), "price_source": source, **_why("price", price_choice),
        **_why("discount", discount_choice if _sconti_apply(price_choice, discount_choice) else None),
        "sconti_excluded": _excluded(price_choice),
        "discounts": [text(s) for s in slots], "discount_amount": text(amount_off),
        "surcharges": [text(s) for s in extra], "surcharge_amount": text(extra_amount),
        "discount_total": text(HUNDRED - cascade(HUNDRED, slots)), "qty_main": text(qty_main),
        "net_price": None, "amount": None, "vat_rate": None, "vat": None, "total": None}
    if gross is None:
        warnings.add("no_price")
    else:
        result.update(_amounts(gross, slots, amount_off, extra, extra_amount, qty_main, article, customer, rules))
    _limits(result, article, unit_row, qty, qty_main, warnings)
    result["warnings"] = sorted(warnings)
    return result


def _context(inputs: dict, break_qty: Decimal, rules: PricingRules) -> dict:
    """The line's value for every filter column (empty text when the line has none)."""
    article, customer, line = inputs.get("article") or {}, inputs.get("customer") or {}, inputs.get("line") or {}
    day = as_text(line.get("date"))[:10]
    if rules.validity_date == "delivery" and as_text(line.get("delivery_date")):
        day = as_text(line.get("delivery_date"))[:10]
    return {
        "company": as_text(inputs.get("company")), "article": as_text(article.get("COD_ART")),
        "customer": as_text(customer.get("COD_CLIFOR")), "warehouse": as_text(line.get("warehouse")),
        "macroarea": as_text(customer.get("COD_MACROAREA")), "area": as_text(customer.get("COD_AREA")),
        "zone": as_text(customer.get("COD_ZONA")), "macrocategory": as_text(customer.get("COD_MACROCATEGORIA")),
        "category": as_text(customer.get("COD_CATEGORIA")), "subcategory": as_text(customer.get("COD_SOTTOCATEGORIA")),
        "price_list": as_text(line.get("price_list")) or as_text(customer.get("COD_LISTINO")),
        "campaign": as_text(line.get("campaign")), "destination": as_text(line.get("destination")),
        "customer_class": as_text(customer.get("COD_CLASSE_SCONTO")), "combination": as_text(line.get("combination")),
        "currency": (as_text(line.get("currency")) or as_text(customer.get("COD_VALUTA"))
                     or as_text(customer.get("VALUTA"))),
        "family": as_text(article.get("COD_FAM")), "subfamily": as_text(article.get("COD_SFAM")),
        "group": as_text(article.get("COD_GRUPPO1")), "subgroup": as_text(article.get("COD_GRUPPO2")),
        "article_class": as_text(article.get("COD_CLASSE_SCONTO")), "break_qty": break_qty, "validity_date": day}


def _unit(article: dict, units: list[dict], unit: Any, warnings: set[str]) -> tuple[dict | None, Decimal]:
    """The io_art_um row of the line's unit and its factor (qty in the main unit x factor = qty in this unit)."""
    main, wanted = as_text(article.get("UM1")), as_text(unit) or as_text(article.get("UM1"))
    own = ("", as_text(article.get("COD_ART")))
    row = next((u for u in units if as_text(u.get("UM")) == wanted and as_text(u.get("COD_ART")) in own), None)
    if not wanted or wanted == main:
        return row, ONE
    factor = dec(row.get("FAT_CONV")) if row else None
    if factor is None and wanted == as_text(article.get("UM2")):
        factor = dec(article.get("FATTORE_CONVERSIONE"))
    if row is None and wanted != as_text(article.get("UM2")):
        warnings.add("unknown_unit")
    return row, factor if factor else ONE


def _gross(choice: Choice | None, article: dict, rules: PricingRules) -> tuple[Decimal | None, str]:
    if choice is not None:
        return dec0(choice.row.get("PREZZO")), "price_list"
    retail = dec(article.get("PREZZO_RETAIL"))
    if rules.article_price_fallback and retail is not None and retail > 0:
        return retail, "article"
    return None, "none"


def _own_discounts(row: dict | None) -> bool:
    return row is not None and as_text(row.get("IND_GES_PREZZO")) != DISCOUNTS_FROM_IO_SCONTI


def _excluded(price: Choice | None) -> bool:
    """FLG_ESCLUDI_SCONTI on the winning price row: a net price, io_sconti must not touch it."""
    return price is not None and as_text(price.row.get("FLG_ESCLUDI_SCONTI")).upper() in TRUE_FLAGS


def _sconti_apply(price: Choice | None, discount: Choice | None) -> bool:
    return discount is not None and not _excluded(price)


def _discounts(price: Choice | None, discount: Choice | None, customer: dict,
               rules: PricingRules) -> tuple[list[Decimal], Decimal, list[Decimal], Decimal]:
    """Six percent discounts, the amount discount, two percent surcharges, the amount surcharge."""
    own = price.row if price is not None and _own_discounts(price.row) else {}
    slots = [dec0(own.get(f"SCONTO{n}")) for n in range(1, SLOTS + 1)]
    if _sconti_apply(price, discount):
        for n in range(1, SLOTS + 1):
            value = dec0(discount.row.get(f"SCONTO{n}"))
            replace = as_text(discount.row.get(f"TIPO_SCONTO{n}")).upper() == "S"
            slots[n - 1] = value if replace else compound(slots[n - 1], value)
    if rules.customer_discounts and discount is None and not _excluded(price) and not any(slots):
        slots = [dec0(customer.get(f"SCO_PERC{n}")) for n in range(1, SLOTS + 1)]
    return (slots, dec0(own.get("SCONTO_IMP")), [dec0(own.get("MAG_PERC1")), dec0(own.get("MAG_PERC2"))],
            dec0(own.get("MAG_IMP")))


def _why(name: str, choice: Choice | None) -> dict:
    return {f"{name}_row": as_text(choice.row.get("CHIAVE")) if choice else None,
            f"{name}_rule": choice.rule if choice else None,
            f"{name}_decided_by": choice.decided_by if choice else None,
            f"{name}_candidates": choice.candidates if choice else 0}


def _amounts(gross: Decimal, slots: list[Decimal], amount_off: Decimal, extra: list[Decimal], extra_amount: Decimal,
             qty_main: Decimal, article: dict, customer: dict, rules: PricingRules) -> dict:
    exact = net_of(gross, slots, amount_off, extra, extra_amount)
    net = round_to(exact, rules.unit_decimals)
    amount = round_to(multiply(qty_main, exact if rules.rounding == "line" else net), rules.amount_decimals)
    rate = _vat_rate(article, customer, rules)
    vat = round_to(multiply(amount, rate).scaleb(-2), rules.amount_decimals)
    return {"net_price": text(net), "amount": text(amount), "vat_rate": text(rate), "vat": text(vat),
            "total": text(amount + vat)}


def _vat_rate(article: dict, customer: dict, rules: PricingRules) -> Decimal:
    """The customer's rate (an exemption) wins over the article's, which wins over `pricing.vat_rate`."""
    for row in (customer, article):
        if not blank(row.get("ALIQUOTA_IVA")):
            return dec0(row["ALIQUOTA_IVA"])
    return Decimal(rules.vat_rate)


def _limits(result: dict, article: dict, unit_row: dict | None, qty: Decimal, qty_main: Decimal,
            warnings: set[str]) -> None:
    """Warnings from io_art and io_art_um: blocked article, minimum quantity, multiples, minimum price, max discount."""
    if as_text(article.get("COD_STATO")).upper() == "BLK":
        warnings.add("blocked_article")
    minimum = dec(article.get("QTA_MIN_VEND"))
    if minimum and qty_main < minimum:
        warnings.add("below_min_qty")
    multiple = dec(unit_row.get("MULTIPLO")) if unit_row else None
    if multiple and multiple > 0 and qty % multiple != 0:
        warnings.add("not_multiple")
    min_price = dec(article.get("PREZZO_MIN_VEN"))
    if result["net_price"] is not None and min_price and dec0(result["net_price"]) < min_price:
        warnings.add("below_min_price")
    max_discount = dec(article.get("SCONTO_MAX_VEN"))
    if max_discount and max_discount > 0 and dec0(result["discount_total"]) > max_discount:
        warnings.add("above_max_discount")


def line_net(price: Any, discounts: list[Any], discount_amount: Any = None, surcharges: list[Any] = (),
             surcharge_amount: Any = None) -> Decimal | None:
    """The exact net unit price of figures given by hand (an agent's line), by the same formula."""
    gross = dec(price)
    if gross is None:
        return None
    return net_of(gross, [dec0(d) for d in discounts], dec0(discount_amount), [dec0(s) for s in surcharges],
                  dec0(surcharge_amount))

