"""Commands for ERP files: import, check, the import log and held snapshots."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from appliance.cli import add_command
from appliance.cli._common import add_group, print_table
from appliance.ingest.disposal import dispose
from appliance.logs import setup_logging
from appliance.store.db import Store, open_store


def register(subparsers, common) -> None:
    sub = add_command(
        subparsers, common, "import", run_import,
        help="Import ERP files now, in place (safe while the service runs).",
        description="Validate the given io_*.dat files and commit every good one in one transaction. "
                    "Files stay where they are. Exit 0 if every file was imported or skipped as identical, "
                    "1 if any was rejected or held; the report goes to stderr.",
        example="appliance import D:\\Exchange\\gestionale\\io_art.dat D:\\Exchange\\gestionale\\io_listini_full.dat\n"
                "appliance import --force io_clifor_gen.dat   # apply even if it deletes most customers")
    sub.add_argument("files", nargs="+", metavar="FILE", help="io_*.dat files")
    sub.add_argument("--force", action="store_true",
                     help="apply snapshots even when they delete more than max_delete_ratio of a table")

    sub = add_command(
        subparsers, common, "check", run_check,
        help="Validate ERP files without storing anything.",
        description="Check the given files exactly as an import would and print the same report; nothing "
                    "is stored. Exit 0 if every file is valid, 1 otherwise.",
        example="appliance check io_listini_full.dat")
    sub.add_argument("files", nargs="+", metavar="FILE", help="io_*.dat files")

    sub = add_command(
        subparsers, common, "imports", run_imports,
        help="List the latest imports (newest first).",
        example="appliance imports --result rejected --limit 20")
    sub.add_argument("--limit", type=int, default=30, help="how many (default 30)")
    sub.add_argument("--result", choices=("imported", "skipped", "rejected", "held"), help="only this result")
    sub.add_argument("--id", type=int, dest="import_id", help="show one import with its problems")

    held = add_group(subparsers, common, "held",
                     help="Snapshots held because they would delete too much: list, apply or discard.",
                     example="appliance held list\nappliance held apply 20261129-061500-io_art")
    add_command(held, common, "list", run_held_list, help="List held snapshots.", example="appliance held list")
    sub = add_command(held, common, "apply", run_held_apply, help="Apply a held snapshot despite the deletions.",
                      example="appliance held apply 20261129-061500-io_art")
    sub.add_argument("name", help="the name shown by `appliance held list`")
    sub = add_command(held, common, "discard", run_held_discard, help="Delete a held snapshot unapplied.",
                      example="appliance held discard 20261129-061500-io_art")
    sub.add_argument("name", help="the name shown by `appliance held list`")


def _report(outcomes) -> int:
    failed = 0
    for outcome in outcomes:
        if outcome.ok:
            print(outcome.summary())
            for line in outcome.report.lines():
                print("  " + line)
        else:
            failed += 1
            sys.stderr.write(outcome.report_text())
    return 1 if failed else 0


def run_import(args, settings) -> int:
    from appliance.ingest.pipeline import import_batch

    setup_logging(settings, console=False)
    store = open_store(settings)
    paths = [Path(f) for f in args.files]
    outcomes = import_batch(store, settings, paths, force=args.force)
    for outcome in outcomes:
        dispose(store, settings, outcome, move=False, today=date.today())
    return _report(outcomes)


def run_check(args, settings) -> int:
    from appliance.ingest.pipeline import check_files

    settings.paths.work.mkdir(parents=True, exist_ok=True)
    store = open_store(settings) if settings.paths.database.exists() else None
    return _report(check_files(store, settings, [Path(f) for f in args.files]))


def run_imports(args, settings) -> int:
    from appliance.store.imports import get_import, list_imports

    store = open_store(settings)
    if args.import_id:
        entry = get_import(store, args.import_id)
        if entry is None:
            print(f"no import with id {args.import_id}", file=sys.stderr)
            return 1
        _print_entry(entry)
        return 0
    rows = list_imports(store, limit=args.limit, result=args.result)
    for row in rows:
        row["rows"] = (f"{row['rows_read']} read, +{row['rows_new']} ~{row['rows_changed']} "
                       f"-{row['rows_deleted']}")
        row["when"] = row["finished_at"].replace("T", " ")[:19]
    print_table(rows, ["id", "when", "file_name", "result", "rows", "seconds", "message"])
    return 0


def _print_entry(entry: dict) -> None:
    for key in ("id", "file_name", "table_name", "result", "message", "started_at", "finished_at", "seconds",
                "rows_read", "rows_new", "rows_changed", "rows_deleted", "rows_unchanged", "encoding", "md5",
                "source_path", "stored_path", "errors_count", "warnings_count"):
        print(f"{key:15} {entry.get(key)}")
    for problem in entry["problems"]:
        where = ", ".join(x for x in (f"line {problem['line']}" if problem["line"] else "",
                                      problem["column"] or "") if x)
        value = f" '{problem['value']}'" if problem["value"] is not None else ""
        print(f"  {problem['severity']}: {where}{value}: {problem['reason']}")


def run_held_list(args, settings) -> int:
    from appliance.ingest.held import list_held

    held = list_held(settings)
    if not held:
        print("no held files")
        return 0
    print_table([{"name": h.name, "file": h.path.name, "bytes": h.size,
                  "held_at": h.held_at.strftime("%Y-%m-%d %H:%M"),
                  "reason": h.report.splitlines()[0] if h.report else ""} for h in held],
                ["name", "file", "bytes", "held_at", "reason"])
    return 0


def run_held_apply(args, settings) -> int:
    from appliance.ingest.held import apply_held

    setup_logging(settings, console=False)
    store: Store = open_store(settings)
    return _report([apply_held(store, settings, args.name)])


def run_held_discard(args, settings) -> int:
    from appliance.ingest.held import discard_held

    setup_logging(settings, console=False)
    discard_held(settings, args.name)
    print(f"discarded {args.name}")
    return 0
