#!/usr/bin/env bash
# Smoke test of the frozen executable: build dist/appliance, then from a temp folder (never the
# checkout: a service starts in System32, a frozen program unpacks elsewhere)
#   1. `appliance serve --get /health` answers in-process and exits 0;
#   2. `appliance serve` on a temp data dir and exchange folder holding one small io_citta.dat
#      answers /health, imports the file and archives it;
#   3. SIGTERM stops it with exit code 0.
# Prints the executable's size and the time from start to the first good /health.
# SKIP_BUILD=1 reuses an existing dist/appliance.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    bash build/build.sh
fi
exe="$PWD/dist/appliance"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 - "$exe" "$work" <<'PY'
import json, os, signal, socket, subprocess, sys, time, urllib.request
from pathlib import Path

exe, work = sys.argv[1], Path(sys.argv[2])
data, exchange = work / "data", work / "exchange"
for name in ("gestionale", "multimedia", "reports"):
    (exchange / name).mkdir(parents=True)
(exchange / "gestionale" / "io_citta.dat").write_bytes(
    b"CHIAVE|COD_DITTA|CODICE|DESCRIZIONE|CAP|PROVINCIA|DAT_ULT_MOD\r\n"
    b"F205|01|F205|Milano|20100|MI|01011900000000\r\n"
    b"H501|01|H501|Roma|00100|RM|01011900000000\r\n")
common = ["--data-dir", str(data), "--exchange", str(exchange)]


def fail(message):
    print(f"SMOKE FAILED: {message}")
    log = data / "logs" / "appliance.log"
    if log.exists():
        print("--- appliance.log ---\n" + log.read_text(errors="replace")[-4000:])
    sys.exit(1)


print(f"executable: {exe} ({os.path.getsize(exe) / 1e6:.1f} MB)")
got = subprocess.run([exe, "serve", "--get", "/health", *common], capture_output=True, text=True, timeout=120)
if got.returncode != 0 or json.loads(got.stdout)["version"] is None:
    fail(f"serve --get /health exited {got.returncode}: {got.stdout[-500:]} {got.stderr[-2000:]}")
print("serve --get /health: exit 0")

with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
env = dict(os.environ, APPLIANCE_SETTLE_SECONDS="1")
started = time.monotonic()
service = subprocess.Popen([exe, "serve", *common, "--host", "127.0.0.1", "--port", str(port)], env=env)


def health():
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as reply:
        return reply.status, json.load(reply)


def wait(condition, what, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if service.poll() is not None:
            fail(f"the service exited with {service.returncode} while waiting for {what}")
        try:
            value = condition()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.05)
    service.kill()
    fail(f"timed out waiting for {what}")


try:
    wait(lambda: health()[0] == 200, "the first good /health")
    print(f"start to first good /health: {time.monotonic() - started:.2f} s")
    report = wait(lambda: (lambda h: h if (h.get("last_import") or {}).get("file") == "io_citta.dat" else None)(
        health()[1]), "the import of io_citta.dat")
    if report["last_import"]["result"] != "imported":
        fail(f"io_citta.dat was not imported: {report['last_import']}")
    wait(lambda: list((data / "archive").glob("*/io_citta.dat")), "io_citta.dat in the archive")
    if (exchange / "gestionale" / "io_citta.dat").exists():
        fail("io_citta.dat is still in gestionale/")
    print("io_citta.dat imported and archived")
finally:
    if service.poll() is None:
        service.send_signal(signal.SIGTERM)
code = service.wait(timeout=60)
if code != 0:
    fail(f"the service exited with {code} after SIGTERM")
print("SIGTERM: clean exit (0)")
print("SMOKE OK")
PY
