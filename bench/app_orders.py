"""The agents' app taking orders, measured in headless Chromium (Debian's /usr/bin/chromium).

    python3 bench/app_orders.py [--prices 1000000] [--lines 300] [--order-lines 50] [--orders 200]
                                [--steps 1,2,3] [--out bench/out/app_orders]

1. Pricing a line in the app on the bench data set: the demo's bulk io_listini_full.dat
   (1,000,000 rows by default, `write_listini_full`) is written into the app's IndexedDB
   through db.applyPage (the sync worker's write path), in pages of 50,000 rows fetched by the
   page (served by Playwright: the sync API's own speed is bench/sync.py's); the first page is
   also written one record per row, as the app kept rows before the price tables had blocks,
   for a ratio measured in the same run. Then, per
   random (customer, article) line: the candidate rows read from IndexedDB
   (order-pricing.js articleInputs) + pricing.js: p50/p95/max. Target: p95 <= 20 ms.
2. On the demo appliance (`appliance demo`'s data, a real server on 127.0.0.1): an order of
   50 lines entered through the order screen by script, then "send": seconds from the click
   to the order's status `queued` in the outbox screen. Target: <= 2 s.
3. 200 orders taken offline (made by the app's own modules: drafts, pricing, outbox.queue),
   then the connection returns: seconds until the outbox is empty, and how many times each
   guid is stored on the appliance (must be exactly once).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from appliance.demo import write_listini_full  # noqa: E402
from appliance.demo.people import customer_code  # noqa: E402
from tests.app.browser import local, new_ipad, sign_in  # noqa: E402
from tests.app.orders import (add_line, go_online, new_order, outbox_row, pick_order, stored_count,  # noqa: E402
                              wait_in_page)
from tests.app.server import DemoServer, prepare  # noqa: E402
from tests.console.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PAGE_ROWS = 50_000
KEPT = ("CHIAVE", "COD_DITTA", "TIPO_LISTINO", "COD_ART", "COD_CLIFOR", "COD_LISTINO", "FLG_ESCLUDI_SCONTI",
        "QUANTITA_INIZIO", "DATA_INIZIO", "DATA_FINE", "PREZZO", "PRIORITA", "SCONTO1")


def load() -> str:
    """The 1, 5 and 15 minute load averages, for the record."""
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def figures(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"p50 {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms, max {ordered[-1]:.2f} ms (n={len(ordered)})"


def price_rows(path: Path):
    """The .dat rows as the device sync sends them: empty fields left out, decimals with a dot."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="|", quoting=csv.QUOTE_NONE)
        header = next(reader)
        at = {name: header.index(name) for name in KEPT}
        for values in reader:
            row = {}
            for name, index in at.items():
                value = values[index].strip()
                if value:
                    row[name] = value.replace(",", ".") if name in ("QUANTITA_INIZIO", "PREZZO", "SCONTO1") else value
            for name in ("DATA_INIZIO", "DATA_FINE"):
                if name in row:
                    text = row[name]
                    row[name] = f"{text[4:8]}-{text[2:4]}-{text[0:2]}" if len(text) >= 8 and text[2:3] != "-" else text
            yield row


def price_pages(path: Path, folder: Path) -> tuple[int, list[str], list[str]]:
    """The price rows as page files of PAGE_ROWS rows (JSON, as the sync API sends them) in `folder`.

    Returns the number of pages, some article codes and some customer codes.
    """
    folder.mkdir(parents=True, exist_ok=True)
    chunk, articles, customers, pages = [], [], set(), 0

    def flush() -> None:
        nonlocal chunk, pages
        pages += 1
        (folder / f"{pages}.json").write_text(json.dumps({"rows": chunk, "deleted": []}), encoding="utf-8")
        chunk = []

    for index, row in enumerate(price_rows(path)):
        chunk.append(row)
        if index % 997 == 0:
            articles.append(row["COD_ART"])
        if "COD_CLIFOR" in row and len(customers) < 200:
            customers.add(row["COD_CLIFOR"])
        if len(chunk) == PAGE_ROWS:
            flush()
    if chunk:
        flush()
    return pages, articles, sorted(customers)


