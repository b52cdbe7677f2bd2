"""Price engine benchmark on the bench data set (1,000,000 price rows), Python and JavaScript.

    python3 bench/pricing.py [--customers 50000] [--articles 100000] [--prices 1000000] [--lines 2000]
                             [--js-lines 300] [--out bench/out/pricing] [--reuse]

Builds a data dir with the demo's bulk files through the real import (as bench/sync.py),
then measures for random (customer, article) lines:
  1. the server's path: store lookup (candidate rows from SQLite) + Python engine, per line:
     p50/p95/max, cold (first pass in a fresh process) and warm (the same lines again), and
     the engine alone on the same rows, and as a floor under the same machine load, reading
     one io_art row by its code in a read transaction;
  2. the server's price check of an uploaded order of 20 lines (what an upload now pays): p50/p95/max;
  3. the app's engine: pricing.js's pure function in headless Chromium (Debian's /usr/bin/chromium)
     on candidate rows prepared beforehand, per line: p50/p95/max.
"""

from __future__ import annotations

import argparse
import functools
import random
import shutil
import statistics
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import sync  # noqa: E402  (bench/sync.py: the data set's files and their import)
from appliance.store.db import open_store  # noqa: E402
from appliance.demo.people import customer_code  # noqa: E402
from appliance.demo.world import AS_OF, COMPANY  # noqa: E402
from appliance.pricing import PricingRules, price_line  # noqa: E402
from appliance.pricing.check import price_warnings  # noqa: E402
from appliance.pricing.lookup import inputs_for_articles, price_for  # noqa: E402
from appliance.settings import load_settings  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def build(out: Path, args) -> None:
    shutil.rmtree(out, ignore_errors=True)
    files = sync.generate(out / "gestionale", args)
    store = open_store(settings_of(out))
    sync.load(store, settings_of(out), files)
    store.close()


def settings_of(out: Path):
    (out / "exchange").mkdir(parents=True, exist_ok=True)
    return load_settings({"data_dir": str(out / "data"), "exchange": str(out / "exchange")}, {})


def lines(store, count: int, seed: int = 7) -> list[tuple[str, str, dict]]:
    """Random (customer, article, line): the articles are drawn from io_art, quantities 1-120."""
    codes = [r["COD_ART"] for r in store.query("SELECT COD_ART FROM io_art WHERE _deleted = 0")]
    customers = store.scalar("SELECT count(*) FROM io_clifor_gen WHERE _deleted = 0")
    rng = random.Random(seed)
    return [(customer_code(rng.randint(1, customers)), rng.choice(codes),
             {"qty": str(rng.randint(1, 120)), "date": AS_OF.isoformat()}) for _ in range(count)]


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return (f"p50 {p(0.50) * 1000:.3f} ms, p95 {p(0.95) * 1000:.3f} ms, max {ordered[-1] * 1000:.3f} ms "
            f"(mean {statistics.mean(samples) * 1000:.3f} ms, n={len(samples)})")


def python_side(store, sample: list[tuple[str, str, dict]]) -> None:
    """Each line twice: first with the pages of a fresh process (cold), then again (warm)."""
    rules = PricingRules()
    reference = []
    for _, article, _ in sample:  # the floor under the same load: one indexed row, one read transaction
        started = time.perf_counter()
        with store.snapshot() as conn:
            conn.execute('SELECT * FROM io_art WHERE _deleted = 0 AND "COD_ART" = ?', (article,)).fetchall()
        reference.append(time.perf_counter() - started)
    print(f"reference, one io_art row by COD_ART: {percentiles(reference)}")
    for name in ("cold", "warm"):
        times, priced, rows = [], 0, 0
        for customer, article, line in sample:
            started = time.perf_counter()
            result = price_for(store, COMPANY, customer, article, line, rules)
            times.append(time.perf_counter() - started)
            priced += result["price"] is not None
            rows += result["price_candidates"]
        print(f"python lookup + engine ({name}): {percentiles(times)}; {priced}/{len(sample)} lines priced, "
              f"{rows / len(sample):.1f} matching price rows per line")
    with store.snapshot() as conn:
        prepared = [{**inputs_for_articles(conn, COMPANY, c, [a])[a], "line": line} for c, a, line in sample]
    engine = []
    for inputs in prepared:
        started = time.perf_counter()
        price_line(inputs, rules)
        engine.append(time.perf_counter() - started)
    print(f"python engine alone:    {percentiles(engine)}; "
          f"{sum(len(i['prices']) for i in prepared) / len(prepared):.1f} candidate price rows per line")


