"""Fixtures: the app's static folder served over 127.0.0.1, a page that imported pricing.js (in the run's
one headless Chromium, tests/conftest.py), and the device tests' running appliance."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import as_file, files

import pytest


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def app_static():
    """The URL of a plain HTTP server on 127.0.0.1 serving appliance/web/static/app/ as shipped."""
    with as_file(files("appliance.web") / "static" / "app") as folder:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}"
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def engine_page(chromium, app_static):
    """A page that has imported pricing.js as `window.pricing`."""
    context = chromium.new_context()
    page = context.new_page()
    page.goto(app_static + "/")
    page.evaluate("async (url) => { window.pricing = await import(url); }", app_static + "/pricing.js")
    yield page
    context.close()


# The real appliance with a small ERP export, from the device tests (the price check runs on uploads).
from tests.device.conftest import api, device_settings, signer, world  # noqa: E402,F401
