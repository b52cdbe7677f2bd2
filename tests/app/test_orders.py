"""Orders taken offline in the app: priced as the server prices them, kept as drafts, sent once through the outbox."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from playwright.sync_api import expect

from appliance.pricing.lookup import price_for
from tests.app.browser import local, sign_in
from tests.app.orders import (SEND_TIMEOUT, add_line, local_draft, new_order, outbox_row, pick_order, pulled_orders,
                              shown_lines, stored_count)


def test_an_order_taken_offline_survives_a_closed_page_and_is_uploaded_once_with_the_prices_shown(own_demo, ipad):
    page = ipad(own_demo)
    sign_in(page)
    chosen = pick_order(own_demo)
    page.context.set_offline(True)

    guid = new_order(page, chosen["customer"])
    for article, qty in (chosen["special"], chosen["break"], chosen["plain"]):
        add_line(page, article, qty)
    seen = shown_lines(page)
    total = page.get_by_test_id("order-total").get_attribute("data-value")
    assert [line["article"] for line in seen] == [chosen["special"][0], chosen["break"][0], chosen["plain"][0]]

    # The prices on the screen are the server engine's: the customer's own price, the break at its quantity.
    for line in seen:
        expected = price_for(own_demo.store, chosen["company"], chosen["customer"], line["article"],
                             {"qty": line["qty"], "date": date.today().isoformat()})
        assert (line["price"], line["net"], line["amount"]) == (expected["price"], expected["net_price"], expected["amount"])

    # Closed and reopened offline: the draft is intact.
    page.reload()
    expect(page.get_by_test_id("order-form")).to_have_attribute("data-guid", guid)
    expect(page.get_by_test_id("order-line")).to_have_count(3)
    assert shown_lines(page) == seen
    assert local_draft(page, guid)["lines"][1]["qty"] == str(chosen["break"][1])

    page.get_by_test_id("order-send").click()
    expect(outbox_row(page, guid)).to_have_attribute("data-status", "waiting")
    expect(page.get_by_test_id("outbox-count")).to_have_attribute("data-count", "1")
    assert local(page, f"return await db.getMeta('draft:{guid}');") is None
    assert stored_count(own_demo, guid) == 0

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(outbox_row(page, guid)).to_have_attribute("data-status", "sent", timeout=SEND_TIMEOUT)
    expect(outbox_row(page, guid)).to_have_attribute("data-server-status", "queued", timeout=SEND_TIMEOUT)
    expect(page.get_by_test_id("outbox-count")).to_have_attribute("data-count", "0")
    assert stored_count(own_demo, guid) == 1

    pulled = [order for order in pulled_orders(own_demo) if order["guid_test_ord"] == guid]
    assert len(pulled) == 1
    lines = pulled[0]["righe"]
    assert [(line["codice_articolo"], line["qta"], line["prezzo"]) for line in lines] == [
        (line["article"], Decimal(line["qty"]), Decimal(line["price"])) for line in seen]
    assert pulled[0]["cod_clifor"] == chosen["customer"]
    assert Decimal(total) > 0
