"""multimedia/ and reports/ through the service's watcher: settle time, temporary files, one re-index per batch."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from appliance.accounts import set_param
from tests.catalog.media import CATALOGO_COLUMNS, image_bytes, pdf_bytes, put_image, write_index
from tests.folderwatch.helpers import wait_for, wait_ticks


def start(appliance):
    """Start the watcher and wait for the index each area gets at start."""
    before = runs(appliance)
    appliance.service.start()
    wait_for(lambda: runs(appliance) == runs(appliance, "reports") == before + 1, what="the index at start")
    return appliance


@pytest.fixture
def watching(appliance):
    return start(appliance)


def drop(folder: Path, relative: str, data: bytes) -> Path:
    """Write a file the way the connector and Dropbox do: under a temporary name, renamed when complete
    (so the watcher sees it once, whole)."""
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    (target.parent / (target.name + ".part")).write_bytes(data)
    return (target.parent / (target.name + ".part")).replace(target)


def runs(appliance, area: str = "multimedia") -> int:
    return appliance.health()["catalog"][area]["runs_since_start"]


def pending(appliance, area: str = "multimedia") -> int:
    return appliance.service.watcher.state()["folders"][area]["pending"]


def settle_and_wait(appliance, area: str, count: int) -> None:
    appliance.clock.advance(appliance.settings.settle_seconds + 1)
    wait_for(lambda: runs(appliance, area) >= count, timeout=60, what=f"{count} index run(s) of {area}/")


def test_500_images_copied_at_once_are_indexed_in_one_run_after_the_settle_time(watching):
    for number in range(500):
        drop(watching.multimedia, f"foto {number:03d} [ART{number:03d}].jpg",
             image_bytes((40, 30), colour=(number % 250, number // 250 * 100, 90)))
    (watching.multimedia / "in arrivo.jpg.part").write_bytes(b"half a file")
    wait_for(lambda: pending(watching) == 500, timeout=30, what="the watcher to see 500 files")
    wait_ticks(watching.service.watcher)
    assert runs(watching) == 1  # nothing before the folder has been quiet for the settle time

    settle_and_wait(watching, "multimedia", 2)
    wait_ticks(watching.service.watcher)
    health = watching.health()
    assert runs(watching) == 2 and health["workers"]["media"]["batches_done"] == 3  # 2 at start, then 1
    assert health["catalog"]["multimedia"]["items"] == 500 and health["catalog"]["multimedia"]["problems"] == []
    items = watching.listing()["items"].values()
    assert len(items) == 500 and {i["article"] for i in items} == {f"ART{n:03d}" for n in range(500)}


def test_a_removed_file_becomes_a_deletion_through_the_watcher(watching):
    photo = drop(watching.multimedia, "a.jpg", image_bytes((40, 30)))
    drop(watching.reports, "r.pdf", pdf_bytes("r"))
    wait_for(lambda: pending(watching) == 1 and pending(watching, "reports") == 1, what="the files seen")
    settle_and_wait(watching, "multimedia", 2)
    wait_for(lambda: runs(watching, "reports") == 2, what="the reports indexed")
    before = watching.listing()
    photo.unlink()
    wait_for(lambda: pending(watching) == 1, what="the removal seen")
    settle_and_wait(watching, "multimedia", 3)
    delta = watching.listing(since=before["cursor"])
    assert delta["deleted_items"] == list(before["items"]) and runs(watching, "reports") == 2


def test_a_changed_io_catalogo_is_read_again(watching, caplog):
    caplog.set_level(logging.INFO, "appliance.catalog")
    drop(watching.multimedia, "a.jpg", image_bytes((40, 30)))
    index = write_index(watching.multimedia / "io_catalogo.part", CATALOGO_COLUMNS,
                        [{"NOMEFILE": "a.jpg", "TITOLO": "Prima", "L1": "Uno"}]).replace(
        watching.multimedia / "io_catalogo.dat")
    wait_for(lambda: pending(watching) == 2, what="the files seen")
    settle_and_wait(watching, "multimedia", 2)
    assert [i["title"] for i in watching.listing()["items"].values()] == ["Prima"]

    write_index(watching.multimedia / "io_catalogo.part", CATALOGO_COLUMNS,
                [{"NOMEFILE": "a.jpg", "TITOLO": "Seconda", "L1": "Uno"}]).replace(index)
    wait_for(lambda: pending(watching) == 1, what="the new io_catalogo.dat seen")
    settle_and_wait(watching, "multimedia", 3)
    assert [i["title"] for i in watching.listing()["items"].values()] == ["Seconda"]
    assert sum("multimedia/: record mode, 1 files, 1 items" in r.getMessage() for r in caplog.records) == 2


def test_health_shows_counts_problems_and_the_cursor(watching):
    drop(watching.multimedia, "Foto/a.jpg", image_bytes((2000, 1000)))
    drop(watching.multimedia, "leggimi.txt", b"x")
    wait_for(lambda: pending(watching) == 2, what="the image and the text file seen")
    settle_and_wait(watching, "multimedia", 2)
    catalog = watching.health()["catalog"]
    section = catalog["multimedia"]
    assert (section["mode"], section["files"], section["items"], section["folders"], section["scaled"]) == (
        "filesystem", 1, 1, 1, 1)
    assert section["warnings"] == 1 and section["problems"][0].startswith("WARNING leggimi.txt: files of type .txt")
    assert section["last_error"] is None and section["indexed_at"]
    assert catalog["cursor"] == int(watching.listing()["cursor"])
    assert watching.health()["folders"]["multimedia"]["work"]["runs"] == 2


def test_files_removed_while_the_service_was_stopped_become_deletions_at_start(appliance):
    drop(appliance.multimedia, "Foto/a.jpg", image_bytes((40, 30)))
    drop(appliance.reports, "r.pdf", pdf_bytes("r"))
    appliance.index()
    before = {area: appliance.listing(area) for area in ("catalog", "reports")}
    (appliance.multimedia / "Foto" / "a.jpg").unlink()
    (appliance.multimedia / "Foto").rmdir()
    (appliance.reports / "r.pdf").unlink()
    start(appliance)
    for area in ("catalog", "reports"):
        delta = appliance.listing(area, since=before[area]["cursor"])
        assert delta["deleted_items"] == list(before[area]["items"]) and delta["items"] == {}


def test_a_max_pixels_change_from_another_process_reindexes_at_the_next_routine_round(watching):
    put_image(watching.multimedia, "Grande.jpg", size=(3000, 1500))
    watching.service.catalog.reindex("multimedia")
    done = runs(watching)
    routine = watching.service.routine
    assert routine.run_once()["catalog parameters"] is False  # unchanged: nothing queued

    set_param(watching.store, "catalog.max_pixels", "2048")  # as `appliance params set` does
    assert routine.run_once()["catalog parameters"] is True
    assert routine.run_once()["catalog parameters"] is False  # queued once
    wait_for(lambda: runs(watching) == done + 1, timeout=60, what="the re-index with the new size")
    (item,) = watching.listing()["items"].values()
    assert (item["width"], item["height"]) == (2048, 1024)


@pytest.mark.parametrize("missed", [True, False], ids=["seen missing", "between two looks"])
def test_a_multimedia_folder_emptied_and_recreated_is_indexed_at_once(watching, missed):
    drop(watching.multimedia, "a [ART1].jpg", image_bytes((40, 30)))
    drop(watching.multimedia, "b [ART2].jpg", image_bytes((40, 30)))
    wait_for(lambda: pending(watching) == 2, what="the images seen")
    settle_and_wait(watching, "multimedia", 2)
    shutil.rmtree(watching.multimedia)
    if missed:
        wait_for(lambda: watching.health()["folders"]["multimedia"]["state"] == "missing", what="the folder missed")
    watching.multimedia.mkdir()
    drop(watching.multimedia, "c [ART3].jpg", image_bytes((40, 30), colour=(10, 200, 10)))
    wait_for(lambda: "c [ART3].jpg" in watching.service.watcher.state()["folders"]["multimedia"]["pending_files"],
             timeout=10, what="the new folder's file seen (no rescan)")
    settle_and_wait(watching, "multimedia", 3)
    wait_for(lambda: {i["article"] for i in watching.listing()["items"].values()} == {"ART3"},
             what="only the new folder's image listed")
