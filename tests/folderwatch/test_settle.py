"""Readiness and batching, on real files, with a clock the test moves."""

import os

from appliance.folderwatch.settle import SettleTracker
from tests.folderwatch.helpers import FakeClock

SETTLE = 10.0


def tracker(clock, **options):
    return SettleTracker("gestionale", SETTLE, clock, **options)


def hand_over(settle, clock, path, data):
    """Write a file, let it settle and take its batch."""
    path.write_bytes(data)
    settle.note(path)
    clock.advance(SETTLE)
    return settle.poll()


def test_a_file_is_ready_only_after_the_settle_time_without_change(tmp_path):
    clock = FakeClock()
    settle = tracker(clock)
    path = tmp_path / "io_citta.dat"
    path.write_bytes(b"first chunk")
    settle.note(path)
    clock.advance(SETTLE - 1)
    assert settle.poll() is None
    with path.open("ab") as handle:  # still being written: the wait starts again
        handle.write(b" second chunk")
    assert settle.poll() is None
    clock.advance(SETTLE - 1)
    assert settle.poll() is None
    clock.advance(1)
    batch = settle.poll()
    assert batch is not None
    assert batch.paths == [path]
    assert batch.files[0].size == len(b"first chunk second chunk")
    assert settle.poll() is None  # handed over once


def test_a_folder_is_quiet_only_when_every_file_has_settled(tmp_path):
    clock = FakeClock()
    settle = tracker(clock)
    first, second = tmp_path / "io_a.dat", tmp_path / "io_b.dat"
    first.write_bytes(b"a")
    settle.note(first)
    clock.advance(SETTLE - 2)
    second.write_bytes(b"b")
    settle.note(second)
    clock.advance(2)
    assert settle.poll() is None  # io_a.dat has settled, but the folder has not been quiet
    clock.advance(SETTLE)
    batch = settle.poll()
    assert batch.paths == [first, second]


def test_a_locked_file_holds_the_batch_back_then_lets_the_others_go(tmp_path, caplog):
    clock = FakeClock()
    locked = {tmp_path / "io_b.dat"}
    settle = tracker(clock, opener=lambda p: p not in locked, lock_patience=60)
    for name in ("io_a.dat", "io_b.dat"):
        (tmp_path / name).write_bytes(b"x")
        settle.note(tmp_path / name)
    clock.advance(SETTLE)
    assert settle.poll() is None  # io_b.dat is locked by its writer (Dropbox on Windows)
    clock.advance(60)
    batch = settle.poll()
    assert batch.paths == [tmp_path / "io_a.dat"]
    assert "locked by another program" in caplog.text
    locked.clear()
    clock.advance(SETTLE)
    assert settle.poll().paths == [tmp_path / "io_b.dat"]


def test_a_file_that_disappears_before_it_settles_is_forgotten(tmp_path):
    clock = FakeClock()
    settle = tracker(clock)
    path = tmp_path / "io_a.dat"
    path.write_bytes(b"x")
    settle.note(path)
    path.unlink()
    clock.advance(SETTLE)
    assert settle.poll() is None
    assert settle.pending_count() == 0


def test_events_during_processing_are_looked_at_when_the_batch_is_done(tmp_path):
    clock = FakeClock()
    settle = tracker(clock)
    path = tmp_path / "io_a.dat"
    batch = hand_over(settle, clock, path, b"old")
    path.write_bytes(b"a newer version")  # arrives while the batch is being imported
    settle.note(path)
    assert settle.pending_count() == 0
    settle.done(batch)
    assert settle.pending_count() == 1
    clock.advance(SETTLE)
    assert settle.poll().files[0].size == len(b"a newer version")


def test_files_named_for_retry_are_tried_again(tmp_path):
    clock = FakeClock()
    settle = tracker(clock)
    path = tmp_path / "io_a.dat"
    batch = hand_over(settle, clock, path, b"x")
    settle.done(batch, retry=[path])
    clock.advance(SETTLE)
    assert settle.poll().paths == [path]


def test_folders_that_keep_files_hand_over_only_changes_and_removals(tmp_path):
    clock = FakeClock()
    settle = tracker(clock, keeps_files=True)
    (tmp_path / "sub").mkdir()
    photo, leaflet = tmp_path / "photo.jpg", tmp_path / "sub" / "leaflet.pdf"
    photo.write_bytes(b"jpeg")
    leaflet.write_bytes(b"pdf")
    settle.rescan([photo, leaflet])
    clock.advance(SETTLE)
    first = settle.poll()
    settle.done(first)
    assert sorted(first.paths) == sorted([photo, leaflet])

    settle.rescan([photo, leaflet])  # nothing changed: nothing to hand over
    clock.advance(SETTLE)
    assert settle.poll() is None

    photo.write_bytes(b"a bigger jpeg")
    leaflet.unlink()
    settle.rescan([photo])
    clock.advance(SETTLE)
    second = settle.poll()
    assert second.paths == [photo]
    assert second.removed == (leaflet,)


def test_a_removed_folder_of_media_reports_every_file_in_it(tmp_path):
    clock = FakeClock()
    settle = tracker(clock, keeps_files=True)
    folder = tmp_path / "spring"
    folder.mkdir()
    files = [folder / f"{n}.jpg" for n in range(3)]
    for path in files:
        path.write_bytes(b"x")
    settle.rescan(files)
    clock.advance(SETTLE)
    settle.done(settle.poll())
    for path in files:
        path.unlink()
    os.rmdir(folder)
    settle.note(folder)  # the event names only the folder
    clock.advance(SETTLE)
    assert sorted(settle.poll().removed) == files
