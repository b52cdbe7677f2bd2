"""Rotation keeps the newest of the last days and weeks; the daily backup is due after backup_at (injected clock)."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from appliance.backups.records import list_backups
from appliance.backups.work import BackupWork

ROME = ZoneInfo("Europe/Rome")


def at(day: int, hour: int = 2, minute: int = 30) -> datetime:
    """A moment in November 2026, Rome time (2 November is a Monday)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=ROME)


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_rotation_keeps_the_newest_of_each_recent_day_and_week_and_pre_migration_backups(api, world):
    settings = api.settings.replace(backup_keep_daily=3, backup_keep_weekly=2)
    clock = Clock(at(1, 9))
    work = BackupWork(settings, clock=clock)
    work.run("pre-migration")
    for day in range(2, 23):
        clock.now = at(day)
        work.run("scheduled")
    clock.now = at(22, 15)
    work.run("manual")  # a second one on the last day: the older one of that day goes

    kept = [e.created_at.astimezone(ROME).strftime("%d %H:%M") + " " + e.reason
            for e in list_backups(settings.backup_dir)]
    # Days 22, 21, 20 (week of 16-22); weeks before: 9-15 (its newest: the 15th), 2-8 (the 8th); and the
    # pre-migration backup of the 1st.
    assert kept == ["22 15:30 manual", "21 02:30 scheduled", "20 02:30 scheduled", "15 02:30 scheduled",
                    "08 02:30 scheduled", "01 09:30 pre-migration"]
    assert all(e.good for e in list_backups(settings.backup_dir))
    records = sorted(p.name for p in settings.backup_dir.glob("*.json") if p.name != "status.json")
    assert len(records) == len(kept)  # a removed archive's record goes with it


def test_the_daily_backup_is_due_after_backup_at_and_once_per_day(api, world):
    clock = Clock(at(10, 14))
    work = BackupWork(api.settings.replace(backup_at="02:30"), clock=clock, started_at=at(10, 14))
    assert work.due() is False  # a fresh start does not back up at once
    clock.now = at(11, 2, 29)
    assert work.due() is False
    clock.now = at(11, 2, 31)
    assert work.due() is True
    assert work.run_if_due() is True  # started in the background
    assert work.wait(60)
    assert work.due() is False and work.run_if_due() is False
    clock.now = at(12, 2, 29)
    assert work.due() is False
    clock.now = at(12, 8, 0)  # the service was off at 02:30: it catches up when it runs again
    assert work.due() is True
    assert [e.reason for e in list_backups(api.settings.backup_dir)] == ["scheduled"]


def test_rotation_removes_what_a_killed_backup_left_behind_after_a_day(api, world):
    folder = api.settings.backup_dir
    folder.mkdir(parents=True, exist_ok=True)
    old, fresh = folder / ".partial-appliance-backup-x.tar.zst", folder / ".partial-appliance-backup-y.tar.zst"
    (folder / ".copy-abc").mkdir()
    for path in (old, fresh, folder / ".copy-abc" / "appliance.db"):
        path.write_bytes(b"half")
    day_ago = (datetime.now(ROME) - timedelta(days=1, minutes=1)).timestamp()
    for path in (old, folder / ".copy-abc"):
        os.utime(path, (day_ago, day_ago))
    BackupWork(api.settings).rotate()
    assert not old.exists() and not (folder / ".copy-abc").exists() and fresh.exists()