def fill_prices(page, folder: Path, pages: int) -> dict:
    """Write the page files into IndexedDB as one full pass, fetched and applied in the page as the sync worker does.

    The files are served to the page by Playwright's routing (the app's content security policy
    lets it fetch from its own origin only). Returns {seconds: in all, writing: in db.applyPage}.
    """
    page.context.route("**/bench-prices/*.json",
                       lambda route: route.fulfill(path=folder / route.request.url.rsplit("/", 1)[-1],
                                                   content_type="application/json"))
    try:
        return page.evaluate("""async (pages) => { const db = await import('/app/db.js');
            const started = performance.now();
            let writing = 0;
            for (let n = 1; n <= pages; n += 1) {
              const body = await (await fetch(`/bench-prices/${n}.json`)).json();  // handing over: not the app's time
              const at = performance.now();
              await db.applyPage('io_listini_full', body, {replace: n === 1, cursor: {since: 'bench', done: n === pages}});
              writing += performance.now() - at;
            }
            return {seconds: (performance.now() - started) / 1000, writing: writing / 1000}; }""", pages)
    finally:
        page.context.unroute("**/bench-prices/*.json")


REFERENCE = """async () => {
    // The first page written as the app kept every row before the price tables had blocks: one
    // record per row with its three indexes, in one transaction, into a scratch database.
    const body = await (await fetch('/bench-prices/1.json')).json();
    const idb = await new Promise((resolve, reject) => {
      const request = indexedDB.open('bench-reference', 1);
      request.onupgradeneeded = () => {
        const rows = request.result.createObjectStore('rows', { keyPath: ['t', 'k'] });
        for (const [name, field] of [['by_customer', 'c'], ['by_article', 'a'], ['by_document', 'd']]) rows.createIndex(name, ['t', field]);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const started = performance.now();
    const tx = idb.transaction('rows', 'readwrite', { durability: 'relaxed' });
    for (const row of body.rows) {
      const entry = { t: 'io_listini_full', k: row.CHIAVE, a: row.COD_ART ?? '', r: row };
      if (row.COD_CLIFOR) entry.c = row.COD_CLIFOR;
      tx.objectStore('rows').put(entry);
    }
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error); });
    const seconds = (performance.now() - started) / 1000;
    idb.close();
    await new Promise((resolve) => { const request = indexedDB.deleteDatabase('bench-reference'); request.onsuccess = resolve; request.onerror = resolve; });
    return { rows: body.rows.length, seconds };
}"""


def reference(page, folder: Path) -> dict:
    """The first page written one IndexedDB record per row (the layout before blocks), for a ratio in the same run."""
    page.context.route("**/bench-prices/*.json",
                       lambda route: route.fulfill(path=folder / route.request.url.rsplit("/", 1)[-1],
                                                   content_type="application/json"))
    try:
        return page.evaluate(REFERENCE)
    finally:
        page.context.unroute("**/bench-prices/*.json")


def bench_pricing(browser, server, args, out: Path) -> None:
    path = write_listini_full(out / "io_listini_full.dat", args.prices)
    context, page = new_ipad(browser, server.url, device="bench-pricing")
    sign_in(page)
    pages, articles, customers = price_pages(path, out / "price-pages")
    old = reference(page, out / "price-pages")
    filled = fill_prices(page, out / "price-pages", pages)
    page.context.set_offline(True)  # no sync of the demo's own price list from here on
    count = local(page, "return db.countRows('io_listini_full');")
    print(f"1. {count:,} price rows written into IndexedDB by db.applyPage in {filled['writing']:.1f} s "
          f"({pages} pages of {PAGE_ROWS:,} rows; {filled['seconds']:.1f} s with handing the pages to the page): "
          f"{count / filled['writing']:,.0f} rows/s")
    print(f"   reference, same run: {old['rows']:,} rows one record per row (the layout before blocks) in "
          f"{old['seconds']:.1f} s: {old['rows'] / old['seconds']:,.0f} rows/s; blocks "
          f"{count / filled['writing'] / (old['rows'] / old['seconds']):.1f}x as fast")
    page.evaluate("""async ([articles, customers]) => { const db = await import('/app/db.js');
        await db.applyPage('io_art', {rows: articles.map(code => ({CHIAVE: 'A' + code, COD_DITTA: '1', COD_ART: code,
          DES_ART: code, UM1: 'PZ'})), deleted: []}, {replace: false, cursor: {since: 'bench', done: true}});
        await db.applyPage('io_clifor_gen', {rows: customers.map(code => ({CHIAVE: 'C' + code, COD_DITTA: '1',
          COD_CLIFOR: code, TIPO_CLIFOR: '0', RAG_SOC: code, COD_LISTINO: 'L01'})), deleted: []},
          {replace: false, cursor: {since: 'bench', done: true}}); }""", [articles, customers])
    result = page.evaluate("""async ([articles, customers, lines]) => {
        const pricing = await import('/app/order-pricing.js');
        const times = [], contexts = [];
        let priced = 0, candidates = 0;
        for (let i = 0; i < lines; i += 1) {
          const customer = customers[i % customers.length], article = articles[(i * 7919) % articles.length];
          const started = performance.now();
          const context = await pricing.customerContext(customer);
          const inputs = await pricing.articleInputs(context, article);
          const draft = {order_date: '2026-06-01', delivery_date: '', destination: ''};
          const result = pricing.priceOf(inputs, draft, {qty: String(1 + (i % 60)), unit: '', price: null, discounts: null},
                                         context.rules);
          times.push(performance.now() - started);
          if (result.price !== null) priced += 1;
          candidates += inputs.prices.length;
        }
        return {times, priced, candidates};
    }""", [articles, customers, args.lines])
    print(f"   a line (customer context + candidate rows from IndexedDB + pricing.js): {figures(result['times'])}; "
          f"{result['priced']} of {args.lines} priced, {result['candidates'] / args.lines:.1f} candidate rows per line")
    context.close()


