"""Device users: details, seats per profile, evaluation limit, disabling, new passwords."""

from __future__ import annotations

import pytest

from appliance.errors import ConflictError, InvalidInputError, NotFoundError
from appliance.accounts import (SeatLimitError, authenticate, disable_user, get_user, list_users, resolve_session,
                                set_password, set_user)
from appliance.accounts.passwords import verify_password
from appliance.licensing import license_status
from appliance.store.users import find_user
from tests.licensing.conftest import PASSWORD


def login(store, settings, clock, name, device="ipad-1", password=PASSWORD):
    return authenticate(store, settings, name, password, device, "iPad", "3.1", "10.0.0.5", now=clock.now)


def test_a_new_user_has_its_details_and_no_visible_password(store, user):
    added = user("mrossi", display_name="Mario Rossi", email="m.rossi@example.com", agent_code="A01",
                 operator_code="OP7", customer_code="C100", profile="orders")
    assert added == {**added, "username": "mrossi", "display_name": "Mario Rossi", "email": "m.rossi@example.com",
                     "agent_code": "A01", "operator_code": "OP7", "customer_code": "C100", "profile": "orders",
                     "active": True}
    assert "password_hash" not in added
    assert verify_password(PASSWORD, find_user(store, "mrossi")["password_hash"])


def test_user_names_are_unique_whatever_the_case(user):
    user("mrossi")
    with pytest.raises(ConflictError) as caught:
        user("MRossi")
    assert "already exists" in str(caught.value) and "appliance users set" in str(caught.value)


@pytest.mark.parametrize("name", ["", "two words", "-dash", "x" * 65, "semi;colon"])
def test_bad_user_names_are_refused_with_the_rule(user, name):
    with pytest.raises(InvalidInputError) as caught:
        user(name)
    assert "letters, digits" in str(caught.value)


@pytest.mark.parametrize("fields, phrase", [
    ({"email": "not-an-address"}, "is not an email address"),
    ({"profile": "sales"}, "unknown profile 'sales' (use one of information, orders, crm)"),
    ({"agent_code": "A" * 41}, "agent_code is too long"),
    ({"display_name": "Mario\x00"}, "control characters"),
])
def test_bad_details_are_refused_naming_the_field(user, fields, phrase):
    with pytest.raises(InvalidInputError) as caught:
        user("mrossi", **fields)
    assert phrase in str(caught.value)


def test_a_short_password_is_refused(user):
    with pytest.raises(InvalidInputError):
        user("mrossi", password="123")


def test_evaluation_mode_activates_at_most_two_users(store, settings, user):
    user("one")
    user("two", profile="crm")
    with pytest.raises(SeatLimitError) as caught:
        user("three")
    assert caught.value.code == "evaluation_limit"
    assert "Evaluation mode allows 2 active users and 2 are active" in str(caught.value)
    assert "appliance license install FILE" in str(caught.value)
    assert [u["username"] for u in list_users(store, settings)] == ["one", "two"]


def test_a_disabled_user_takes_no_seat(store, settings, user):
    user("one")
    user("two")
    assert user("three", active=False)["active"] is False


def test_seats_are_counted_per_profile(store, settings, user, licensed):
    user("info1", profile="information")
    with pytest.raises(SeatLimitError) as caught:
        user("info2", profile="information")
    assert caught.value.code == "no_seat"
    assert "Profile 'information' has 1 seats in the license and 1 active users" in str(caught.value)
    assert "appliance users disable NAME" in str(caught.value)
    user("orders1")
    with pytest.raises(SeatLimitError):
        user("crm1", profile="crm")


def test_changing_profile_needs_a_seat_in_the_new_one(store, settings, user, licensed, clock):
    user("info1", profile="information")
    user("mrossi")
    with pytest.raises(SeatLimitError):
        set_user(store, settings, "mrossi", {"profile": "information"}, now=clock.now)
    assert get_user(store, "mrossi")["profile"] == "orders"
    set_user(store, settings, "info1", {"profile": "orders"}, now=clock.now)
    set_user(store, settings, "mrossi", {"profile": "information"}, now=clock.now)
    assert get_user(store, "mrossi")["profile"] == "information"


def test_reactivating_a_user_needs_a_free_seat(store, settings, user, clock):
    user("one")
    user("two")
    disable_user(store, "two", now=clock.now)
    user("three")
    with pytest.raises(SeatLimitError):
        set_user(store, settings, "two", {"active": "true"}, now=clock.now)
    disable_user(store, "three", now=clock.now)
    assert set_user(store, settings, "two", {"active": "yes"}, now=clock.now)["active"] is True


def test_set_changes_details_with_short_or_full_names(store, settings, user, clock):
    user("mrossi")
    changed = set_user(store, settings, "mrossi", {"display_name": "Mario", "agent": "A02", "operator_code": "O1"},
                       now=clock.now)
    assert (changed["display_name"], changed["agent_code"], changed["operator_code"]) == ("Mario", "A02", "O1")


def test_set_refuses_unknown_keys_with_a_suggestion(store, settings, user):
    user("mrossi")
    with pytest.raises(InvalidInputError) as caught:
        set_user(store, settings, "mrossi", {"profil": "crm"})
    assert "Did you mean 'profile'?" in str(caught.value)
    with pytest.raises(InvalidInputError) as caught:
        set_user(store, settings, "mrossi", {"active": "maybe"})
    assert "active must be true or false" in str(caught.value)


def test_unknown_users_are_reported_with_the_way_to_list_them(store, settings):
    with pytest.raises(NotFoundError) as caught:
        set_user(store, settings, "ghost", {"display_name": "x"})
    assert "There is no user 'ghost'" in str(caught.value) and "appliance users list" in str(caught.value)


def test_disabling_a_user_ends_its_sessions(store, settings, user, clock):
    user("mrossi")
    token = login(store, settings, clock, "mrossi").token
    disable_user(store, "mrossi", now=clock.now)
    assert resolve_session(store, token, clock.now) is None
    assert login(store, settings, clock, "mrossi").reason == "user_disabled"


def test_setting_active_false_ends_sessions_too(store, settings, user, clock):
    user("mrossi")
    token = login(store, settings, clock, "mrossi").token
    set_user(store, settings, "mrossi", {"active": "false"}, now=clock.now)
    assert resolve_session(store, token, clock.now) is None


def test_a_new_password_replaces_the_old_and_ends_sessions(store, settings, user, clock):
    user("mrossi")
    token = login(store, settings, clock, "mrossi").token
    set_password(store, settings, "mrossi", "another secret", now=clock.now)
    assert resolve_session(store, token, clock.now) is None
    assert login(store, settings, clock, "mrossi").reason == "bad_credentials"
    assert login(store, settings, clock, "mrossi", password="another secret").ok


def test_fewer_seats_in_a_new_license_leave_the_latest_activated_without_one(store, settings, user, licensed,
                                                                             clock):
    for name in ("first", "second", "third"):
        user(name)
        clock.advance(minutes=1)
    licensed(license_id="LIC-2", seats={"orders": 1, "information": 1})
    seats = {u["username"]: u["seat"] for u in list_users(store, settings, clock.now)}
    assert seats == {"first": True, "second": False, "third": False}
    status = license_status(store, settings, clock.now)
    assert status["seats"]["orders"] == {"licensed": 1, "active": 3, "available": 0,
                                         "without_seat": ["second", "third"]}
    assert any("second, third" in w and "refused at login" in w for w in status["warnings"])
    assert login(store, settings, clock, "first").ok
    assert login(store, settings, clock, "third").reason == "no_seat"
