"""The login service: every reason a device is refused, and what a successful login returns."""

from __future__ import annotations

import logging
import shutil
import time
from datetime import timedelta
from statistics import median

import pytest

from appliance.accounts import add_user, authenticate, forget_device, list_devices, resolve_session, set_param
from appliance.accounts.passwords import needs_rehash
from appliance.errors import InvalidInputError
from appliance.store.sessions import access_log
from appliance.store.users import find_user
from tests.licensing.conftest import PASSWORD, make_settings


def login(store, settings, clock, name="mrossi", password=PASSWORD, device="ipad-1", address="10.0.0.5"):
    return authenticate(store, settings, name, password, device, f"iPad {device}", "3.1", address, now=clock.now)


def test_a_successful_login_returns_token_user_config_modules_and_license(store, settings, user, licensed, clock):
    user("mrossi", display_name="Mario Rossi", agent_code="A01", operator_code="OP7")
    set_param(store, "app.discounts_count", "3", now=clock.now)
    result = login(store, settings, clock)
    assert result.ok and result.reason is None and len(result.token) >= 40
    assert result.expires_at == (clock.now + timedelta(days=30)).isoformat()
    assert {k: result.user[k] for k in ("username", "display_name", "agent_code", "operator_code", "profile")} == {
        "username": "mrossi", "display_name": "Mario Rossi", "agent_code": "A01", "operator_code": "OP7",
        "profile": "orders"}
    assert result.modules == result.user["modules"] == ["consultation", "orders", "catalog", "reports"]
    assert result.config["app.discounts_count"] == 3 and result.config["app.show_stock"] is True
    assert result.license == {"state": "valid", "message": result.license["message"], "expires_at": "2027-12-31"}
    assert resolve_session(store, result.token, clock.now)["user"]["username"] == "mrossi"


def test_the_token_is_not_in_the_result_repr(store, settings, user, clock):
    user("mrossi")
    result = login(store, settings, clock)
    assert result.token not in repr(result)


def test_unknown_user_and_wrong_password_get_the_same_answer(store, settings, user, clock):
    user("mrossi")
    wrong = login(store, settings, clock, password="wrong password")
    unknown = login(store, settings, clock, name="nobody")
    assert (wrong.ok, wrong.reason, wrong.message) == (unknown.ok, unknown.reason, unknown.message)
    assert wrong.reason == "bad_credentials" and wrong.message == "Wrong user name or password."
    assert wrong.token is None and wrong.user is None and wrong.config is None


def test_unknown_user_and_wrong_password_take_the_same_time(store, tmp_path, vendor_keys, clock):
    # A cost high enough that hashing dominates; an unknown user that skipped the hash would be far faster.
    settings = make_settings(tmp_path / "slow", vendor_keys, APPLIANCE_PASSWORD_HASH_COST="13")
    add_user(store, settings, "mrossi", PASSWORD, now=clock.now)

    def timed(name, password):
        started = time.perf_counter()
        assert login(store, settings, clock, name=name, password=password).reason == "bad_credentials"
        return time.perf_counter() - started

    wrong = median(timed("mrossi", "wrong password") for _ in range(3))
    unknown = median(timed(f"nobody{i}", "wrong password") for i in range(3))
    assert 0.5 < unknown / wrong < 2.0


def test_a_disabled_user_is_refused_after_the_password_check(store, settings, user, clock):
    user("mrossi", active=False)
    assert login(store, settings, clock).reason == "user_disabled"
    assert login(store, settings, clock, password="wrong password").reason == "bad_credentials"


def test_an_expired_license_refuses_logins(store, settings, user, licensed, clock):
    user("mrossi")
    clock.now = clock.now.replace(year=2028, month=3)
    result = login(store, settings, clock)
    assert (result.ok, result.reason) == (False, "license_expired")
    assert "appliance license install FILE" in result.message and result.license["state"] == "expired"


