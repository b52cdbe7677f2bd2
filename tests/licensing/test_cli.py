"""`appliance license | fingerprint | users | params`, in-process and end to end as a program."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest

from appliance.accounts import authenticate
from appliance.cli import build_parser, main
from appliance.licensing.fingerprint import machine_fingerprint
from appliance.settings import load_settings
from appliance.store.db import open_store
from tests.licensing.conftest import PROJECT

TODAY = date.today()


@pytest.fixture
def env(tmp_path, vendor_keys, monkeypatch):
    """The environment of an administrator's shell: data dir, project, development key, low hash cost."""
    values = {"APPLIANCE_DATA_DIR": str(tmp_path / "data"), "APPLIANCE_PROJECT": PROJECT,
              "APPLIANCE_DEV_TRUSTED_KEY": os.pathsep.join(str(p) for p in vendor_keys.trusted_pubs),
              "APPLIANCE_PASSWORD_HASH_COST": "4"}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


@pytest.fixture
def license_file(tmp_path, issue):
    """A license valid today (the CLI runs on the real clock)."""
    path = tmp_path / "rossi.lic"
    path.write_text(issue(not_before=(TODAY - timedelta(days=1)).isoformat(),
                          expires_at=(TODAY + timedelta(days=365)).isoformat(), seats={"orders": 2}))
    return path


