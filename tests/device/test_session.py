"""Login, logout and the bearer token, against the real server: every refusal has its status and reason."""

from __future__ import annotations

from datetime import timedelta

from appliance.accounts import disable_user, set_user
from tests.device.conftest import PASSWORD, PROJECT


def assert_problem(reply, status: int, reason: str | None = None) -> dict:
    assert reply.status_code == status, reply.text
    assert reply.headers["Content-Type"].startswith("application/problem+json")
    body = reply.json()
    assert {"type", "title", "status", "detail", "errors"} <= set(body) and body["status"] == status
    assert "Traceback" not in reply.text
    if reason:
        assert body["reason"] == reason
    return body


def test_login_returns_token_user_config_project_license_and_time(api):
    reply = api.login("lbianchi")
    assert reply.status_code == 200
    body = reply.json()
    assert len(body["token"]) >= 40 and body["expires_at"] > body["server_time"]
    assert body["user"] == {"username": "lbianchi", "display_name": "Luca Bianchi", "agent_code": "A2",
                            "operator_code": "OP2", "profile": "orders",
                            "modules": ["consultation", "orders", "catalog", "reports"]}
    assert body["config"]["app.show_all_customers"] is False and body["config"]["app.discounts_count"] == 6
    assert body["project"] == {"code": PROJECT, "name": "Rossi Alimentari SpA"}
    assert body["license"] == {"state": "valid", "expires_at": "2099-12-31"}


def test_config_repeats_the_session_data_for_a_logged_in_device(api):
    body = api.get("/api/v1/config", "mrossi").json()
    assert body["user"]["agent_code"] == "A1" and "token" not in body
    assert body["license"]["state"] == "valid" and body["project"]["code"] == PROJECT


def test_a_wrong_password_is_401_with_reason_and_no_token(api):
    body = assert_problem(api.login("mrossi", password="wrong password"), 401, "bad_credentials")
    assert "token" not in body and PASSWORD not in str(body)


def test_throttled_logins_get_429_with_retry_after(api):
    for _ in range(10):
        api.login("mrossi", password="wrong password")
    reply = api.login("mrossi")
    assert_problem(reply, 429, "throttled")
    assert 0 < int(reply.headers["Retry-After"]) <= 600


def test_a_disabled_user_is_refused_with_403(api):
    disable_user(api.store, "boss")
    assert_problem(api.login("boss"), 403, "user_disabled")


def test_a_third_device_is_refused_with_device_limit(api):
    api.token("mrossi", "ipad-1")
    api.token("mrossi", "ipad-2")
    assert_problem(api.login("mrossi", "ipad-3"), 403, "device_limit")


def test_an_expired_license_refuses_logins_and_then_running_sessions(api):
    api.install_license(expires=api.clock().date() + timedelta(days=2), grace_days=0)
    token = api.token("mrossi")
    api.clock.advance(days=5)
    assert_problem(api.login("lbianchi"), 403, "license_expired")
    reply = api.call("GET", "/api/v1/config", None, headers={"Authorization": "Bearer " + token})
    assert_problem(reply, 403, "license_expired")


def test_a_broken_license_file_is_license_invalid(api):
    api.settings.paths.license_file.write_text("not a license")
    assert_problem(api.login("mrossi"), 403, "license_invalid")


def test_missing_token_is_401_with_www_authenticate(api):
    reply = api.get("/api/v1/sync", user=None)
    assert_problem(reply, 401, "missing_token")
    assert reply.headers["WWW-Authenticate"].startswith("Bearer")


def test_unknown_token_is_401(api):
    reply = api.call("GET", "/api/v1/sync", None, headers={"Authorization": "Bearer not-a-token"})
    assert_problem(reply, 401, "invalid_token")


def test_logout_revokes_the_token(api):
    token = api.token("mrossi")
    assert api.post("/api/v1/logout").status_code == 204
    reply = api.call("GET", "/api/v1/config", None, headers={"Authorization": "Bearer " + token})
    assert_problem(reply, 401, "invalid_token")


def test_a_token_expires_after_the_idle_days(api):
    token = api.token("mrossi")
    api.clock.advance(days=31)
    reply = api.call("GET", "/api/v1/config", None, headers={"Authorization": "Bearer " + token})
    assert_problem(reply, 401, "invalid_token")


def test_disabling_a_user_revokes_his_tokens(api):
    token = api.token("mrossi")
    set_user(api.store, api.settings, "mrossi", {"active": "false"})
    reply = api.call("GET", "/api/v1/config", None, headers={"Authorization": "Bearer " + token})
    assert_problem(reply, 401, "invalid_token")


def test_login_fields_are_checked_and_named(api):
    reply = api.call("POST", "/api/v1/login", None, json={"username": "mrossi", "password": 7})
    body = assert_problem(reply, 400)
    assert {e["field"] for e in body["errors"]} == {"password", "device_id"}


def test_invalid_json_is_400_naming_the_position(api):
    reply = api.call("POST", "/api/v1/login", None, data=b'{"username": "mrossi",',
                     headers={"Content-Type": "application/json"})
    body = assert_problem(reply, 400)
    assert body["errors"][0]["field"] == "body" and "line 1" in body["detail"]
