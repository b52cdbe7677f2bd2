"""A running appliance for catalog tests: real folders and images, real SQLite, waitress on 127.0.0.1.

`appliance` starts the service with a signed license (catalog and reports included)
and four users: `mrossi` (agent A1), `lbianchi` (agent A2, operator OP2), `boss` (no
codes) and `guest` (profile information: no catalog, no reports). Tests put files into
`appliance.multimedia` / `appliance.reports` and call `appliance.index()` (the handler's
own path: one re-index per area), or let the watcher do it (`tests/catalog/test_watching.py`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from appliance.accounts import add_user
from appliance.licensing import install_license
from appliance.service import Service
from appliance.store.db import open_store
from appliance.web.app import create_app
from appliance.web.server import HttpServer
from tests.device.conftest import PASSWORD, device_settings, signer  # noqa: F401  (the device suite's fixtures)
from tests.folderwatch.helpers import FakeClock, wait_for

USERS = {"mrossi": {"agent_code": "A1"},
         "lbianchi": {"agent_code": "A2", "operator_code": "OP2"},
         "boss": {},
         "guest": {"profile": "information"}}


class CatalogAppliance:
    """The service with its HTTP server and watcher clock, plus a client that logs users in."""

    def __init__(self, settings, signer):
        self.settings = settings
        self.signer = signer
        self.store = open_store(settings)
        self.clock = FakeClock()
        self.service = Service(settings, self.store, clock=self.clock, poll_seconds=0.02)
        self.app = create_app(self.service)
        self.server = HttpServer(self.app, "127.0.0.1", 0)
        self.tokens: dict[str, str] = {}

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def multimedia(self) -> Path:
        return self.settings.exchange / "multimedia"

    @property
    def reports(self) -> Path:
        return self.settings.exchange / "reports"

    @property
    def cache(self) -> Path:
        return self.settings.paths.cache / "catalog"

    def install_license(self, **fields) -> None:
        install_license(self.store, self.settings, self.signer(**fields).encode())

    def index(self, *areas: str) -> dict:
        """Re-index the areas (both by default) as the watcher's handler does; returns the summaries."""
        return {area: self.service.catalog.reindex(area).summary for area in areas or ("multimedia", "reports")}

    def token(self, username: str) -> str:
        if username not in self.tokens:
            reply = requests.post(self.url + "/api/v1/login", json={
                "username": username, "password": PASSWORD, "device_id": f"ipad-{username}"}, timeout=10)
            assert reply.status_code == 200, reply.text
            self.tokens[username] = reply.json()["token"]
        return self.tokens[username]

    def get(self, path: str, user: str | None = "mrossi", headers: dict | None = None, **kwargs) -> requests.Response:
        headers = dict(headers or {})
        if user:
            headers["Authorization"] = "Bearer " + self.token(user)
        return requests.get(self.url + path, headers=headers, timeout=30, **kwargs)

    def listing(self, area: str = "catalog", user: str = "mrossi", since: str | None = None) -> dict:
        """Every page of /api/v1/catalog or /api/v1/reports after `since`, merged."""
        merged = {"folders": {}, "items": {}, "deleted_folders": [], "deleted_items": [], "pages": 0}
        while True:
            params = {"since": since} if since else {}
            reply = self.get(f"/api/v1/{area}", user, params=params)
            assert reply.status_code == 200, reply.text
            page = reply.json()
            merged["pages"] += 1
            merged["folders"].update((f["id"], f) for f in page["folders"])
            merged["items"].update((i["id"], i) for i in page["items"])
            merged["deleted_folders"] += page["deleted"]["folders"]
            merged["deleted_items"] += page["deleted"]["items"]
            since = page["cursor"]
            if not page["more"]:
                merged["cursor"] = since
                return merged

    def health(self) -> dict:
        reply = requests.get(self.url + "/health", timeout=10)
        assert reply.status_code == 200
        return reply.json()

    def start(self) -> "CatalogAppliance":
        self.server.start()
        return self

    def stop(self) -> None:
        # A request thread wakes waitress's loop once more after its reply has gone out; stopping in that
        # moment races with it (the loop may close its wake-up pipe under HttpServer.stop), so wait for it.
        dispatcher = self.server._server.task_dispatcher
        wait_for(lambda: dispatcher.active_count == 0, what="request threads to finish")
        self.server.stop()
        self.service.stop(grace=30)
        self.store.close()


@pytest.fixture
def appliance(device_settings, signer):
    running = CatalogAppliance(device_settings, signer).start()
    running.install_license()
    for name, details in USERS.items():
        add_user(running.store, running.settings, name, PASSWORD, **details)
    yield running
    running.stop()
