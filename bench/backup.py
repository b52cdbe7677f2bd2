"""Backup benchmark on the device-sync data set (1,000,000 price rows), against real processes.

    python3 bench/backup.py [--reuse] [--only 1|2|3] [--out bench/out/backup] [--devices 50] [--device-seconds 30]
                            [--pairs 3]

Builds (or with --reuse keeps) the data dir of bench/sync.py, then measures:
  1. `appliance backup`'s archive (online copy, manifest, zstd) against a plain `cp` of the
     database file, in the same run, each twice, best of two (target: backup <= 3x cp);
     the restore drill of that archive is timed apart;
  2. 50 devices paging their price list for a bounded time while backups are taken one after
     the other in the benchmark process, on a thread of low priority as the service's backup
     thread: page p99 and errors (target p99 <= 1.5 s, 0 errors);
     the same devices without a backup first, as the reference;
  3. 1,000 order uploads (bench/sync.py step 4) with the document journal and with its
     append switched off in the server process, alternated `--pairs` times: overhead of the
     medians (target <= 10%).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from argparse import Namespace
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import sync  # noqa: E402  (bench/sync.py: the data set, the server, the device and upload clients)
from appliance.backups.archive import take_backup  # noqa: E402
from appliance.backups.journal import Journal  # noqa: E402
from appliance.backups.priority import lower_this_thread  # noqa: E402
from appliance.backups.work import drill  # noqa: E402
from appliance.settings import load_settings  # noqa: E402

NO_JOURNAL = ("import sys; import appliance.backups.journal as j; j.Journal.append = lambda self, entry: None; "
              "from appliance.cli import main; sys.exit(main(sys.argv[1:]))")


class Server(sync.Server):
    """bench/sync.py's server; with `journal=False` its journal appends nothing (the reference)."""

    def __init__(self, out: Path, journal: bool = True):
        if journal:
            super().__init__(out)
            return
        original = subprocess.Popen

        def without_journal(command, **kwargs):
            return original([sys.executable, "-c", NO_JOURNAL, *command[3:]], **kwargs)

        subprocess.Popen = without_journal
        try:
            super().__init__(out)
        finally:
            subprocess.Popen = original


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def copy_against_backup(settings, scratch: Path) -> None:
    database = settings.paths.database
    copies, backups = [], []
    for round_ in range(2):
        target = scratch / f"cp-{round_}.db"
        copies.append(timed(lambda: subprocess.run(["cp", str(database), str(target)], check=True)))
        target.unlink()
        made = []
        backups.append(timed(lambda: made.append(take_backup(settings, reason="manual", to=scratch / "archives"))))
    backup = made[0]
    checked = drill(backup.path, settings)
    ratio = min(backups) / min(copies)
    size = database.stat().st_size
    print(f"1. database {size:,} bytes: cp {min(copies):.2f} s (runs {', '.join(f'{c:.2f}' for c in copies)}); "
          f"backup {min(backups):.2f} s (runs {', '.join(f'{b:.2f}' for b in backups)}), archive "
          f"{backup.size:,} bytes; ratio {ratio:.2f} (target <= 3) {'OK' if ratio <= 3 else 'OVER'}; "
          f"restore drill {checked.get('seconds')} s, {'passed' if checked['ok'] else checked['reason']}")


