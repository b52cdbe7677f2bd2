"""Every console page in headless Chromium, signed in, with a screenshot of each in tests/artifacts/console/."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from appliance.licensing import license_status
from appliance.store.console_documents import find_documents
from appliance.store.imports import last_import
from tests.console.browser import IPAD, sign_in, snap


def test_dashboard_shows_the_service_at_a_glance(admin_page, console_server):
    page = admin_page
    page.goto("/admin/")
    expect(page.locator("h1")).to_have_text("Dashboard")
    expect(page.locator("#card-license .big")).to_have_text("Valid")
    expect(page.locator("#card-license")).to_contain_text("Rossi Distribuzione SpA")
    seats = license_status(console_server.store, console_server.settings)["seats"].values()
    used = f"{sum(s['active'] for s in seats)} / {sum(s['licensed'] for s in seats)}"
    expect(page.locator("#card-license")).to_contain_text(used)
    expect(page.locator("#card-exchange")).to_contain_text("gestionale/")
    expect(page.locator("#card-last-import")).to_contain_text(last_import(console_server.store)["file_name"])
    expect(page.locator("#rejected-count")).to_have_text(str(console_server.service.waiting_files()["rejected"]))
    expect(page.locator("#synced-today")).to_have_text("1")
    snap(page, "dashboard")


def test_the_dashboard_refreshes_itself_without_reloading_the_page(admin_page, console_server):
    page = admin_page
    page.clock.install()
    page.goto("/admin/")
    held_before = int(page.locator("#held-count").inner_text())
    page.evaluate("window.stillTheSamePage = true")
    console_server.deliver("io_refresh.dat", b"CHIAVE|NOME\r\nA|uno\r\nB|due\r\n")
    console_server.deliver("io_refresh.dat", b"CHIAVE|NOME\r\n")  # would delete every row: held
    page.clock.fast_forward(11_000)
    expect(page.locator("#held-count")).to_have_text(str(held_before + 1))
    assert page.evaluate("window.stillTheSamePage") is True  # the panel changed, the page was not reloaded


def test_imports_page_lists_the_log_with_filters_and_the_rejected_file(admin_page):
    page = admin_page
    page.goto("/admin/imports")
    expect(page.locator("#rejected")).to_contain_text("io_zone.dat")
    expect(page.locator("#rejected")).to_contain_text("duplicate key")
    expect(page.locator("#log tbody tr").first).to_be_visible()
    snap(page, "imports")
    page.select_option("select[name=result]", "rejected")
    page.click("#log button")
    expect(page).to_have_url(re.compile(r"result=rejected"))
    results = page.locator("#log tbody td:nth-child(4)").all_inner_texts()
    assert results and set(results) == {"rejected"}
    page.fill("#log input[name=file]", "io_art")
    page.select_option("select[name=result]", "")
    page.click("#log button")
    names = page.locator("#log tbody td:nth-child(3)").all_inner_texts()
    assert names and all("io_art" in name for name in names)


def test_an_import_shows_its_errors_by_line_and_column(admin_page):
    page = admin_page
    page.goto("/admin/imports?result=rejected&file=io_zone")
    page.locator("#log tbody a", has_text="io_zone.dat").first.click()
    expect(page.locator("h1")).to_contain_text("io_zone.dat")
    row = page.locator("#problems tbody tr").first
    expect(row).to_contain_text("3")
    expect(row).to_contain_text("CHIAVE")
    expect(row).to_contain_text("duplicate key")
    expect(page.locator("a", has_text="Download the error report")).to_be_visible()
    snap(page, "import-detail")


def test_erp_data_tables_pages_search_and_row_detail(admin_page):
    page = admin_page
    page.goto("/admin/data")
    expect(page.locator("#tables")).to_contain_text("io_art")
    expect(page.locator("#tables")).to_contain_text("Articles (products)")
    snap(page, "data-tables")
    page.click("#tables a:text-is('io_art')")
    expect(page.locator("h1")).to_contain_text("io_art")
    first_page_keys = page.locator("table.data tbody tr td:first-child").all_inner_texts()
    assert len(first_page_keys) == 50 and first_page_keys == sorted(first_page_keys)
    snap(page, "data-table")
    page.click("#next")
    second_page_keys = page.locator("table.data tbody tr td:first-child").all_inner_texts()
    assert second_page_keys and second_page_keys[0] > first_page_keys[-1]
    page.click("#previous")
    assert page.locator("table.data tbody tr td:first-child").all_inner_texts() == first_page_keys
    description = page.locator("table.data tbody tr").nth(3).locator("td").nth(2).inner_text()
    page.fill("input[name=q]", description)
    page.click("form[role=search] button")
    expect(page.locator("#matches")).to_be_visible()
    expect(page.locator("table.data tbody")).to_contain_text(description)
    page.locator("table.data tbody tr td:first-child a").first.click()
    expect(page.locator("#row")).to_contain_text("DES_ART")
    expect(page.locator("#row")).to_contain_text(description)
    snap(page, "data-row")


def test_rules_page_is_built_from_the_parameter_registry(admin_page):
    from appliance.accounts import PARAMS

    page = admin_page
    page.goto("/admin/rules")
    for definition in PARAMS:
        expect(page.locator(f"[data-key='{definition.key}']")).to_have_count(1)
    expect(page.locator("#group-validate h2")).to_have_text("Validation gates")
    expect(page.locator("[data-key='orders.split_by_family'] .source")).to_have_text("project")
    snap(page, "rules")
    page.click("#per-user a:text-is('mrossi')")
    expect(page.locator("h1")).to_have_text("Overrides for mrossi")
    overridable = {p.key for p in PARAMS if p.user_override}
    assert set(page.locator("[data-key]").evaluate_all("els => els.map(e => e.dataset.key)")) == overridable
    snap(page, "rules-user")


def test_users_page_shows_seats_users_and_one_user_with_devices(admin_page):
    page = admin_page
    page.goto("/admin/users")
    expect(page.locator("#seats")).to_contain_text("Orders")
    expect(page.locator("#users")).to_contain_text("mrossi")
    snap(page, "users")
    page.click("#users a:text-is('mrossi')")
    expect(page.locator("#devices")).to_contain_text("IPAD-7F3A")
    expect(page.locator("#devices")).to_contain_text("iPad di Mario")
    expect(page.locator("#logins")).to_contain_text("wrong name or password")
    snap(page, "user")


def test_access_log_shows_device_logins_and_console_sign_ins(admin_page):
    page = admin_page
    page.goto("/admin/access-log")
    expect(page.locator("#device-logins")).to_contain_text("192.168.1.31")
    expect(page.locator("#console-sign-ins")).to_contain_text("anna")
    snap(page, "access-log")


def test_administrators_page(admin_page):
    page = admin_page
    page.goto("/admin/admins")
    expect(page.locator("#admins")).to_contain_text("anna")
    snap(page, "admins")


def test_license_page_shows_state_details_seats_and_fingerprint(admin_page):
    from appliance.licensing import machine_fingerprint

    page = admin_page
    page.goto("/admin/license")
    expect(page.locator("#license-state-name")).to_have_text("Valid")
    expect(page.locator("#license-customer")).to_have_text("Rossi Distribuzione SpA")
    expect(page.locator("#fingerprint")).to_have_text(machine_fingerprint())
    expect(page.locator("#license-seats")).to_contain_text("Orders")
    snap(page, "license")


def test_logs_page_filters_by_level_and_offers_the_files(admin_page):
    page = admin_page
    page.goto("/admin/logs")
    expect(page.locator("#log-entries")).to_contain_text("signed in from 127.0.0.1")
    snap(page, "logs")
    page.select_option("select[name=level]", "WARNING")
    page.click("form.filters button")
    levels = set(page.locator("#log-entries tbody td:nth-child(2)").all_inner_texts())
    assert levels and levels <= {"WARNING", "ERROR", "CRITICAL"}
    expect(page.locator("#log-entries")).to_contain_text("io_zone.dat")
    expect(page.locator("#log-files a", has_text="appliance.log")).to_be_visible()


def test_italian_from_the_browser_language_and_the_switch(open_page, console_server):
    page = open_page(console_server, locale="it-IT")
    page.goto("/admin/sign-in")
    expect(page.locator("h1")).to_have_text("Accedi alla console")
    sign_in(page)
    expect(page.locator("h1")).to_have_text("Cruscotto")
    expect(page.locator("#card-license .big")).to_have_text("Valida")
    snap(page, "dashboard-it")
    page.goto("/admin/rules")
    expect(page.locator("#group-validate h2")).to_have_text("Convalida manuale")
    page.click("button[name=lang][value=en]")
    expect(page.locator("h1")).to_have_text("Rules and parameters")
    expect(page).to_have_url(re.compile(r"/admin/rules$"))
    page.click("button[name=lang][value=it]")
    expect(page.locator("h1")).to_have_text("Regole e parametri")


def test_pages_fit_an_ipad(open_page, console_server):
    page = open_page(console_server, viewport=IPAD, has_touch=True, is_mobile=True)
    sign_in(page)
    for path, name in (("", "dashboard"), ("imports", "imports"), ("rules", "rules"), ("users", "users")):
        page.goto(f"/admin/{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} is wider than an iPad screen by {overflow}px"
        snap(page, f"ipad-{name}")


def test_documents_from_the_devices_with_parts_lines_history_and_payload(admin_page, console_server):
    page = admin_page
    page.goto("/admin/documents")
    expect(page.locator("#documents")).to_contain_text("C000001")
    expect(page.locator("#documents")).to_contain_text("Trattoria Da Nino")
    snap(page, "documents")
    page.select_option("select[name=kind]", "customers")
    page.click("#document-filters button")
    kinds = set(page.locator("#documents tbody td:nth-child(3)").all_inner_texts())
    assert kinds == {"New customer"}
    page.select_option("select[name=kind]", "orders")
    page.fill("input[name=agent]", "A01")
    page.click("#document-filters button")
    seeded = next(row["id"] for row in find_documents(console_server.store, kind="orders")
                  if row["guid"] == "ord-console-0001")
    row = page.locator("#documents tbody tr", has=page.locator(f"a[href='/admin/documents/{seeded}']"))
    expect(row.locator("td:nth-child(6)")).to_have_text("2")  # parts
    row.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text("Order")
    expect(page.locator("#lines")).to_contain_text("Taglia M")
    expect(page.locator("#lines tbody tr")).to_have_count(2)
    expect(page.locator("#parts article.part")).to_have_count(2)  # split by article family
    expect(page.locator("#parts article.part").first).to_contain_text("ABB00037")
    expect(page.locator("#parts article.part").last).to_contain_text("BEV00001")
    expect(page.locator("#history")).to_contain_text("received")
    page.click("#payload summary")
    expect(page.locator("pre.payload")).to_contain_text('"guid": "ord-console-0001"')
    snap(page, "document")
    with page.expect_download() as got:
        page.click("#payload a.button")
    assert b'"guid":"ord-console-0001"' in open(got.value.path(), "rb").read().replace(b" ", b"")
