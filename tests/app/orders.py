"""Taking orders in the app as an agent does, and reading them back from the appliance and the connector API."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import requests
from playwright.sync_api import Page, expect

from appliance.connector.key import connector_key
from appliance.pricing import PricingRules
from appliance.pricing.lookup import price_for
from tests.app.browser import local

SEND_TIMEOUT = 30_000


def pick_order(server) -> dict:
    """The agent's customer with a price of his own and a quantity break on his price list, and the three articles.

    Returns {customer, company, special: (article, qty), break: (article, qty), plain: (article, qty)}: the
    server's engine prices `special` with the customer's row and `break` with the break row.
    """
    store = server.store
    with store.snapshot() as conn:
        ages = {r[0] for r in conn.execute("SELECT COD_CLIFOR FROM io_clifor_age WHERE COD_AGE = 'AG01'")}
        customers = conn.execute("SELECT COD_CLIFOR, COD_LISTINO, COD_DITTA FROM io_clifor_gen WHERE TIPO_CLIFOR = 0 "
                                 "AND _deleted = 0 ORDER BY COD_CLIFOR").fetchall()
        specials = conn.execute("SELECT COD_CLIFOR, COD_ART FROM io_listini_full WHERE COD_CLIFOR IS NOT NULL "
                                "AND COD_CLIFOR != '' AND _deleted = 0 ORDER BY CHIAVE").fetchall()
        breaks = conn.execute("SELECT COD_ART, COD_LISTINO, QUANTITA_INIZIO FROM io_listini_full WHERE CAST(QUANTITA_INIZIO AS REAL) > 0 "
                              "AND _deleted = 0 ORDER BY CHIAVE").fetchall()
        blocked = {r[0] for r in conn.execute("SELECT COD_CLIFOR FROM io_clifor_blo WHERE _deleted = 0")}
    today = date.today().isoformat()
    rules = PricingRules()
    for code, price_list, company in customers:
        if code not in ages or code in blocked:
            continue
        mine = [art for who, art in specials if who == code]
        on_list = [(art, int(Decimal(str(qty)))) for art, lst, qty in breaks if lst == price_list and art not in mine]
        for special in mine:
            result = price_for(store, str(company or ""), code, special, {"qty": "2", "date": today}, rules)
            if not result["price_rule"].startswith("customer") or not on_list:
                continue
            article, qty = on_list[0]
            broken = price_for(store, str(company or ""), code, article, {"qty": str(qty), "date": today}, rules)
            single = price_for(store, str(company or ""), code, article, {"qty": "1", "date": today}, rules)
            if broken["price_decided_by"] != "specificity" or broken["price"] == single["price"]:
                continue
            plain = next(a for a, _, _ in breaks if a not in (special, article))
            return {"customer": code, "company": str(company or ""), "special": (special, 2), "break": (article, qty),
                    "plain": (plain, 3)}
    raise AssertionError("the demo data has no customer with an own price and a quantity break on his list")


def open_customer(page: Page, code: str) -> None:
    page.evaluate(f"location.hash = '#/customer/{code}'")
    expect(page.get_by_test_id("customer-card")).to_be_visible()


def new_order(page: Page, code: str) -> str:
    """Start an order from the customer card; returns its guid."""
    open_customer(page, code)
    page.get_by_test_id("new-order").click()
    form = page.get_by_test_id("order-form")
    expect(form).to_be_visible()
    return form.get_attribute("data-guid")


def add_line(page: Page, article: str, qty) -> None:
    """Search the article, add it, type the quantity; waits until the line is priced and the draft kept."""
    page.get_by_test_id("article-search").fill(article)
    page.locator(f'[data-testid="article-row"][data-code="{article}"]').click()
    line = page.locator(f'[data-testid="order-line"][data-code="{article}"]').last
    line.get_by_test_id("line-qty").fill(str(qty))
    expect(line.get_by_test_id("line-amount")).not_to_have_attribute("data-value", "")
    wait_saved(page)


def wait_in_page(page: Page, condition: str, arg=None, timeout_ms: int = 15_000) -> None:
    """Wait until the async JavaScript `condition` (a function of `arg`) holds in the page, checked every 20 ms."""
    page.evaluate("""async ([condition, arg, timeout]) => {
        const check = eval(condition);
        const until = performance.now() + timeout;
        while (!(await check(arg))) {
          if (performance.now() > until) throw new Error('condition not met in time: ' + condition);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
    }""", [condition, arg, timeout_ms])


def wait_saved(page: Page) -> None:
    """Wait until the draft in IndexedDB holds what the screen shows (its last save finished)."""
    guid = page.get_by_test_id("order-form").get_attribute("data-guid")
    wait_in_page(page, """async (guid) => {
        const db = await import('/app/db.js');
        const draft = await db.getMeta('draft:' + guid);
        const shown = [...document.querySelectorAll('[data-testid=order-line]')]
          .map(row => row.dataset.code + ':' + row.querySelector('[data-testid=line-qty]').value);
        return draft && JSON.stringify(draft.lines.map(l => l.article + ':' + l.qty)) === JSON.stringify(shown);
    }""", guid)


def shown_lines(page: Page) -> list[dict]:
    """Each line as the agent sees it: article, qty, gross price, net price, amount (decimal text)."""
    return page.get_by_test_id("order-line").evaluate_all("""rows => rows.map(r => ({
        article: r.dataset.code, qty: r.querySelector('[data-testid=line-qty]').value,
        price: r.querySelector('[data-testid=line-price]').dataset.value,
        net: r.querySelector('[data-testid=line-net]').dataset.value,
        amount: r.querySelector('[data-testid=line-amount]').dataset.value}))""")


def outbox_row(page: Page, guid: str):
    return page.locator(f'[data-testid="outbox-row"][data-guid="{guid}"]')


def stored_count(server, guid: str) -> int:
    return server.store.scalar("SELECT COUNT(*) FROM documents WHERE guid = ?", (guid,))


def stored_document(server, guid: str) -> dict:
    """The document as the appliance stored it."""
    return json.loads(server.store.scalar("SELECT document FROM documents WHERE guid = ?", (guid,)))


def pulled_orders(server) -> list[dict]:
    """Every order in the connector's queue, as AMHelper pulls it (exportPaginazione/codaOrdini)."""
    found, last = [], 0
    while True:
        reply = requests.get(f"{server.url}/v1/progetti/{server.settings.project}/exportPaginazione/codaOrdini",
                             params={"authKey": connector_key(server.settings.paths), "format": "json",
                                     "lastID": str(last), "offset": "0", "count": "0"}, timeout=30)
        assert reply.status_code == 200, reply.text
        page = json.loads(reply.text, parse_float=Decimal)["testate"]
        if not page:
            return found
        found += page
        last = page[-1]["id"]


def local_draft(page: Page, guid: str) -> dict:
    return local(page, f"return await db.getMeta('draft:{guid}');")


def take_order(page: Page, code: str, lines: list[tuple[str, int]]) -> tuple[str, list[dict]]:
    """A new order for `code` with `lines` (article, qty), sent to the outbox; returns its guid and the lines shown."""
    guid = new_order(page, code)
    for article, qty in lines:
        add_line(page, article, qty)
    seen = shown_lines(page)
    page.get_by_test_id("order-send").click()
    expect(outbox_row(page, guid)).to_be_visible()
    return guid, seen


def stored_warnings(server, guid: str) -> list[dict]:
    return json.loads(server.store.scalar("SELECT warnings FROM documents WHERE guid = ?", (guid,)))


def go_online(page: Page) -> None:
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
