"""Fixtures: a seeded console server and one headless Chromium per session, a fresh browser context per test.

Tests that move the console's clock or start from an empty installation use a server of
their own (`fresh_server`), so the shared one keeps real time.
"""

from __future__ import annotations

import pytest

from tests.console.browser import LAPTOP, sign_in
from tests.console.server import NEW_CUSTOMER, ConsoleRunning, Vendor, console_settings, order, seed

DUPLICATE_KEY_FILE = b"CHIAVE|NOME\r\nN|Nord\r\nN|Nord again\r\n"


@pytest.fixture(scope="session")
def vendor(tmp_path_factory) -> Vendor:
    return Vendor(tmp_path_factory.mktemp("vendor"))


@pytest.fixture(scope="session")
def console_server(tmp_path_factory, vendor):
    """One installation in use: administrator, license, demo ERP data, users with a device, a rejected file."""
    root = tmp_path_factory.mktemp("console")
    run = ConsoleRunning(console_settings(root / "data", vendor))
    seed(run, vendor, root / "demo")
    run.start()
    run.deliver("io_zone.dat", DUPLICATE_KEY_FILE)
    run.upload("orders", order("ord-console-0001"))
    run.upload("customers", NEW_CUSTOMER)
    yield run
    run.stop()


@pytest.fixture
def fresh_server(tmp_path, vendor):
    """An installation of its own with no administrator yet."""
    run = ConsoleRunning(console_settings(tmp_path / "data", vendor)).start()
    yield run
    run.stop()


@pytest.fixture(scope="session")
def browser(chromium):
    """The run's one headless Chromium (tests/conftest.py)."""
    return chromium


@pytest.fixture
def open_page(browser):
    """`open_page(server, locale="en-GB", viewport=LAPTOP)`: a page in a new browser context (no cookies).

    Confirmation dialogs are accepted, as an operator would.
    """
    contexts = []

    def make(server, locale: str = "en-GB", viewport: dict = LAPTOP, **options):
        context = browser.new_context(base_url=server.server.url, locale=locale, viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("dialog", lambda dialog: dialog.accept())
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def admin_page(open_page, console_server):
    """A page signed in to the shared console as its administrator."""
    page = open_page(console_server)
    sign_in(page)
    return page
