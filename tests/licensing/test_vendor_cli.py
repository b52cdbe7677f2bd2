"""`appliance-vendor keygen | issue | inspect`, run in-process and as a separate program."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date

import pytest

from appliance.licensing.keys import key_id
from appliance.licensing.verify import verify_license
from appliance_vendor.cli import main
from appliance_vendor.signing import load_private_key, load_public_key


@pytest.fixture
def keys(tmp_path, capsys):
    assert main(["keygen", "--out", str(tmp_path / "keys")]) == 0
    printed = capsys.readouterr().out
    return tmp_path / "keys", printed


def exit_code(args) -> int:
    """The exit code, whether the parser (bad option value) or the command reports the error."""
    try:
        return main(args)
    except SystemExit as exc:
        return exc.code


def issue_args(folder, out, *extra):
    return ["issue", "--key", str(folder / "vendor.key"), "--customer", "Rossi SpA", "--project", "ROSSI",
            "--seats", "orders=25,information=5", "--modules", "catalog,reports,crm", "--expires", "2027-12-31",
            "--out", str(out), *extra]


def test_keygen_writes_a_private_key_only_its_owner_reads_and_prints_the_kid(keys):
    folder, printed = keys
    private, public = folder / "vendor.key", folder / "vendor.pub"
    assert stat.S_IMODE(os.stat(private).st_mode) == 0o600
    assert public.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    kid = key_id(load_public_key(public))
    assert f"kid {kid}" in printed and kid == key_id(load_private_key(private).public_key())


def test_keygen_never_overwrites_a_key(keys, capsys):
    folder, _ = keys
    before = (folder / "vendor.key").read_bytes()
    assert main(["keygen", "--out", str(folder)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (folder / "vendor.key").read_bytes() == before


def test_issue_signs_a_license_the_appliance_accepts(keys, tmp_path, capsys):
    folder, _ = keys
    out = tmp_path / "rossi.lic"
    assert main(issue_args(folder, out, "--machine", "ABCD-EFGH-IJKL-MNOP-QRST", "--grace-days", "7")) == 0
    assert "written to" in capsys.readouterr().out
    public = load_public_key(folder / "vendor.pub")
    signed = verify_license(out.read_bytes(), {key_id(public): public}, project="ROSSI",
                            fingerprint=lambda: "ABCD-EFGH-IJKL-MNOP-QRST")
    payload = signed.payload
    assert (payload.customer, payload.seats, payload.modules) == (
        "Rossi SpA", {"orders": 25, "information": 5}, ("catalog", "reports", "crm"))
    assert (payload.expires_at, payload.grace_days, payload.devices_per_user) == (date(2027, 12, 31), 7, 2)
    assert payload.not_before == payload.issued_at.date()


def test_a_perpetual_license(keys, tmp_path):
    folder, _ = keys
    out = tmp_path / "forever.lic"
    args = issue_args(folder, out)
    args[args.index("2027-12-31")] = "never"
    assert main(args) == 0
    public = load_public_key(folder / "vendor.pub")
    assert verify_license(out.read_text(), {key_id(public): public}, project="ROSSI",
                          fingerprint=lambda: "").payload.expires_at is None


@pytest.mark.parametrize("change, phrase", [
    (("--seats", "sales=3"), "Unknown profile(s) sales"),
    (("--modules", "catalog,telepathy"), "Unknown module(s) telepathy"),
    (("--seats", "orders=many"), "is not PROFILE=N"),
    (("--expires", "31/12/2027"), "is not a date like 2027-12-31"),
    (("--devices-per-user", "0"), "'devices_per_user' must be a whole number of at least 1"),
])
def test_issue_refuses_bad_options_with_the_fix(keys, tmp_path, capsys, change, phrase):
    folder, _ = keys
    args = issue_args(folder, tmp_path / "x.lic")
    option, value = change
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    assert exit_code(args) == 2
    assert phrase in capsys.readouterr().err
    assert not (tmp_path / "x.lic").exists()


def test_issue_refuses_a_key_that_is_not_a_private_key(keys, tmp_path, capsys):
    folder, _ = keys
    args = issue_args(folder, tmp_path / "x.lic")
    args[args.index("--key") + 1] = str(folder / "vendor.pub")
    assert main(args) == 2
    assert "not an unencrypted private key" in capsys.readouterr().err


def test_inspect_shows_the_payload_and_checks_the_signature(keys, tmp_path, capsys):
    folder, _ = keys
    out = tmp_path / "rossi.lic"
    main(issue_args(folder, out, "--license-id", "LIC-42"))
    capsys.readouterr()
    assert main(["inspect", str(out), "--pub", str(folder / "vendor.pub")]) == 0
    printed = capsys.readouterr().out
    assert "signature: valid" in printed
    body = json.loads(printed[printed.index("{"):printed.rindex("}") + 1])
    assert body["license_id"] == "LIC-42" and body["seats"] == {"orders": 25, "information": 5}


def test_inspect_with_another_public_key_says_not_valid(keys, tmp_path, capsys):
    folder, _ = keys
    out = tmp_path / "rossi.lic"
    main(issue_args(folder, out))
    main(["keygen", "--out", str(tmp_path / "other")])
    capsys.readouterr()
    assert main(["inspect", str(out), "--pub", str(tmp_path / "other" / "vendor.pub")]) == 1
    assert "NOT valid" in capsys.readouterr().out


def test_inspect_of_a_damaged_file(tmp_path, capsys):
    bad = tmp_path / "bad.lic"
    bad.write_text("hello")
    assert main(["inspect", str(bad)]) == 2
    assert "not an appliance license" in capsys.readouterr().err


def test_the_vendor_tool_runs_as_its_own_program(tmp_path):
    result = subprocess.run([sys.executable, "-m", "appliance_vendor", "keygen", "--out", str(tmp_path / "k")],
                            capture_output=True, text=True, cwd=os.getcwd())
    assert result.returncode == 0 and result.stdout.startswith("kid ")


def test_the_appliance_never_imports_the_vendor_tool():
    code = ("import sys, appliance.cli, appliance.licensing; appliance.cli.build_parser(); "
            "print(any(m.startswith('appliance_vendor') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=os.getcwd())
    assert result.stdout.strip() == "False", result.stderr