def test_inside_grace_logins_work_and_say_so(store, settings, user, licensed, clock):
    user("mrossi")
    clock.now = clock.now.replace(year=2028, month=1, day=5)
    result = login(store, settings, clock)
    assert result.ok and result.license["state"] == "grace" and "grace" in result.message


def test_a_clock_moved_back_refuses_logins_as_expired(store, settings, user, licensed, clock):
    user("mrossi")
    assert login(store, settings, clock).ok
    clock.advance(days=20)
    assert login(store, settings, clock).ok
    clock.advance(days=-3)
    result = login(store, settings, clock)
    assert (result.reason, result.license["state"]) == ("license_expired", "clock_rollback")


def test_an_invalid_license_refuses_logins(store, settings, user, issue, clock):
    user("mrossi")
    settings.paths.license_file.write_text(issue(project="BIANCHI"))
    result = login(store, settings, clock)
    assert result.reason == "license_invalid" and "'BIANCHI'" in result.message


def test_a_license_not_yet_valid_refuses_logins(store, settings, user, issue, clock):
    user("mrossi")
    settings.paths.license_file.write_text(issue(not_before="2026-07-01"))
    assert login(store, settings, clock).reason == "license_invalid"


def test_evaluation_mode_refuses_a_third_active_user(store, settings, user, licensed, clock):
    for name in ("one", "two", "three"):
        user(name)
        clock.advance(seconds=1)
    settings.paths.license_file.unlink()
    assert login(store, settings, clock, name="two").ok
    result = login(store, settings, clock, name="three")
    assert result.reason == "evaluation_limit"
    assert "Evaluation mode allows 2 users" in result.message and "appliance license install FILE" in result.message


def test_no_seat_when_the_license_has_none_for_the_profile(store, settings, user, licensed, clock):
    user("leads", profile="crm", active=False)
    # Activated before the license was cut down: it is over the limit.
    store.execute("UPDATE users SET active = 1 WHERE username = 'leads'")
    result = login(store, settings, clock, name="leads")
    assert result.reason == "no_seat" and "profile 'crm' has 0 seats" in result.message


def test_a_third_device_is_refused_until_one_is_forgotten(store, settings, user, clock):
    user("mrossi")
    first = login(store, settings, clock, device="ipad-1")
    assert first.ok and login(store, settings, clock, device="ipad-2").ok
    third = login(store, settings, clock, device="ipad-3")
    assert third.reason == "device_limit"
    assert "iPad ipad-1, iPad ipad-2" in third.message and "appliance users forget-device" in third.message
    assert login(store, settings, clock, device="ipad-1").ok  # a bound device keeps working
    forget_device(store, "mrossi", "ipad-1")
    assert resolve_session(store, first.token, clock.now) is None
    assert login(store, settings, clock, device="ipad-3").ok
    assert [d["device_id"] for d in list_devices(store, "mrossi")] == ["ipad-2", "ipad-3"]


def test_the_license_sets_the_devices_per_user(store, settings, user, licensed, clock):
    licensed(license_id="LIC-2", devices_per_user=1)
    user("mrossi")
    assert login(store, settings, clock, device="ipad-1").ok
    assert login(store, settings, clock, device="ipad-2").reason == "device_limit"


def test_a_login_records_the_device(store, settings, user, clock):
    user("mrossi")
    login(store, settings, clock, device="ipad-1")
    clock.advance(hours=2)
    authenticate(store, settings, "mrossi", PASSWORD, "ipad-1", "Mario's iPad", "3.2", "10.0.0.5", now=clock.now)
    (device,) = list_devices(store, "mrossi")
    assert (device["name"], device["app_version"]) == ("Mario's iPad", "3.2")
    assert device["first_seen"] == "2026-06-01T09:00:00+00:00" and device["last_seen"] == "2026-06-01T11:00:00+00:00"


