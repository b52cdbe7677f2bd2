"""The Python engine over every shared case, and the properties of the table itself."""

from __future__ import annotations

from decimal import Decimal

import pytest

from appliance.pricing import PricingRules, line_net, price_line
from appliance.pricing.figures import text
from tests.pricing.cases import REQUIRED, differences, inputs_of, load

DOC = load()
CASES = DOC["cases"]


def test_the_table_has_enough_cases_each_saying_price_discounts_net_and_why():
    assert len(CASES) >= 60
    assert len({c["id"] for c in CASES}) == len(CASES)
    for case in CASES:
        assert case["about"] and all(field in case["expected"] for field in REQUIRED), case["id"]


def test_every_parameter_is_exercised_with_a_value_other_than_its_default():
    defaults = PricingRules()
    exercised = {key.removeprefix("pricing.") for c in CASES for key, value in c.get("params", {}).items()
                 if value != getattr(defaults, key.removeprefix("pricing."))}
    assert exercised == set(PricingRules.__dataclass_fields__)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_python_engine(case):
    result = price_line(inputs_of(DOC["base"], case), PricingRules.from_config(case.get("params", {})))
    assert differences(case["expected"], result) == {}


def test_floats_are_read_through_their_shortest_text_and_an_agents_figures_use_the_same_formula():
    result = price_line({"line": {"qty": 3.0}, "prices": [{"CHIAVE": "P", "PREZZO": 0.1, "SCONTO1": 33.3}]})
    assert (result["price"], result["discounts"][0], result["net_price"], result["amount"]) == (
        "0.1", "33.3", "0.0667", "0.2")  # 0.1 x 0.667 = 0.0667 exactly; x 3 = 0.2001
    with pytest.raises(ValueError):
        price_line({"line": {"qty": float("nan")}})
    assert text(line_net("100", ["10", "5"], "2", ["5"], "1")) == "88.675"
    assert line_net(None, []) is None and line_net("10", []) == Decimal(10)


def test_unknown_choices_are_refused():
    with pytest.raises(ValueError, match="pricing.rounding"):
        PricingRules.from_config({"pricing.rounding": "banker"})
