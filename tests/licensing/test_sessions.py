"""Sessions: hashed tokens, 30 days without use, ended by logout, disable or forget-device."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from appliance.accounts import authenticate, list_devices, logout, record_sync, resolve_session
from tests.licensing.conftest import PASSWORD


def open_session(store, settings, clock, device="ipad-1"):
    result = authenticate(store, settings, "mrossi", PASSWORD, device, "iPad", "3.1", "10.0.0.5", now=clock.now)
    assert result.ok
    return result.token


def test_only_the_hash_of_a_token_is_stored(store, settings, user, clock):
    user("mrossi")
    token = open_session(store, settings, clock)
    rows = store.query("SELECT * FROM sessions")
    assert [r["token_hash"] for r in rows] == [hashlib.sha256(token.encode()).hexdigest()]
    assert token not in str(rows)


def test_a_token_resolves_to_its_user_and_device(store, settings, user, clock):
    user("mrossi", agent_code="A01")
    token = open_session(store, settings, clock)
    session = resolve_session(store, token, clock.now)
    assert session["device_id"] == "ipad-1"
    assert session["user"]["username"] == "mrossi" and session["user"]["agent_code"] == "A01"
    assert "password_hash" not in session["user"]


def test_unknown_or_empty_tokens_resolve_to_nothing(store, settings, user, clock):
    assert resolve_session(store, "not-a-token", clock.now) is None
    assert resolve_session(store, "", clock.now) is None


def test_a_session_expires_after_thirty_days_without_use(store, settings, user, clock):
    user("mrossi")
    token = open_session(store, settings, clock)
    clock.advance(days=30)
    assert resolve_session(store, token, clock.now) is None
    assert store.scalar("SELECT COUNT(*) FROM sessions") == 0


def test_using_a_session_keeps_it_alive(store, settings, user, clock):
    user("mrossi")
    token = open_session(store, settings, clock)
    for _ in range(3):
        clock.advance(days=20)
        session = resolve_session(store, token, clock.now)
        assert session is not None
    assert session["expires_at"] == (clock.now + timedelta(days=30)).isoformat()
    assert list_devices(store, "mrossi")[0]["last_seen"] == clock.now.isoformat()


def test_logout_ends_only_that_session(store, settings, user, clock):
    user("mrossi")
    first = open_session(store, settings, clock, device="ipad-1")
    second = open_session(store, settings, clock, device="ipad-2")
    assert logout(store, first) is True
    assert logout(store, first) is False
    assert resolve_session(store, first, clock.now) is None
    assert resolve_session(store, second, clock.now) is not None


def test_a_sync_is_recorded_on_the_device(store, settings, user, clock):
    user("mrossi")
    open_session(store, settings, clock)
    clock.advance(hours=1)
    record_sync(store, "mrossi", "ipad-1", now=clock.now)
    assert list_devices(store, "mrossi")[0]["last_sync"] == clock.now.isoformat()
