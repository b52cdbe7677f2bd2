"""The whole loop with the real pipeline: files dropped into gestionale/ end up imported and archived."""

import os
import subprocess
import sys
import textwrap
from datetime import date

from appliance.ingest.pipeline import import_batch
from appliance.store.erp import table_state
from appliance.store.imports import list_imports
from tests.datfiles import CITTA_HEADER, citta_rows, write_dat
from tests.folderwatch.helpers import free_port, wait_for, wait_ticks
from tests.service.conftest import Running

CONFLICTED = "io_citta (Server's conflicted copy 2026-11-28).dat"


def citta_bytes(tmp_path, rows, **options):
    return write_dat(tmp_path / "source.dat", CITTA_HEADER, citta_rows(rows, **options)).read_bytes()


def archived(settings, name):
    return settings.paths.archive / date.today().isoformat() / name


def test_a_dropped_file_is_imported_and_moved_to_the_archive(running, tmp_path):
    running.drop("io_citta.dat", citta_bytes(tmp_path, 3))
    running.settle()
    running.wait_batches()
    assert table_state(running.store, "io_citta")["live_rows"] == 3
    assert not (running.gestionale / "io_citta.dat").exists()
    assert archived(running.settings, "io_citta.dat").exists()
    assert [r["result"] for r in list_imports(running.store)] == ["imported"]


def test_a_file_written_slowly_in_chunks_is_imported_once_and_complete(running, tmp_path):
    content = citta_bytes(tmp_path, 300)
    path = running.gestionale / "io_citta.dat"
    for start in range(0, len(content), 4000):
        with path.open("ab") as handle:
            handle.write(content[start:start + 4000])
        running.wait_seen(path)
        running.clock.advance(9)  # less than the settle time between two chunks
    running.settle()
    running.wait_batches()
    assert table_state(running.store, "io_citta")["live_rows"] == 300
    assert len(list_imports(running.store)) == 1
    assert archived(running.settings, "io_citta.dat").read_bytes() == content


def test_files_dropped_together_commit_together(running, tmp_path):
    running.drop("io_citta.dat", citta_bytes(tmp_path, 5))
    running.drop("io_zone.dat", b"CHIAVE|NOME\r\nN|Nord\r\nS|Sud\r\n")  # a custom layout the ERP added
    running.settle()
    running.wait_batches()
    log = list_imports(running.store)
    assert sorted(r["file_name"] for r in log) == ["io_citta.dat", "io_zone.dat"]
    assert {r["result"] for r in log} == {"imported"}
    assert len({r["batch_id"] for r in log}) == 1  # one transaction


def test_a_conflicted_copy_is_moved_to_rejected_and_not_imported(running, tmp_path):
    running.drop("io_citta.dat", citta_bytes(tmp_path, 4))
    running.drop(CONFLICTED, citta_bytes(tmp_path, 9))
    running.settle()
    running.wait_batches()
    assert table_state(running.store, "io_citta")["live_rows"] == 4
    assert [r["file_name"] for r in list_imports(running.store)] == ["io_citta.dat"]
    rejected = running.settings.paths.rejected
    assert (rejected / CONFLICTED).exists()
    report = (rejected / (CONFLICTED + ".errors.txt")).read_text(encoding="utf-8")
    assert "conflicted copy of io_citta.dat" in report
    assert "rename it to io_citta.dat" in report
    assert running.health()["files"]["rejected"] == 1
    assert os.listdir(running.gestionale) == []


def test_a_case_variant_of_a_file_in_the_same_batch_is_a_conflict(running, tmp_path):
    running.drop("io_citta.dat", citta_bytes(tmp_path, 4))
    running.drop("IO_CITTA.dat", citta_bytes(tmp_path, 7))
    running.settle()
    running.wait_batches()
    assert table_state(running.store, "io_citta")["live_rows"] == 4
    report = (running.settings.paths.rejected / "IO_CITTA.dat.errors.txt").read_text(encoding="utf-8")
    assert "differs only in letter case" in report


def test_after_a_crash_between_commit_and_move_the_file_is_imported_again_and_skipped(settings, tmp_path):
    path = write_dat(settings.exchange / "gestionale" / "io_citta.dat", CITTA_HEADER, citta_rows(6))
    crash = textwrap.dedent(f"""
        import os, sys
        from appliance.ingest import disposal
        from appliance.service import run_service
        from appliance.settings import load_settings
        disposal.dispose = lambda *args, **kwargs: os._exit(3)  # the power fails right after the commit
        sys.exit(run_service(load_settings({{"data_dir": {str(settings.data_dir)!r},
            "exchange": {str(settings.exchange)!r}, "settle_seconds": 0, "port": {free_port()}, "https_port": 0}}, environ={{}})))
    """)
    crashed = subprocess.run([sys.executable, "-c", crash], capture_output=True, text=True, timeout=120)
    assert crashed.returncode == 3, crashed.stderr
    assert path.exists()

    run = Running(settings).start()
    try:
        assert [r["result"] for r in list_imports(run.store)] == ["imported"]  # committed before the crash
        run.wait_seen(path)
        run.settle()
        run.wait_batches()
        assert [r["result"] for r in list_imports(run.store)] == ["skipped", "imported"]
        assert table_state(run.store, "io_citta")["live_rows"] == 6
        assert not path.exists()
        assert archived(settings, "io_citta.dat").exists()
    finally:
        run.stop()


def test_a_file_committed_by_the_command_line_meanwhile_is_skipped(running, tmp_path, settings):
    source = write_dat(tmp_path / "io_citta.dat", CITTA_HEADER, citta_rows(2))
    import_batch(running.store, settings, [source])  # `appliance import` while the service runs
    running.drop("io_citta.dat", source.read_bytes())
    running.settle()
    running.wait_batches()
    assert [r["result"] for r in list_imports(running.store)] == ["skipped", "imported"]
    wait_for(lambda: archived(settings, "io_citta.dat").exists(), what="the archived file")


def test_archive_days_older_than_archive_days_are_deleted_at_start(settings):
    old, recent = (settings.paths.archive / day for day in ("2000-01-01", date.today().isoformat()))
    for folder in (old, recent):
        folder.mkdir(parents=True)
        (folder / "io_citta.dat").write_bytes(b"x")
    run = Running(settings).start()
    try:
        assert not old.exists()
        assert (recent / "io_citta.dat").exists()
    finally:
        run.stop()


def test_the_demo_export_runs_through_the_whole_loop_unattended(running):
    from appliance.demo.generator import generate_export

    written = generate_export(running.gestionale, customers=20, agents=2, articles=100)
    wait_for(lambda: running.health()["folders"]["gestionale"]["pending"] == len(written), what="every file")
    wait_ticks(running.service.watcher, 2)  # a full look after the last write: every final size is seen
    running.settle()
    running.wait_batches()
    log = list_imports(running.store, limit=1000)
    assert sorted(r["file_name"] for r in log) == sorted(p.name for p in written)
    assert {r["result"] for r in log} == {"imported"}
    assert len({r["batch_id"] for r in log}) == 1
    assert os.listdir(running.gestionale) == []
    assert running.health()["status"] == "ok"
