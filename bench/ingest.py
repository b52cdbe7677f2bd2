"""Ingest benchmark: the appliance's import against the sqlite3 tool's `.import`, in one run.

    python3 bench/ingest.py [--profile sparse|dense|long-texts] [--rows 1000000] [--articles 100000]
                            [--out bench/out]

Generates a price list (io_listini_full.dat, all 78 columns) of the profile's kind (sparse:
filter columns empty, as most exports; dense: every number and date column filled, each
text column on a half or a third of the rows; long-texts: dense, with a third of the rows
carrying texts longer than the documented maximum) and an article file (io_art.dat), then times, each in its own process so peak memory is measured per step:
  (a) the first import of the price list into an empty data dir,
  (b) the re-import of the price list with 1% of rows changed, 0.5% removed, 0.5% added,
  (c) `sqlite3 x.db ".import"` of the same file into an untyped table (the floor),
and the first import of the article file. Prints rows/s, peak RSS, the ratios a/c, b/c, the
load average around the run and the row of the table in bench/RESULTS.md.
Needs the sqlite3 command-line tool (Debian: apt-get install sqlite3).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from appliance.demo import mutate_listini, write_art, write_listini_full  # noqa: E402
from appliance.demo.bigfiles import PROFILES  # noqa: E402

IMPORT = """
import sys
from pathlib import Path
from appliance.settings import load_settings
from appliance.store.db import Store
from appliance.store.migrations import migrate
from appliance.ingest.pipeline import import_batch
settings = load_settings({"data_dir": sys.argv[1]}, {})
settings.paths.ensure()
store = Store(settings.paths.database)
migrate(store)
(outcome,) = import_batch(store, settings, [Path(sys.argv[2])])
print(outcome.summary())
sys.exit(0 if outcome.result == "imported" else 1)
"""


def measured(command: list[str], **kwargs) -> tuple[float, float, str, float]:
    """Run a command; return (seconds, peak RSS in MB, stdout, CPU seconds: user + system, the
    processes it waited for included, so a first import's second process counts)."""
    start = time.perf_counter()
    # Output goes to files: a pipe read only after the process ends would stall it once full.
    with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
        process = subprocess.Popen(command, stdout=out_file, stderr=err_file, text=True, **kwargs)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed:\n{out}\n{err}")
    return seconds, usage.ru_maxrss / 1024, out.strip(), usage.ru_utime + usage.ru_stime


def import_file(data_dir: Path, path: Path) -> tuple[float, float, str, float]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return measured([sys.executable, "-c", IMPORT, str(data_dir), str(path)], env=env, cwd=REPO)


def sqlite_import(db: Path, path: Path) -> tuple[float, float, str, float]:
    if shutil.which("sqlite3") is None:
        raise SystemExit("the sqlite3 command-line tool is missing: apt-get install sqlite3")
    db.unlink(missing_ok=True)
    return measured(["sqlite3", str(db), "-cmd", ".mode csv", "-cmd", ".separator |", f".import {path} t"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", choices=PROFILES, default="sparse")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "ingest")
    args = parser.parse_args()
    out = args.out
    shutil.rmtree(out, ignore_errors=True)
    (out / "next").mkdir(parents=True)

    started = time.perf_counter()
    run_start = time.strftime("%H:%M", time.gmtime())
    listini = write_listini_full(out / "io_listini_full.dat", args.rows, articles=args.articles,
                                 profile=args.profile)
    art = write_art(out / "io_art.dat", args.articles)
    counts = mutate_listini(listini, out / "next" / "io_listini_full.dat")
    print(f"generated {args.rows:,} {args.profile} price rows ({listini.stat().st_size / 1e6:.0f} MB), {args.articles:,} "
          f"articles and the mutated copy ({counts}) in {time.perf_counter() - started:.1f}s")

    load_before = os.getloadavg()[0]
    c_time, c_rss, _, c_cpu = sqlite_import(out / "floor.db", listini)
    a_time, a_rss, a_out, a_cpu = import_file(out / "data", listini)
    b_time, b_rss, b_out, b_cpu = import_file(out / "data", out / "next" / "io_listini_full.dat")
    art_time, art_rss, art_out, _ = import_file(out / "data", art)

    rows = args.rows
    print(f"(a) first import of the price list : {a_time:7.2f}s {rows / a_time:10,.0f} rows/s  peak RSS {a_rss:6.0f} MB")
    print(f"    {a_out}")
    print(f"(b) re-import, 1%/0.5%/0.5% changed: {b_time:7.2f}s {counts['rows'] / b_time:10,.0f} rows/s  "
          f"peak RSS {b_rss:6.0f} MB")
    print(f"    {b_out}")
    print(f"(c) sqlite3 .import (floor)        : {c_time:7.2f}s {rows / c_time:10,.0f} rows/s  peak RSS {c_rss:6.0f} MB")
    print(f"    first import of io_art.dat     : {art_time:7.2f}s {args.articles / art_time:10,.0f} rows/s  "
          f"peak RSS {art_rss:6.0f} MB")
    first_target = 2.5 if args.profile == "long-texts" else 2.0
    print(f"a/c = {a_time / c_time:.2f}   b/c = {b_time / c_time:.2f}   (targets: a/c <= {first_target}, "
          f"b/c <= 1.5, peak RSS <= 300 MB)")
    print(f"CPU seconds (user + system): (a) {a_cpu:.2f}  (b) {b_cpu:.2f}  (c) {c_cpu:.2f}  "
          f"a/c {a_cpu / c_cpu:.2f}  b/c {b_cpu / c_cpu:.2f}  (work done, whatever else runs; a first import's "
          f"two processes add up)")
    print(f"load average (1 min) before (c): {load_before:.1f}, after (b): {os.getloadavg()[0]:.1f}; "
          f"{os.cpu_count()} CPUs")
    print("bench/RESULTS.md row:")
    print(f"| {args.profile}, {rows:,}, {run_start} | {a_time:.2f} s | {b_time:.2f} s | {c_time:.2f} s | "
          f"{a_time / c_time:.2f} | {b_time / c_time:.2f} | {a_rss:.0f} / {b_rss:.0f} MB |")


if __name__ == "__main__":
    main()
