"""A seeded installation in use (the console tests' one, without a browser) and raw-socket helpers.

`installation` runs the real service behind waitress on 127.0.0.1 with an administrator,
a license, demo ERP data and users; `Installation` adds what hostile clients send: a
device token, the connector key, a signed-in console client, and requests written byte
for byte on a socket (`send_raw`), which `requests` would refuse to send.
"""

from __future__ import annotations

import json
import socket
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
import requests

from appliance.connector.key import connector_key
from tests.console.client import ConsoleClient
from tests.console.server import ADMIN, ADMIN_PASSWORD, USER_PASSWORD, ConsoleRunning, Vendor, console_settings, seed


@dataclass
class RawReply:
    status: int
    head: str
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


class Installation:
    """The running service and the credentials a caller may hold."""

    def __init__(self, run: ConsoleRunning):
        self.run = run
        self.url = run.server.url
        self.key = connector_key(run.settings.paths)
        self._token: str | None = None

    @property
    def token(self) -> str:
        if self._token is None:
            reply = requests.post(self.url + "/api/v1/login", json={
                "username": "mrossi", "password": USER_PASSWORD, "device_id": "HARD-1"}, timeout=10)
            assert reply.status_code == 200, reply.text
            self._token = reply.json()["token"]
        return self._token

    def device(self) -> dict:
        return {"Authorization": "Bearer " + self.token}

    def connector(self) -> dict:
        return {"Authorization": "Bearer " + self.key}

    def console(self) -> ConsoleClient:
        client = ConsoleClient(self.run)
        client.sign_in(ADMIN, ADMIN_PASSWORD)
        return client

    def send_raw(self, request: bytes) -> RawReply:
        """Send `request` exactly as given (HTTP/1.0, so the server closes) and read the whole reply."""
        with socket.create_connection((self.run.server.host, self.run.server.port), timeout=10) as connection:
            connection.sendall(request)
            received = b""
            while chunk := connection.recv(65536):
                received += chunk
        head, _, body = received.partition(b"\r\n\r\n")
        text = head.decode("latin-1")
        return RawReply(int(text.split()[1]), text, body)


@contextmanager
def running_installation(root: Path) -> Iterator[Installation]:
    """A seeded installation served from `root` for the length of the block."""
    vendor = Vendor(root)
    run = ConsoleRunning(console_settings(root / "data", vendor))
    seed(run, vendor, root / "demo")
    run.start()
    try:
        yield Installation(run)
    finally:
        run.stop()


@pytest.fixture(scope="session")
def installation(tmp_path_factory) -> Installation:
    with running_installation(tmp_path_factory.mktemp("hardening")) as running:
        yield running
