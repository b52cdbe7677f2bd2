"""The outbox when things go wrong: the appliance stops mid-upload, an operator rejects an order, a guid
already used by another document, a price changed on the ERP between the order and its upload."""

from __future__ import annotations

import csv
import io

import requests
from playwright.sync_api import expect

from appliance.accounts import set_param
from appliance.orders.actions import reject
from tests.app.browser import local, sign_in, sync_now
from tests.app.orders import (SEND_TIMEOUT, go_online, outbox_row, pick_order, stored_count, stored_warnings,
                              take_order, wait_in_page)

REJECTION = "Prezzi da concordare con l'ufficio"


def test_an_upload_cut_off_by_a_stopped_appliance_is_retried_and_stored_once(own_demo, ipad):
    page = ipad(own_demo)
    sign_in(page)
    page.evaluate("localStorage.setItem('appmanager.retry_base_ms', '300');"
                  "localStorage.setItem('appmanager.request_timeout', '5000')")
    chosen = pick_order(own_demo)
    page.context.set_offline(True)
    guid, _ = take_order(page, chosen["customer"], [chosen["special"], chosen["plain"]])
    calls = []

    def cut_off(route):
        calls.append(route.request.url)
        if len(calls) == 1:
            route.fetch()  # the appliance stores the document...
            own_demo.stop_http()  # ...and goes away before its answer arrives
        route.abort("connectionrefused")

    page.context.route("**/api/v1/documents", cut_off)
    go_online(page)
    wait_in_page(page, "async (guid) => { const db = await import('/app/db.js');"
                       "const e = await db.outboxEntry(guid); return e && e.attempts >= 2; }", guid, 30_000)
    expect(outbox_row(page, guid)).to_have_attribute("data-status", "waiting")
    assert stored_count(own_demo, guid) == 1
    page.context.unroute("**/api/v1/documents")
    own_demo.start_http()

    expect(outbox_row(page, guid)).to_have_attribute("data-status", "sent", timeout=SEND_TIMEOUT)
    expect(outbox_row(page, guid)).to_have_attribute("data-server-status", "queued", timeout=SEND_TIMEOUT)
    assert len(calls) >= 2
    assert stored_count(own_demo, guid) == 1


def test_an_order_rejected_by_the_operator_shows_the_reason_after_the_next_sync(own_demo, ipad):
    set_param(own_demo.store, "validate.orders", "true")
    page = ipad(own_demo)
    sign_in(page)
    chosen = pick_order(own_demo)
    guid, _ = take_order(page, chosen["customer"], [chosen["plain"]])
    expect(outbox_row(page, guid)).to_have_attribute("data-server-status", "pending", timeout=SEND_TIMEOUT)

    document_id = own_demo.store.scalar("SELECT id FROM documents WHERE guid = ?", (guid,))
    reject(own_demo.store, document_id, REJECTION, actor="ufficio")
    sync_now(page)
    row = outbox_row(page, guid)
    expect(row).to_have_attribute("data-server-status", "rejected")
    expect(row.get_by_test_id("server-reason")).to_have_text(REJECTION)


def test_a_guid_taken_by_another_document_is_shown_with_its_field_and_the_order_stays_editable(own_demo, ipad):
    page = ipad(own_demo)
    sign_in(page)
    chosen = pick_order(own_demo)
    page.context.set_offline(True)
    guid, _ = take_order(page, chosen["customer"], [chosen["plain"]])
    token = local(page, "return (await db.getMeta('session')).token;")
    other = {"guid": guid, "cod_clifor": chosen["customer"], "righe": [{"codice_articolo": chosen["special"][0], "qta": 1}]}
    reply = requests.post(f"{own_demo.url}/api/v1/documents/orders", json=other, timeout=30,
                          headers={"Authorization": f"Bearer {token}"})
    assert reply.status_code == 201, reply.text

    go_online(page)
    row = outbox_row(page, guid)
    expect(row).to_have_attribute("data-status", "error", timeout=SEND_TIMEOUT)
    expect(row.get_by_test_id("outbox-error")).to_have_attribute("data-status", "409")
    expect(page.get_by_test_id("outbox-count")).to_have_attribute("data-count", "1")

    row.get_by_test_id("outbox-edit").click()
    form = page.get_by_test_id("order-form")
    expect(form).to_be_visible()
    fixed = form.get_attribute("data-guid")
    assert fixed != guid  # a changed document needs a new guid
    expect(page.get_by_test_id("order-line")).to_have_count(1)
    page.get_by_test_id("order-send").click()
    expect(outbox_row(page, fixed)).to_have_attribute("data-status", "sent", timeout=SEND_TIMEOUT)
    assert stored_count(own_demo, fixed) == 1 and stored_count(own_demo, guid) == 1


def _with_price(text: str, key: str, price: str) -> str:
    rows = list(csv.reader(io.StringIO(text), delimiter="|"))
    header = rows[0]
    for row in rows[1:]:
        if row and row[header.index("CHIAVE")] == key:
            row[header.index("PREZZO")] = price
    out = io.StringIO()
    csv.writer(out, delimiter="|", lineterminator="\r\n", quoting=csv.QUOTE_NONE, escapechar="\\").writerows(rows)
    return out.getvalue()


def test_a_price_changed_on_the_erp_before_the_upload_gets_a_price_changed_warning(own_demo, ipad):
    page = ipad(own_demo)
    sign_in(page)
    chosen = pick_order(own_demo)
    page.context.set_offline(True)
    guid, seen = take_order(page, chosen["customer"], [chosen["special"]])
    key = own_demo.store.scalar("SELECT CHIAVE FROM io_listini_full WHERE COD_CLIFOR = ? AND COD_ART = ?",
                                (chosen["customer"], chosen["special"][0]))
    source = own_demo.archived("io_listini_full.dat").read_bytes().decode("utf-8")
    own_demo.deliver("io_listini_full.dat", _with_price(source, key, "99,5").encode("utf-8"))

    go_online(page)
    row = outbox_row(page, guid)
    expect(row).to_have_attribute("data-status", "sent", timeout=SEND_TIMEOUT)
    warning = next(w for w in stored_warnings(own_demo, guid) if w["code"] == "price_changed")
    expect(row.locator('[data-testid="outbox-warning"][data-code="price_changed"]')).to_be_visible()
    assert warning["agent"]["price"] == seen[0]["price"]
    assert warning["current"]["price"] == "99.5"
