"""GET /health over a real server: each state an operator or the tray must see."""

import shutil

from appliance import __version__
from tests.datfiles import CITTA_HEADER, citta_rows, write_dat
from tests.folderwatch.helpers import wait_for
from tests.service.conftest import Running


def test_a_fresh_service_is_ok_and_watching(running):
    reply = running.get("/health")
    assert reply.headers["Content-Type"].startswith("application/json")
    health = reply.json()
    assert health["status"] == "ok" and health["problems"] == []
    assert health["version"] == __version__
    assert health["uptime_seconds"] >= 0
    assert health["exchange"] == {"path": str(running.settings.exchange), "state": "present"}
    assert {name: f["state"] for name, f in health["folders"].items()} == {
        "gestionale": "watching", "multimedia": "watching", "reports": "watching"}
    assert health["last_import"] is None
    assert health["files"] == {"rejected": 0, "held": 0}
    assert health["license"]["state"] == "evaluation" and health["license"]["login_allowed"] is True
    assert "appliance license install" in health["license"]["message"]
    assert health["workers"]["erp"]["busy"] is False


def test_a_missing_exchange_folder_is_reported_and_nothing_is_created(settings):
    shutil.rmtree(settings.exchange)
    run = Running(settings).start()
    try:
        wait_for(lambda: run.health()["exchange"]["state"] == "missing", what="exchange missing")
        health = run.health()
        assert health["status"] == "degraded"
        assert health["problems"] == [f"exchange folder {settings.exchange} is missing"]
        assert {f["state"] for f in health["folders"].values()} == {"missing"}
        assert not settings.exchange.exists()  # an unmounted drive must not be replaced by an empty folder
    finally:
        run.stop()


def test_a_missing_subfolder_is_reported_then_resumed(running):
    shutil.rmtree(running.gestionale)
    wait_for(lambda: running.health()["folders"]["gestionale"]["state"] == "missing", what="missing")
    assert running.health()["problems"] == ["gestionale/ is missing"]
    running.gestionale.mkdir()
    wait_for(lambda: running.health()["status"] == "ok", what="resumed")


def test_the_last_import_and_waiting_files_are_shown(running, tmp_path):
    running.drop("io_citta.dat", write_dat(tmp_path / "a.dat", CITTA_HEADER, citta_rows(10)).read_bytes())
    running.settle()
    running.wait_batches(1)
    last = running.health()["last_import"]
    assert (last["file"], last["result"]) == ("io_citta.dat", "imported")
    assert last["time"]

    running.drop("io_citta.dat", write_dat(tmp_path / "b.dat", CITTA_HEADER, []).read_bytes())  # deletes all
    running.drop("io_zone.dat", b"CHIAVE|NOME\r\nN|Nord\r\nN|Nord again\r\n")  # duplicate key: rejected
    running.settle()
    running.wait_batches(2)
    health = running.health()
    assert health["files"] == {"rejected": 1, "held": 1}
    assert health["status"] == "degraded"
    assert "1 rejected file waits for an operator" in health["problems"]
    assert "1 held file waits for an operator" in health["problems"]
    assert health["folders"]["gestionale"]["work"]["since_start"] == {"imported": 1, "rejected": 1, "held": 1}


def test_waiting_files_are_counted_with_real_plurals(running):
    running.drop("io_zone.dat", b"CHIAVE|NOME\r\nN|Nord\r\nN|Nord again\r\n")  # duplicate key: rejected
    running.drop("io_agenti.dat", b"COD_DITTA|NOME\r\n1|Rossi\r\n")  # no key column: rejected
    running.settle()
    wait_for(lambda: running.health()["files"]["rejected"] == 2, what="two rejected files")
    problems = running.health()["problems"]
    assert "2 rejected files wait for an operator" in problems
    assert not [problem for problem in problems if "(s)" in problem]


def test_files_waiting_to_settle_are_listed(running):
    running.drop("io_citta.dat", b"CHIAVE\r\n")
    assert running.health()["folders"]["gestionale"]["pending_files"] == {"io_citta.dat": 8}


def test_other_modules_add_sections_and_a_broken_one_does_not_break_health(running):
    running.service.add_health("license", lambda: {"state": "valid", "expires": "2027-01-31"})
    running.service.add_health("catalog", lambda: 1 / 0)
    health = running.health()
    assert health["license"] == {"state": "valid", "expires": "2027-01-31"}
    assert "division by zero" in health["catalog"]["error"]
    assert health["version"] == __version__


def test_a_failed_batch_is_a_problem_until_a_batch_succeeds(running, tmp_path):
    archive = running.settings.paths.archive
    archive.rmdir()
    archive.write_text("not a folder")  # the archive cannot be written: moving the file fails
    running.drop("io_citta.dat", write_dat(tmp_path / "a.dat", CITTA_HEADER, citta_rows(3)).read_bytes())
    running.settle()
    wait_for(lambda: running.health()["workers"]["erp"]["failing"], what="the failure")
    health = running.health()
    assert health["status"] == "degraded"
    assert health["problems"][0].startswith("the last erp batch failed: ")
    assert (running.gestionale / "io_citta.dat").exists()  # committed, but left in place for the next try

    archive.unlink()
    running.service.watcher.rescan_now()
    running.wait_seen(running.gestionale / "io_citta.dat")
    running.settle()
    wait_for(lambda: running.health()["status"] == "ok", what="the retry")
    assert not (running.gestionale / "io_citta.dat").exists()
