"""The app's shell: an installable PWA served by the appliance, iPad layout, languages, sign-out rules, updates."""

from __future__ import annotations

import io
import json

import requests
from PIL import Image
from playwright.sync_api import expect

from appliance.web import agents_app
from tests.app.browser import IPAD_LANDSCAPE, local, sign_in


def test_manifest_icons_and_service_worker_make_it_installable(demo):
    manifest = requests.get(demo.url + "/app/manifest.webmanifest", timeout=10)
    assert manifest.headers["Content-Type"] == "application/manifest+json"
    data = json.loads(manifest.content)
    assert data["display"] == "standalone" and data["start_url"] == "/app/" and data["scope"] == "/app/"
    for icon in data["icons"]:
        size = Image.open(io.BytesIO(requests.get(demo.url + "/app/" + icon["src"], timeout=10).content)).size
        assert f"{size[0]}x{size[1]}" == icon["sizes"]
    page = requests.get(demo.url + "/app/", timeout=10)
    assert '<link rel="apple-touch-icon" href="icons/apple-touch-icon.png" sizes="180x180">' in page.text
    touch = Image.open(io.BytesIO(requests.get(demo.url + "/app/icons/apple-touch-icon.png", timeout=10).content))
    assert touch.size == (180, 180)
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    worker = requests.get(demo.url + "/app/sw.js", timeout=10).text
    assert f"'{agents_app.shell_version()}'" in worker and '"screens/customers.js"' in worker


def test_only_the_apps_own_files_are_served(demo):
    assert requests.get(demo.url + "/app", timeout=10, allow_redirects=False).status_code in (301, 302, 303)
    for path in ("/app/../health", "/app/%2e%2e/settings.py", "/app/nothing.js", "/app/screens/",
                 "/app/..%2fagents_app.py"):
        reply = requests.get(demo.url + path, timeout=10)
        assert reply.status_code == 404 or path == "/app/../health", path


def test_the_shell_opens_offline_and_the_service_worker_owns_app(demo, ipad):
    page = ipad(demo)
    sign_in(page)
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == demo.url + "/app/"
    caches = page.evaluate("caches.keys()")
    assert caches == [f"appmanager-shell-{agents_app.shell_version()}"]
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_test_id("nav-customers")).to_be_visible()
    expect(page.get_by_test_id("sync-state")).to_have_attribute("data-state", "offline")


def test_ipad_layout_has_touch_targets_of_44_px_in_both_orientations(demo, ipad):
    for viewport in (None, IPAD_LANDSCAPE):
        page = ipad(demo, **({"viewport": viewport} if viewport else {}))
        sign_in(page)
        code = local(page, "return (await db.allRows('io_clifor_gen'))[0].COD_CLIFOR;")
        for route in ("customers", f"customer/{code}/general", "catalog", "reports", "settings"):
            page.goto(f"/app/#/{route}")
            page.wait_for_load_state("networkidle")
            small = page.evaluate("""() => [...document.querySelectorAll(
                  'button, input, .tab, .row, .segment, .tile, .button')]
                .filter(e => e.offsetParent !== null)
                .map(e => e.closest('label') || e)  // a label is the target of its checkbox
                .map(e => [e.outerHTML.slice(0, 60), e.getBoundingClientRect().height, e.getBoundingClientRect().width])
                .filter(([, h, w]) => h < 44 || w < 44)""")
            assert small == [], (route, small)
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_english_from_the_device_and_switchable(demo, ipad):
    page = ipad(demo, locale="en-GB", device="ipad-test-2")
    page.goto("/app/")
    expect(page.get_by_test_id("login-submit")).to_have_text("Sign in")
    page.get_by_role("button", name="Italiano").click()
    expect(page.get_by_test_id("login-submit")).to_have_text("Accedi")
    page.reload()
    expect(page.get_by_test_id("login-submit")).to_have_text("Accedi")


