"""The Windows service layer: the WinSW configuration and the `appliance service` commands.

The Service Control Manager cannot exist here, so a stand-in for the wrapper program
(AppManagerService.exe) records how it was called and the configuration it found beside it.
"""

from __future__ import annotations

import io
import json
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from appliance.cli import main
from appliance.errors import InvalidInputError
from appliance.winservice import SERVICE_ID, ServiceAccount, ServiceDefinition, winsw_xml

STAND_IN = """#!{python}
import json, sys
from pathlib import Path
here = Path(sys.argv[0])
config = here.with_suffix(".xml")
with open(here.with_name("calls.jsonl"), "a") as log:
    log.write(json.dumps({{"args": sys.argv[1:], "config": config.read_text() if config.exists() else None}}) + "\\n")
print("2026-11-29 INFO - " + sys.argv[1] + " done")
sys.exit({exit_code})
"""


def stand_in_wrapper(folder: Path, exit_code: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    wrapper = folder / "AppManagerService.exe"
    wrapper.write_text(STAND_IN.format(python=sys.executable, exit_code=exit_code))
    wrapper.chmod(0o755)
    return wrapper


def calls(wrapper: Path) -> list[dict]:
    log = wrapper.with_name("calls.jsonl")
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def run_cli(monkeypatch, capsys, *args, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def wrapper(tmp_path):
    return stand_in_wrapper(tmp_path / "Program Files" / "AppManager")


@pytest.fixture
def common(tmp_path, wrapper):
    return ["--data-dir", str(tmp_path / "data"), "--wrapper", str(wrapper)]


def test_the_configuration_runs_serve_on_the_data_dir_as_the_account(settings):
    definition = ServiceDefinition.for_settings(settings, Path("C:/Program Files/AppManager/appliance.exe"),
                                                ServiceAccount.parse("CORP\\svc-appliance"))
    root = ElementTree.fromstring(winsw_xml(definition, "s3cret <&>"))
    assert root.findtext("id") == SERVICE_ID
    assert root.findtext("executable") == "C:/Program Files/AppManager/appliance.exe"
    assert [a.text for a in root.findall("argument")] == ["serve", "--data-dir", str(settings.data_dir)]
    assert root.findtext("startmode") == "Automatic" and root.find("delayedAutoStart") is not None
    assert root.findtext("stoptimeout") == f"{int(settings.shutdown_grace_seconds) + 30} sec"
    assert [f.get("action") for f in root.findall("onfailure")] == ["restart", "restart"]
    assert root.findtext("logpath") == str(settings.paths.logs)
    account = root.find("serviceaccount")
    assert {child.tag: child.text for child in account} == {
        "domain": "CORP", "user": "svc-appliance", "password": "s3cret <&>", "allowservicelogon": "true"}
    assert ElementTree.fromstring(winsw_xml(definition)).find("serviceaccount/password") is None


@pytest.mark.parametrize("text, name, password", [
    ("CORP\\svc", "CORP\\svc", True),
    ("appliance", ".\\appliance", True),
    (".\\appliance", ".\\appliance", True),
    ("CORP\\gmsa-appliance$", "CORP\\gmsa-appliance$", False),
    ("NT AUTHORITY\\NetworkService", "NT AUTHORITY\\NetworkService", False),
])
def test_accounts(text, name, password):
    account = ServiceAccount.parse(text)
    assert (account.name, account.needs_password) == (name, password)


def test_localsystem_and_upn_accounts():
    assert ServiceAccount.parse(None) is None and ServiceAccount.parse("LocalSystem") is None
    with pytest.raises(InvalidInputError, match="DOMAIN\\\\user"):
        ServiceAccount.parse("svc@corp.example")


def test_install_hands_the_password_to_the_wrapper_and_keeps_it_off_disk(monkeypatch, capsys, wrapper, common,
                                                                        tmp_path):
    exe = wrapper.with_name("appliance.exe")
    code, out, err = run_cli(monkeypatch, capsys, "service", "install", "--account", "CORP\\svc",
                             "--password-stdin", "--executable", str(exe), *common, stdin="pa ss\n")
    assert code == 0, err
    assert "install done" in out and "as CORP\\svc and starts at boot" in out
    [call] = calls(wrapper)
    assert call["args"] == ["install"]
    assert "<password>pa ss</password>" in call["config"]  # what WinSW read while installing
    left = wrapper.with_suffix(".xml").read_text()
    assert "pa ss" not in left and "<user>svc</user>" in left
    assert f"<executable>{exe}</executable>" in left


def test_install_as_localsystem_warns_about_dropbox(monkeypatch, capsys, wrapper, common):
    code, out, err = run_cli(monkeypatch, capsys, "service", "install", "--executable", "appliance.exe", *common)
    assert code == 0
    assert "LocalSystem, which cannot read a user's Dropbox folder" in err
    assert "<serviceaccount>" not in wrapper.with_suffix(".xml").read_text()


def test_install_reads_the_password_from_a_file(monkeypatch, capsys, wrapper, common, tmp_path):
    secret = tmp_path / "pw.txt"
    secret.write_text("from-file\r\n")
    code, _, err = run_cli(monkeypatch, capsys, "service", "install", "--account", "svc", "--password-file",
                           str(secret), "--executable", "appliance.exe", *common)
    assert code == 0, err
    assert "<password>from-file</password>" in calls(wrapper)[0]["config"]


@pytest.mark.parametrize("args, message", [
    (["--account", "CORP\\svc"], "needs its password: pass --password-stdin"),
    (["--account", "CORP\\gmsa$", "--password-stdin"], "has no password"),
    (["--password-stdin"], "LocalSystem has no password"),
    (["--account", "svc@corp"], "not as user@domain"),
])
def test_install_refuses_wrong_account_options_before_calling_the_wrapper(monkeypatch, capsys, wrapper, common,
                                                                          args, message):
    code, _, err = run_cli(monkeypatch, capsys, "service", "install", *args, "--executable", "x.exe", *common,
                           stdin="pw\n")
    assert code == 2 and message in err
    assert calls(wrapper) == []


def test_start_stop_uninstall_call_the_wrapper(monkeypatch, capsys, wrapper, common):
    assert run_cli(monkeypatch, capsys, "service", "install", "--executable", "x.exe", *common)[0] == 0
    for action in ("start", "stop", "uninstall"):
        code, out, _ = run_cli(monkeypatch, capsys, "service", action, *common)
        assert code == 0
    assert [call["args"] for call in calls(wrapper)] == [["install"], ["start"], ["stopwait"], ["uninstall"]]
    assert "is kept" in out


def test_a_failing_wrapper_is_reported_with_its_words(monkeypatch, capsys, tmp_path):
    wrapper = stand_in_wrapper(tmp_path / "broken", exit_code=1)
    code, _, err = run_cli(monkeypatch, capsys, "service", "install", "--executable", "x.exe", "--wrapper",
                           str(wrapper), "--data-dir", str(tmp_path / "data"))
    assert code == 2
    assert "AppManagerService.exe install failed (exit code 1): 2026-11-29 INFO - install done" in err


def test_without_the_wrapper_or_an_installed_service_the_message_names_the_fix(monkeypatch, capsys, tmp_path):
    code, _, err = run_cli(monkeypatch, capsys, "service", "start", "--wrapper", str(tmp_path / "none.exe"),
                           "--data-dir", str(tmp_path / "data"))
    assert code == 2 and "service wrapper" in err and "reinstall the appliance" in err
    wrapper = stand_in_wrapper(tmp_path / "fresh")
    code, _, err = run_cli(monkeypatch, capsys, "service", "stop", "--wrapper", str(wrapper),
                           "--data-dir", str(tmp_path / "data"))
    assert code == 2 and "the service is not installed (appliance service install)" in err
    code, _, err = run_cli(monkeypatch, capsys, "service", "start", "--data-dir", str(tmp_path / "data"))
    assert code == 2 and "--wrapper PATH" in err  # from source, not the installed executable
