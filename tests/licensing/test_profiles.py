"""Profiles and modules: a device gets its profile's modules that the license grants."""

from __future__ import annotations

from appliance.licensing.profiles import PROFILES, granted_modules, licensed_modules


def test_the_three_profiles_of_the_original():
    assert set(PROFILES) == {"information", "orders", "crm"}
    assert granted_modules("information", None) == ["consultation"]
    assert granted_modules("orders", None) == ["consultation", "orders", "catalog", "reports"]
    assert granted_modules("crm", None) == ["crm"]


def test_a_license_grants_the_core_modules_plus_those_it_lists():
    assert licensed_modules(["crm"]) == ["consultation", "orders", "crm"]
    assert licensed_modules(None) == ["consultation", "orders", "catalog", "reports", "crm"]


def test_modules_the_license_does_not_grant_are_withheld():
    assert granted_modules("orders", ["reports"]) == ["consultation", "orders", "reports"]
    assert granted_modules("crm", ["catalog"]) == []
