"""Installing a license: verify first, replace atomically, never replace a good file with a bad one."""

from __future__ import annotations

import sys
from datetime import timedelta

import pytest

from appliance.errors import ConfigError
from appliance.licensing import LicenseError, install_license, license_status
from appliance.licensing.keys import embedded_keys, key_id, trusted_keys
from tests.licensing.conftest import make_settings


def test_install_makes_the_license_the_installed_one(store, settings, issue, clock):
    state = install_license(store, settings, issue().encode(), now=clock.now)
    assert state.state == "valid"
    assert settings.paths.license_file.read_text() == issue()
    assert not settings.paths.license_file.with_name("license.lic.new").exists()


@pytest.mark.parametrize("fields, code, phrase", [
    ({"project": "BIANCHI"}, "wrong_project", "is for project 'BIANCHI'"),
    ({"expires_at": "2026-01-31"}, "expired", "was not installed. The license expired on 2026-01-31"),
    ({"not_before": "2026-12-01"}, "not_yet_valid", "was not installed. The license is valid from 2026-12-01"),
    ({"machine": "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"}, "wrong_machine", "bound to the server with fingerprint ZZZZ"),
])
def test_a_bad_file_never_replaces_a_good_one(store, settings, issue, clock, licensed, fields, code, phrase):
    good = settings.paths.license_file.read_bytes()
    with pytest.raises(LicenseError) as caught:
        install_license(store, settings, issue(license_id="LIC-2", **fields).encode(), now=clock.now)
    assert caught.value.code == code and phrase in str(caught.value)
    assert settings.paths.license_file.read_bytes() == good
    assert license_status(store, settings, clock.now)["license_id"] == "LIC-1"


def test_a_damaged_file_never_replaces_a_good_one(store, settings, issue, clock, licensed):
    good = settings.paths.license_file.read_bytes()
    with pytest.raises(LicenseError):
        install_license(store, settings, issue(license_id="LIC-2").encode()[:200], now=clock.now)
    assert settings.paths.license_file.read_bytes() == good


def test_a_license_inside_grace_may_be_installed(store, settings, issue, clock):
    state = install_license(store, settings, issue(expires_at="2026-05-25").encode(), now=clock.now)
    assert state.state == "grace"


def test_install_refuses_while_the_clock_is_moved_back(store, settings, issue, clock):
    license_status(store, settings, clock.now + timedelta(days=10))
    with pytest.raises(LicenseError) as caught:
        install_license(store, settings, issue().encode(), now=clock.now)
    assert caught.value.code == "clock_rollback"
    assert not settings.paths.license_file.exists()


def test_a_new_license_replaces_the_old_one(store, settings, clock, licensed):
    licensed(license_id="LIC-2", seats={"orders": 10})
    status = license_status(store, settings, clock.now)
    assert status["license_id"] == "LIC-2" and status["seats"]["orders"]["licensed"] == 10


def test_the_package_embeds_at_least_one_trusted_key(settings):
    embedded = embedded_keys()
    assert embedded and all(kid == key_id(key) for kid, key in embedded.items())


def test_development_keys_are_trusted_only_when_not_frozen(settings, vendor_keys):
    dev_kid = key_id(vendor_keys.trusted.public_key())
    assert dev_kid in trusted_keys(settings, frozen=False)
    assert dev_kid not in trusted_keys(settings, frozen=True)
    assert set(trusted_keys(settings, frozen=True)) == set(embedded_keys())


def test_the_frozen_executable_refuses_a_license_signed_by_a_development_key(store, settings, issue, clock,
                                                                              monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with pytest.raises(LicenseError) as caught:
        install_license(store, settings, issue().encode(), now=clock.now)
    assert caught.value.code == "unknown_key"


def test_a_missing_development_key_file_names_the_setting(tmp_path, vendor_keys):
    settings = make_settings(tmp_path / "data", vendor_keys, APPLIANCE_DEV_TRUSTED_KEY=str(tmp_path / "nope.pub"))
    with pytest.raises(ConfigError) as caught:
        trusted_keys(settings, frozen=False)
    assert "nope.pub" in str(caught.value) and "APPLIANCE_DEV_TRUSTED_KEY" in str(caught.value)


def test_a_development_key_that_is_not_a_public_key_is_refused(tmp_path, vendor_keys):
    bogus = tmp_path / "vendor.pub"
    bogus.write_text("hello")
    settings = make_settings(tmp_path / "data", vendor_keys, APPLIANCE_DEV_TRUSTED_KEY=str(bogus))
    with pytest.raises(ConfigError) as caught:
        trusted_keys(settings, frozen=False)
    assert "not an Ed25519 public key" in str(caught.value)
