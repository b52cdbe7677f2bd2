"""Connector pull benchmark: queued orders pulled through the compatible API of a real `appliance serve`.

    python3 bench/connector.py [--orders 10000] [--lines 20] [--page 50] [--out bench/out/connector]

Queues 10,000 orders of 20 lines (through intake and processing, as uploads are), starts
`appliance serve` on 127.0.0.1 and pulls every order the way AMHelper does (its
parameters, the empty ones included; `lastID` paging, 50 per page), once without and
once with gzip (AMHelper's RestSharp asks for gzip). The floor, in the same run: a plain
script that SELECTs the same pages from the same database and serialises the same orders
with json.dumps (gzipping them for the gzip figure), nothing else. Prints orders/s and the
ratio to that floor (targets: ratio <= 2.0 and >= 500 orders/s), and for reference the
ratio to a bare floor that joins the stored records' text as the API does.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import time
import zlib
from datetime import datetime, timezone
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from sync import PROJECT, Server, environ, order  # noqa: E402  (the sync benchmark's server and orders)

from appliance.accounts import add_user  # noqa: E402
from appliance.accounts.users import require_user  # noqa: E402
from appliance.connector.key import connector_key  # noqa: E402
from appliance.demo import write_art  # noqa: E402
from appliance.documents.intake import Upload, Uploader, accept  # noqa: E402
from appliance.ingest.pipeline import import_batch  # noqa: E402
from appliance.orders.processing import Processor  # noqa: E402
from appliance.settings import load_settings  # noqa: E402
from appliance.store.db import open_store  # noqa: E402
from appliance.web.http import GZIP_LEVEL, parse_json  # noqa: E402
from appliance_vendor.signing import generate_keys  # noqa: E402

BATCH = 500


def build(out: Path, orders: int, lines: int) -> None:
    """A data dir with 2,000 articles and `orders` queued orders of `lines` lines."""
    shutil.rmtree(out, ignore_errors=True)
    generate_keys(out / "vendor")
    (out / "exchange").mkdir(parents=True)
    (out / "gestionale").mkdir()
    settings = load_settings({"data_dir": str(out / "data"), "exchange": str(out / "exchange")}, environ(out))
    store = open_store(settings)
    import_batch(store, settings, [write_art(out / "gestionale" / "io_art.dat", 2_000)])
    add_user(store, settings, "agent01", "bench-password", agent_code="AG01")
    user_id = require_user(store, "agent01")["id"]
    processor, uploader = Processor(store, settings), Uploader(user_id, "agent01", "bench-ipad", "AG01")
    started = time.perf_counter()
    for first in range(0, orders, BATCH):
        with store.write():  # one commit per batch; each order still goes through intake and processing
            for number in range(first, min(first + BATCH, orders)):
                body = json.dumps(order(f"bench-{number:06d}", lines)).encode()
                accept(store, PROJECT, uploader, "orders", parse_json(body), Upload(body, "/api/v1/documents/orders"),
                       now=datetime.now(timezone.utc), processor=processor)
    print(f"queued {orders:,} orders of {lines} lines in {time.perf_counter() - started:.1f}s")
    store.close()


def reset(database: Path) -> None:
    """Every order back in the queue, unread (so each pass starts from the same state)."""
    conn = sqlite3.connect(database)
    with conn:
        conn.execute("UPDATE exports SET state = 'queued'")
        conn.execute("UPDATE documents SET status = 'queued'")
    conn.close()


def pull(url: str, key: str, page: int, gzip_ok: bool) -> dict:
    """Every order, AMHelper's way; returns orders, pages, bytes on the wire and seconds."""
    headers = {"Accept-Encoding": "gzip, deflate" if gzip_ok else "identity"}
    last_id, orders, pages, wire = 0, 0, 0, 0
    started = time.perf_counter()
    with requests.Session() as session:
        while True:
            params = [("authKey", key), ("format", "json"), ("offset", "0"), ("limit", str(page)),
                      ("lastDateImport", ""), ("count", "0"), ("lastID", str(last_id)), ("statusExport", "")]
            reply = session.get(f"{url}/v1/progetti/{PROJECT}/exportPaginazione/codaOrdini", params=params,
                                headers=headers, timeout=120, stream=True)
            packed = reply.raw.read()
            if reply.status_code != 200:
                raise RuntimeError(f"{reply.status_code}: {packed[:300]!r}")
            body = zlib.decompress(packed, 31) if reply.headers.get("Content-Encoding") == "gzip" else packed
            ids = last_ids(body)
            pages, wire = pages + 1, wire + len(packed)
            if not ids:
                break
            orders += len(ids)
            last_id = ids[-1]
    return {"orders": orders, "pages": pages, "bytes": wire, "wall": time.perf_counter() - started}


