"""docs/license.md documents every parameter, command, login reason and state."""

from __future__ import annotations

from pathlib import Path

from appliance.accounts import PARAMS
from appliance.accounts.login import REASONS
from appliance.licensing import PROFILES
from appliance.licensing.state import STATES

DOC = (Path(__file__).resolve().parents[2] / "docs" / "license.md").read_text(encoding="utf-8")


def test_every_parameter_is_documented_with_its_default():
    for param in PARAMS:
        default = str(param.default).lower() if param.kind == "bool" else str(param.default)
        assert f"| `{param.key}` |" in DOC and default in DOC.split(f"| `{param.key}` |")[1].split("\n")[0]


def test_every_login_reason_state_and_profile_is_documented():
    for name in (*REASONS, *STATES, *PROFILES):
        assert f"`{name}`" in DOC, name


def test_every_command_is_documented():
    for command in ("license install FILE", "license show", "fingerprint", "users add NAME", "users list",
                    "users set NAME", "users passwd NAME", "users disable NAME", "users devices NAME",
                    "users forget-device NAME DEVICE_ID", "params list", "params set KEY VALUE", "params unset KEY",
                    "appliance-vendor keygen", "appliance-vendor issue", "appliance-vendor inspect"):
        assert command in DOC, command
