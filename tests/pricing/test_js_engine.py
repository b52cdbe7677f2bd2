"""The app's pricing.js over every shared case, in headless Chromium, against the same expectations."""

from __future__ import annotations

import pytest

from tests.pricing.cases import differences, inputs_of, load

DOC = load()
CASES = DOC["cases"]
RUN_ALL = """(cases) => cases.map(([inputs, params]) => {
  try { return window.pricing.priceLine(inputs, window.pricing.rulesFrom(params)); }
  catch (error) { return {error: String(error)}; }
})"""


@pytest.fixture(scope="module")
def js_results(engine_page):
    """Every case priced by the browser in one round trip: {case id: result}."""
    payload = [[inputs_of(DOC["base"], case), case.get("params", {})] for case in CASES]
    return dict(zip([c["id"] for c in CASES], engine_page.evaluate(RUN_ALL, payload)))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_javascript_engine(case, js_results):
    assert differences(case["expected"], js_results[case["id"]]) == {}


def test_both_engines_return_the_same_whole_result(js_results):
    """Beyond the expected fields: every field of every result is the same in both engines."""
    from appliance.pricing import PricingRules, price_line
    for case in CASES:
        python = price_line(inputs_of(DOC["base"], case), PricingRules.from_config(case.get("params", {})))
        assert js_results[case["id"]] == python, case["id"]


def test_numbers_are_read_through_their_shortest_text(engine_page):
    """The same as the Python engine: JSON numbers work, read as their shortest decimal text."""
    result = engine_page.evaluate("""() => window.pricing.priceLine(
        {line: {qty: 3}, prices: [{CHIAVE: "P", PREZZO: 0.1, SCONTO1: 33.3}]})""")
    assert (result["price"], result["discounts"][0], result["net_price"], result["amount"]) == (
        "0.1", "33.3", "0.0667", "0.2")
    message = engine_page.evaluate("""() => { try { window.pricing.priceLine({line: {qty: NaN}}); return "accepted"; }
                                      catch (error) { return String(error); } }""")
    assert "not a decimal number" in message
