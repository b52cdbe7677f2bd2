"""The shared pricing cases (cases.json): loading and merging each case over the base."""

from __future__ import annotations

import json
from pathlib import Path

CASES_FILE = Path(__file__).with_name("cases.json")
REQUIRED = ("price", "price_row", "price_rule", "price_decided_by", "discounts", "net_price", "amount", "warnings")


def load() -> dict:
    return json.loads(CASES_FILE.read_text(encoding="utf-8"))


def inputs_of(base: dict, case: dict) -> dict:
    """The case's input over the base: customer, article and line merged field by field."""
    given = case["input"]
    merged = {**base, **{k: v for k, v in given.items() if k not in ("customer", "article", "line")}}
    for part in ("customer", "article", "line"):
        merged[part] = {**base.get(part, {}), **given.get(part, {})}
    return merged


def differences(expected: dict, result: dict) -> dict:
    """Expected fields the result gets wrong: {field: (expected, got)}."""
    return {k: (v, result.get(k, "<missing>")) for k, v in expected.items() if result.get(k, "<missing>") != v}