def test_ten_failures_lock_the_user_and_address_for_ten_minutes(store, settings, user, clock):
    user("mrossi")
    for _ in range(10):
        assert login(store, settings, clock, password="wrong password").reason == "bad_credentials"
        clock.advance(seconds=30)
    locked = login(store, settings, clock)
    assert locked.reason == "throttled" and not locked.ok
    assert locked.retry_after == 600 - 30 and "Try again in 10 minute(s)" in locked.message
    clock.advance(seconds=locked.retry_after - 1)
    assert login(store, settings, clock).reason == "throttled"
    clock.advance(seconds=1)
    assert login(store, settings, clock).ok


def test_throttling_does_not_lock_out_other_addresses_or_other_users(store, settings, user, clock):
    user("mrossi")
    user("bianchi")
    for _ in range(10):
        login(store, settings, clock, password="wrong password", address="10.8.0.1")
    assert login(store, settings, clock, address="10.8.0.1").reason == "throttled"
    assert login(store, settings, clock, address="192.168.1.20").ok
    assert login(store, settings, clock, name="bianchi", address="10.8.0.1").ok


def test_failures_spread_over_more_than_ten_minutes_do_not_lock(store, settings, user, clock):
    user("mrossi")
    for _ in range(10):
        login(store, settings, clock, password="wrong password")
        clock.advance(seconds=70)
    assert login(store, settings, clock).ok


def test_a_success_clears_earlier_failures(store, settings, user, clock):
    user("mrossi")
    for _ in range(9):
        login(store, settings, clock, password="wrong password")
    assert login(store, settings, clock).ok
    login(store, settings, clock, password="wrong password")
    assert login(store, settings, clock).ok


def test_every_attempt_is_in_the_access_log(store, settings, user, clock):
    user("mrossi")
    login(store, settings, clock, password="wrong password", device="ipad-9", address="10.0.0.9")
    login(store, settings, clock)
    rows = access_log(store)
    assert [(r["username"], r["device_id"], r["address"], r["result"], r["reason"]) for r in rows] == [
        ("mrossi", "ipad-1", "10.0.0.5", "ok", None),
        ("mrossi", "ipad-9", "10.0.0.9", "refused", "bad_credentials")]
    assert rows[0]["at"] == clock.now.isoformat() and rows[0]["app_version"] == "3.1"


def test_the_access_log_keeps_ninety_days(store, settings, user, clock):
    user("mrossi")
    login(store, settings, clock, name="old-attempt")
    clock.advance(days=90, seconds=1)
    login(store, settings, clock)
    assert [r["username"] for r in access_log(store)] == ["mrossi"]


def test_no_password_or_token_reaches_the_logs(store, settings, user, clock, caplog):
    caplog.set_level(logging.DEBUG)
    user("mrossi")
    login(store, settings, clock, password="wrong password")
    token = login(store, settings, clock).token
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "login refused (bad_credentials): user mrossi" in text
    assert PASSWORD not in text and "wrong password" not in text and token not in text


def test_a_stored_hash_of_another_cost_is_renewed_at_login(store, settings, user, tmp_path, vendor_keys, clock):
    user("mrossi")
    stronger = make_settings(settings.data_dir, vendor_keys, APPLIANCE_PASSWORD_HASH_COST="5")
    assert login(store, stronger, clock).ok
    assert not needs_rehash(find_user(store, "mrossi")["password_hash"], 5)
    assert login(store, stronger, clock).ok


@pytest.mark.parametrize("device_id", ["", "   ", "x" * 129, None])
def test_a_missing_device_id_is_an_input_error(store, settings, user, clock, device_id):
    user("mrossi")
    with pytest.raises(InvalidInputError) as caught:
        authenticate(store, settings, "mrossi", PASSWORD, device_id, now=clock.now)
    assert "device_id is required" in str(caught.value)


def test_a_running_service_sees_a_license_installed_by_another_process(store, settings, user, issue, tmp_path,
                                                                      clock):
    for name in ("one", "two"):
        user(name)
    staged = tmp_path / "new.lic"
    staged.write_text(issue(seats={"orders": 1}))
    shutil.copy(staged, settings.paths.license_file)
    assert login(store, settings, clock, name="two").reason == "no_seat"
