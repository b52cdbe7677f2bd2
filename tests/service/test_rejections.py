"""A rejected file stops asking for attention once a later file of its table is imported or an operator
marks it as seen; a misnamed ERP file is rejected with the names it probably meant (real service)."""

from datetime import datetime, timezone

from appliance.ingest.rejections import dismiss, rejections
from tests.datfiles import CITTA_HEADER, citta_rows, write_dat


def _reject_zone(running):
    running.drop("io_zone.dat", b"CHIAVE|NOME\r\nN|Nord\r\nN|Nord again\r\n")  # duplicate key
    running.settle()


def test_a_corrected_file_clears_the_rejection(running):
    _reject_zone(running)
    running.wait_batches(1)
    assert running.health()["files"]["rejected"] == 1 and running.health()["status"] == "degraded"
    running.drop("io_zone.dat", b"CHIAVE|NOME\r\nN|Nord\r\nS|Sud\r\n")
    running.settle()
    running.wait_batches(2)
    health = running.health()
    assert health["files"]["rejected"] == 0 and health["status"] == "ok", health["problems"]
    (kept,) = rejections(running.store, running.settings)
    assert kept.state == "replaced" and kept.path.exists()  # kept in rejected/ for the record


def test_a_dismissed_rejection_is_kept_with_who_and_when(running):
    _reject_zone(running)
    running.wait_batches(1)
    (waiting,) = rejections(running.store, running.settings)
    assert waiting.state == "waiting"
    dismiss(running.settings, waiting.path.name, by="anna", at=datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc))
    (seen,) = rejections(running.store, running.settings)
    assert (seen.state, seen.dismissed_by, seen.dismissed_at) == ("dismissed", "anna", "2026-03-02T09:30:00+00:00")
    assert seen.path.exists()
    assert running.health()["files"]["rejected"] == 0 and running.health()["status"] == "ok"


def test_a_rejection_of_another_table_stays(running, tmp_path):
    _reject_zone(running)
    running.wait_batches(1)
    running.drop("io_citta.dat", write_dat(tmp_path / "c.dat", CITTA_HEADER, citta_rows(3)).read_bytes())
    running.settle()
    running.wait_batches(2)
    assert running.health()["files"]["rejected"] == 1


def test_a_misnamed_erp_file_is_rejected_with_the_names_it_meant(running):
    running.drop("io_clifor.dat", b"CHIAVE|CODICE|DATA\r\n1|C1|31022026\r\n")
    running.settle()
    running.wait_batches(1)
    last = running.health()["last_import"]
    assert last["result"] == "rejected"
    assert last["message"].startswith("io_clifor.dat is not a known ERP file; did you mean io_clifor_gen.dat")
    assert running.health()["files"]["rejected"] == 1