def test_sign_in_is_kept_and_sign_out_refuses_while_the_outbox_holds_documents(demo, ipad):
    page = ipad(demo)
    page.goto("/app/")
    page.get_by_test_id("login-username").fill("agente1")
    page.get_by_test_id("login-password").fill("wrong password")
    page.get_by_test_id("login-submit").click()
    expect(page.locator("#login-error")).not_to_be_empty()
    sign_in(page)
    page.reload()  # the kept token opens the app without signing in again
    expect(page.get_by_test_id("nav-customers")).to_be_visible()
    device = page.evaluate("localStorage.getItem('appmanager.device_id')")
    page.evaluate("""() => new Promise((resolve, reject) => {
        const open = indexedDB.open('appmanager');
        open.onsuccess = () => { const tx = open.result.transaction('outbox', 'readwrite');
          tx.objectStore('outbox').put({guid: 'order-not-sent-1'}); tx.oncomplete = resolve; tx.onerror = reject; };
    })""")
    page.get_by_test_id("nav-settings").click()
    page.get_by_test_id("sign-out").click()
    expect(page.locator("#sign-out-error")).to_contain_text("non ancora inviati")
    assert local(page, "return db.countRows('io_clifor_gen');") > 0
    assert local(page, "return db.outboxCount();") == 1

    page.evaluate("""() => new Promise((resolve) => {
        const open = indexedDB.open('appmanager');
        open.onsuccess = () => { const tx = open.result.transaction('outbox', 'readwrite');
          tx.objectStore('outbox').clear(); tx.oncomplete = resolve; };
    })""")
    page.get_by_test_id("sign-out").click()  # confirmed (the dialog is accepted)
    expect(page.get_by_test_id("login-username")).to_be_visible()
    assert local(page, "return db.countRows('io_clifor_gen');") == 0
    assert local(page, "return db.getMeta('session');") is None
    assert page.evaluate("localStorage.getItem('appmanager.device_id')") == device  # the iPad keeps its id


def test_a_new_version_replaces_the_old_one_and_says_updated(demo, ipad, monkeypatch):
    page = ipad(demo)
    sign_in(page)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    expect(page.locator("#toast")).to_be_hidden()  # the first version this device runs is no news
    old = page.evaluate("caches.keys()")
    changed = dict(agents_app.shell_files())
    changed["app.css"] = changed["app.css"] + b"\n/* a new version */\n"
    agents_app.shell_version.cache_clear()
    monkeypatch.setattr(agents_app, "shell_files", lambda: changed)
    try:
        page.reload()
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        expect(page.locator("#toast")).to_contain_text("aggiornata", timeout=20_000)
        # the old version's cache goes once the new one has taken over
        new = [f"appmanager-shell-{agents_app.shell_version()}"]
        page.wait_for_function("async (new_) => JSON.stringify(await caches.keys()) === JSON.stringify(new_)", arg=new)
        assert new != old
    finally:
        agents_app.shell_version.cache_clear()


def test_an_update_that_took_over_during_a_page_load_is_still_said(demo, ipad):
    # The new version's own message reaches no page when it takes over between two pages;
    # the next page compares the running version with the one the device ran before.
    page = ipad(demo)
    sign_in(page)
    page.wait_for_function("localStorage.getItem('appmanager.shell') !== null")
    assert page.evaluate("localStorage.getItem('appmanager.shell')") == agents_app.shell_version()
    page.evaluate("localStorage.setItem('appmanager.shell', 'an-older-one')")
    page.reload()
    expect(page.locator("#toast")).to_contain_text("aggiornata")
    # told once the notice has been on screen (a page left meanwhile leaves it to the next)
    page.wait_for_function("v => localStorage.getItem('appmanager.shell') === v", arg=agents_app.shell_version())
    page.reload()
    expect(page.get_by_test_id("nav-customers")).to_be_visible()
    expect(page.locator("#toast")).to_be_hidden()
