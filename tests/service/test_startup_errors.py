"""`appliance serve` and `appliance demo` that cannot start say why in one sentence with the fix, exit
non-zero and print no traceback (real subprocesses, a real listening socket, a real damaged file)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# root writes anywhere: without these capabilities it obeys the folder's permissions like any account
WITHOUT_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
                    "--inh-caps=-dac_override,-dac_read_search", "--"]


def appliance(*args: str, cwd: Path, unprivileged: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPLIANCE_")}
    env.update(PYTHONPATH=str(ROOT), HOME=str(cwd))
    command = [sys.executable, "-m", "appliance", *args]
    if unprivileged and os.geteuid() == 0:
        command = WITHOUT_OVERRIDE + command
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def assert_one_sentence(result: subprocess.CompletedProcess, *fragments: str) -> str:
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr + result.stdout
    told = [line for line in result.stderr.splitlines() if not line.startswith("INFO ")]
    assert len(told) == 1, result.stderr
    text = told[0]
    assert text.startswith("error: ") and text.count(". ") <= 2, text
    for fragment in fragments:
        assert fragment in text, text
    return text


@pytest.fixture
def taken_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


@pytest.mark.parametrize("command", ["serve", "demo"])
def test_a_busy_port_names_the_port_the_setting_and_the_fix(tmp_path, taken_port, command):
    result = appliance(command, "--data-dir", str(tmp_path / "data"), "--exchange", str(tmp_path / "exchange"),
                       "--host", "127.0.0.1", "--port", str(taken_port), cwd=tmp_path)
    assert_one_sentence(result, f"Port {taken_port}", "already used", "--port", "port = ", "appliance.toml")
    log = (tmp_path / "data" / "logs").glob("*.log") if command == "serve" else []
    assert all(f"Port {taken_port}" in path.read_text() for path in log)


def test_an_unwritable_data_dir_names_the_folder_and_the_fix(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o555)
    result = appliance("serve", "--data-dir", str(data), "--exchange", str(tmp_path / "exchange"),
                       "--host", "127.0.0.1", "--port", "0", cwd=tmp_path, unprivileged=True)
    assert_one_sentence(result, f"data folder {data}", "permission denied", "--data-dir", "appliance.toml")


def test_a_damaged_database_names_the_file_and_the_fix(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "appliance.db").write_bytes(b"this is not SQLite\n" * 300)
    result = appliance("serve", "--data-dir", str(data), "--exchange", str(tmp_path / "exchange"),
                       "--host", "127.0.0.1", "--port", "0", cwd=tmp_path)
    assert_one_sentence(result, str(data / "appliance.db"), "damaged", "restore the latest backup")


def test_an_exchange_folder_on_a_share_that_is_gone_names_the_setting_and_the_fix(tmp_path):
    """The exchange folder lives on a share whose mount point is there but leads nowhere (the drive is not
    connected): the demo, which makes the exchange folders, cannot create it."""
    (tmp_path / "share").symlink_to(tmp_path / "unmounted" / "dropbox")
    exchange = tmp_path / "share" / "Exchange"
    result = appliance("demo", "--data-dir", str(tmp_path / "data"), "--exchange", str(exchange),
                       "--host", "127.0.0.1", "--port", "0", cwd=tmp_path)
    assert_one_sentence(result, f"exchange folder {exchange}", "cannot be reached", "--exchange",
                        "exchange = ", "appliance.toml")
    assert not (tmp_path / "unmounted").exists()  # nothing was made in the share's place
