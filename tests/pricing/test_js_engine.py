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


def test_binary_floats_are_refused(engine_page):
    message = engine_page.evaluate("""() => { try { window.pricing.priceLine({line: {qty: 1.5}}); return "accepted"; }
                                      catch (error) { return String(error); } }""")
    assert "never binary floats" in message
