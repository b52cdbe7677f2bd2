"""Who synced when: the dashboard lists the agents whose devices have not synced for more than
`app.stale_sync_days` days, and the users list carries each user's last sync and sign-in (real SQLite)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from appliance.accounts import add_user, authenticate, list_users, record_sync, set_param
from appliance.accounts.params import project_value
from appliance.store.console import stale_agents

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
PASSWORD = "agent password 1"


def _agent(store, settings, name: str, synced_days_ago: int | None) -> None:
    add_user(store, settings, name, PASSWORD, profile="orders", agent_code=name.upper(), now=NOW - timedelta(days=30))
    result = authenticate(store, settings, name, PASSWORD, f"IPAD-{name}", "iPad", "3.2.0", "10.0.0.1",
                          now=NOW - timedelta(days=20))
    assert result.ok, result
    if synced_days_ago is not None:
        record_sync(store, name, f"IPAD-{name}", now=NOW - timedelta(days=synced_days_ago))


def test_agents_not_synced_for_longer_than_the_parameter_are_listed(store, settings):
    assert project_value(store, "app.stale_sync_days") == 3
    _agent(store, settings, "late", 5)
    _agent(store, settings, "never", None)  # evaluation mode: two active users
    cutoff = (NOW - timedelta(days=3)).isoformat(timespec="seconds")
    assert [row["username"] for row in stale_agents(store, cutoff)] == ["never", "late"]
    set_param(store, "app.stale_sync_days", "7")
    assert project_value(store, "app.stale_sync_days") == 7
    cutoff = (NOW - timedelta(days=7)).isoformat(timespec="seconds")
    assert [row["username"] for row in stale_agents(store, cutoff)] == ["never"]
    record_sync(store, "never", "IPAD-never", now=NOW)
    assert stale_agents(store, cutoff) == []


def test_the_users_list_has_each_user_s_last_sync_and_sign_in(store, settings):
    _agent(store, settings, "late", 5)
    add_user(store, settings, "nodevice", PASSWORD, profile="orders", now=NOW)
    users = {user["username"]: user for user in list_users(store, settings, NOW)}
    assert users["late"]["last_sync"].startswith("2026-03-05")
    assert users["late"]["last_seen"].startswith("2026-02-18")
    assert users["nodevice"]["last_sync"] is None and users["nodevice"]["last_seen"] is None
