"""Access without sign-in, CSRF refusal, session expiry, throttled sign-in, cookies and the localhost setting."""

from __future__ import annotations

import io
import re
import sys
from wsgiref.util import setup_testing_defaults

import pytest
from playwright.sync_api import expect

from appliance.accounts import list_params
from appliance.console.admins import add_admin
from tests.console.browser import fill_sign_in, sign_in, submit
from tests.console.client import ConsoleClient
from tests.console.server import ADMIN, ADMIN_PASSWORD, ConsoleRunning, console_settings

SAMPLE_VALUES = {"import_id": "1", "table": "io_art", "username": "mrossi", "name": "io_zone.dat", "document_id": "1"}
PARAM = re.compile(r"<(\w+)(?::\w+)?>")


def console_routes(server, method: str) -> list[str]:
    """Every console path of `method` that needs a signed-in operator, with sample values in its parameters."""
    paths = []
    for route in server.app.routes:
        if route.method != method or not route.rule.startswith("/admin/") or "<rest:path>" in route.rule:
            continue
        if route.config.get("access", "operator") == "operator":
            paths.append(PARAM.sub(lambda m: SAMPLE_VALUES[m.group(1)], route.rule))
    return paths


def test_no_console_page_opens_without_sign_in(console_server):
    client = ConsoleClient(console_server)
    pages = console_routes(console_server, "GET")
    assert len(pages) >= 15
    for path in pages:
        reply = client.get(path)
        assert reply.status_code == 303, path
        assert reply.headers["Location"].split("?")[0].endswith("/admin/sign-in"), path


def test_no_console_action_runs_without_sign_in(console_server):
    client = ConsoleClient(console_server)
    token = client.token()  # a valid pre-session token does not make up for the missing session
    before = list_params(console_server.store)
    actions = console_routes(console_server, "POST")
    assert len(actions) >= 15
    for path in actions:
        reply = client.post(path, {"csrf_token": token, "key": "app.show_stock", "p:app.show_stock": "false"})
        assert reply.status_code == 403, path
        assert "Your session has ended" in reply.text, path
    assert list_params(console_server.store) == before


def test_a_page_opened_signed_out_comes_back_after_sign_in(open_page, console_server):
    page = open_page(console_server)
    page.goto("/admin/users?x=1")
    expect(page).to_have_url(re.compile(r"/admin/sign-in\?next="))
    fill_sign_in(page)
    expect(page).to_have_url(re.compile(r"/admin/users\?x=1$"))


def test_actions_without_the_right_csrf_token_are_refused(console_server):
    client, other = ConsoleClient(console_server), ConsoleClient(console_server)
    client.sign_in(ADMIN, ADMIN_PASSWORD)
    other.sign_in(ADMIN, ADMIN_PASSWORD)
    change = {"key": "app.qty_decimals", "p:app.qty_decimals": "5"}

    def value():
        return next(r["value"] for r in list_params(console_server.store) if r["key"] == "app.qty_decimals")

    before = value()
    for token in (None, "0" * 64, other.token("/admin/rules")):
        data = change if token is None else {**change, "csrf_token": token}
        reply = client.post("/admin/rules", data)
        assert reply.status_code == 403
        assert "did not come from this console" in reply.text
    assert value() == before
    reply = client.post("/admin/rules", {**change, "csrf_token": client.token("/admin/rules")},
                        headers={"Origin": "http://evil.example"})
    assert reply.status_code == 403 and value() == before
    reply = client.post("/admin/rules", {**change, "csrf_token": client.token("/admin/rules")})
    assert reply.status_code == 303 and value() == 5
    client.post("/admin/rules", {"reset": "app.qty_decimals", "csrf_token": client.token("/admin/rules")})
    assert value() == before


def test_a_tampered_form_is_refused_in_the_browser(admin_page):
    page = admin_page
    page.goto("/admin/rules")
    page.locator("#group-app input[name=csrf_token]").evaluate("input => input.value = 'f'.repeat(64)")
    page.locator("#group-app button.primary").click()
    expect(page.locator("p.flash.error")).to_contain_text("did not come from this console")
    assert page.evaluate("document.title").startswith("Not possible")


def test_the_session_cookie_is_http_only_and_same_site_strict(console_server):
    client = ConsoleClient(console_server)
    reply = client.sign_in(ADMIN, ADMIN_PASSWORD)
    cookie = reply.headers["Set-Cookie"]
    assert "appliance_console=" in cookie
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and "Path=/admin/" in cookie
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["Cache-Control"] == "no-store"


