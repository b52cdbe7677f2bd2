"""`appliance backup | backups | restore | journal replay`: copies of the data and the way back."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from appliance.backups.errors import BackupError
from appliance.backups.records import list_backups
from appliance.backups.replay import replay
from appliance.backups.restore import after_restore, restore
from appliance.backups.work import BackupWork, backup_and_drill
from appliance.cli import add_command
from appliance.cli._common import add_group, print_table
from appliance.errors import InvalidInputError
from appliance.store.db import open_store


def register(subparsers, common) -> None:
    backup = add_command(subparsers, common, "backup", run_backup, "Back up the database, settings, license and "
                         "keys now into one archive, then restore it into a scratch folder to check it.",
                         "appliance backup --to E:\\AppManager-backups")
    backup.add_argument("--to", metavar="DIR", help="write the archive here instead of backup_dir (no rotation)")
    listing = add_command(subparsers, common, "backups", run_list, "List the backups (newest first) with the "
                          "result of their restore drill.", "appliance backups")
    listing.add_argument("--json", action="store_true", help="print JSON")
    back = add_command(subparsers, common, "restore", run_restore, "Put a backup back (the service must be "
                       "stopped): checks it, keeps the current files aside, restores, replays the document journal.",
                       "appliance restore appliance-backup-20261203T023000Z-scheduled.tar.zst")
    back.add_argument("archive", metavar="ARCHIVE", help="an archive file, or its name in backup_dir")
    actions = add_group(subparsers, common, "journal", "The document journal of every accepted upload.",
                        "appliance journal replay --since 2026-12-01T00:00:00+00:00")
    again = add_command(actions, common, "replay", run_replay, "Store again the journaled uploads the database "
                        "lacks (idempotent by guid: a second replay stores nothing).",
                        "appliance journal replay --since 2026-12-01T00:00:00+00:00")
    again.add_argument("--since", metavar="TIME", help="only uploads received at or after this ISO time")


def run_backup(args, settings) -> int:
    settings.paths.ensure()
    if not settings.paths.database.exists():
        raise BackupError(f"There is no database in {settings.data_dir} to back up yet.")
    if args.to:
        backup, drill = backup_and_drill(settings, reason="manual", to=Path(args.to))
    else:
        backup = BackupWork(settings).run("manual")
        drill = next(e for e in list_backups(settings.backup_dir) if e.path == backup.path).drill
    print(f"backup written: {backup.path} ({backup.size:,} bytes, {backup.seconds:.1f} s)")
    print("restore drill: " + ("passed" if drill["ok"] else f"FAILED: {drill['reason']}"))
    return 0 if drill["ok"] else 1


def run_list(args, settings) -> int:
    rows = [entry.as_dict() for entry in list_backups(settings.backup_dir)]
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print_table([{**row, "drill": _drill_text(row["drill"])} for row in rows],
                ["name", "created_at", "reason", "size", "drill"])
    return 0


def _drill_text(drill: dict | None) -> str:
    if not drill:
        return "not checked"
    return "passed" if drill["ok"] else f"FAILED: {drill['reason']}"


def run_restore(args, settings) -> int:
    archive = Path(args.archive)
    if not archive.exists() and (settings.backup_dir / archive.name).exists():
        archive = settings.backup_dir / archive.name
    done = restore(settings, archive)
    print(f"restored {archive.name} (taken {done.manifest.get('created_at')}); the replaced files are in {done.aside}")
    replayed = after_restore(settings, open_store(settings), done)
    print(f"document journal: {replayed.stored} document(s) received after the backup stored again, "
          f"{replayed.skipped} entries already in the backup, {replayed.refused} refused")
    print("the iPads sync in full at their next sync.")
    return 0


def run_replay(args, settings) -> int:
    since = _time(args.since) if args.since else None
    done = replay(open_store(settings), settings, settings.paths.journal, since=since)
    print(json.dumps(done.as_dict()))
    return 0


def _time(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(f"--since {text!r} is not an ISO time such as 2026-12-01T00:00:00+00:00.") from None
    return moment if moment.tzinfo else moment.astimezone()  # a time without zone is local time