def bench_order(browser, server, args, out: Path) -> None:
    context, page = new_ipad(browser, server.url, device="bench-order")
    sign_in(page)
    chosen = pick_order(server)
    codes = local(page, "return (await db.allRows('io_art')).slice(0, 400).map(r => r.COD_ART);")
    guid = new_order(page, chosen["customer"])
    started = time.perf_counter()
    for code in codes[:args.order_lines]:
        add_line(page, code, 2)
    entered = time.perf_counter() - started
    started = time.perf_counter()
    page.get_by_test_id("order-send").click()
    expect(outbox_row(page, guid)).to_have_attribute("data-server-status", "queued", timeout=60_000)
    sent = time.perf_counter() - started
    stored = stored_count(server, guid)
    print(f"2. an order of {args.order_lines} lines: entered by script in {entered:.1f} s; "
          f"send -> queued in {sent:.2f} s; stored {stored} time(s)")
    context.close()


def bench_offline_orders(browser, server, args, out: Path) -> None:
    context, page = new_ipad(browser, server.url, device="bench-offline")
    sign_in(page)
    chosen = pick_order(server)
    page.context.set_offline(True)
    guids = page.evaluate("""async ([customer, articles, orders]) => {
        const pricing = await import('/app/order-pricing.js');
        const drafts = await import('/app/drafts.js');
        const outbox = await import('/app/outbox.js');
        const { orderDocument } = await import('/app/order-document.js');
        const context = await pricing.customerContext(customer);
        const guids = [];
        for (let n = 0; n < orders; n += 1) {
          const draft = drafts.create(context.customer);
          const results = new Map();
          for (const code of articles) {
            const inputs = await pricing.articleInputs(context, code);
            const line = drafts.line(inputs.article, String(1 + (n % 5)));
            draft.lines.push(line);
            results.set(line.id, pricing.priceOf(inputs, draft, line, context.rules));
          }
          await outbox.queue('orders', orderDocument(draft, context, results), {draft, customer});
          guids.push(draft.guid);
        }
        return guids;
    }""", [chosen["customer"], [chosen["special"][0], chosen["break"][0], chosen["plain"][0]], args.orders])
    assert local(page, "return db.outboxCount();") == args.orders
    started = time.perf_counter()
    go_online(page)
    wait_in_page(page, "async () => (await (await import('/app/db.js')).outboxCount()) === 0", None, 120_000)
    seconds = time.perf_counter() - started
    counts = [stored_count(server, guid) for guid in guids]
    once = sum(1 for c in counts if c == 1)
    print(f"3. {args.orders} orders taken offline, sent at once: outbox empty after {seconds:.2f} s; "
          f"{once} of {args.orders} stored exactly once, {sum(counts)} documents in all")
    context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prices", type=int, default=1_000_000)
    parser.add_argument("--lines", type=int, default=300)
    parser.add_argument("--order-lines", type=int, default=50)
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--steps", default="1,2,3", help="which steps to run, e.g. 1 or 2,3")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    steps = {int(step) for step in args.steps.split(",")}
    out = args.out or Path(tempfile.mkdtemp(prefix="app-orders-"))
    out.mkdir(parents=True, exist_ok=True)
    template = prepare(out / "template")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for number, step in ((2, bench_order), (3, bench_offline_orders), (1, bench_pricing)):
            if number not in steps:
                continue
            server = DemoServer(template, out / f"demo-{step.__name__}").start()
            try:
                print(f"   (load average before step {number}: {load()})")
                step(browser, server, args, out)
            finally:
                server.stop()
        browser.close()
    print(f"   (load average at the end: {load()})")
    if args.out is None:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
