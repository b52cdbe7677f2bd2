"""The watcher over a real exchange folder: real files, real OS events, a clock moved by hand."""

import errno
import shutil
import threading

from watchdog.observers import Observer

from tests.folderwatch.conftest import SETTLE, Recorder, Running, make_exchange
from tests.folderwatch.helpers import wait_for


def test_a_file_written_slowly_is_handed_over_once_and_complete(running):
    path = running.gestionale / "io_citta.dat"
    chunks = [b"CHIAVE|CODICE\r\n", b"C1|0001\r\n", b"C2|0002\r\n"]
    written = b""
    for chunk in chunks:
        with path.open("ab") as handle:
            handle.write(chunk)
        written += chunk
        running.wait_seen(path)
        running.clock.advance(SETTLE - 1)  # never quite long enough between two chunks
        running.wait_ticks()
        assert running.erp.batches == []
    running.clock.advance(1)
    wait_for(lambda: running.erp.batches, what="the batch")
    running.settle()
    running.wait_ticks()
    assert len(running.erp.batches) == 1
    assert running.erp.contents == [{"io_citta.dat": written}]


def test_files_dropped_together_are_one_batch(running):
    for name in ("io_art.dat", "io_clifor.dat"):
        (running.gestionale / name).write_bytes(b"data")
    running.wait_seen(running.gestionale / "io_art.dat")
    running.wait_seen(running.gestionale / "io_clifor.dat")
    running.settle()
    wait_for(lambda: running.erp.batches, what="the batch")
    assert [p.name for p in running.erp.batches[0].paths] == ["io_art.dat", "io_clifor.dat"]


def test_500_files_copied_at_once_make_one_batch(running, tmp_path):
    source = tmp_path / "export"
    source.mkdir()
    for n in range(500):
        (source / f"io_custom_{n:03d}.dat").write_bytes(b"CHIAVE\r\nK\r\n")
    for path in sorted(source.iterdir()):
        shutil.copy2(path, running.gestionale / path.name)
    wait_for(lambda: running.folder()["pending"] == 500, what="500 pending files")
    running.wait_ticks(2)  # one full look after the last copy: every final size is seen
    running.settle()
    wait_for(lambda: running.erp.batches, what="the batch")
    running.settle()
    running.wait_ticks()
    assert len(running.erp.batches) == 1
    assert len(running.erp.batches[0].files) == 500


def test_temporary_and_hidden_files_are_left_alone(running, caplog):
    leftovers = [".dropbox", ".dropbox.attr", "~$io_art.dat", "io_art.dat.tmp", "desktop.ini", "Thumbs.db",
                 ".DS_Store", ".hidden"]
    for name in leftovers:
        (running.gestionale / name).write_bytes(b"x")
    (running.gestionale / ".dropbox.cache").mkdir()
    (running.gestionale / ".dropbox.cache" / "io_art.dat").write_bytes(b"x")
    (running.gestionale / "io_art.dat").write_bytes(b"data")
    running.wait_seen(running.gestionale / "io_art.dat")
    running.settle()
    wait_for(lambda: running.erp.batches, what="the batch")
    assert running.erp.batches[0].paths == [running.gestionale / "io_art.dat"]
    assert all((running.gestionale / name).read_bytes() == b"x" for name in leftovers)
    assert (running.gestionale / ".dropbox.cache" / "io_art.dat").exists()
    assert running.folder()["unexpected"] == []
    assert "left alone" not in caplog.text


def test_other_files_in_gestionale_are_reported_once_and_left_alone(running, caplog):
    (running.gestionale / "readme.txt").write_text("notes")
    wait_for(lambda: running.folder()["unexpected"] == ["readme.txt"], what="the report")
    for _ in range(2):
        running.watcher.rescan_now()
        running.wait_ticks()
    assert caplog.text.count("readme.txt is not an io_*.dat file") == 1
    running.settle()
    running.wait_ticks()
    assert running.erp.batches == []
    assert (running.gestionale / "readme.txt").read_text() == "notes"
    (running.gestionale / "readme.txt").unlink()
    wait_for(lambda: running.folder()["unexpected"] == [], what="the report to go with the file")


def test_a_removed_and_restored_folder_is_watched_again(running, caplog):
    shutil.rmtree(running.gestionale)
    wait_for(lambda: running.folder()["state"] == "missing", what="gestionale/ missing")
    assert running.watcher.state()["exchange"]["state"] == "present"
    assert "stopped watching" in caplog.text

    moved = running.exchange.with_name("unmounted")
    running.exchange.rename(moved)
    wait_for(lambda: running.watcher.state()["exchange"]["state"] == "missing", what="exchange missing")
    assert {f["state"] for f in running.watcher.state()["folders"].values()} == {"missing"}

    moved.rename(running.exchange)
    (running.gestionale).mkdir()
    (running.gestionale / "io_art.dat").write_bytes(b"data")  # arrived while nobody watched
    wait_for(lambda: running.folder()["state"] == "watching", what="watching again")
    running.wait_seen(running.gestionale / "io_art.dat")
    running.settle()
    wait_for(lambda: running.erp.batches, what="the batch")
    assert running.erp.batches[0].paths == [running.gestionale / "io_art.dat"]
    (running.gestionale / "io_clifor.dat").write_bytes(b"data")  # and events flow again
    running.wait_seen(running.gestionale / "io_clifor.dat")


