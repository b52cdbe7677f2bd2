"""Fixtures: a service with both listeners (waitress HTTP, cheroot HTTPS) on 127.0.0.1, a license,
an administrator and an agent; certificates are made by the real code in the test's data dir."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest
import requests

from appliance.console.admins import add_admin
from appliance.accounts import add_user
from appliance.licensing import install_license
from appliance.service import https_listener
from tests.console.server import ADMIN, ADMIN_PASSWORD, USER_PASSWORD, ConsoleRunning, Vendor, console_settings

EXTRA_NAME = "appliance.vpn.example"


class SecureRunning(ConsoleRunning):
    """The console test server plus the HTTPS listener on a free port, as `appliance serve` runs them."""

    def __init__(self, settings):
        super().__init__(settings)
        self.https = https_listener(self.service, self.app, 0)
        self.service.http_port = self.server.port

    def start(self) -> "SecureRunning":
        super().start()
        self.https.start()
        return self

    def stop(self) -> None:
        self.https.stop()
        super().stop()

    @property
    def ca_file(self) -> Path:
        return self.settings.paths.ca_cert

    @property
    def https_url(self) -> str:
        return f"https://localhost:{self.https.port}"

    def verified(self) -> requests.Session:
        """A requests session that trusts only the local CA."""
        session = requests.Session()
        session.trust_env = False  # else REQUESTS_CA_BUNDLE from the environment would replace the CA
        session.verify = str(self.ca_file)
        return session

    def client_context(self) -> ssl.SSLContext:
        """Python's ssl with the local CA as the only trust anchor."""
        context = ssl.create_default_context(cafile=str(self.ca_file))
        assert len(context.get_ca_certs()) == 1
        return context

    def device_login(self, base: str, session: requests.Session | None = None, password: str = USER_PASSWORD):
        return (session or requests).post(base + "/api/v1/login", json={
            "username": "mrossi", "password": password, "device_id": "IPAD-TLS", "device_name": "iPad TLS",
            "app_version": "3.2.0"}, timeout=10)


@pytest.fixture(scope="session")
def vendor(tmp_path_factory) -> Vendor:
    return Vendor(tmp_path_factory.mktemp("vendor"))


def start_secure(root: Path, vendor: Vendor, **flags) -> SecureRunning:
    settings = console_settings(root / "data", vendor, tls_names=EXTRA_NAME, **flags)
    run = SecureRunning(settings)
    add_admin(run.store, settings, ADMIN, ADMIN_PASSWORD)
    install_license(run.store, settings, vendor.license())
    add_user(run.store, settings, "mrossi", USER_PASSWORD, profile="orders", agent_code="A01", display_name="Mario")
    return run.start()


@pytest.fixture
def secure(tmp_path, vendor):
    run = start_secure(tmp_path, vendor)
    yield run
    run.stop()
