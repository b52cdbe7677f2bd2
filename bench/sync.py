"""Device sync and upload benchmark, against a real `appliance serve` process on 127.0.0.1.

    python3 bench/sync.py [--customers 50000] [--articles 100000] [--prices 1000000] [--out bench/out/sync]
                          [--devices 50] [--device-seconds 30] [--device-limit 1000] [--orders 1000]

Builds a data dir with 50,000 customers (25 agents of 2,000), 100,000 articles and a
1,000,000-row price list (the demo's bulk files, through the real import), then measures:
  1. the full sync of one agent (summary + every table, default page size, gzip) against
     the floor: a plain script SELECTing the same rows and writing them as JSON (ratio <= 2.0);
  2. the delta after re-importing the price list with 1% of rows changed (bytes <= 2% of the full sync);
  3. 50 devices (25 agents x 2 iPads) paging through their price list at once for a bounded
     time: p50/p99 page latency and errors (target 0 errors, p99 <= 1 s);
  4. 1,000 orders of 20 lines from 10 concurrent clients, 5% sent twice: throughput, exactly 1,000 stored.

With --tls, steps 1 and 3 run over HTTPS against the service's own HTTPS listener (clients trust
only its local CA), next to the same steps over HTTP in the same run (the device API is allowed
on HTTP for the comparison): full sync over HTTPS >= 0.8x the HTTP rows/s; 50 devices over
HTTPS p99 <= 1 s with 0 errors. Steps 2 and 4 are left out.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import re
import shutil
import sqlite3
import ssl
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from appliance.accounts import add_user  # noqa: E402
from appliance.demo import mutate_listini, write_art, write_customers_bulk, write_listini_full  # noqa: E402
from appliance.ingest.pipeline import import_batch  # noqa: E402
from appliance.licensing import install_license  # noqa: E402
from appliance.settings import load_settings  # noqa: E402
from appliance.store.db import open_store  # noqa: E402
from appliance_vendor.signing import build_payload, generate_keys, load_private_key, sign_license  # noqa: E402

PASSWORD = "bench password"
PROJECT = "BENCH"


def environ(out: Path) -> dict[str, str]:
    return {"APPLIANCE_DEV_TRUSTED_KEY": str(out / "vendor" / "vendor.pub"), "APPLIANCE_PASSWORD_HASH_COST": "8",
            "APPLIANCE_PROJECT": PROJECT}


def build(out: Path, args) -> None:
    """Generate the files, import them, install a license and add the agents."""
    shutil.rmtree(out, ignore_errors=True)
    files = generate(out / "gestionale", args)
    keys = generate_keys(out / "vendor")
    (out / "exchange").mkdir()
    settings = load_settings({"data_dir": str(out / "data")}, environ(out))
    store = open_store(settings)
    load(store, settings, files)
    payload = build_payload(customer="Bench SpA", project=PROJECT, seats={"orders": 100}, modules=[],
                            expires=date(2099, 12, 31), not_before=date(2020, 1, 1), devices_per_user=10)
    install_license(store, settings, sign_license(load_private_key(keys.private), payload).encode())
    for number in range(1, args.customers // 2000 + 1):
        add_user(store, settings, f"agent{number:02d}", PASSWORD, agent_code=f"AG{number:02d}")
    store.close()


def generate(gestionale: Path, args) -> list[Path]:
    """The data set's ERP files: customers (2,000 per agent), articles and the bulk price list."""
    started = time.perf_counter()
    files = write_customers_bulk(gestionale, customers=args.customers, agents=args.customers // 2000)
    files.append(write_art(gestionale / "io_art.dat", args.articles))
    files.append(write_listini_full(gestionale / "io_listini_full.dat", args.prices, articles=args.articles,
                                    customers=args.customers))
    print(f"generated {len(files)} files in {time.perf_counter() - started:.1f}s")
    return files


def load(store, settings, files: list[Path]) -> None:
    """Import the files through the real pipeline, saying how long it took."""
    started = time.perf_counter()
    outcomes = import_batch(store, settings, files)
    print(f"imported in {time.perf_counter() - started:.1f}s: " + "; ".join(o.summary()[:60] for o in outcomes))


class Server:
    """`appliance serve` in its own process, so the benchmark's client does not share its interpreter."""

    def __init__(self, out: Path, tls: bool = False):
        with socket_port() as port, socket_port() as https_port:
            self.url = f"http://127.0.0.1:{port}"
            self.https_url = f"https://localhost:{https_port}" if tls else None
        self.ca_file = out / "data" / "tls" / "ca.crt"
        env = {**os.environ, **environ(out), "PYTHONPATH": str(REPO), "APPLIANCE_PORT": self.url.rsplit(":", 1)[1],
               "APPLIANCE_EXCHANGE": str(out / "exchange"), "APPLIANCE_LOG_LEVEL": "WARNING",
               "APPLIANCE_HTTPS_PORT": https_port if tls else "0", "APPLIANCE_DEVICE_HTTP": "allow"}
        self.log = open(out / "serve.log", "wb")  # a pipe nobody reads would stall the server when full
        self.process = subprocess.Popen([sys.executable, "-m", "appliance", "serve", "--data-dir", str(out / "data")],
                                        env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/health", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.2)
        raise SystemExit("the server did not start: " + (out / "serve.log").read_text(errors="replace")[-2000:])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(60)
        self.log.close()


class socket_port:
    def __enter__(self) -> str:
        import socket
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        return str(self.sock.getsockname()[1])

    def __exit__(self, *exc) -> None:
        self.sock.close()


# Over HTTPS, requests and http.client trust only the service's local CA (set by main with --tls).
CA_FILE: list[str] = []


def verify() -> str | bool:
    return CA_FILE[0] if CA_FILE else True


def login(url: str, user: str, device: str) -> dict:
    reply = requests.post(url + "/api/v1/login", json={"username": user, "password": PASSWORD, "device_id": device},
                          timeout=30, verify=verify())
    reply.raise_for_status()
    return {"Authorization": "Bearer " + reply.json()["token"], "Accept-Encoding": "gzip"}


def fetch(session: requests.Session, url: str, headers: dict, params: dict) -> tuple[dict, int, float]:
    """One page: (page, bytes on the wire, seconds)."""
    started = time.perf_counter()
    reply = session.get(url, headers=headers, params=params, timeout=120, stream=True, verify=verify())
    packed = reply.raw.read()
    seconds = time.perf_counter() - started
    if reply.status_code != 200:
        raise RuntimeError(f"{reply.status_code}: {packed[:300]!r}")
    data = gzip.decompress(packed) if reply.headers.get("Content-Encoding") == "gzip" else packed
    return json.loads(data), len(packed), seconds


def sync_tables(url: str, headers: dict, tables: dict[str, str | None]) -> dict:
    """Page through tables (name -> since); totals of rows, deleted, bytes and seconds."""
    totals = {"rows": 0, "deleted": 0, "bytes": 0, "pages": 0, "seconds": 0.0, "per_table": {}}
    with requests.Session() as session:
        for table, since in tables.items():
            table_bytes = 0
            while True:
                params = {"since": since} if since else {}
                page, size, seconds = fetch(session, f"{url}/api/v1/sync/{table}", headers, params)
                totals["rows"] += len(page["rows"])
                totals["deleted"] += len(page["deleted"])
                totals["bytes"] += size
                totals["pages"] += 1
                totals["seconds"] += seconds
                table_bytes += size
                since = page["next"]
                if not page["more"]:
                    break
            totals["per_table"][table] = table_bytes
    return totals


def full_sync(url: str, headers: dict) -> dict:
    started = time.perf_counter()
    summary = requests.get(url + "/api/v1/sync", headers=headers, timeout=300, verify=verify()).json()
    result = sync_tables(url, headers, {name: None for name in summary["tables"]})
    result["wall"] = time.perf_counter() - started
    return result


def floor(database: Path, agent: str) -> dict:
    """The floor: SELECT the agent's rows of every table and write them as JSON, nothing else."""
    started = time.perf_counter()
    conn = sqlite3.connect(database)
    customers = "(SELECT COD_CLIFOR FROM io_clifor_age WHERE COD_AGE = ? AND _deleted = 0)"
    queries = {
        "io_agenti": ("SELECT * FROM io_agenti WHERE _deleted = 0", ()),
        "io_art": ("SELECT * FROM io_art WHERE _deleted = 0", ()),
        "io_clifor_gen": (f"SELECT * FROM io_clifor_gen WHERE _deleted = 0 AND TIPO_CLIFOR = 0 "
                          f"AND COD_CLIFOR IN {customers}", (agent,)),
        "io_clifor_age": (f"SELECT * FROM io_clifor_age WHERE _deleted = 0 AND COD_CLIFOR IN {customers}", (agent,)),
        "io_listini_full": (f"SELECT * FROM io_listini_full WHERE _deleted = 0 AND (COD_CLIFOR IS NULL "
                            f"OR COD_CLIFOR IN {customers})", (agent,)),
    }
    rows = size = 0
    for sql, params in queries.values():
        cursor = conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        keep = [i for i, n in enumerate(names) if not n.startswith("_")]
        while batch := cursor.fetchmany(5000):
            text = json.dumps([{names[i]: row[i] for i in keep if row[i] is not None} for row in batch],
                              ensure_ascii=False)
            rows += len(batch)
            size += len(text)
    conn.close()
    return {"rows": rows, "bytes": size, "wall": time.perf_counter() - started}


CURSOR_TAIL = re.compile(rb'"next":"([^"]*)","more":(true|false)')


def fetch_cursor(connection: http.client.HTTPConnection, path: str, headers: dict) -> tuple[str, bool, float]:
    """One page as a device's network layer sees it: (next cursor, more, seconds).

    The page is received and unzipped in full, but only its cursor is read, over a plain
    keep-alive connection: parsing a thousand rows is the iPad's work, and here every
    client-side cycle would be taken from the server on the same two cores.
    """
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    reply = connection.getresponse()
    packed = reply.read()
    seconds = time.perf_counter() - started
    if reply.status != 200:
        raise RuntimeError(f"{reply.status}: {packed[:300]!r}")
    data = gzip.decompress(packed) if reply.getheader("Content-Encoding") == "gzip" else packed
    match = CURSOR_TAIL.search(data, max(0, len(data) - 2000))
    if match is None:
        raise RuntimeError(f"no cursor at the end of the page: {data[-300:]!r}")
    return match.group(1).decode(), match.group(2) == b"true", seconds


def devices_at_once(url: str, agents: int, devices: int, seconds: float, limit: int) -> dict:
    """`devices` iPads (two per agent) paging through their price list at once, for a bounded time."""
    logins = [login(url, f"agent{(n % agents) + 1:02d}", f"bench-{n // agents}") for n in range(devices)]
    latencies: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + seconds
    start_line = threading.Barrier(devices)

    scheme, _, address = url.partition("://")
    host, port = address.split(":")
    context = ssl.create_default_context(cafile=CA_FILE[0]) if scheme == "https" else None

    def connect() -> http.client.HTTPConnection:
        if context is None:
            return http.client.HTTPConnection(host, int(port), timeout=120)
        return http.client.HTTPSConnection(host, int(port), timeout=120, context=context)

    def device(headers: dict) -> None:
        since = None
        connection = connect()
        start_line.wait()
        while time.monotonic() < stop:
            query = urllib.parse.urlencode({"limit": limit, **({"since": since} if since else {})})
            try:
                cursor, more, took = fetch_cursor(connection, f"/api/v1/sync/io_listini_full?{query}", headers)
            except Exception as exc:  # every failure is a counted error, not a crash
                errors.append(str(exc)[:200])
                connection.close()
                continue
            latencies.append(took)
            since = cursor if more else None
        connection.close()

    with ThreadPoolExecutor(devices) as pool:
        list(pool.map(device, logins))
    latencies.sort()
    return {"pages": len(latencies), "errors": len(errors), "p50": statistics.median(latencies),
            "p90": latencies[int(len(latencies) * 0.9) - 1], "p99": latencies[int(len(latencies) * 0.99) - 1],
            "max": latencies[-1], "first_error": errors[0] if errors else ""}


def order(guid: str, lines: int) -> dict:
    return {"guid": guid, "cod_clifor": "C000001", "cod_ditta": "1", "data_ordine": "2026-03-02",
            "righe": [{"codice_articolo": f"A{n:06d}", "qta": n + 1, "prezzo": 10.5 + n, "sconto_1": 5}
                      for n in range(lines)]}


def uploads(url: str, count: int, clients: int, twice: float) -> dict:
    """`count` orders from `clients` concurrent clients, a share of them sent twice."""
    headers = login(url, "agent01", "bench-orders")
    guids = [f"bench-{uuid.uuid4()}" for _ in range(count)]
    sends = guids + guids[: int(count * twice)]
    statuses: list[int] = []

    def send(guid: str) -> None:
        reply = requests.post(url + "/api/v1/documents/orders", json=order(guid, 20), headers=headers, timeout=120)
        statuses.append(reply.status_code)

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(send, sends))
    wall = time.perf_counter() - started
    return {"requests": len(sends), "wall": wall, "per_second": len(sends) / wall,
            "created": statuses.count(201), "repeated": statuses.count(200), "other": len(sends) - statuses.count(201)
            - statuses.count(200)}


def private_rss_mb(pid: int) -> float | None:
    """A process's resident private memory now (Linux: RssAnon; the mapped database file is
    shared with the OS page cache and not counted), or None where /proc does not tell."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def report_uploads(server: "Server", out: Path, args) -> None:
    def stored() -> int:
        with sqlite3.connect(out / "data" / "appliance.db") as conn:
            return conn.execute("SELECT count(*) FROM documents WHERE kind = 'orders'").fetchone()[0]

    before = stored()
    sent = uploads(server.url, args.orders, 10, 0.05)
    added = stored() - before
    print(f"4. {sent['requests']:,} order uploads (20 lines, 10 clients, 5% twice) in {sent['wall']:.1f}s = "
          f"{sent['per_second']:.0f}/s: {sent['created']} created, {sent['repeated']} repeats, {sent['other']} "
          f"other; {added:,} orders stored (target exactly {args.orders:,}) "
          f"{'OK' if added == args.orders and not sent['other'] else 'WRONG'}")


def report_devices(server: "Server", agents: int, args, url: str | None = None) -> None:
    url = url or server.url
    crowd = devices_at_once(url, agents, args.devices, args.device_seconds, args.device_limit)
    rss = private_rss_mb(server.process.pid)
    print(f"3. {args.devices} devices over {url.partition(':')[0].upper()} for {args.device_seconds:g}s, "
          f"{args.device_limit} rows per page: "
          f"{crowd['pages']:,} pages, p50 {crowd['p50'] * 1000:.0f} ms, p90 {crowd['p90'] * 1000:.0f} ms, "
          f"p99 {crowd['p99'] * 1000:.0f} ms, max {crowd['max'] * 1000:.0f} ms, "
          f"{crowd['errors']} errors (target 0 errors, p99 <= 1000 ms) "
          f"{'OK' if not crowd['errors'] and crowd['p99'] <= 1 else 'OVER'} {crowd['first_error']}"
          + (f"; server private memory {rss:.0f} MB" if rss else ""))


def report_tls(server: "Server", headers: dict, warm: dict, agents: int, args) -> None:
    """Steps 1 and 3 over HTTPS, each next to the same step over HTTP (the first HTTP sync only warms up).

    The full sync alternates HTTP and HTTPS table by table (which goes first alternates too), so
    a change in the machine's load during the run weighs on both alike.
    """
    https = login(server.https_url, "agent01", "bench-full-tls")
    clients = {"HTTP": (server.url, headers), "HTTPS": (server.https_url, https)}
    runs = {name: {"rows": 0, "wall": 0.0, "pages": 0} for name in clients}
    tables = requests.get(server.url + "/api/v1/sync", headers=headers, timeout=300).json()["tables"]
    for number, table in enumerate(tables):
        for name in (("HTTP", "HTTPS") if number % 2 == 0 else ("HTTPS", "HTTP")):
            url, table_headers = clients[name]
            started = time.perf_counter()
            result = sync_tables(url, table_headers, {table: None})
            runs[name]["wall"] += time.perf_counter() - started
            runs[name]["rows"] += result["rows"]
            runs[name]["pages"] += result["pages"]
    rates = {name: run["rows"] / run["wall"] for name, run in runs.items()}
    ratio = rates["HTTPS"] / rates["HTTP"]
    print(f"1. full sync of agent01 ({warm['rows']:,} rows, warm-up over HTTP {warm['wall']:.1f}s), tables "
          f"alternating: " + ", ".join(f"{name} {runs[name]['rows']:,} rows in {runs[name]['wall']:.1f}s = "
                                        f"{rates[name]:,.0f} rows/s" for name in runs)
          + f"; HTTPS/HTTP {ratio:.2f} (target >= 0.8) {'OK' if ratio >= 0.8 else 'UNDER'}")
    report_devices(server, agents, args)
    report_devices(server, agents, args, url=server.https_url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--prices", type=int, default=1_000_000)
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--device-seconds", type=float, default=30)
    parser.add_argument("--device-limit", type=int, default=1000)
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--reuse", action="store_true", help="keep the data dir of a previous run (skip the build)")
    parser.add_argument("--only-devices", dest="only", action="store_const", const=3,
                        help="measure only the devices syncing at once (3; with --tls over HTTP, then HTTPS)")
    parser.add_argument("--only-uploads", dest="only", action="store_const", const=4,
                        help="measure only the order uploads (4)")
    parser.add_argument("--tls", action="store_true", help="run steps 1 and 3 over HTTPS too (and only those)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "sync")
    args = parser.parse_args()
    out = args.out
    print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs")
    if not (args.reuse and (out / "data" / "appliance.db").exists()):
        build(out, args)
    agents = args.customers // 2000
    server = Server(out, tls=args.tls)
    if args.tls:
        CA_FILE.append(str(server.ca_file))
    try:
        warm = login(server.url, "agent02", "bench-warm")  # the first sync ever builds the scope indexes
        requests.get(server.url + "/api/v1/sync", headers=warm, timeout=600).raise_for_status()
        headers = login(server.url, "agent01", "bench-full")
        if args.only == 3:
            report_devices(server, agents, args)
            if args.tls:
                report_devices(server, agents, args, url=server.https_url)
            return
        if args.only == 4:
            report_uploads(server, out, args)
            return
        full = full_sync(server.url, headers)
        if args.tls:
            report_tls(server, headers, full, agents, args)
            return
        base = floor(out / "data" / "appliance.db", "AG01")
        ratio = full["wall"] / base["wall"]
        print(f"1. full sync of agent01: {full['rows']:,} rows in {full['wall']:.1f}s ({full['rows'] / full['wall']:,.0f}"
              f" rows/s), {full['pages']} pages, {full['bytes']:,} bytes gzip; floor {base['rows']:,} rows in "
              f"{base['wall']:.1f}s ({base['rows'] / base['wall']:,.0f} rows/s, {base['bytes']:,} bytes plain JSON); "
              f"ratio {ratio:.2f} (target <= 2.0) {'OK' if ratio <= 2.0 else 'OVER'}")
        (out / "next").mkdir(exist_ok=True)
        counts = mutate_listini(out / "gestionale" / "io_listini_full.dat", out / "next" / "io_listini_full.dat")
        settings = load_settings({"data_dir": str(out / "data")}, environ(out))
        store = open_store(settings)
        started = time.perf_counter()
        (outcome,) = import_batch(store, settings, [out / "next" / "io_listini_full.dat"])
        print(f"   re-import ({counts['changed']:,} changed, {counts['removed']:,} removed, {counts['added']:,} added) "
              f"in {time.perf_counter() - started:.1f}s: {outcome.summary()[:80]}")
        store.close()
        summary = requests.get(server.url + "/api/v1/sync", headers=headers, timeout=300).json()["tables"]
        delta = sync_tables(server.url, headers, {t: s["since"] for t, s in summary.items() if s["changed"]})
        share = delta["bytes"] / full["bytes"]
        print(f"2. delta after the re-import: {delta['rows']:,} rows + {delta['deleted']:,} deleted, "
              f"{delta['bytes']:,} bytes gzip = {share:.2%} of the full sync (target <= 2%) "
              f"{'OK' if share <= 0.02 else 'OVER'}")
        report_devices(server, agents, args)
        report_uploads(server, out, args)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
