"""Each package declares its own parameters; every entry point sees all of them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from appliance.accounts.params import PARAMS, Param, Registry
from appliance.parameters import PACKAGE_PARAMS, register_all
from tests.licensing.test_params import ISSUE_KEYS

# Which package declares which key prefixes (the code that reads them lives there too).
PREFIXES = {"accounts": ("app.",), "orders": ("orders.", "export.", "validate."), "connector": ("connector.",),
            "catalog": ("catalog.",), "pricing": ("pricing.",)}


def appliance(*argv: str, data_dir) -> subprocess.CompletedProcess:
    env = {**os.environ, "APPLIANCE_DATA_DIR": str(data_dir), "APPLIANCE_PROJECT": "ROSSI"}
    return subprocess.run([sys.executable, "-m", "appliance", *argv], capture_output=True, text=True,
                          cwd=os.getcwd(), env=env, timeout=120)


def test_each_package_declares_its_own_keys_and_they_are_registered():
    assert set(PACKAGE_PARAMS) == set(PREFIXES)
    for package, definitions in PACKAGE_PARAMS.items():
        assert definitions, package
        assert all(d.key.startswith(PREFIXES[package]) for d in definitions), package
        assert all(PARAMS.get(d.key) is d for d in definitions), package
    declared = [d.key for definitions in PACKAGE_PARAMS.values() for d in definitions]
    assert len(declared) == len(set(declared))
    assert set(declared) == set(PARAMS.keys()) == ISSUE_KEYS


def test_registering_again_is_harmless_and_a_second_different_definition_is_refused():
    registry = Registry()
    flag = Param("demo.flag", "bool", False, "A flag.")
    registry.register(flag)
    registry.register(flag, Param("demo.flag", "bool", False, "A flag."))
    assert registry.keys() == ["demo.flag"] and len(registry) == 1
    with pytest.raises(ValueError, match="demo.flag is declared twice"):
        registry.register(Param("demo.flag", "bool", True, "A flag."))
    before = len(PARAMS)
    register_all()
    assert len(PARAMS) == before


def test_accounts_alone_knows_only_the_app_parameters():
    code = "import appliance.accounts.params as p; print(' '.join(p.PARAMS.keys()))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    keys = out.stdout.split()
    assert keys and all(key.startswith("app.") for key in keys)


def test_a_freshly_started_cli_lists_every_parameter(tmp_path):
    listed = appliance("params", "list", "--json", data_dir=tmp_path / "data")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert {row["key"] for row in rows} == ISSUE_KEYS
    assert len(rows) == len(ISSUE_KEYS)
    set_one = appliance("params", "set", "orders.line_order", "description", data_dir=tmp_path / "data")
    assert set_one.returncode == 0, set_one.stderr
    again = {row["key"]: row for row in json.loads(appliance("params", "list", "--json",
                                                             data_dir=tmp_path / "data").stdout)}
    assert again["orders.line_order"]["value"] == "description"
    assert again["orders.line_order"]["source"] == "project"