def test_a_folder_replaced_between_two_looks_is_watched_anew(running):
    replaced = running.exchange / "gestionale.new"
    replaced.mkdir()
    shutil.rmtree(running.gestionale)
    replaced.rename(running.gestionale)
    (running.gestionale / "io_art.dat").write_bytes(b"data")
    running.wait_seen(running.gestionale / "io_art.dat")


def test_media_work_runs_beside_a_long_import(running):
    gate = threading.Event()
    slow = Recorder(gate)
    running.watcher.set_handler("gestionale", slow)
    (running.gestionale / "io_art.dat").write_bytes(b"data")
    running.wait_seen(running.gestionale / "io_art.dat")
    running.settle()
    assert slow.started.wait(10)  # the ERP worker is now busy
    (running.exchange / "multimedia" / "photo.jpg").write_bytes(b"jpeg")
    running.wait_seen(running.exchange / "multimedia" / "photo.jpg", folder="multimedia")
    running.settle()
    wait_for(lambda: running.multimedia.batches, what="the media batch")
    assert running.watcher.state()["workers"]["erp"]["busy"] is True
    gate.set()
    wait_for(lambda: slow.batches, what="the ERP batch")


def test_media_folders_hand_over_changes_and_removals(running):
    media = running.exchange / "multimedia"
    (media / "spring").mkdir()
    photo = media / "spring" / "photo [A01] {1}.jpg"
    photo.write_bytes(b"jpeg")
    running.wait_seen(photo, folder="multimedia")
    running.settle()
    wait_for(lambda: running.multimedia.batches, what="first batch")
    assert running.multimedia.batches[0].paths == [photo]
    shutil.rmtree(media / "spring")
    wait_for(lambda: running.folder("multimedia")["pending"] == 1, what="the removal")
    running.settle()
    wait_for(lambda: len(running.multimedia.batches) == 2, what="second batch")
    assert running.multimedia.batches[1].removed == (photo,)
    assert running.erp.batches == []


def test_conflicted_copies_in_media_folders_are_reported_and_left_alone(running, caplog):
    media = running.exchange / "reports"
    copy = media / "sales (Server's conflicted copy 2026-11-28).pdf"
    copy.write_bytes(b"pdf")
    wait_for(lambda: running.folder("reports")["unexpected"], what="the report")
    assert "conflicted copy of sales.pdf" in caplog.text
    running.settle()
    running.wait_ticks()
    assert running.reports.batches == []
    assert copy.exists()


class RefusingObserver(Observer):
    """The real observer, except that the OS refuses new watches (inotify's limit reached)."""

    def schedule(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "inotify watch limit reached")


def test_a_folder_the_os_refuses_to_watch_is_scanned_instead(tmp_path, caplog):
    run = Running(make_exchange(tmp_path), observer_factory=RefusingObserver)
    run.watcher.start()
    try:
        assert run.folder()["state"] == "polling"
        assert "scanning it every few seconds instead" in caplog.text
        path = run.gestionale / "io_art.dat"
        path.write_bytes(b"data")
        run.settle()  # the next scan is due
        run.wait_seen(path)
        run.settle()
        wait_for(lambda: run.erp.batches, what="the batch")
    finally:
        assert run.watcher.stop(grace=10)


class FailingOnce(Recorder):
    """A handler whose first batch fails (a bug, a full disk)."""

    def handle(self, batch):
        if not self.started.is_set():
            self.started.set()
            raise OSError("No space left on device")
        return super().handle(batch)


def test_a_failed_batch_is_tried_again_at_the_next_full_rescan_not_before(running, caplog):
    failing = FailingOnce()
    running.watcher.set_handler("gestionale", failing)
    path = running.gestionale / "io_art.dat"
    path.write_bytes(b"data")
    running.wait_seen(path)
    running.settle()
    wait_for(lambda: running.watcher.state()["workers"]["erp"]["failures"] == 1, what="the failure")
    worker = running.watcher.state()["workers"]["erp"]
    assert worker["failing"] and "No space left on device" in worker["last_error"]
    assert "tried again at the next full rescan" in caplog.text
    running.settle()
    running.wait_ticks()
    assert failing.batches == [] and running.folder()["pending"] == 0
    running.watcher.rescan_now()
    running.wait_seen(path)
    running.settle()
    wait_for(lambda: failing.batches, what="the second attempt")
    assert failing.contents == [{"io_art.dat": b"data"}]
    assert running.watcher.state()["workers"]["erp"]["failing"] is False


def test_files_copied_into_a_media_subfolder_are_taken_in_with_one_look_each(running, tmp_path, monkeypatch):
    import appliance.folderwatch.watcher as watcher_module

    scans = []
    real_scan = watcher_module.scan
    monkeypatch.setattr(watcher_module, "scan", lambda path, **kw: scans.append(path) or real_scan(path, **kw))
    folder = running.exchange / "multimedia" / "Sedie"
    folder.mkdir()
    wait_for(lambda: running.folder("multimedia")["pending"] == 0 and running.watcher.ticks > 1, what="a look")
    for n in range(200):
        (folder / f"Sedia {n} [A{n}].jpg").write_bytes(b"\xff\xd8" + bytes(100))
    wait_for(lambda: running.folder("multimedia")["pending"] == 200, what="200 pending images")
    running.wait_ticks(2)
    running.settle()
    wait_for(lambda: running.multimedia.batches, what="the batch")
    assert len(running.multimedia.batches[0].files) == 200
    # The new folder is scanned when it appears; the 200 files inside add no folder scans.
    assert sum(1 for path in scans if path == folder) <= 2
