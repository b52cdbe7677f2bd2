"""Driving the agents' app in headless Chromium as an iPad: its viewport, touch, a fixed device id."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.app.server import AGENT

IPAD_PORTRAIT = {"width": 1024, "height": 1366}
IPAD_LANDSCAPE = {"width": 1366, "height": 1024}
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
SYNC_TIMEOUT = 60_000


def new_ipad(browser, base_url: str, *, locale: str = "it-IT", viewport: dict = IPAD_PORTRAIT,
             device: str = "ipad-test-1"):
    """A browser context shaped like an iPad (touch, its screen) and one page in it.

    The device id is fixed so that tests stay within the evaluation's devices per user.
    """
    context = browser.new_context(base_url=base_url, locale=locale, viewport=viewport, has_touch=True,
                                  device_scale_factor=1, timezone_id="Europe/Rome")
    context.add_init_script(f"localStorage.getItem('appmanager.device_id') || "
                            f"localStorage.setItem('appmanager.device_id', '{device}')")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: dialog.accept())
    return context, page


def sign_in(page: Page, username: str = AGENT["username"], password: str = AGENT["password"]) -> None:
    """Open the app, sign in, and wait for the first sync to complete."""
    page.goto("/app/")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(password)
    page.get_by_test_id("login-submit").click()
    wait_synced(page)


SYNCED = r"""() => { const state = document.querySelector('[data-testid=sync-state]');
    return state && state.dataset.state === 'synced' && /\d\d:\d\d/.test(state.textContent); }"""


def wait_synced(page: Page) -> None:
    """Wait until the state says synced at HH:MM (a completed sync, not the state before one starts)."""
    page.wait_for_function(SYNCED, timeout=SYNC_TIMEOUT)


def sync_now(page: Page) -> None:
    """Press "Sync now" and wait until that sync completed."""
    before = local(page, "return (await db.getMeta('sync:last') || {}).at;")
    page.get_by_test_id("sync-now").click()
    page.wait_for_function("""async (before) => { const db = await import('/app/db.js');
        const last = await db.getMeta('sync:last'); return last && last.at !== before; }""", arg=before,
                           timeout=SYNC_TIMEOUT)
    wait_synced(page)


def local(page: Page, expression: str):
    """Evaluate `expression` (an async function body with `db` = the app's db.js) in the page."""
    return page.evaluate(f"async () => {{ const db = await import('/app/db.js'); {expression} }}")


def customer_search(page: Page, text: str):
    page.get_by_test_id("nav-customers").click()
    page.get_by_test_id("customer-search").fill(text)
    return page.get_by_test_id("customer-row")


def article_search(page: Page, text: str):
    page.get_by_test_id("nav-catalog").click()
    page.get_by_test_id("article-search").fill(text)
    return page.get_by_test_id("article-row")