def order_checks(store, sample: list[tuple[str, str, dict]], size: int = 20) -> None:
    """Orders of `size` lines for one customer each: the price check per order, with every line at
    the ERP's figures (the usual case: no warning) and with every line at another price (all flagged)."""
    rules = PricingRules()
    for name in ("at the ERP's figures", "all lines changed"):
        times, flagged = [], 0
        for start in range(0, len(sample) - size + 1, size):
            customer = sample[start][0]
            lines = [{"codice_articolo": article, "qta": int(line["qty"]),
                      **(_erp_figures(store, customer, article, line) if name.startswith("at") else {"prezzo": 0.01})}
                     for _, article, line in sample[start:start + size]]
            document = {"cod_clifor": customer, "cod_ditta": COMPANY, "data_ordine": AS_OF.isoformat(),
                        "righe": lines}
            started = time.perf_counter()
            flagged += len(price_warnings(store, document, rules, AS_OF))
            times.append(time.perf_counter() - started)
        print(f"price check of an order of {size} lines, {name}: {percentiles(times)}; {flagged} lines flagged")


def _erp_figures(store, customer: str, article: str, line: dict) -> dict:
    """The line's price and discounts as the app would have sent them."""
    result = price_for(store, COMPANY, customer, article, line)
    return {"prezzo": result["price"], **{f"sconto_{n}": d for n, d in enumerate(result["discounts"], 1)}}


JS_RUN = """async ([url, cases, repeat]) => {
  const pricing = await import(url);
  const times = [];
  for (const inputs of cases) {
    pricing.priceLine(inputs);  // warm
    const started = performance.now();
    for (let i = 0; i < repeat; i += 1) pricing.priceLine(inputs);
    times.push((performance.now() - started) / repeat / 1000);
  }
  return times;
}"""


def js_side(store, sample: list[tuple[str, str, dict]], repeat: int = 50) -> None:
    from playwright.sync_api import sync_playwright
    with store.snapshot() as conn:
        prepared = [{**inputs_for_articles(conn, COMPANY, c, [a])[a], "line": line} for c, a, line in sample]
    folder = REPO / "appliance" / "web" / "static" / "app"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            page = browser.new_page()
            page.goto(url + "/")
            times = page.evaluate(JS_RUN, [url + "/pricing.js", _jsonable(prepared), repeat])
            browser.close()
    finally:
        server.shutdown()
    print(f"javascript engine (Chromium, rows prepared, {repeat} runs per line): {percentiles(times)}")


def _jsonable(value):
    """Rows as the app holds them: decimals as text (never binary floats), integers as numbers."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, float):
        return repr(value)
    return value


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--prices", type=int, default=1_000_000)
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--js-lines", type=int, default=300)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "pricing")
    parser.add_argument("--reuse", action="store_true", help="keep the data dir of an earlier run")
    args = parser.parse_args()
    if not (args.reuse and (args.out / "data").exists()):
        build(args.out, args)
    store = open_store(settings_of(args.out))
    try:
        sample = lines(store, args.lines)
        python_side(store, sample)
        order_checks(store, sample)
        js_side(store, sample[:args.js_lines])
    finally:
        store.close()


if __name__ == "__main__":
    main()