def run(capsys, monkeypatch, *argv, stdin: str = ""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_license_show_without_a_license_is_evaluation(env, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "license", "show")
    assert code == 0
    assert "evaluation" in out and "appliance license install FILE" in out


def test_license_install_then_show(env, capsys, monkeypatch, license_file):
    code, out, _ = run(capsys, monkeypatch, "license", "install", str(license_file))
    assert code == 0 and "License installed" in out and "Rossi SpA" in out
    code, out, _ = run(capsys, monkeypatch, "license", "show", "--json")
    status = json.loads(out)
    assert (status["state"], status["customer"], status["project"]) == ("valid", "Rossi SpA", PROJECT)
    assert status["seats"]["orders"] == {"licensed": 2, "active": 0, "available": 2, "without_seat": []}


def test_license_install_of_a_bad_file_keeps_the_good_one(env, capsys, monkeypatch, license_file, tmp_path):
    run(capsys, monkeypatch, "license", "install", str(license_file))
    damaged = tmp_path / "damaged.lic"
    damaged.write_text(license_file.read_text()[:150])
    code, out, err = run(capsys, monkeypatch, "license", "install", str(damaged))
    assert code == 2 and err.startswith("error: The license file is damaged") and "truncated" in err
    code, out, _ = run(capsys, monkeypatch, "license", "show")
    assert "Rossi SpA" in out


def test_license_install_of_a_missing_file(env, capsys, monkeypatch, tmp_path):
    code, _, err = run(capsys, monkeypatch, "license", "install", str(tmp_path / "nope.lic"))
    assert code == 2 and "Cannot read" in err and "nope.lic" in err


def test_license_without_an_action_prints_its_help(env, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "license")
    assert code == 2 and "install" in out and "show" in out


def test_fingerprint(env, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "fingerprint")
    assert code == 0 and out.strip() == machine_fingerprint()


def test_users_from_add_to_forget_device(env, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "users", "add", "mrossi", "--password-stdin", "--agent", "A01",
                       "--operator", "OP7", stdin="correct horse\n")
    assert code == 0 and "user mrossi added (profile orders, active)" in out
    code, out, _ = run(capsys, monkeypatch, "users", "set", "mrossi", "display_name=Mario Rossi", "profile=crm")
    assert code == 0 and "display_name=Mario Rossi" in out and "profile=crm" in out
    code, out, _ = run(capsys, monkeypatch, "users", "list")
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["USERNAME", "DISPLAY_NAME", "PROFILE", "ACTIVE", "SEAT"]
    assert lines[1].split() == ["mrossi", "Mario", "Rossi", "crm", "yes", "yes", "A01", "OP7", "0"]
    code, out, _ = run(capsys, monkeypatch, "users", "list", "--json")
    (listed,) = json.loads(out)
    assert (listed["display_name"], listed["profile"], listed["agent_code"], listed["seat"]) == (
        "Mario Rossi", "crm", "A01", True)

    settings = load_settings()
    assert authenticate(open_store(settings), settings, "mrossi", "correct horse", "ipad-1", "Mario's iPad").ok
    code, out, _ = run(capsys, monkeypatch, "users", "devices", "mrossi")
    assert "ipad-1" in out and "Mario's iPad" in out
    code, out, _ = run(capsys, monkeypatch, "users", "forget-device", "mrossi", "ipad-1")
    assert code == 0 and "forgotten" in out
    code, _, err = run(capsys, monkeypatch, "users", "forget-device", "mrossi", "ipad-1")
    assert code == 2 and "has no device 'ipad-1'" in err

    code, out, _ = run(capsys, monkeypatch, "users", "passwd", "mrossi", "--password-stdin", stdin="new secret 1\n")
    assert code == 0 and "must log in again" in out
    assert authenticate(open_store(settings), settings, "mrossi", "new secret 1", "ipad-1").ok
    code, out, _ = run(capsys, monkeypatch, "users", "disable", "mrossi")
    assert code == 0 and "disabled" in out
    assert json.loads(run(capsys, monkeypatch, "users", "list", "--json")[1])[0]["active"] is False


def test_users_add_refusals_are_one_line_errors(env, capsys, monkeypatch):
    for name in ("one", "two"):
        run(capsys, monkeypatch, "users", "add", name, "--password-stdin", stdin="correct horse\n")
    code, _, err = run(capsys, monkeypatch, "users", "add", "three", "--password-stdin", stdin="correct horse\n")
    assert code == 2 and err.count("\n") == 1 and "Evaluation mode allows 2 active users" in err
    code, _, err = run(capsys, monkeypatch, "users", "add", "four", "--password-stdin", "--disabled", stdin="")
    assert code == 2 and "No password on standard input" in err
    code, _, err = run(capsys, monkeypatch, "users", "set", "one", "profile")
    assert code == 2 and "'profile' is not KEY=VALUE" in err


def test_the_password_is_never_an_argument(env, capsys, monkeypatch):
    with pytest.raises(SystemExit):
        main(["users", "add", "mrossi"])
    assert "--password-stdin" in capsys.readouterr().err


def test_params_list_set_unset(env, capsys, monkeypatch):
    run(capsys, monkeypatch, "users", "add", "mrossi", "--password-stdin", stdin="correct horse\n")
    code, out, _ = run(capsys, monkeypatch, "params", "set", "app.show_stock", "false")
    assert code == 0 and out.strip() == "app.show_stock = false"
    code, out, _ = run(capsys, monkeypatch, "params", "set", "app.show_stock", "true", "--user", "mrossi")
    assert code == 0 and "for user mrossi" in out
    rows = {r["key"]: r for r in json.loads(run(capsys, monkeypatch, "params", "list", "--user", "mrossi",
                                                 "--json")[1])}
    assert (rows["app.show_stock"]["value"], rows["app.show_stock"]["source"]) == (True, "user")
    code, out, _ = run(capsys, monkeypatch, "params", "list")
    assert any(line.split()[:3] == ["app.show_stock", "no", "project"] for line in out.splitlines())
    code, out, _ = run(capsys, monkeypatch, "params", "unset", "app.show_stock", "--user", "mrossi")
    assert code == 0 and "removed" in out
    code, _, err = run(capsys, monkeypatch, "params", "set", "validate.orders", "true", "--user", "mrossi")
    assert code == 2 and "cannot be set per user" in err
    code, _, err = run(capsys, monkeypatch, "params", "set", "app.show_stocks", "true")
    assert code == 2 and "Did you mean 'app.show_stock'?" in err


def test_every_command_of_this_module_ends_its_help_with_an_example():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    checked = 0
    for name in ("license", "fingerprint", "users", "params"):
        command = commands[name]
        assert "Example:\n  appliance " in command.format_help()
        actions = [a for a in command._actions if hasattr(a, "choices") and isinstance(a.choices, dict)]
        for action in actions:
            for sub in action.choices.values():
                assert "Example:\n  " in sub.format_help(), sub.prog
                checked += 1
    assert checked == 2 + 7 + 3


def test_end_to_end_as_a_program(env, license_file, tmp_path):
    def appliance(*argv, stdin=""):
        return subprocess.run([sys.executable, "-m", "appliance", *argv], input=stdin, capture_output=True,
                              text=True, cwd=os.getcwd(), env={**os.environ, **env})

    assert appliance("license", "install", str(license_file)).returncode == 0
    assert appliance("users", "add", "mrossi", "--password-stdin", stdin="correct horse\n").returncode == 0
    assert appliance("users", "add", "bianchi", "--password-stdin", stdin="correct horse\n").returncode == 0
    refused = appliance("users", "add", "third", "--password-stdin", stdin="correct horse\n")
    assert refused.returncode == 2
    assert "Profile 'orders' has 2 seats in the license and 2 active users" in refused.stderr
    shown = appliance("license", "show")
    assert shown.returncode == 0 and "Rossi SpA" in shown.stdout
    assert any(line.split()[:4] == ["orders", "2", "2", "0"] for line in shown.stdout.splitlines())
    stored = b"".join(path.read_bytes() for path in (tmp_path / "data").rglob("*") if path.is_file())
    assert b"correct horse" not in stored
