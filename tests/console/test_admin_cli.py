"""`appliance admin ...`: scripted installs add the first administrator without the setup code."""

from __future__ import annotations

import io
import sys

import pytest

from appliance.cli import main
from appliance.console.admins import list_admins
from tests.console.client import ConsoleClient


@pytest.fixture
def cli(fresh_server, monkeypatch, capsys):
    """Run `appliance ARGS` against the fresh server's data dir, with `stdin`; returns (code, out, err)."""
    monkeypatch.setenv("APPLIANCE_DATA_DIR", str(fresh_server.settings.data_dir))
    monkeypatch.setenv("APPLIANCE_PASSWORD_HASH_COST", "4")

    def run(*argv: str, stdin: str = ""):
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_admin_add_with_the_password_on_stdin_opens_the_console(cli, fresh_server):
    client = ConsoleClient(fresh_server)
    assert client.get("/admin/sign-in").headers["Location"].endswith("/admin/setup")
    code, out, _ = cli("admin", "add", "installer", "--password-stdin", stdin="scripted password 1\n")
    assert code == 0 and "installer added" in out
    assert client.get("/admin/sign-in").status_code == 200
    client.sign_in("installer", "scripted password 1")
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/setup").headers["Location"].endswith("/admin/sign-in")


def test_admin_commands_refuse_what_would_lock_the_console_out(cli, fresh_server):
    assert cli("admin", "add", "installer", "--password-stdin", stdin="")[0] == 2
    assert cli("admin", "add", "installer", "--password-stdin", stdin="short\n")[2].startswith("error: The password")
    assert cli("admin", "add", "installer", "--password-stdin", stdin="scripted password 1\n")[0] == 0
    code, _, err = cli("admin", "disable", "installer")
    assert code == 2 and "only active administrator" in err
    assert cli("admin", "add", "second", "--password-stdin", stdin="scripted password 2\n")[0] == 0
    assert cli("admin", "disable", "installer")[0] == 0
    assert cli("admin", "passwd", "second", "--password-stdin", stdin="scripted password 3\n")[0] == 0
    code, out, _ = cli("admin", "list")
    assert code == 0 and "installer" in out and "second" in out
    assert {a["username"]: a["active"] for a in list_admins(fresh_server.store)} == {"installer": False,
                                                                                    "second": True}
    ConsoleClient(fresh_server).sign_in("second", "scripted password 3")
