"""A real service with its console on 127.0.0.1, the test's clocks, its own log file and demo data."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import requests

from appliance.accounts import add_user, authenticate, record_sync, set_param
from appliance.console.admins import add_admin
from appliance.demo import generate_export
from appliance.ingest.disposal import dispose
from appliance.ingest.pipeline import import_batch
from appliance.licensing import install_license
from appliance.logs import FORMAT
from appliance.service import Service
from appliance.settings import load_settings
from appliance.store.db import open_store
from appliance.web.app import create_app
from appliance.web.server import HttpServer
from appliance_vendor.signing import build_payload, generate_keys, load_private_key, sign_license
from tests.folderwatch.helpers import FakeClock
from tests.service.conftest import Running, make_exchange

PROJECT = "ROSSI"
ADMIN, ADMIN_PASSWORD = "anna", "console password 1"
USER_PASSWORD = "agent password 1"
SETTLE = 10.0


def order(guid: str, **changes) -> dict:
    """An order from an iPad: two lines of two article families (so split by family, two parts)."""
    document = {"guid": guid, "cod_clifor": "C000001", "cod_ditta": "1", "data_ordine": "2026-03-02",
                "note": "Consegna al mattino", "righe": [
                    {"codice_articolo": "ABB00037", "qta": 3, "prezzo": 42.5, "note": "Taglia M"},
                    {"codice_articolo": "BEV00001", "qta": 10.0, "prezzo": 1.25}]}
    return {**document, **changes}


NEW_CUSTOMER = {"guid": "cli-console-0001", "ragione_sociale": "Trattoria Da Nino", "citta": "Bergamo",
                "partita_iva": "01234567890"}


class MovableClock:
    """The console's clock: the real time plus an offset the test moves (session expiry, throttling)."""

    def __init__(self):
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(timezone.utc) + self.offset

    def advance(self, **delta) -> None:
        self.offset += timedelta(**delta)


class Vendor:
    """A vendor key pair made for the test session, trusted through the dev_trusted_key setting."""

    def __init__(self, folder: Path):
        files = generate_keys(folder)
        self.public = files.public
        self.key = load_private_key(files.private)

    def license(self, **fields) -> bytes:
        """A license for PROJECT valid today; `fields` override the payload."""
        today = date.today()
        payload = build_payload(customer="Rossi Distribuzione SpA", project=PROJECT,
                                seats={"orders": 5, "information": 2, "crm": 1}, modules=["catalog", "reports"],
                                expires=today + timedelta(days=365), not_before=today - timedelta(days=1),
                                license_id="LIC-2026-001")
        payload.update(fields)
        return sign_license(self.key, payload).encode()


def console_settings(data_dir: Path, vendor: Vendor, **flags):
    """Settings for a console test: its own data dir and exchange folder, the vendor's key, cheap hashes."""
    environ = {"APPLIANCE_DEV_TRUSTED_KEY": str(vendor.public), "APPLIANCE_PASSWORD_HASH_COST": "4",
               "APPLIANCE_PROJECT": PROJECT}
    settings = load_settings({"data_dir": str(data_dir), "exchange": str(data_dir.parent / "exchange"),
                              "settle_seconds": SETTLE, **flags}, environ)
    settings.paths.ensure()
    make_exchange(settings)
    return settings


class ConsoleRunning(Running):
    """tests/service's Running, built so the test also holds the console and moves its clock."""

    def __init__(self, settings):
        self.settings = settings
        self.clock = FakeClock()
        self.time = MovableClock()
        self.store = open_store(settings)
        self.service = Service(settings, self.store, clock=self.clock, poll_seconds=0.02)
        self.app = create_app(self.service)
        self.console = self.app.config["appliance.console"]
        self.console.clock = self.time
        self.server = HttpServer(self.app, "127.0.0.1", 0)
        self._log = _file_log(settings.paths.log_file)

    def stop(self) -> None:
        super().stop()
        logging.getLogger().removeHandler(self._log)
        self._log.close()

    def url(self, path: str = "") -> str:
        return f"{self.server.url}/admin/{path}"

    def deliver(self, name: str, content: bytes) -> None:
        """Put a file into gestionale/ and let the service import it (one batch)."""
        done = self.service.watcher.workers["erp"].batches_done
        self.drop(name, content)
        self.settle()
        self.wait_batches(done + 1)

    def upload(self, kind: str, document: dict) -> dict:
        """Send a document as Mario's iPad does: log in to the device API, then POST it."""
        login = requests.post(self.server.url + "/api/v1/login", json={
            "username": "mrossi", "password": USER_PASSWORD, "device_id": "IPAD-7F3A", "device_name": "iPad di Mario",
            "app_version": "3.2.0"}, timeout=10)
        assert login.status_code == 200, login.text
        reply = requests.post(f"{self.server.url}/api/v1/documents/{kind}", json=document, timeout=10,
                              headers={"Authorization": "Bearer " + login.json()["token"]})
        assert reply.status_code == 201, reply.text
        return reply.json()

    def log_text(self) -> str:
        self._log.flush()
        return self.settings.paths.log_file.read_text(encoding="utf-8") if self.settings.paths.log_file.exists() \
            else ""


def _file_log(path: Path) -> logging.Handler:
    """The service's log file in the house format, as `appliance serve` writes it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return handler


def seed(run: ConsoleRunning, vendor: Vendor, work: Path) -> None:
    """What a running installation holds: an administrator, a license, ERP data, users with devices."""
    store, settings = run.store, run.settings
    add_admin(store, settings, ADMIN, ADMIN_PASSWORD)
    install_license(store, settings, vendor.license())
    files = generate_export(work / "gestionale", seed=7, customers=40, agents=3, articles=250)
    for outcome in import_batch(store, settings, files):
        dispose(store, settings, outcome, move=False, today=date.today())
    for name, agent, profile in (("mrossi", "A01", "orders"), ("lbianchi", "A02", "orders"),
                                 ("gverdi", "", "information")):
        add_user(store, settings, name, USER_PASSWORD, profile=profile, agent_code=agent,
                 display_name=name.capitalize())
    authenticate(store, settings, "mrossi", USER_PASSWORD, "IPAD-7F3A", "iPad di Mario", "3.2.0", "192.168.1.31")
    authenticate(store, settings, "mrossi", "wrong password", "IPAD-7F3A", "iPad di Mario", "3.2.0", "192.168.1.31")
    record_sync(store, "mrossi", "IPAD-7F3A")
    set_param(store, "orders.split_by_family", "true")

