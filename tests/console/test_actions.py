"""What an operator does in the console, in the browser, checked in the appliance's own state."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from appliance.connector.key import connector_key, key_path
from appliance.console.admins import list_admins
from appliance.ingest.held import list_held
from appliance.accounts import (authenticate, effective_config, get_user, list_devices, list_params, list_users,
                                set_param, unset_param)
from appliance.licensing import license_status
from appliance.orders.actions import show_document
from appliance.orders.paytrans import list_transcodings
from appliance.store.erp import table_state
from tests.console.browser import flash, sign_in, snap, submit
from tests.console.server import USER_PASSWORD, order


def param_value(server, key: str, username: str | None = None):
    return next(row for row in list_params(server.store, username) if row["key"] == key)


def test_a_rule_change_is_saved_and_can_be_reset(admin_page, console_server):
    page = admin_page
    page.goto("/admin/rules")
    group = page.locator("#group-validate")
    group.locator("input[name='p:validate.orders'][type=checkbox]").check()
    group.locator("button.primary").click()
    expect(flash(page)).to_have_text("1 parameter(s) saved: validate.orders")
    assert param_value(console_server, "validate.orders")["value"] is True
    expect(page.locator("[data-key='validate.orders'] .source")).to_have_text("project")
    snap(page, "rules-saved")
    page.locator("[data-key='validate.orders'] button[name=reset]").click()
    expect(flash(page)).to_have_text("validate.orders reset.")
    assert param_value(console_server, "validate.orders")["source"] == "default"


def test_a_wrong_value_is_refused_with_the_reason(admin_page, console_server):
    page = admin_page
    page.goto("/admin/rules")
    field = page.locator("input[name='p:app.qty_decimals']")
    field.evaluate("input => input.removeAttribute('max')")  # past the browser's own check
    field.fill("9")
    page.locator("#group-app button.primary").click()
    expect(page.locator("p.flash.error")).to_contain_text("app.qty_decimals must be between 0 and 6")
    assert param_value(console_server, "app.qty_decimals")["value"] == 2


def test_a_per_user_override(admin_page, console_server):
    page = admin_page
    page.goto("/admin/rules/users/lbianchi")
    page.locator("input[name='p:app.show_stock'][type=checkbox]").uncheck()
    page.locator("#group-app button.primary").click()
    expect(flash(page)).to_have_text("1 parameter(s) saved: app.show_stock")
    assert effective_config(console_server.store, "lbianchi")["app.show_stock"] is False
    assert effective_config(console_server.store, "mrossi")["app.show_stock"] is True
    page.locator("[data-key='app.show_stock'] button[name=reset]").click()
    expect(flash(page)).to_have_text("app.show_stock reset.")
    assert param_value(console_server, "app.show_stock", "lbianchi")["source"] != "user"


def test_a_license_upload_is_verified_before_it_replaces_the_installed_one(admin_page, console_server, vendor,
                                                                            tmp_path):
    page = admin_page
    before = license_status(console_server.store, console_server.settings)
    bad = tmp_path / "bad.lic"
    bad.write_text(vendor.license().decode().replace("A", "B", 40))
    page.goto("/admin/license")
    page.set_input_files("input[name=license]", str(bad))
    page.click("#install-license")
    expect(page.locator("p.flash.error")).to_be_visible()
    assert license_status(console_server.store, console_server.settings)["license_id"] == before["license_id"]

    good = tmp_path / "new.lic"
    good.write_bytes(vendor.license(license_id="LIC-2026-002"))
    page.set_input_files("input[name=license]", str(good))
    page.click("#install-license")
    expect(flash(page)).to_have_text("License installed.")
    expect(page.locator("#license-state")).to_contain_text("LIC-2026-002")
    assert license_status(console_server.store, console_server.settings)["license_id"] == "LIC-2026-002"
    snap(page, "license-installed")


def make_held(server, table: str) -> str:
    """A snapshot of `table` held because it would delete every row; returns its name."""
    server.deliver(f"{table}.dat", b"CHIAVE|NOME\r\nA|uno\r\nB|due\r\nC|tre\r\n")
    server.deliver(f"{table}.dat", b"CHIAVE|NOME\r\n")
    return next(item.name for item in list_held(server.settings) if item.name.endswith(table))


def test_held_snapshot_apply(admin_page, console_server):
    name = make_held(console_server, "io_held_apply")
    page = admin_page
    page.goto("/admin/imports")
    row = page.locator("#held tr", has_text=name)
    expect(row).to_contain_text("would delete 3 of 3 rows")
    snap(page, "imports-held")
    row.locator("button", has_text="Apply").click()
    expect(flash(page)).to_contain_text("io_held_apply.dat: imported into io_held_apply")
    assert name not in {item.name for item in list_held(console_server.settings)}
    assert table_state(console_server.store, "io_held_apply")["live_rows"] == 0


def test_held_snapshot_discard(admin_page, console_server):
    name = make_held(console_server, "io_held_discard")
    page = admin_page
    page.goto("/admin/imports")
    page.locator("#held tr", has_text=name).locator("button", has_text="Discard").click()
    expect(flash(page)).to_have_text(f"{name} discarded.")
    assert name not in {item.name for item in list_held(console_server.settings)}
    assert table_state(console_server.store, "io_held_discard")["live_rows"] == 3


def test_import_now_asks_the_service_to_look_at_the_exchange_folder(admin_page, console_server):
    page = admin_page
    page.goto("/admin/imports")
    page.click("#import-now")
    expect(flash(page)).to_have_text("The exchange folder is being looked at now.")
    assert "anna asked for an import now" in console_server.log_text()


def test_an_uploaded_file_is_imported_like_one_from_the_exchange(admin_page, console_server, tmp_path):
    upload = tmp_path / "io_caricato.dat"
    upload.write_bytes(b"CHIAVE|NOME\r\nX|primo\r\nY|secondo\r\n")
    page = admin_page
    page.goto("/admin/imports")
    page.set_input_files("input[name=file]", str(upload))
    page.click("#upload-file")
    expect(flash(page)).to_contain_text("io_caricato.dat: imported into io_caricato (2 rows: 2 new")
    expect(page.locator("#log tbody tr").first).to_contain_text("io_caricato.dat")
    assert table_state(console_server.store, "io_caricato")["live_rows"] == 2
    assert not list((console_server.settings.paths.work / "uploads").iterdir())

    wrong = tmp_path / "listino.csv"
    wrong.write_text("a;b\n")
    page.set_input_files("input[name=file]", str(wrong))
    page.click("#upload-file")
    expect(page.locator("p.flash.error")).to_contain_text("'listino.csv' is not an ERP file")


def test_the_rejected_file_and_its_report_download(admin_page, console_server):
    page = admin_page
    page.goto("/admin/imports")
    row = page.locator("#rejected tr", has_text="io_zone.dat")
    with page.expect_download() as got:
        row.locator("a", has_text="file").first.click()
    assert got.value.suggested_filename == "io_zone.dat"
    assert open(got.value.path(), "rb").read() == b"CHIAVE|NOME\r\nN|Nord\r\nN|Nord again\r\n"
    with page.expect_download() as got:
        row.locator("a", has_text="report").click()
    assert "duplicate key" in open(got.value.path(), encoding="utf-8").read()


def test_a_log_file_downloads(admin_page, console_server):
    page = admin_page
    page.goto("/admin/logs")
    with page.expect_download() as got:
        page.locator("#log-files a", has_text="appliance.log").first.click()
    assert "signed in from" in open(got.value.path(), encoding="utf-8").read()


def test_user_add_edit_password_disable_enable(admin_page, console_server):
    page = admin_page
    page.goto("/admin/users")
    form = page.locator("#add-user")
    form.locator("input[name=username]").fill("cneri")
    form.locator("input[name=password]").fill("short")
    form.locator("input[name=password]").evaluate("input => input.removeAttribute('minlength')")
    form.locator("input[name=agent_code]").fill("A09")
    page.click("#add-user-button")
    expect(page.locator("p.flash.error")).to_contain_text("The password is too short")
    expect(page.locator("#add-user input[name=agent_code]")).to_have_value("A09")  # kept for another try
    page.select_option("#add-user select[name=profile]", "crm")
    submit(page, "#add-user", "#add-user-button", username="cneri", password=USER_PASSWORD)
    expect(flash(page)).to_have_text("User cneri added.")
    expect(page).to_have_url(re.compile(r"/admin/users/cneri$"))
    assert get_user(console_server.store, "cneri")["agent_code"] == "A09"
    assert get_user(console_server.store, "cneri")["profile"] == "crm"

    page.fill("#details input[name=display_name]", "Carla Neri")
    page.click("#details button.primary")
    expect(flash(page)).to_have_text("Changes saved.")
    assert get_user(console_server.store, "cneri")["display_name"] == "Carla Neri"

    page.fill("#account input[name=password]", "another password 2")
    page.click("#account button")
    expect(flash(page)).to_contain_text("Password changed")
    login = authenticate(console_server.store, console_server.settings, "cneri", "another password 2", "IPAD-C1")
    assert login.ok, login.message

    page.click("#disable-user")
    expect(flash(page)).to_contain_text("User disabled")
    assert get_user(console_server.store, "cneri")["active"] is False
    page.click("#enable-user")
    expect(flash(page)).to_have_text("User enabled.")
    assert next(u for u in list_users(console_server.store, console_server.settings)
                if u["username"] == "cneri")["seat"] is True


def test_forget_a_device(admin_page, console_server):
    assert authenticate(console_server.store, console_server.settings, "lbianchi", USER_PASSWORD, "IPAD-OLD",
                        "Old iPad").ok
    page = admin_page
    page.goto("/admin/users/lbianchi")
    page.locator("#devices tr", has_text="IPAD-OLD").locator("button").click()
    expect(flash(page)).to_have_text("Device IPAD-OLD forgotten.")
    assert [d["device_id"] for d in list_devices(console_server.store, "lbianchi")] == []


def test_administrators_add_change_password_and_disable(admin_page, console_server, open_page):
    page = admin_page
    page.goto("/admin/admins")
    submit(page, "#add-admin", username="bruno", password="bruno password 1")
    expect(flash(page)).to_have_text("Administrator bruno added.")
    row = page.locator("#admins tr", has_text="bruno")
    row.locator("input[name=password]").fill("bruno password 2")
    row.locator("button", has_text="Set password").click()
    expect(flash(page)).to_have_text("Password of bruno changed.")
    other = open_page(console_server)
    sign_in(other, "bruno", "bruno password 2")
    page.locator("#admins tr", has_text="bruno").locator("button", has_text="Disable").click()
    expect(flash(page)).to_have_text("Administrator bruno disabled.")
    other.goto("/admin/users")
    expect(other).to_have_url(re.compile(r"/admin/sign-in"))
    assert {a["username"]: a["active"] for a in list_admins(console_server.store)}["bruno"] is False


def test_the_validation_gate_validate_and_reject(admin_page, console_server):
    set_param(console_server.store, "validate.orders", "true")
    try:
        first = console_server.upload("orders", order("ord-gate-0001"))["id"]
        second = console_server.upload("orders", order("ord-gate-0002", note="Cliente chiuso"))["id"]
    finally:
        unset_param(console_server.store, "validate.orders")
    page = admin_page
    page.goto("/admin/documents?status=pending")
    ids = page.locator("#documents tbody td:first-child").all_inner_texts()
    assert {str(first), str(second)} <= set(ids)
    page.goto(f"/admin/documents/{first}")
    snap(page, "document-pending")
    page.click("#validate")
    expect(flash(page)).to_contain_text("Validated: queued for the ERP as export id(s)")
    expect(page.locator("#document-status")).to_have_text("queued for the ERP")
    assert show_document(console_server.store, first)["status"] == "queued"

    page.goto(f"/admin/documents/{second}")
    page.fill("#gate input[name=reason]", "Il cliente ha chiuso")
    page.click("#reject")
    expect(flash(page)).to_have_text("Rejected; the agent sees the reason.")
    expect(page.locator("#reason")).to_have_text("Rejected: Il cliente ha chiuso")
    assert show_document(console_server.store, second)["status"] == "rejected"
    page.goto(f"/admin/documents/{first}")
    expect(page.locator("#gate")).to_have_count(0)  # validated: nothing left to decide


def test_reprocess_with_changed_rules_and_queue_again(admin_page, console_server):
    document_id = console_server.upload("orders", order("ord-rules-0001"))["id"]
    assert len(show_document(console_server.store, document_id)["parts"]) == 2
    page = admin_page
    set_param(console_server.store, "orders.split_by_family", "false")
    try:
        page.goto(f"/admin/documents/{document_id}")
        page.click("#reprocess")
        expect(flash(page)).to_have_text("Rules applied again: 1 part(s).")
    finally:
        set_param(console_server.store, "orders.split_by_family", "true")
    expect(page.locator("#parts article.part")).to_have_count(1)
    page.click("#queue-again")
    expect(flash(page)).to_contain_text("Queued again as export id(s)")
    steps = [step["step"] for step in show_document(console_server.store, document_id)["steps"]]
    assert steps[-2:] == ["reprocessed", "queued_again"]
    assert show_document(console_server.store, document_id)["steps"][-1]["actor"] == "console:anna"


def test_payment_transcoding_table(admin_page, console_server):
    page = admin_page
    page.goto("/admin/rules")
    submit(page, "#paytrans-add", from_code="RB60", to_code="RB30")
    expect(flash(page)).to_have_text("RB60 is now replaced by RB30.")
    expect(page.locator("#paytrans-table")).to_contain_text("RB30")
    assert [(e["from_code"], e["to_code"]) for e in list_transcodings(console_server.store)] == [("RB60", "RB30")]
    snap(page, "rules-paytrans")
    page.locator("#paytrans-table tr", has_text="RB60").locator("button").click()
    expect(flash(page)).to_have_text("RB60 is no longer replaced.")
    assert list_transcodings(console_server.store) == []


def test_the_connector_key_is_replaced_and_never_shown(admin_page, console_server):
    before = connector_key(console_server.settings.paths)
    page = admin_page
    page.goto("/admin/rules")
    expect(page.locator("#connector code").first).to_have_text(str(key_path(console_server.settings.paths)))
    assert before not in page.content()
    page.click("#rotate-key")
    expect(flash(page)).to_contain_text("A new connector key was made")
    after = connector_key(console_server.settings.paths)
    assert after != before
    assert after not in page.content() and after not in console_server.log_text()
