"""First run: no administrator yet, a one-time setup code from the service log, then the console."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.console.browser import sign_in, snap

CODE = re.compile(r"Console setup code: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})")


def fill_setup(page, code: str, username: str = "admin", password: str = "first admin password",
               again: str | None = None) -> None:
    page.fill("input[name=code]", code)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.fill("input[name=password_again]", password if again is None else again)
    page.click("#create-admin")


def test_first_run_asks_for_the_setup_code_from_the_log_and_creates_the_administrator(open_page, fresh_server):
    page = open_page(fresh_server)
    page.goto("/admin/imports")
    expect(page).to_have_url(re.compile(r"/admin/setup$"))
    expect(page.locator("h1")).to_have_text("Create the first administrator")
    expect(page.locator("code")).to_have_text(str(fresh_server.settings.paths.log_file))
    snap(page, "setup")
    codes = CODE.findall(fresh_server.log_text())
    assert len(codes) == 1, "the setup code is written to the service log once"
    assert codes[0] not in page.content(), "the code is never shown in a page"

    fill_setup(page, "AAAA-BBBB-CCCC")
    expect(page.locator("p.flash.error")).to_contain_text("The setup code is not right")
    fill_setup(page, codes[0], again="something else")
    expect(page.locator("p.flash.error")).to_have_text("The two passwords differ.")
    fill_setup(page, codes[0].lower().replace("-", " "))  # typed by hand: case and separators do not matter
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator(".who")).to_have_text("admin")
    expect(page.locator("#flash")).to_have_text("Administrator admin created and signed in. Welcome!")
    page.goto("/admin/admins")
    expect(page.locator("#admins tbody tr", has_text="admin").locator("td").nth(2)).not_to_have_text("–")

    other = open_page(fresh_server)
    other.goto("/admin/setup")
    expect(other).to_have_url(re.compile(r"/admin/sign-in$"))
    sign_in(other, "admin", "first admin password")
    expect(other.locator("h1")).to_have_text("Dashboard")


def test_the_setup_code_works_once_and_bad_ones_are_throttled(open_page, fresh_server):
    page = open_page(fresh_server)
    page.goto("/admin/setup")
    for attempt in range(5):
        fill_setup(page, f"WRNG-CODE-{attempt:04d}")
        expect(page.locator("p.flash.error")).to_contain_text("not right")
    code = CODE.findall(fresh_server.log_text())[0]
    fill_setup(page, code)
    expect(page.locator("p.flash.error")).to_contain_text("Too many wrong setup codes")
    fresh_server.time.advance(minutes=16)
    fill_setup(page, code)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    assert len(CODE.findall(fresh_server.log_text())) == 1


def test_first_run_in_italian_says_welcome_and_shows_the_sign_in(open_page, fresh_server):
    page = open_page(fresh_server, locale="it-IT")
    page.goto("/admin/")
    expect(page.locator("h1")).to_have_text("Crea il primo amministratore")
    fill_setup(page, CODE.findall(fresh_server.log_text())[0])
    expect(page.locator("#flash")).to_have_text("Amministratore admin creato e collegato. Benvenuto!")
    page.goto("/admin/admins")
    signed = page.locator("#admins tbody tr", has_text="admin").locator("td").nth(2)
    expect(signed).to_have_text(re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$"))
