"""A running appliance for device tests: real SQLite, the real import pipeline, waitress on 127.0.0.1.

`device_api` starts the service with a signed license (crm included) and three users:
`mrossi` (agent A1), `lbianchi` (agent A2, operator OP2) and `boss` (no agent code).
`world` loads a small ERP export through the import pipeline (see `tests/device/world.py`).
The clock the API reads is `api.clock`: real time unless a test moves it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests

from appliance.accounts import add_user
from appliance.ingest.pipeline import Hooks, import_batch
from appliance.licensing import install_license
from appliance.service import Service
from appliance.settings import load_settings
from appliance.store.db import open_store
from appliance.web.app import create_app
from appliance.web.server import HttpServer
from appliance_vendor.signing import build_payload, generate_keys, load_private_key, sign_license
from tests.device.world import write_world
from tests.folderwatch.helpers import FakeClock

PASSWORD = "correct horse"
PROJECT = "ROSSI"
USERS = {"mrossi": {"agent_code": "A1", "display_name": "Mario Rossi"},
         "lbianchi": {"agent_code": "A2", "operator_code": "OP2", "display_name": "Luca Bianchi"},
         "boss": {"display_name": "Direzione"}}


class UtcClock:
    """The API's clock: the real time shifted by what a test adds."""

    def __init__(self):
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(timezone.utc) + self.offset

    def advance(self, **delta) -> None:
        self.offset += timedelta(**delta)


class DeviceApi:
    """The service with its HTTP server, plus a client that logs users in and calls routes."""

    def __init__(self, settings, signer):
        self.settings = settings
        self.store = open_store(settings)
        self.clock = UtcClock()
        self.service = Service(settings, self.store, clock=FakeClock(), poll_seconds=0.02)
        self.app = create_app(self.service)
        self.app.config["appliance.now"] = self.clock
        self.server = HttpServer(self.app, "127.0.0.1", 0)
        self.signer = signer
        self.tokens: dict[str, str] = {}

    @property
    def url(self) -> str:
        return self.server.url

    def install_license(self, **fields) -> None:
        install_license(self.store, self.settings, self.signer(**fields).encode(), now=self.clock())

    def add_users(self) -> None:
        for name, details in USERS.items():
            add_user(self.store, self.settings, name, PASSWORD, now=self.clock(), **details)

    def login(self, username: str, device: str = "ipad-1", password: str = PASSWORD) -> requests.Response:
        return requests.post(self.url + "/api/v1/login", json={
            "username": username, "password": password, "device_id": device, "device_name": f"iPad {device}",
            "app_version": "1.0"}, timeout=10)

    def token(self, username: str, device: str = "ipad-1") -> str:
        key = f"{username}/{device}"
        if key not in self.tokens:
            reply = self.login(username, device)
            assert reply.status_code == 200, reply.text
            self.tokens[key] = reply.json()["token"]
        return self.tokens[key]

    def call(self, method: str, path: str, user: str | None = "mrossi", device: str = "ipad-1",
             **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if user:
            headers["Authorization"] = "Bearer " + self.token(user, device)
        return requests.request(method, self.url + path, headers=headers, timeout=30, **kwargs)

    def get(self, path: str, user: str | None = "mrossi", **kwargs) -> requests.Response:
        return self.call("GET", path, user, **kwargs)

    def post(self, path: str, user: str | None = "mrossi", **kwargs) -> requests.Response:
        return self.call("POST", path, user, **kwargs)

    def sync_all(self, table: str, user: str = "mrossi", since: str | None = None, limit: int | None = None,
                 device: str = "ipad-1") -> dict:
        """Page through a table; returns {rows: {key: row}, deleted: [...], pages, next, keys (in order)}."""
        rows, deleted, keys, pages = {}, [], [], 0
        while True:
            params = {k: v for k, v in (("since", since), ("limit", limit)) if v is not None}
            reply = self.call("GET", f"/api/v1/sync/{table}", user, device, params=params)
            assert reply.status_code == 200, reply.text
            page = reply.json()
            pages += 1
            for row in page["rows"]:
                key = row_key(table, row)
                keys.append(key)
                rows[key] = row
            deleted.extend(page["deleted"])
            since = page["next"]
            if not page["more"]:
                return {"rows": rows, "deleted": deleted, "keys": keys, "pages": pages, "next": since,
                        "full": page["full"]}

    def load(self, folder: Path, *names: str, hooks: Hooks | None = None, force: bool = False):
        """Import files of `folder` (all io_*.dat when no names) through the real pipeline, as one batch."""
        paths = [folder / n for n in names] if names else sorted(folder.glob("io_*.dat"))
        outcomes = import_batch(self.store, self.settings, paths, hooks=hooks, force=force)
        assert all(o.result in ("imported", "skipped") for o in outcomes), [o.summary() for o in outcomes]
        return outcomes

    def start(self) -> "DeviceApi":
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()
        self.store.close()


def row_key(table: str, row: dict) -> str:
    """The key of a row as the API lists it in `deleted`."""
    return row["CHIAVE"]


@pytest.fixture(scope="session")
def signer(tmp_path_factory):
    """Sign licenses with a fresh vendor key the test settings trust."""
    folder = tmp_path_factory.mktemp("vendor")
    files = generate_keys(folder / "vendor")
    key = load_private_key(files.private)

    def sign(**fields) -> str:
        options = {"customer": "Rossi Alimentari SpA", "project": PROJECT,
                   "seats": {"orders": 5, "information": 1, "crm": 1}, "modules": ["catalog", "reports", "crm"],
                   "expires": date(2099, 12, 31), "not_before": date(2020, 1, 1), "license_id": "LIC-T",
                   "issued_at": datetime(2020, 1, 1, tzinfo=timezone.utc), **fields}
        return sign_license(key, build_payload(**options))

    sign.public_key = files.public
    return sign


@pytest.fixture
def device_settings(tmp_path, signer):
    environ = {"APPLIANCE_DEV_TRUSTED_KEY": str(signer.public_key), "APPLIANCE_PASSWORD_HASH_COST": "4",
               "APPLIANCE_PROJECT": PROJECT}
    settings = load_settings({"data_dir": str(tmp_path / "data"), "exchange": str(tmp_path / "exchange")}, environ)
    settings.paths.ensure()
    for name in ("gestionale", "multimedia", "reports"):
        (settings.exchange / name).mkdir(parents=True, exist_ok=True)
    return settings


@pytest.fixture
def api(device_settings, signer):
    running = DeviceApi(device_settings, signer).start()
    running.install_license()
    running.add_users()
    yield running
    running.stop()


@pytest.fixture
def world(api, tmp_path):
    """The small export of tests/device/world.py, loaded; returns its folder."""
    folder = write_world(tmp_path / "export")
    api.load(folder)
    return folder

