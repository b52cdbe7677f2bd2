"""Password hashing: scrypt with a per-user salt, constant-time checks, rules for new passwords."""

from __future__ import annotations

import unicodedata

import pytest

from appliance.accounts.passwords import check_new_password, dummy_hash, hash_password, needs_rehash, verify_password
from appliance.errors import InvalidInputError


def test_a_hash_verifies_its_password_only():
    stored = hash_password("correct horse", cost=4)
    assert stored.startswith("scrypt$4$8$1$")
    assert verify_password("correct horse", stored)
    assert not verify_password("correct horsE", stored)
    assert "correct horse" not in stored


def test_each_hash_has_its_own_salt():
    assert hash_password("same password", cost=4) != hash_password("same password", cost=4)


def test_the_same_password_composed_differently_matches():
    stored = hash_password(unicodedata.normalize("NFC", "caffè forte"), cost=4)
    assert verify_password(unicodedata.normalize("NFD", "caffè forte"), stored)


def test_no_password_matches_the_dummy_hash():
    dummy = dummy_hash(4)
    assert not verify_password("", dummy) and not verify_password("correct horse", dummy)
    assert not needs_rehash(dummy, 4)


def test_a_hash_made_at_another_cost_needs_rehashing():
    assert needs_rehash(hash_password("correct horse", cost=4), 5)
    assert not needs_rehash(hash_password("correct horse", cost=5), 5)


@pytest.mark.parametrize("password, phrase", [
    ("abc12", "at least 8 characters"),
    ("x" * 1025, "at most 1024"),
    ("tab\there!", "control characters"),
])
def test_bad_new_passwords_are_refused_with_the_rule(password, phrase):
    with pytest.raises(InvalidInputError) as caught:
        check_new_password(password)
    assert phrase in str(caught.value) and password not in str(caught.value)
