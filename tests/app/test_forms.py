"""New customers and customer notes: the field rules are checked before saving, then they go through the outbox."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.app.browser import sign_in
from tests.app.orders import (SEND_TIMEOUT, go_online, open_customer, outbox_row, pick_order, stored_count,
                              stored_document)


def test_a_new_customer_with_a_bad_field_is_refused_in_the_form_then_sent_once_fixed(own_demo, ipad):
    page = ipad(own_demo)
    sign_in(page)
    page.context.set_offline(True)
    page.get_by_test_id("nav-customers").click()
    page.get_by_test_id("new-customer").click()
    form = page.get_by_test_id("doc-form")
    guid = form.get_attribute("data-guid")
    page.get_by_test_id("field-email").fill("not an address")
    page.get_by_test_id("form-save").click()
    for field in ("ragione_sociale", "email"):
        expect(page.locator(f'[data-testid="field-error"][data-field="{field}"]')).to_be_visible()
    assert stored_count(own_demo, guid) == 0

    page.get_by_test_id("field-ragione_sociale").fill("Enoteca Nuova S.r.l.")
    page.get_by_test_id("field-email").fill("ordini@enotecanuova.it")
    page.get_by_test_id("field-partita_iva").fill("01234567897")
    page.get_by_test_id("form-save").click()
    expect(outbox_row(page, guid)).to_have_attribute("data-status", "waiting")

    go_online(page)
    expect(outbox_row(page, guid)).to_have_attribute("data-status", "sent", timeout=SEND_TIMEOUT)
    stored = stored_document(own_demo, guid)
    assert (stored["ragione_sociale"], stored["email"], stored["partita_iva"]) == (
        "Enoteca Nuova S.r.l.", "ordini@enotecanuova.it", "01234567897")
    assert stored_count(own_demo, guid) == 1


def test_a_customer_note_from_the_customer_card_goes_through_the_outbox(own_demo, ipad):
    page = ipad(own_demo)
    sign_in(page)
    code = pick_order(own_demo)["customer"]
    open_customer(page, code)
    page.get_by_test_id("new-note").click()
    guid = page.get_by_test_id("doc-form").get_attribute("data-guid")
    expect(page.get_by_test_id("field-cod_cliente")).to_have_value(code)
    page.get_by_test_id("form-save").click()
    expect(page.locator('[data-testid="field-error"][data-field="nota"]')).to_be_visible()
    page.get_by_test_id("field-nota").fill("Chiede il listino estivo.\nRichiamare lunedì.")
    page.get_by_test_id("form-save").click()
    expect(outbox_row(page, guid)).to_have_attribute("data-status", "sent", timeout=SEND_TIMEOUT)
    stored = stored_document(own_demo, guid)
    assert (stored["cod_cliente"], stored["nota"]) == (code, "Chiede il listino estivo.\nRichiamare lunedì.")


def test_the_apps_record_shapes_are_the_device_apis(demo, ipad):
    from appliance.documents.kinds import SERVER_FIELDS, record_types
    page = ipad(demo)
    page.goto("/app/")
    shapes = page.evaluate("async () => (await import('/app/documents.js')).recordShapes()")
    for record, fields in shapes.items():
        expected = {name: spec.json_type for name, spec in record_types()[record].items() if name not in SERVER_FIELDS}
        if record == "RigaOrdineExport":
            expected = {k: v for k, v in expected.items() if not k.startswith(("cod_materiale", "cod_colore", "dettagli"))}
        assert fields == expected, record
