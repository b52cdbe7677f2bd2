"""build/installer.nsi: it compiles with Debian's makensis (warnings as errors), and what it runs exists.

The payload is a stand-in (a Windows installer cannot be run here): the check is of the script.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from appliance import __version__
from appliance.cli import build_parser

SCRIPT = Path(__file__).resolve().parents[2] / "build" / "installer.nsi"
PAYLOAD = ("appliance.exe", "appliance-tray.exe", "AppManagerService.exe", "WinSW-LICENSE.txt")


def makensis(*defines: str, cwd: Path) -> subprocess.CompletedProcess:
    if shutil.which("makensis") is None:
        pytest.fail("makensis is missing: install it with `apt-get install nsis` (the installer check needs it)")
    return subprocess.run(["makensis", "-V2", "-WX", *defines, str(SCRIPT)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def payload(tmp_path):
    folder = tmp_path / "payload"
    folder.mkdir()
    for name in PAYLOAD:
        (folder / name).write_bytes(b"stand-in " + name.encode())
    return folder


def test_the_installer_compiles(payload, tmp_path):
    out = tmp_path / f"AppManager-appliance-{__version__}-setup.exe"  # plain "setup.exe" draws a warning
    done = makensis(f"-DVERSION={__version__}", f"-DPAYLOAD={payload}", f"-DOUTFILE={out}", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes()[:2] == b"MZ"  # a Windows executable


def test_a_missing_payload_file_or_version_stops_the_compile(payload, tmp_path):
    (payload / "AppManagerService.exe").unlink()
    done = makensis(f"-DVERSION={__version__}", f"-DPAYLOAD={payload}", f"-DOUTFILE={tmp_path / 'x.exe'}",
                    cwd=tmp_path)
    assert done.returncode != 0 and "AppManagerService.exe" in done.stdout + done.stderr
    done = makensis(f"-DPAYLOAD={payload}", cwd=tmp_path)
    assert done.returncode != 0 and "Pass /DVERSION" in done.stdout + done.stderr


def test_every_appliance_command_the_installer_runs_exists():
    text = SCRIPT.read_text().replace("\\\n", " ")
    commands = re.findall(r'"\$INSTDIR\\appliance\.exe" (service [^\']+)\'', text)
    assert len(commands) >= 6
    parser = build_parser()
    for command in commands:
        args = [arg.replace("$", "") for arg in shlex.split(command)]
        parsed = parser.parse_args(args)  # exits (a failing test) on an unknown command or option
        assert parsed.run is not None, command


def test_the_firewall_is_opened_with_netsh_through_nsexec_and_closed_on_uninstall():
    text = SCRIPT.read_text()
    assert re.search(r"nsExec::ExecToLog '\$\{COMMAND\}'", text)
    assert 'netsh advfirewall firewall add rule name="${FIREWALL_RULE}"' in text
    assert text.count('netsh advfirewall firewall delete rule name="${FIREWALL_RULE}"') == 2  # before add; uninstall


def test_the_uninstaller_keeps_the_data_unless_asked():
    uninstall = SCRIPT.read_text().split('Section "Uninstall"', 1)[1]
    assert re.search(r'\$\{If\} \$DeleteData == 1\s+DetailPrint "Deleting \$DataDir"\s+RMDir /r "\$DataDir"',
                     uninstall)
    assert uninstall.count('RMDir /r "$DataDir"') == 1


def test_the_firewall_rule_opens_the_https_port_and_the_settings_page_asks_for_tls_names():
    text = SCRIPT.read_text()
    assert "!define HTTPS_PORT 8471" in text
    assert "localport=${PORT},${HTTPS_PORT}" in text
    assert 'FileWrite $0 "https_port = ${HTTPS_PORT}$\\r$\\n"' in text
    assert "FileWrite $0 \"tls_names = '$TlsNames'$\\r$\\n\"" in text
    assert '${GetOptions} $R0 "/TLSNAMES=" $TlsNames' in text
    assert "${NSD_GetText} $TlsNamesField $TlsNames" in text
