"""The article card's "add to order": to the open draft of the customer in context, or a new one; off without a customer."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.app.browser import local, sign_in
from tests.app.orders import open_customer, pick_order


def _article_card(page, code: str):
    page.evaluate(f"location.hash = '#/article/{code}'")
    button = page.get_by_test_id("article-add-order")
    expect(button).to_be_visible()
    return button


def _draft_lines(page, guid: str) -> list[str]:
    return local(page, f"return (await db.getMeta('draft:{guid}')).lines.map(l => l.article);")


def test_add_to_order_fills_the_customers_open_draft_or_starts_one_and_is_off_without_a_customer(demo, ipad):
    chosen = pick_order(demo)
    first, second, third = chosen["plain"][0], chosen["special"][0], chosen["break"][0]
    page = ipad(demo)
    sign_in(page)

    # No customer opened yet in this tab: the button is off and says where to start.
    button = _article_card(page, first)
    expect(button).to_be_disabled()
    expect(page.get_by_test_id("article-add-order-hint")).to_be_visible()

    # After the customer's card: a new order for him, with the article as its first line.
    open_customer(page, chosen["customer"])
    button = _article_card(page, first)
    expect(button).to_have_attribute("data-customer", chosen["customer"])
    button.click()
    form = page.get_by_test_id("order-form")
    expect(form).to_be_visible()
    guid = form.get_attribute("data-guid")
    expect(page.locator(f'[data-testid="order-line"][data-code="{first}"]')).to_have_count(1)
    expect(page.get_by_test_id("order-line").first.get_by_test_id("line-amount")).not_to_have_attribute("data-value", "")

    # From the order to the catalog and back: the same draft gets the next article.
    _article_card(page, second).click()
    expect(page.get_by_test_id("order-form")).to_have_attribute("data-guid", guid)
    expect(page.get_by_test_id("order-line")).to_have_count(2)
    assert _draft_lines(page, guid) == [first, second]

    # The customer's card again (not his order): his open draft is still the one filled.
    open_customer(page, chosen["customer"])
    _article_card(page, third).click()
    expect(page.get_by_test_id("order-form")).to_have_attribute("data-guid", guid)
    assert _draft_lines(page, guid) == [first, second, third]
    assert local(page, f"return (await db.metaWithPrefix('draft:')).filter(d => d.customer === '{chosen['customer']}').length;") == 1
