"""Exact decimal arithmetic for pricing: parsing row values, the discount cascade, rounding.

Every step is exact (Decimal with a precision far above what the ERP's 8 decimals need);
rounding happens only where docs/pricing.md says, half up (the Italian "arrotondamento
commerciale"), never half even. The JavaScript engine reproduces each function with scaled
BigInts, so both give the same digits.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from typing import Any

ZERO, ONE, HUNDRED = Decimal(0), Decimal(1), Decimal(100)
EXACT = Context(prec=200, rounding=ROUND_HALF_UP)
QTY_DECIMALS = 8  # a quantity converted to another unit keeps the ERP's 8 decimals


def dec(value: Any) -> Decimal | None:
    """A row or line value as a Decimal; None when empty.

    A float (a JSON number parsed the usual way) is read through its shortest text, as
    JavaScript's String(x) does: 12.5 is 12.5, never 12.4999... Exact for up to 15
    significant digits; pass text for more.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{value!r} is not a decimal number")
        value = repr(value)
    text = str(value).strip().replace(",", ".")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a decimal number") from None


def dec0(value: Any) -> Decimal:
    """Like `dec`, with empty as zero."""
    found = dec(value)
    return ZERO if found is None else found


def text(value: Decimal | None) -> str | None:
    """The canonical text of a figure: no exponent, no trailing zeros ("12.5", "0", "100")."""
    if value is None:
        return None
    if value == 0:
        return "0"
    digits = format(value, "f")
    return digits.rstrip("0").rstrip(".") if "." in digits else digits


def round_to(value: Decimal, decimals: int) -> Decimal:
    """`value` rounded half up (away from zero) to `decimals` places."""
    with localcontext(EXACT):
        return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def divide(numerator: Decimal, denominator: Decimal, decimals: int) -> Decimal:
    """`numerator / denominator` rounded half up to `decimals` places (the only inexact step)."""
    with localcontext(EXACT):
        return round_to(numerator / denominator, decimals)


def cascade(price: Decimal, percents: list[Decimal]) -> Decimal:
    """The price after percent discounts applied one after another: p x (1 - s1/100) x (1 - s2/100) ..."""
    with localcontext(EXACT):
        for percent in percents:
            price = price * (HUNDRED - percent) / HUNDRED
    return price


def surcharge(price: Decimal, percents: list[Decimal]) -> Decimal:
    """The price after percent surcharges applied one after another: p x (1 + m1/100) ..."""
    with localcontext(EXACT):
        for percent in percents:
            price = price * (HUNDRED + percent) / HUNDRED
    return price


def compound(first: Decimal, second: Decimal) -> Decimal:
    """Two percent discounts as one: 100 - (100 - a)(100 - b)/100 (10 and 5 make 14.5)."""
    with localcontext(EXACT):
        return HUNDRED - (HUNDRED - first) * (HUNDRED - second) / HUNDRED


def multiply(*values: Decimal) -> Decimal:
    """The exact product."""
    with localcontext(EXACT):
        result = ONE
        for value in values:
            result = result * value
        return result


def net_of(price: Decimal, discounts: list[Decimal], discount_amount: Decimal, surcharges: list[Decimal],
           surcharge_amount: Decimal) -> Decimal:
    """The exact net unit price, never below 0:
    ((price x discounts) - amount discount) x surcharges + amount surcharge."""
    with localcontext(EXACT):
        net = surcharge(cascade(price, discounts) - discount_amount, surcharges) + surcharge_amount
    return max(net, ZERO)