def devices_during_backups(settings, server, agents: int, args, scratch: Path) -> None:
    base = sync.devices_at_once(server.url, agents, args.devices, args.device_seconds, args.device_limit)
    stop, taken = threading.Event(), []

    def keep_backing_up() -> None:
        lower_this_thread()  # as the service's backup thread does
        while not stop.is_set():
            taken.append(timed(lambda: take_backup(settings, reason="manual", to=scratch / "during")))
            shutil.rmtree(scratch / "during", ignore_errors=True)

    worker = threading.Thread(target=keep_backing_up)
    worker.start()
    try:
        crowd = sync.devices_at_once(server.url, agents, args.devices, args.device_seconds, args.device_limit)
    finally:
        stop.set()
        worker.join()
    ok = not crowd["errors"] and crowd["p99"] <= 1.5
    print(f"2. {args.devices} devices for {args.device_seconds:g}s ({args.device_limit} rows per page): without "
          f"backups {base['pages']:,} pages, p50 {base['p50'] * 1000:.0f} ms, p99 {base['p99'] * 1000:.0f} ms, "
          f"{base['errors']} errors; during {len(taken)} backups ({', '.join(f'{t:.1f}' for t in taken)} s each) "
          f"{crowd['pages']:,} pages, p50 {crowd['p50'] * 1000:.0f} ms, p99 {crowd['p99'] * 1000:.0f} ms, "
          f"{crowd['errors']} errors (target p99 <= 1500 ms, 0 errors) {'OK' if ok else 'OVER'} {crowd['first_error']}")


def journal_overhead(out: Path, args) -> None:
    rates = {True: [], False: []}
    for journal in (True, False) * args.pairs:
        server = Server(out, journal=journal)
        try:
            sent = sync.uploads(server.url, args.orders, 10, 0.05)
        finally:
            server.stop()
        if sent["other"] or sent["created"] != args.orders:
            raise SystemExit(f"uploads went wrong: {sent}")
        rates[journal].append(sent["per_second"])
    alone = append_alone(out, args.orders)
    with_journal, without = statistics.median(rates[True]), statistics.median(rates[False])
    overhead = 1 - with_journal / without
    print(f"3. {args.orders:,} order uploads (20 lines, 10 clients, 5% twice): with the journal "
          f"{', '.join(f'{r:.0f}' for r in rates[True])}/s, without {', '.join(f'{r:.0f}' for r in rates[False])}/s; "
          f"medians {with_journal:.0f} and {without:.0f}/s: overhead {overhead:.1%} (target <= 10%) {'OK' if overhead <= 0.10 else 'OVER'}; "
          f"one journal append (fsync) alone, one after the other: {alone * 1000:.2f} ms")


def append_alone(out: Path, count: int) -> float:
    """Seconds per append of an upload-sized entry to a journal on the same disk, one after the other."""
    body = json.dumps(sync.order("bench-journal", 20))
    folder = Path(tempfile.mkdtemp(prefix="journal-", dir=out))
    journal = Journal(folder, max_bytes=16_000_000, keep_days=30)
    try:
        started = time.perf_counter()
        for number in range(count):
            journal.append({"at": "2026-12-03T00:00:00+00:00", "guids": [f"g{number}"], "body": body})
        return (time.perf_counter() - started) / count
    finally:
        journal.close()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", action="store_true", help="keep the data dir of a previous run (skip the build)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "backup")
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--device-seconds", type=float, default=30)
    parser.add_argument("--device-limit", type=int, default=1000)
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=3, help="upload runs with and without the journal, alternated")
    parser.add_argument("--only", type=int, choices=(1, 2, 3), help="run one step only")
    args = parser.parse_args()
    out = args.out
    print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs")
    if not (args.reuse and (out / "data" / "appliance.db").exists()):
        sync.build(out, Namespace(customers=50_000, articles=100_000, prices=1_000_000))
    settings = load_settings({"data_dir": str(out / "data")}, sync.environ(out))
    scratch = Path(tempfile.mkdtemp(prefix="bench-backup-", dir=out))
    try:
        if args.only in (None, 1):
            copy_against_backup(settings, scratch)
        if args.only in (None, 2):
            server = Server(out)
            try:
                warm = sync.login(server.url, "agent02", "bench-warm")  # the first sync builds the scope indexes
                sync.requests.get(server.url + "/api/v1/sync", headers=warm, timeout=600).raise_for_status()
                devices_during_backups(settings, server, 25, args, scratch)
            finally:
                server.stop()
        if args.only in (None, 3):
            journal_overhead(out, args)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
