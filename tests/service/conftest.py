"""Fixtures: settings on a temp data dir and exchange folder, a running service behind real waitress."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from appliance.service import Service
from appliance.store.db import open_store
from appliance.web.app import create_app
from appliance.web.server import HttpServer
from tests.folderwatch.helpers import FakeClock, wait_for

SETTLE = 10.0


def make_exchange(settings) -> None:
    for name in ("gestionale", "multimedia", "reports"):
        (settings.exchange / name).mkdir(parents=True, exist_ok=True)


class Running:
    """A started service with its HTTP server on 127.0.0.1 and a clock the test moves."""

    def __init__(self, settings, **service_options):
        self.settings = settings
        self.clock = FakeClock()
        self.store = open_store(settings)
        self.service = Service(settings, self.store, clock=self.clock, poll_seconds=0.02, **service_options)
        self.server = HttpServer(create_app(self.service), "127.0.0.1", 0)

    def start(self) -> "Running":
        self.service.start()
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()
        assert self.service.stop(grace=30)
        self.store.close()

    @property
    def gestionale(self) -> Path:
        return self.settings.exchange / "gestionale"

    def get(self, path: str) -> requests.Response:
        return requests.get(self.server.url + path, timeout=10)

    def health(self) -> dict:
        reply = self.get("/health")
        assert reply.status_code == 200
        return reply.json()

    def drop(self, name: str, content: bytes) -> Path:
        """Put a file into gestionale/ and wait until the watcher has seen all of it."""
        path = self.gestionale / name
        path.write_bytes(content)
        self.wait_seen(path)
        return path

    def wait_seen(self, path: Path) -> None:
        size = path.stat().st_size
        wait_for(lambda: self.service.watcher.state()["folders"]["gestionale"]["pending_files"].get(path.name)
                 == size, what=f"the watcher to see {path.name}")

    def settle(self) -> None:
        self.clock.advance(SETTLE)

    def wait_batches(self, count: int = 1) -> None:
        """Wait until the ERP worker has finished `count` batches."""
        wait_for(lambda: self.service.watcher.workers["erp"].batches_done >= count, timeout=30,
                 what=f"{count} ERP batch(es)")


@pytest.fixture
def settings(make_settings, tmp_path):
    """Settings with an exchange folder (and its three subfolders) in the temp dir."""
    settings = make_settings(exchange=str(tmp_path / "exchange"), settle_seconds=SETTLE)
    make_exchange(settings)
    return settings


@pytest.fixture
def running(settings):
    run = Running(settings).start()
    yield run
    run.stop()
