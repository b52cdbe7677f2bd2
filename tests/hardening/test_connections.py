"""Many idle connections do not stall the appliance: 150 are held open while normal requests are served."""

from __future__ import annotations

import socket
import time
from contextlib import ExitStack

import requests

from appliance.web.server import CONNECTIONS

HELD = 150


def test_requests_are_served_within_a_second_while_150_connections_sit_idle(installation):
    with ExitStack() as stack:
        for number in range(HELD):
            connection = stack.enter_context(socket.create_connection((installation.run.server.host,
                                                                       installation.run.server.port), timeout=5))
            if number % 2:  # half of them send the start of a request and stall
                connection.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        for path, headers in (("/health", {}), ("/admin/sign-in", {}), ("/api/v1/config", installation.device()),
                              ("/api/connector/v1/orders", installation.connector())):
            started = time.monotonic()
            reply = requests.get(installation.url + path, headers=headers, timeout=5)
            assert reply.status_code == 200, (path, reply.status_code)
            assert time.monotonic() - started < 1.0, path


def test_the_limits_fit_200_ipads_and_drop_idle_clients_sooner_than_waitress_would():
    assert CONNECTIONS["connection_limit"] >= 400
    assert CONNECTIONS["channel_timeout"] <= 60
