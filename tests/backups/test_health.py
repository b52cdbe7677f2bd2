"""/health's backups section; the tray turns amber and says why when backups are stale or a drill failed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import requests

from appliance.backups.records import write_record
from appliance.backups.work import backup_and_drill, drill
from tray.status import AMBER, GREEN, tray_status


def health(api) -> dict:
    return requests.get(api.url + "/health", timeout=10).json()


def test_health_shows_the_last_backup_and_its_drill(api, world):
    assert health(api)["backups"]["last"] is None and health(api)["backups"]["problem"] is None
    backup, _ = backup_and_drill(api.settings, reason="manual")
    section = health(api)["backups"]
    assert section["last"]["name"] == backup.path.name and section["last"]["size"] == backup.size
    assert section["last"]["drill"]["ok"] is True and section["last_good_at"] == section["last"]["created_at"]
    assert section["problem"] is None and section["dir"] == str(api.settings.backup_dir)


def test_a_failed_drill_turns_the_tray_amber_with_the_reason(api, world):
    backup, result = backup_and_drill(api.settings, reason="manual")
    assert tray_status(health(api)).colour == GREEN
    data = bytearray(backup.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    backup.path.write_bytes(bytes(data))
    write_record(backup.path, {"drill": drill(backup.path, api.settings), "schema_version": "x"})

    report = health(api)
    assert report["status"] == "degraded"
    assert any(p.startswith("the restore drill of the last backup failed") for p in report["problems"])
    status = tray_status(report)
    assert status.colour == AMBER and "restore drill" in status.line


def test_no_good_backup_for_two_days_turns_the_tray_amber(api, world):
    backup_and_drill(api.settings, reason="manual")
    now = datetime.now(timezone.utc)
    api.service.backups.clock = lambda: now + timedelta(days=1, hours=23)
    assert health(api)["backups"]["problem"] is None
    api.service.backups.clock = lambda: now + timedelta(days=2, minutes=1)
    report = health(api)
    assert "no good backup for more than 2 days" in report["backups"]["problem"]
    assert tray_status(report).colour == AMBER and "no good backup" in tray_status(report).line
