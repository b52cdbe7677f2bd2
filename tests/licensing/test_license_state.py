"""The license state over time: evaluation, valid, grace, expired, not yet valid, clock moved back, invalid."""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from appliance.licensing import license_status
from appliance.licensing.state import current_license


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def install_raw(settings, text: str) -> None:
    settings.paths.license_file.write_text(text)


def test_no_license_is_evaluation_mode_with_two_users(store, settings, clock):
    status = license_status(store, settings, clock.now)
    assert status["state"] == "evaluation" and status["login_allowed"]
    assert "appliance license install FILE" in status["message"]
    assert status["seats"] == {"evaluation": {"licensed": 2, "active": 0, "available": 2, "without_seat": []}}
    assert status["modules"] == ["consultation", "orders", "catalog", "reports", "crm"]


def test_a_valid_license_shows_customer_seats_and_modules(store, settings, clock, licensed, user):
    user("mrossi")
    user("info1", profile="information")
    status = license_status(store, settings, clock.now)
    assert status["state"] == "valid" and status["login_allowed"]
    assert (status["customer"], status["project"], status["expires_at"]) == ("Rossi SpA", "ROSSI", "2027-12-31")
    assert status["last_grace_day"] == "2028-01-14"
    assert status["seats"]["orders"] == {"licensed": 3, "active": 1, "available": 2, "without_seat": []}
    assert status["seats"]["information"]["available"] == 0
    assert status["seats"]["crm"] == {"licensed": 0, "active": 0, "available": 0, "without_seat": []}
    assert status["modules"] == ["consultation", "orders", "catalog", "reports"]
    assert "License valid until 2027-12-31" in status["message"]


def test_a_renewal_is_suggested_in_the_last_30_days(store, settings, licensed):
    status = license_status(store, settings, at("2027-12-10T12:00:00"))
    assert status["state"] == "valid"
    assert "expires on 2027-12-31 (in 22 days)" in status["message"] and "renewal" in status["message"]


def test_one_day_is_said_as_one_day(store, settings, licensed):
    assert "(in 1 day)" in license_status(store, settings, at("2027-12-31T12:00:00"))["message"]
    assert "(1 day of grace left)" in license_status(store, settings, at("2028-01-14T10:00:00"))["message"]


def test_inside_grace_logins_still_work_with_a_warning(store, settings, licensed):
    status = license_status(store, settings, at("2028-01-05T10:00:00"))
    assert status["state"] == "grace" and status["login_allowed"]
    assert "expired on 2027-12-31" in status["message"] and "until 2028-01-14" in status["message"]
    assert "10 days of grace left" in status["message"] and "appliance license install FILE" in status["message"]


def test_the_last_moment_of_grace_and_the_first_after_it(store, settings, licensed):
    assert license_status(store, settings, at("2028-01-14T23:59:59"))["state"] == "grace"
    status = license_status(store, settings, at("2028-01-15T00:00:00"))
    assert status["state"] == "expired" and not status["login_allowed"]


def test_expired_beyond_grace(store, settings, licensed):
    status = license_status(store, settings, at("2028-03-01T00:00:00"))
    assert status["state"] == "expired" and not status["login_allowed"]
    assert "expired on 2027-12-31" in status["message"] and "grace period ended on 2028-01-14" in status["message"]
    assert "Install a new license: appliance license install FILE" in status["message"]


def test_not_yet_valid(store, settings, issue, clock):
    install_raw(settings, issue(not_before="2026-09-01"))
    status = license_status(store, settings, clock.now)
    assert status["state"] == "not_yet_valid" and not status["login_allowed"]
    assert "valid from 2026-09-01" in status["message"] and "today is 2026-06-01" in status["message"]


def test_a_perpetual_license_never_expires(store, settings, issue):
    install_raw(settings, issue(expires_at=None))
    status = license_status(store, settings, at("2090-01-01T00:00:00"))
    assert status["state"] == "valid" and status["expires_at"] is None and "Perpetual" in status["message"]


def test_clock_moved_back_by_more_than_a_day(store, settings, licensed, clock):
    license_status(store, settings, clock.advance(days=30))
    status = license_status(store, settings, clock.advance(days=-2))
    assert status["state"] == "clock_rollback" and not status["login_allowed"]
    assert "moved back by more than 24 hours" in status["message"]
    assert "2026-07-01 09:00 UTC" in status["message"] and "Set this server's date and time right" in status["message"]


def test_clock_moved_back_by_less_than_a_day_is_tolerated(store, settings, licensed, clock):
    license_status(store, settings, clock.advance(days=1))
    assert license_status(store, settings, clock.advance(hours=-23))["state"] == "valid"


def test_once_the_clock_is_right_again_the_license_works(store, settings, licensed, clock):
    license_status(store, settings, clock.advance(days=30))
    assert license_status(store, settings, clock.advance(days=-5))["state"] == "clock_rollback"
    assert license_status(store, settings, clock.advance(days=5))["state"] == "valid"


def test_an_installed_file_that_does_not_verify_is_invalid(store, settings, issue, clock):
    install_raw(settings, issue(project="BIANCHI"))
    status = license_status(store, settings, clock.now)
    assert status["state"] == "invalid" and not status["login_allowed"]
    assert "The installed license is not valid" in status["message"] and "'BIANCHI'" in status["message"]
    assert status["customer"] is None


def test_an_invalid_license_counts_seats_as_evaluation(store, settings, issue, clock):
    install_raw(settings, "garbage")
    assert current_license(store, settings, clock.now).plan.evaluation


def test_a_change_of_state_is_logged_once(store, settings, licensed, clock, caplog):
    caplog.set_level(logging.INFO, logger="appliance.licensing.state")
    license_status(store, settings, at("2028-01-05T10:00:00"))
    license_status(store, settings, at("2028-01-06T10:00:00"))
    grace_lines = [r for r in caplog.records if "license state grace" in r.getMessage()]
    assert len(grace_lines) == 1 and grace_lines[0].levelno == logging.WARNING


def test_the_state_does_not_depend_on_the_server_time_zone(store, settings, licensed):
    # 2027-12-31 23:30 UTC is still the last valid day, although Los Angeles (the pinned zone) is hours behind.
    assert license_status(store, settings, at("2027-12-31T23:30:00"))["state"] == "valid"
    assert license_status(store, settings, at("2028-01-01T00:00:01"))["state"] == "grace"