def last_ids(body: bytes) -> list[int]:
    """The order ids of a page (each order record starts with its dates, then `"id":N`)."""
    ids, at = [], 0
    while (at := body.find(b'"data_ordine":', at)) >= 0:
        start = body.index(b'"id":', at) + 5
        ids.append(int(body[start:body.index(b",", start)]))
        at = start
    return ids


def floor(database: Path, page: int, gzip_it: bool, serialise: bool) -> dict:
    """A floor: SELECT the same pages and write the same response bodies (gzipped when asked), nothing else.

    `serialise`: the issue's floor, which serialises the orders with json.dumps (they are read with
    json.loads: the database keeps each record as JSON); otherwise the bare floor, which joins the stored
    text as the API does (SQLite alone, no HTTP, no bookkeeping).
    """
    started = time.perf_counter()
    conn = sqlite3.connect(database)
    last_id, orders, pages, size = 0, 0, 0, 0
    while True:
        rows = conn.execute("SELECT queue_id, record FROM exports JOIN export_records ON export_id = id "
                            "WHERE queue = 'orders' AND queue_id > ? ORDER BY queue_id LIMIT ?",
                            (last_id, page)).fetchall()
        total = conn.execute("SELECT count(*) FROM exports WHERE queue = 'orders' AND queue_id > ?",
                             (last_id,)).fetchone()[0]
        highest = conn.execute("SELECT max(queue_id) FROM exports WHERE queue = 'orders'").fetchone()[0]
        meta = {"limit": page, "maxID": highest, "offset": 0, "total_count": total}
        if serialise:
            body = json.dumps({"meta": meta, "cod_progetto": PROJECT, "last_data_import": None, "last_id": last_id,
                               "testate": [json.loads(record) for _, record in rows]}, ensure_ascii=False)
        else:
            body = (json.dumps({"meta": meta, "cod_progetto": PROJECT, "last_data_import": None,
                                "last_id": last_id})[:-1] + ',"testate":[' + ",".join(r for _, r in rows) + "]}")
        data = body.encode("utf-8")
        if gzip_it:
            packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
            data = packer.compress(data) + packer.flush()
        pages, size = pages + 1, size + len(data)
        if not rows:
            break
        orders += len(rows)
        last_id = rows[-1][0]
    conn.close()
    return {"orders": orders, "pages": pages, "bytes": size, "wall": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=20)
    parser.add_argument("--page", type=int, default=50)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "connector")
    args = parser.parse_args()
    out, database = args.out, args.out / "data" / "appliance.db"
    print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs")
    build(out, args.orders, args.lines)
    key = connector_key(load_settings({"data_dir": str(out / "data")}, environ(out)).paths)
    server = Server(out)
    try:
        for number, gzip_ok in ((1, False), (2, True)):
            reset(database)
            floor(database, args.page, gzip_ok, serialise=False)  # warms the page cache
            api = pull(server.url, key, args.page, gzip_ok)
            named = floor(database, args.page, gzip_ok, serialise=True)
            bare = floor(database, args.page, gzip_ok, serialise=False)
            assert api["orders"] == named["orders"] == bare["orders"] == args.orders
            rate, ratio = api["orders"] / api["wall"], api["wall"] / named["wall"]
            verdict = "OK" if ratio <= 2.0 and rate >= 500 else "OVER"
            print(f"{number}. {'gzip' if gzip_ok else 'plain'}: {api['orders']:,} orders ({args.lines} lines) in "
                  f"{api['pages']} pages of {args.page}: {api['wall']:.2f}s = {rate:,.0f} orders/s, "
                  f"{api['bytes']:,} bytes; floor (SELECT + json.dumps) {named['wall']:.2f}s = "
                  f"{named['orders'] / named['wall']:,.0f} orders/s, {named['bytes']:,} bytes; ratio {ratio:.2f} "
                  f"(targets <= 2.0 and >= 500 orders/s) {verdict}; bare floor (SELECT + join) {bare['wall']:.2f}s = "
                  f"{bare['orders'] / bare['wall']:,.0f} orders/s, ratio {api['wall'] / bare['wall']:.2f}")
        states = sqlite3.connect(database).execute("SELECT state, count(*) FROM exports GROUP BY state").fetchall()
        print(f"   after the last pass: {dict(states)}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
