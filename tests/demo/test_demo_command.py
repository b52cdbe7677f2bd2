"""`appliance demo`: prepares a demo install, imports it, serves it; a second run reuses it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from appliance.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_demo_without_serving_imports_the_export_and_adds_users(tmp_path, capsys):
    data = tmp_path / "demo"
    assert main(["demo", "--data-dir", str(data), "--no-serve"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"Imported\s+5\d files", out), out
    assert "agente1    password demo-agente1" in out
    assert list((data / "exchange" / "gestionale").glob("io_*.dat")) == []  # moved to the archive
    assert len(list((data / "archive").glob("*/io_*.dat"))) >= 50
    assert any((data / "exchange" / "multimedia").rglob("*.jpg"))

    assert main(["users", "list", "--data-dir", str(data)]) == 0
    listing = capsys.readouterr().out
    assert "agente1" in listing and "ufficio" in listing

    assert main(["demo", "--data-dir", str(data), "--no-serve"]) == 0  # reuses what is there
    assert re.search(r"Imported\s+0 files", capsys.readouterr().out)


def test_demo_serves_the_export_until_sigterm(tmp_path):
    data = tmp_path / "demo"
    process = subprocess.Popen(
        [sys.executable, "-m", "appliance", "demo", "--data-dir", str(data), "--port", "0"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        url, before = None, []
        deadline = time.monotonic() + 120  # a generous bound: a busy machine imports slowly
        while url is None:
            assert time.monotonic() < deadline, "the demo never printed its URL"
            line = process.stdout.readline()
            assert line or process.poll() is None, "the demo exited early"
            before.append(line)
            match = re.search(r"Status\s+(http://127\.0\.0\.1:\d+)/health", line)
            url = match.group(1) if match else None
        assert sum("imported into" in line for line in before) >= 10, "the guide comes after the import lines"
        app = None
        while app is None:
            line = process.stdout.readline()
            match = re.search(r"Agents' app\s+(https?://\S+:\d+/app/)", line)
            app = match.group(1) if match else None
        port = app.split(":")[-1].split("/")[0]  # HTTPS under this machine's name: ask 127.0.0.1 on its port
        scheme = app.split(":")[0]
        trust = str(data / "tls" / "ca.crt") if scheme == "https" else True  # the demo's own local CA
        assert requests.get(f"{scheme}://127.0.0.1:{port}/app/", timeout=5, verify=trust).status_code == 200
        health = {}
        while _imported(health) < 50:
            assert time.monotonic() < deadline, f"the export was not imported: {health}"
            health = requests.get(url + "/health", timeout=5).json()
            time.sleep(0.2)
        assert health["status"] == "ok" and health["last_import"]["result"] == "imported"
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0


def _imported(health: dict) -> int:
    return health.get("folders", {}).get("gestionale", {}).get("work", {}).get("since_start", {}).get("imported", 0)
