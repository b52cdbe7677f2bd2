"""Smoke test of the frozen `appliance` and `appliance-tray` (run by build/smoke_frozen.sh).

1. `appliance --version`, `appliance demo --help`, `appliance serve --get /health` exit 0, and
   `appliance demo --no-serve` generates and imports the demo export (its bundled data);
2. upgrade: a copy of the first-schema database (tests/packaging/data/schema-v1.db) is
   migrated by `serve --get /health`, and its user is still there;
3. `appliance users add` (the frozen CLI) adds a device user, then `appliance serve` on a
   temp data dir and exchange folder answers /health, imports a small io_citta.dat and
   archives it; over HTTPS (its own local CA, made at start, the only trust anchor) it answers
   /health, `appliance tls check` passes every ATS rule, the device API over plain HTTP is
   refused (https_required) and the device logs in over HTTPS (POST /api/v1/login, GET
   /api/v1/config); the service also pulls the
   connector's order queue with the key from `appliance connector-key` (and is refused with
   a wrong key), and takes "import now" on the tray's local API;
4. `appliance-tray` runs under Xvfb against that service and reads its state;
5. SIGTERM stops both with exit code 0.
Prints each executable's size and the time from start to the first good /health
(targets: 40 MB, 1 s).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

SIZE_TARGET_MB = 40
HEALTH_TARGET_SECONDS = 1.0
PROJECT = "smoke"
USER, PASSWORD = "smoke.agent", "smoke test password"

checkout, work = Path(sys.argv[1]), Path(sys.argv[2])
exe, tray_exe = checkout / "dist" / "appliance", checkout / "dist" / "appliance-tray"
data, exchange = work / "data", work / "exchange"
common = ["--data-dir", str(data), "--exchange", str(exchange), "--project", PROJECT]
env = dict(os.environ, APPLIANCE_SETTLE_SECONDS="1", APPLIANCE_PASSWORD_HASH_COST="10")


def fail(message: str) -> None:
    print(f"SMOKE FAILED: {message}")
    for log in (data / "logs" / "appliance.log", work / "service.err"):
        if log.exists():
            print(f"--- {log.name} ---\n" + log.read_text(errors="replace")[-4000:])
    sys.exit(1)


def run(*args: str, stdin: str | None = None, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    """Run the frozen appliance; fail on a non-zero exit."""
    options = common if data_dir is None else ["--data-dir", str(data_dir)]
    done = subprocess.run([str(exe), *args, *options], input=stdin, capture_output=True, text=True, timeout=120,
                          env=env)
    if done.returncode != 0:
        fail(f"appliance {' '.join(args)} exited {done.returncode}: {done.stdout[-800:]} {done.stderr[-2000:]}")
    return done


def request(method: str, path: str, body: dict | None = None, headers: dict | None = None,
            secure: bool = False) -> tuple[int, dict]:
    """A JSON request over HTTP, or with `secure` over HTTPS trusting only the service's own CA."""
    payload = None if body is None else json.dumps(body).encode()
    base = f"https://localhost:{https_port}" if secure else f"http://127.0.0.1:{port}"
    sent = urllib.request.Request(base + path, data=payload, method=method,
                                  headers={"Content-Type": "application/json", **(headers or {})})
    context = ssl.create_default_context(cafile=str(data / "tls" / "ca.crt")) if secure else None
    try:
        with urllib.request.urlopen(sent, timeout=10, context=context) as reply:
            return reply.status, json.load(reply)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def wait(condition, what: str, process: subprocess.Popen, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            fail(f"{what}: the process exited with {process.returncode}")
        try:
            value = condition()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.05)
    process.kill()
    fail(f"timed out waiting for {what}")


