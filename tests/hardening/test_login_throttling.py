"""Login throttling per address across user names (one password sprayed over many users), per user kept."""

from __future__ import annotations

import requests

from appliance.accounts.login import ADDRESS_FAILURES, THROTTLE_FAILURES
from tests.device.conftest import PASSWORD, api, device_settings, signer  # noqa: F401 (fixtures)


def spray(api, count: int) -> list[requests.Response]:  # noqa: F811
    """One wrong password tried for `count` different user names, as an attacker would."""
    return [api.login(f"guess{number:03d}", password="Estate2026!") for number in range(count)]


def test_one_password_across_many_users_from_one_address_is_throttled(api):  # noqa: F811
    replies = spray(api, ADDRESS_FAILURES)
    assert {reply.status_code for reply in replies} == {401}
    refused = api.login("guess999", password="Estate2026!")
    assert refused.status_code == 429 and refused.json()["reason"] == "throttled"
    retry = int(refused.headers["Retry-After"])
    assert 0 < retry <= 600
    real_user = api.login("mrossi")  # a right password from that address waits too: the address is locked
    assert real_user.status_code == 429
    assert abs(int(real_user.headers["Retry-After"]) - retry) <= 1


def test_the_address_lock_ends_after_its_retry_after(api):  # noqa: F811
    spray(api, ADDRESS_FAILURES)
    retry = int(api.login("mrossi").headers["Retry-After"])
    api.clock.advance(seconds=retry + 1)
    assert api.login("mrossi").status_code == 200


def test_fewer_failures_than_the_address_budget_leave_other_users_alone(api):  # noqa: F811
    spray(api, ADDRESS_FAILURES - 1)
    assert api.login("mrossi").status_code == 200


def test_the_per_user_budget_is_kept(api):  # noqa: F811
    for _ in range(THROTTLE_FAILURES):
        assert api.login("lbianchi", password="wrong").status_code == 401
    locked = api.login("lbianchi")
    assert locked.status_code == 429 and 0 < int(locked.headers["Retry-After"]) <= 600
    assert api.login("mrossi").status_code == 200  # another user from the same address is not locked