def test_sign_out_ends_the_session(console_server):
    client = ConsoleClient(console_server)
    client.sign_in(ADMIN, ADMIN_PASSWORD)
    saved = dict(client.http.cookies)
    reply = client.post("/admin/sign-out", {"csrf_token": client.token("/admin/")})
    assert reply.status_code == 303 and "signed_out=1" in reply.headers["Location"]
    replay = ConsoleClient(console_server)
    replay.http.cookies.update(saved)
    assert replay.get("/admin/").status_code == 303


@pytest.fixture
def signed_in_fresh(fresh_server, open_page):
    add_admin(fresh_server.store, fresh_server.settings, ADMIN, ADMIN_PASSWORD)
    page = open_page(fresh_server)
    sign_in(page)
    return page


def test_a_session_expires_after_the_idle_time_and_activity_keeps_it(signed_in_fresh, fresh_server):
    page = signed_in_fresh
    idle = fresh_server.settings.console_idle_minutes
    for _ in range(3):
        fresh_server.time.advance(minutes=idle - 5)
        page.goto("/admin/users")
        expect(page.locator(".who")).to_have_text(ADMIN)
    fresh_server.time.advance(minutes=idle + 1)
    page.goto("/admin/license")
    expect(page).to_have_url(re.compile(r"/admin/sign-in\?"))
    expect(page.locator("p.flash.info")).to_have_text("Your session expired. Sign in again.")
    fill_sign_in(page)
    expect(page).to_have_url(re.compile(r"/admin/license$"))


def test_a_session_ends_after_twelve_hours_however_busy(signed_in_fresh, fresh_server):
    page = signed_in_fresh
    for _ in range(15):
        fresh_server.time.advance(minutes=50)
        page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/sign-in\?"))


def test_the_dashboard_refresh_does_not_keep_a_session_alive(signed_in_fresh, fresh_server):
    page = signed_in_fresh
    page.clock.install()
    page.goto("/admin/")
    for _ in range(4):
        fresh_server.time.advance(minutes=20)
        page.clock.fast_forward(11_000)
    expect(page.locator("main")).to_contain_text("The session has ended")
    expect(page.locator("#dashboard-panel")).to_have_class(re.compile(r"stale"))


def test_wrong_passwords_are_throttled(open_page, fresh_server):
    add_admin(fresh_server.store, fresh_server.settings, ADMIN, ADMIN_PASSWORD)
    page = open_page(fresh_server)
    page.goto("/admin/sign-in")
    for _ in range(5):
        fill_sign_in(page, password="not the password")
        expect(page.locator("p.flash.error")).to_have_text("Wrong user name or password.")
    fill_sign_in(page)
    expect(page.locator("p.flash.error")).to_have_text("Too many wrong passwords. Try again in 15 minute(s).")
    fresh_server.time.advance(minutes=15, seconds=1)
    fill_sign_in(page)
    expect(page.locator(".who")).to_have_text(ADMIN)


def test_no_password_reaches_the_log_or_a_page(console_server, admin_page):
    page = admin_page
    page.goto("/admin/users")
    submit(page, "#add-user", "#add-user-button", username="segreto", password="a very secret password")
    expect(page.locator("p.flash.ok")).to_have_text("User segreto added.")
    page.goto("/admin/logs")
    for text in (console_server.log_text(), page.content()):
        assert "a very secret password" not in text and ADMIN_PASSWORD not in text


def wsgi_get(app, path: str, address: str) -> int:
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "REMOTE_ADDR": address, "wsgi.errors": sys.stderr,
               "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    status = []
    b"".join(app(environ, lambda line, headers, exc_info=None: status.append(line)))
    return int(status[0].split()[0])


def test_the_console_can_be_kept_to_this_server(tmp_path, vendor):
    run = ConsoleRunning(console_settings(tmp_path / "data", vendor, console_localhost_only=True))
    app = run.app
    try:
        assert wsgi_get(app, "/admin/sign-in", "192.168.1.50") == 403
        assert wsgi_get(app, "/admin/static/console.css", "10.0.0.7") == 403
        assert wsgi_get(app, "/admin/sign-in", "127.0.0.1") == 303  # no administrator yet: to the setup
        assert wsgi_get(app, "/admin/sign-in", "::1") == 303
        assert wsgi_get(app, "/health", "192.168.1.50") == 200  # the rest of the appliance is unaffected
    finally:
        run.stop()
