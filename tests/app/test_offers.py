"""An offer goes to the appliance as an order with the ERP's order type code for offers (`app.offer_order_type`)."""

from __future__ import annotations

from playwright.sync_api import expect

from appliance.accounts import set_param
from tests.app.browser import sign_in
from tests.app.orders import SEND_TIMEOUT, add_line, outbox_row, pick_order, stored_document


def _send(page, customer: str, article: str, kind: str) -> str:
    page.evaluate(f"location.hash = '#/customer/{customer}'")
    page.get_by_test_id(f"new-{kind}").click()
    form = page.get_by_test_id("order-form")
    expect(form).to_be_visible()
    guid = form.get_attribute("data-guid")
    add_line(page, article, 2)
    page.get_by_test_id("order-send").click()
    expect(outbox_row(page, guid)).to_have_attribute("data-status", "sent", timeout=SEND_TIMEOUT)
    return guid


def test_an_offer_carries_the_projects_order_type_code_and_an_order_none(own_demo, ipad):
    set_param(own_demo.store, "app.offer_order_type", "PRV")
    chosen = pick_order(own_demo)
    page = ipad(own_demo)
    sign_in(page)
    offer = _send(page, chosen["customer"], chosen["plain"][0], "offer")
    order = _send(page, chosen["customer"], chosen["plain"][0], "order")
    assert stored_document(own_demo, offer)["ext_cod_tipo_ord"] == "PRV"
    assert stored_document(own_demo, order).get("ext_cod_tipo_ord") in (None, "")
