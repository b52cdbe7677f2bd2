"""Fixtures shared by every test: pinned time zone, a data dir with settings and a migrated store."""

from __future__ import annotations

import os
import time

import pytest

os.environ["TZ"] = "Europe/Rome"
if hasattr(time, "tzset"):
    time.tzset()

# Like every entry point, the tests see every package's parameters in the registry.
from appliance.parameters import register_all  # noqa: E402

register_all()


@pytest.fixture
def make_settings(tmp_path):
    """Build settings for a data dir inside tmp_path; keyword arguments override settings."""
    from appliance.settings import load_settings

    def make(data_dir=None, environ=None, **flags):
        flags.setdefault("data_dir", str(data_dir or tmp_path / "data"))
        settings = load_settings(flags, environ or {})
        settings.paths.ensure()
        return settings

    return make


@pytest.fixture
def settings(make_settings):
    return make_settings()


@pytest.fixture
def store(settings):
    from appliance.store.db import Store
    from appliance.store.migrations import migrate

    db = Store(settings.paths.database, busy_timeout=settings.busy_timeout_seconds)
    migrate(db)
    yield db
    db.close()


@pytest.fixture(scope="session")
def playwright_session():
    """The run's one Playwright: its sync API allows one instance per thread, so every browser test
    launches its browsers from this one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(playwright_session):
    """One headless Chromium (Debian's /usr/bin/chromium) shared by the browser tests."""
    from tests.console.browser import CHROMIUM, CHROMIUM_ARGS
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests drive a real browser. "
                    "Install it with: apt-get install -y chromium")
    browser = playwright_session.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
