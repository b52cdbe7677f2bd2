"""Which backups to keep: the newest of each of the last `keep_daily` days that have one, then the
newest of each of the `keep_weekly` weeks before those.

Days and weeks are the server's local ones (the day the operator sees); counting days
that have a backup, not calendar days, keeps a week-old good backup when the service
was off for a week. The newest good backup and every pre-migration backup (the way back
from an upgrade) are always kept; everything else is removed.
"""

from __future__ import annotations

from datetime import timedelta

from appliance.backups.records import Entry

PRE_MIGRATION = "pre-migration"


def to_remove(entries: list[Entry], keep_daily: int, keep_weekly: int) -> list[Entry]:
    """The entries rotation removes (`entries` newest first, as `list_backups` gives them)."""
    kept_days, kept_weeks, keep = set(), set(), set()
    for entry in entries:
        day = entry.created_at.astimezone().date()
        week = day - timedelta(days=day.weekday())
        if entry.reason == PRE_MIGRATION:
            keep.add(entry.path)
        elif day in kept_days or week in kept_weeks:
            continue
        elif len(kept_days) < keep_daily:
            kept_days.add(day)
            keep.add(entry.path)
        elif len(kept_weeks) < keep_weekly and week not in _weeks(kept_days):
            kept_weeks.add(week)
            keep.add(entry.path)
    newest_good = next((e for e in entries if e.good), None)
    if newest_good is not None:
        keep.add(newest_good.path)
    return [e for e in entries if e.path not in keep]


def _weeks(days: set) -> set:
    return {day - timedelta(days=day.weekday()) for day in days}
