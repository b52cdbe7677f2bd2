"""Restore puts a backup back and the journal brings back what came after it, exactly once."""

from __future__ import annotations

import json
import os
import threading
from datetime import datetime, timedelta, timezone

import pytest

from appliance.backups.journal import Journal, journal_files, read_entries
from appliance.backups.replay import replay
from appliance.backups.work import backup_and_drill
from appliance.cli import main
from appliance.store.db import open_store
from appliance.service import run_service
from tests.backups.conftest import order, stored_count, upload
from tests.device.conftest import DeviceApi


@pytest.fixture
def cli_environment(monkeypatch, signer):
    monkeypatch.setenv("APPLIANCE_DEV_TRUSTED_KEY", str(signer.public_key))
    monkeypatch.setenv("APPLIANCE_PROJECT", "ROSSI")


def cli(settings, *words) -> int:
    return main([*words, "--data-dir", str(settings.data_dir), "--exchange", str(settings.exchange)])


def test_every_upload_is_in_the_journal_before_it_is_answered(api, world):
    guid = upload(api)
    upload(api, guid)  # a retry is journaled too: replay skips it by guid
    entries = list(read_entries(api.settings.paths.journal))
    assert [e["guids"] for e in entries] == [[guid], [guid]]
    first = entries[0]
    assert (first["username"], first["device_id"], first["kind"], first["route"]) == \
        ("mrossi", "ipad-1", "orders", "/api/v1/documents/orders")
    assert json.loads(first["body"])["guid"] == guid


def test_restore_then_journal_replay_brings_back_later_orders_exactly_once(api, world, cli_environment, capsys):
    settings = api.settings
    early = [upload(api) for _ in range(2)]
    backup, _ = backup_and_drill(settings, reason="manual")
    late = [upload(api) for _ in range(3)]
    batch = api.post("/api/v1/documents", json={"documents": [
        {"kind": "orders", "document": order("batch-order-1")}]})
    assert batch.status_code == 200 and batch.json()["results"][0]["status"] == 201
    api.stop()

    assert cli(settings, "restore", backup.path.name) == 0

    printed = capsys.readouterr().out
    assert "4 document(s) received after the backup stored again" in printed
    store = open_store(settings)
    for guid in early + late + ["batch-order-1"]:
        assert stored_count(store, guid) == 1
    aside = list(settings.data_dir.glob("before-restore-*"))
    assert len(aside) == 1 and (aside[0] / "appliance.db").is_file()
    again = replay(store, settings, settings.paths.journal)
    assert (again.stored, again.refused, again.skipped) == (0, 0, again.entries)
    assert cli(settings, "journal", "replay") == 0
    assert json.loads(capsys.readouterr().out)["stored"] == 0
    store.close()


def test_restore_is_refused_while_the_service_runs(api, world, cli_environment, capsys):
    backup, _ = backup_and_drill(api.settings, reason="manual")
    api.stop()
    ready, stop = threading.Event(), threading.Event()
    settings = api.settings.replace(port=0, https_port=0)
    runner = threading.Thread(target=run_service, args=(settings,),
                              kwargs={"on_ready": lambda service, url: ready.set(), "stop_event": stop})
    runner.start()
    try:
        assert ready.wait(30)
        assert cli(settings, "restore", str(backup.path)) == 2
    finally:
        stop.set()
        runner.join(30)
    error = capsys.readouterr().err
    assert "The appliance service is running" in error and "appliance service stop" in error
    assert not list(settings.data_dir.glob("before-restore-*"))
    assert cli(settings, "restore", str(backup.path)) == 0  # stopped: now it goes


def test_the_journal_rotates_by_size_and_keeps_journal_days(tmp_path):
    now = [datetime(2026, 11, 1, tzinfo=timezone.utc)]
    journal = Journal(tmp_path / "journal", max_bytes=2_000, keep_days=30, clock=lambda: now[0])
    for number in range(30):
        journal.append({"at": now[0].isoformat(), "guids": [f"g{number}"], "body": "x" * 200})
        now[0] += timedelta(seconds=1)
    files = journal_files(tmp_path / "journal")
    assert len(files) >= 3 and all(f.stat().st_size < 2_000 + 400 for f in files)
    assert [e["guids"][0] for e in read_entries(tmp_path / "journal")] == [f"g{n}" for n in range(30)]
    old = files[0]
    in_old = len(old.read_bytes().splitlines())
    stamp = (now[0] - timedelta(days=31)).timestamp()
    os.utime(old, (stamp, stamp))
    assert journal.purge() == [old.name]
    with open(files[-1], "ab") as torn:  # a crash in the middle of a line
        torn.write(b'{"at": "2026-11-01T00:0')
    assert [e["guids"][0] for e in read_entries(tmp_path / "journal")] == [f"g{n}" for n in range(in_old, 30)]


def test_threads_appending_at_once_lose_no_entry_across_file_switches(tmp_path):
    journal = Journal(tmp_path / "journal", max_bytes=10_000, keep_days=30)
    threads = [threading.Thread(target=lambda n=n: [journal.append({"at": "2026-11-01T00:00:00+00:00",
                                                                   "guids": [f"t{n}-{i}"], "body": "y" * 100})
                                                   for i in range(50)]) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    journal.close()
    guids = [e["guids"][0] for e in read_entries(tmp_path / "journal")]
    assert sorted(guids) == sorted(f"t{n}-{i}" for n in range(8) for i in range(50))
    assert len(journal_files(tmp_path / "journal")) > 1


def test_after_a_restore_devices_get_410_and_sync_in_full(api, world, cli_environment, signer):
    settings = api.settings
    backup, _ = backup_and_drill(settings, reason="manual")
    before = api.sync_all("io_listini_full")  # a cursor of the history the restore replaces
    api.stop()
    assert cli(settings, "restore", str(backup.path)) == 0

    restarted = DeviceApi(settings, signer).start()
    try:
        stale = restarted.get("/api/v1/sync/io_listini_full", params={"since": before["next"]})
        assert stale.status_code == 410 and stale.json()["reason"] == "resync_required"
        again = restarted.sync_all("io_listini_full")
        assert again["full"] and set(again["rows"]) == set(before["rows"])
        fresh = restarted.get("/api/v1/sync/io_listini_full", params={"since": again["next"]})
        assert fresh.status_code == 200 and fresh.json()["rows"] == []
    finally:
        restarted.stop()
