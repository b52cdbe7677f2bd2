"""The appliance as `appliance demo` sets it up (demo export, catalog images, a report, demo users), on 127.0.0.1.

The demo data is prepared once per test session; each server gets a copy of it, so tests
that re-import files or change users do not disturb the others. The HTTP server can be
stopped and started again on the same port (the app's origin, hence its IndexedDB, stays).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from appliance.demo.setup import DEMO_USERS, import_export_now, prepare_demo
from appliance.settings import load_settings
from appliance.store.db import open_store
from appliance.web.server import HttpServer
from tests.service.conftest import Running

AGENT = DEMO_USERS[0]  # agente1, agent code AG01
SETTLE = 10.0


def demo_settings(root: Path):
    """Settings of a demo installation under `root` (data/ and exchange/)."""
    environ = {"APPLIANCE_PASSWORD_HASH_COST": "4", "APPLIANCE_PROJECT": "demo"}
    settings = load_settings({"data_dir": str(root / "data"), "exchange": str(root / "exchange"),
                              "settle_seconds": SETTLE, "device_http": "allow"}, environ)
    settings.paths.ensure()
    return settings


def prepare(root: Path) -> Path:
    """A demo installation with its export imported (what `appliance demo` makes), under `root`."""
    settings = demo_settings(root)
    store = open_store(settings)
    prepare_demo(settings, store, today=date.today())
    outcomes = import_export_now(store, settings, today=date.today())
    assert outcomes and all(o.ok for o in outcomes), [o.summary() for o in outcomes if not o.ok]
    store.close()
    return root


class DemoServer(Running):
    """A copy of the prepared demo, served by the real service and a waitress server that can be restarted."""

    def __init__(self, template: Path, root: Path):
        shutil.copytree(template, root)
        super().__init__(demo_settings(root))
        self.app = self.server._server.application

    @property
    def url(self) -> str:
        return self.server.url

    def stop_http(self) -> None:
        """Stop answering (as if the appliance went away); the service keeps running."""
        self.server.stop()

    def start_http(self) -> None:
        """Answer again on the same port."""
        self.server = HttpServer(self.app, "127.0.0.1", self.server.port)
        self.server.start()

    def deliver(self, name: str, content: bytes) -> None:
        """Put an ERP file into gestionale/ and wait until the service imported it."""
        done = self.service.watcher.workers["erp"].batches_done
        self.drop(name, content)
        self.settle()
        self.wait_batches(done + 1)

    def archived(self, name: str) -> Path:
        """The imported copy of an ERP file of the demo export."""
        return sorted((self.settings.data_dir / "archive").glob(f"*/{name}"))[-1]


