"""Fixtures: the demo appliance (prepared once, copied per server) and iPad pages in the session's Chromium."""

from __future__ import annotations

import pytest

from tests.app.browser import new_ipad
from tests.app.server import DemoServer, prepare


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    return prepare(tmp_path_factory.mktemp("demo-template") / "demo")


@pytest.fixture(scope="module")
def demo(demo_template, tmp_path_factory):
    """A demo appliance shared by the tests of one module (which do not change its data)."""
    server = DemoServer(demo_template, tmp_path_factory.mktemp("demo") / "demo").start()
    yield server
    server.stop()


@pytest.fixture
def own_demo(demo_template, tmp_path):
    """A demo appliance of the test's own (it re-imports files, changes users, stops the server)."""
    server = DemoServer(demo_template, tmp_path / "demo").start()
    yield server
    server.stop()


@pytest.fixture
def ipad(chromium):
    """`ipad(server, locale="it-IT", viewport=IPAD_PORTRAIT, device="ipad-test-1")`: a page in a fresh iPad context."""
    contexts = []

    def make(server, **options):
        context, page = new_ipad(chromium, server.url, **options)
        contexts.append(context)
        return page

    yield make
    for context in contexts:
        context.close()
