"""/health tells the LAN only its status; this machine, the tray's token and console sessions get the detail.

The server listens on 127.0.0.1 only, so a LAN peer is played by rewriting the peer address
the WSGI app sees (what waitress would report for a connection from 192.168.1.50).
"""

from __future__ import annotations

import pytest
import requests

from appliance.secret_files import ensure_local_token
from appliance.web.server import HttpServer
from tests.console.client import ConsoleClient
from tests.console.server import ADMIN, ADMIN_PASSWORD

LAN_PEER = "192.168.1.50"


class LanServer:
    """The installation's app behind a second server whose every caller looks like a LAN peer."""

    def __init__(self, app):
        self.server = HttpServer(lambda environ, start: app({**environ, "REMOTE_ADDR": LAN_PEER}, start),
                                 "127.0.0.1", 0)
        self.url = self.server.url


@pytest.fixture(scope="module")
def lan(installation):
    running = LanServer(installation.run.app)
    running.server.start()
    yield running
    running.server.stop()


def test_the_lan_sees_only_the_status(lan):
    reply = requests.get(lan.url + "/health", timeout=10)
    assert reply.status_code == 200
    assert set(reply.json()) == {"status"} and reply.json()["status"] in ("ok", "degraded")


def test_this_machine_sees_the_whole_document(installation):
    body = requests.get(installation.url + "/health", timeout=10).json()
    assert {"license", "exchange", "problems", "files"} <= set(body)


def test_the_trays_token_opens_the_detail_from_anywhere(installation, lan):
    token = ensure_local_token(installation.run.settings.paths)
    body = requests.get(lan.url + "/health", headers={"Authorization": "Bearer " + token}, timeout=10).json()
    assert body["license"]["customer"]
    wrong = requests.get(lan.url + "/health", headers={"Authorization": "Bearer nope"}, timeout=10).json()
    assert set(wrong) == {"status"}


def test_a_console_session_opens_the_detail(installation, lan):
    client = ConsoleClient(installation.run)
    client.sign_in(ADMIN, ADMIN_PASSWORD)
    cookies = client.http.cookies.get_dict()
    body = requests.get(lan.url + "/health", cookies=cookies, timeout=10).json()
    assert "exchange" in body
    forged = requests.get(lan.url + "/health", cookies={name: "forged" for name in cookies}, timeout=10).json()
    assert set(forged) == {"status"}