def xvfb_display() -> tuple[subprocess.Popen, str]:
    if shutil.which("Xvfb") is None:
        fail("Xvfb is missing: apt-get install xvfb (the frozen tray is started under it)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp"], pass_fds=(write_end,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as ready:
        return server, ":" + ready.readline().strip()


# 1. sizes and the commands that need no service
for path in (exe, tray_exe):
    size = path.stat().st_size / 1e6
    print(f"executable: {path.name} {size:.1f} MB (target <= {SIZE_TARGET_MB} MB){'' if size <= SIZE_TARGET_MB else ' OVER'}")
version = run("--version", data_dir=data).stdout.strip()
if "Example:" not in run("demo", "--help", data_dir=data).stdout:
    fail("appliance demo --help shows no example")
if json.loads(run("serve", "--get", "/health").stdout)["version"] not in version:
    fail("serve --get /health reports another version")
print(f"{version}: --version, demo --help, serve --get /health: exit 0")
demo = run("demo", "--no-serve", data_dir=work / "demo").stdout
if not re.search(r"Imported\s+[1-9]\d* files", demo):
    fail(f"appliance demo --no-serve imported nothing: {demo[-1500:]}")
print("appliance demo --no-serve: the generated export was imported")

# 2. upgrade of the first-schema database
old = work / "old"
old.mkdir()
shutil.copy(checkout / "tests" / "packaging" / "data" / "schema-v1.db", old / "appliance.db")
with sqlite3.connect(old / "appliance.db") as db:
    before = {row[0] for row in db.execute("SELECT id FROM _migrations")}
run("serve", "--get", "/health", data_dir=old)
with sqlite3.connect(old / "appliance.db") as db:
    after = {row[0] for row in db.execute("SELECT id FROM _migrations")}
users = [user["username"] for user in json.loads(run("users", "list", "--json", data_dir=old).stdout)]
if not (before < after and "mrossi" in users):
    fail(f"the first-schema database was not migrated with its data: {sorted(before)} -> {sorted(after)}, {users}")
print(f"schema-v1.db migrated at start ({len(after) - len(before)} migrations), its users kept")
listed = json.loads(run("backups", "--json", data_dir=old).stdout)
if [(b["reason"], (b["drill"] or {}).get("ok")) for b in listed] != [("pre-migration", True)]:
    fail(f"no checked pre-migration backup before the migrations: {listed}")
print(f"pre-migration backup taken and checked: {listed[0]['name']}")

# 3. the service
for name in ("gestionale", "multimedia", "reports"):
    (exchange / name).mkdir(parents=True)
(exchange / "gestionale" / "io_citta.dat").write_bytes(
    b"CHIAVE|COD_DITTA|CODICE|DESCRIZIONE|CAP|PROVINCIA|DAT_ULT_MOD\r\n"
    b"F205|01|F205|Milano|20100|MI|01011900000000\r\n"
    b"H501|01|H501|Roma|00100|RM|01011900000000\r\n")
run("users", "add", USER, "--password-stdin", stdin=PASSWORD + "\n")
with socket.socket() as probe, socket.socket() as probe_tls:
    probe.bind(("127.0.0.1", 0))
    probe_tls.bind(("127.0.0.1", 0))
    port, https_port = probe.getsockname()[1], probe_tls.getsockname()[1]
started = time.monotonic()
with (work / "service.err").open("wb") as errors:  # its log file has the same lines
    service = subprocess.Popen([str(exe), "serve", *common, "--host", "127.0.0.1", "--port", str(port),
                                "--https-port", str(https_port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=errors)
tray = display = None
try:
    wait(lambda: request("GET", "/health")[0] == 200, "the first good /health", service)
    seconds = time.monotonic() - started
    print(f"start to first good /health: {seconds:.2f} s (target <= {HEALTH_TARGET_SECONDS:g} s)"
          f"{'' if seconds <= HEALTH_TARGET_SECONDS else ' OVER'}")
    last = wait(lambda: (request("GET", "/health")[1].get("last_import") or {}).get("file") == "io_citta.dat"
                and request("GET", "/health")[1]["last_import"], "the import of io_citta.dat", service)
    if last["result"] != "imported":
        fail(f"io_citta.dat was not imported: {last}")
    wait(lambda: list((data / "archive").glob("*/io_citta.dat")), "io_citta.dat in the archive", service)
    print("io_citta.dat imported and archived")

    status, health = request("GET", "/health", secure=True)
    if status != 200 or health["tls"]["state"] != "ok":
        fail(f"GET /health over HTTPS answered {status}: {health.get('tls')}")
    checked = subprocess.run([str(exe), "tls", "check", "--data-dir", str(data), "--host", "localhost",
                              "--port", str(https_port)], capture_output=True, text=True, timeout=120, env=env)
    if checked.returncode != 0:
        fail(f"appliance tls check exited {checked.returncode}: {checked.stdout[-2000:]} {checked.stderr[-1000:]}")
    print(f"HTTPS: /health with the local CA as the only trust anchor; appliance tls check: "
          f"{checked.stdout.strip().splitlines()[-1]} ({ssl.OPENSSL_VERSION} here)")

    credentials = {"username": USER, "password": PASSWORD, "device_id": "SMOKE-DEVICE-1", "device_name": "smoke"}
    status, refused = request("POST", "/api/v1/login", credentials)
    if status != 403 or refused.get("reason") != "https_required":
        fail(f"device login over plain HTTP answered {status}: {refused}")
    status, login = request("POST", "/api/v1/login", credentials, secure=True)
    if status != 200 or not login.get("token"):
        fail(f"device login answered {status}: {login}")
    status, config = request("GET", "/api/v1/config", headers={"Authorization": f"Bearer {login['token']}"},
                             secure=True)
    if status != 200 or config["user"]["username"] != USER:
        fail(f"GET /api/v1/config answered {status}: {config}")
    print(f"device {USER} refused over HTTP (https_required), logged in over HTTPS, config read")

    key = run("connector-key").stdout.strip().splitlines()[-1].strip()
    queue = f"/v1/progetti/{PROJECT}/exportPaginazione/codaOrdini"
    status, page = request("GET", f"{queue}?authKey={key}")
    if status != 200 or page.get("cod_progetto") != PROJECT or not isinstance(page.get("testate"), list):
        fail(f"connector pull answered {status}: {page}")
    status, refused = request("GET", f"{queue}?authKey=not-the-key")
    if status not in (401, 403):
        fail(f"connector pull with a wrong key answered {status}: {refused}")
    print(f"connector queue codaOrdini pulled with the key ({len(page['testate'])} orders); a wrong key is refused")

    token = (data / "secrets" / "local-api.token").read_text().strip()
    status, answer = request("POST", "/local/v1/import-now", headers={"Authorization": f"Bearer {token}"})
    if status != 202:
        fail(f"local API import-now answered {status}: {answer}")
    print("local API: import now accepted")

    # 4. the tray under Xvfb, reading this service
    display_server, display = xvfb_display()
    tray_log = work / "tray.log"
    for attempt in (1, 2):
        with tray_log.open("wb") as output:
            tray = subprocess.Popen([str(tray_exe), "--data-dir", str(data), "--port", str(port),
                                     "--poll-seconds", "0.2"],
                                    env=dict(env, DISPLAY=display), stdout=output, stderr=subprocess.STDOUT)
        first = lambda: next((text for text in tray_log.read_text().splitlines() if "tray: " in text), None)
        deadline = time.monotonic() + 30
        while tray.poll() is None and not first() and time.monotonic() < deadline:
            time.sleep(0.05)
        # Xvfb has been seen to reset the tray's very first X connection once in a while; that is the
        # display server, not the tray: try once more, and show the tray's own output otherwise.
        if tray.poll() is not None and attempt == 1 and "Xlib.error.ConnectionClosedError" in tray_log.read_text():
            print("appliance-tray: Xvfb closed its first X connection; starting it again")
            continue
        break
    if tray.poll() is not None and not first():
        fail(f"appliance-tray exited with {tray.returncode} before its first status: {tray_log.read_text()[-2000:]}")
    line = wait(first, "the tray's first status", tray, timeout=30)
    print(f"appliance-tray under Xvfb: {line.split('tray: ', 1)[1][:100]}")
    tray.send_signal(signal.SIGTERM)
    if tray.wait(timeout=30) != 0:
        fail(f"appliance-tray exited with {tray.returncode}: {tray_log.read_text()[-2000:]}")
    print("appliance-tray: SIGTERM, clean exit (0)")
finally:
    for process in (tray, service):
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
    if display is not None:
        display_server.terminate()
code = service.wait(timeout=60)
if code != 0:
    fail(f"the service exited with {code} after SIGTERM")
print("appliance serve: SIGTERM, clean exit (0)")
print("SMOKE OK")
