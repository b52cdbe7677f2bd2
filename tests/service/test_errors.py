"""The error shape: every error is application/problem+json, never a stack trace."""

import re

import pytest
import requests

from appliance.errors import ApplianceError, ConflictError, InvalidInputError
from appliance.web import app as web_app
from appliance.web.server import HttpServer


class LoginFirst(ApplianceError):
    status = 401
    title = "Unauthorized"
    headers = {"WWW-Authenticate": 'Bearer realm="appliance"'}


class BrokenRoutes:
    """A web module as later modules write them: install(app, service)."""

    @staticmethod
    def install(app, service):
        def invalid():
            raise InvalidInputError("quantity must be a whole number: send 3, not 3.5",
                                    errors=[{"field": "quantity", "reason": "not a whole number"}])

        def crash():
            raise RuntimeError("secret-token-123 leaked into an exception")

        app.route("/invalid", "GET", invalid)
        app.route("/crash", "GET", crash)
        orders = web_app.new_app()

        def conflict():
            raise ConflictError("order 7 was already sent; create a new one")

        def login_first():
            raise LoginFirst("log in first: POST /api/v1/login")

        orders.route("/conflict", "POST", conflict)
        orders.route("/mine", "GET", login_first)
        app.mount("/orders/", orders)


@pytest.fixture
def server(monkeypatch, settings):
    from appliance.store.db import open_store
    from appliance.service import Service

    monkeypatch.setattr(web_app, "WEB_MODULES", (*web_app.WEB_MODULES, "broken_routes"))
    monkeypatch.setitem(__import__("sys").modules, "broken_routes", BrokenRoutes)
    store = open_store(settings)
    running = HttpServer(web_app.create_app(Service(settings, store)), "127.0.0.1", 0)
    running.start()
    yield running
    running.stop()
    store.close()


def assert_problem(reply, status):
    assert reply.status_code == status
    assert reply.headers["Content-Type"].startswith("application/problem+json")
    body = reply.json()
    assert set(body) == {"type", "title", "status", "detail", "errors"}
    assert body["status"] == status
    assert "Traceback" not in reply.text
    return body


def test_an_appliance_error_carries_its_status_and_field_errors(server):
    body = assert_problem(requests.get(server.url + "/invalid", timeout=5), 400)
    assert body["title"] == "Invalid request"
    assert body["type"] == "urn:appliance:error:invalid-input"
    assert body["detail"] == "quantity must be a whole number: send 3, not 3.5"
    assert body["errors"] == [{"field": "quantity", "reason": "not a whole number"}]


def test_an_unexpected_failure_is_a_500_without_the_exception_text(server, caplog):
    body = assert_problem(requests.get(server.url + "/crash", timeout=5), 500)
    assert "secret-token-123" not in body["detail"]
    assert "log" in body["detail"]
    assert "RuntimeError" in caplog.text  # the details are in the log for the operator
    incident = re.search(r"incident ([0-9a-f]{12})", body["detail"]).group(1)
    assert f"incident {incident}" in caplog.text and "secret-token-123" in caplog.text


def test_unknown_paths_and_wrong_methods_are_problems_too(server):
    body = assert_problem(requests.get(server.url + "/no/such/page", timeout=5), 404)
    assert body["title"] == "Not Found"
    assert_problem(requests.post(server.url + "/health", timeout=5), 405)


def test_a_mounted_sub_app_renders_errors_the_same_way(server):
    body = assert_problem(requests.post(server.url + "/orders/conflict", timeout=5), 409)
    assert body["detail"] == "order 7 was already sent; create a new one"


def test_an_error_may_add_headers(server):
    reply = requests.get(server.url + "/orders/mine", timeout=5)
    assert_problem(reply, 401)
    assert reply.headers["WWW-Authenticate"] == 'Bearer realm="appliance"'
