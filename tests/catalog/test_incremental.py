"""Incremental indexing: size and time decide when to hash, new content gets new change numbers, removals
become deletions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from appliance.catalog.indexer import SAVE_EVERY
from tests.catalog.media import pdf_bytes, put, put_image
from tests.folderwatch.helpers import wait_for

REPO = Path(__file__).resolve().parents[2]


def test_a_second_index_reads_nothing_and_changes_nothing(appliance):
    for number in range(20):
        put_image(appliance.multimedia, f"Foto/{number:02d}.jpg", colour=(number * 10, 40, 90))
    put(appliance.reports, "vendite.pdf", pdf_bytes("vendite"))
    first = appliance.index()
    assert first["multimedia"]["hashed"] == 20 and first["multimedia"]["rendered"] == 20
    cursor = appliance.listing()["cursor"]

    second = appliance.index()
    for area in ("multimedia", "reports"):
        assert second[area]["hashed"] == 0 and second[area]["rendered"] == 0
        assert second[area]["items_new"] == second[area]["items_changed"] == second[area]["items_deleted"] == 0
    assert appliance.listing()["cursor"] == cursor


def test_a_touched_file_is_hashed_but_unchanged_content_is_no_change(appliance):
    photo = put_image(appliance.multimedia, "a.jpg")
    appliance.index("multimedia")
    cursor = appliance.listing()["cursor"]
    os.utime(photo, ns=(photo.stat().st_atime_ns, photo.stat().st_mtime_ns + 5_000_000_000))
    summary = appliance.index("multimedia")["multimedia"]
    assert (summary["hashed"], summary["rendered"], summary["items_changed"]) == (1, 0, 0)
    assert appliance.listing(since=cursor)["items"] == {}
    assert appliance.index("multimedia")["multimedia"]["hashed"] == 0  # the new time is remembered


def test_new_content_and_removals_reach_a_device_as_changes_after_its_cursor(appliance):
    keep = put_image(appliance.multimedia, "Foto/tieni.jpg")
    put_image(appliance.multimedia, "Foto/cambia.jpg", colour=(10, 10, 10))
    remove = put_image(appliance.multimedia, "Altro/togli.jpg")
    appliance.index("multimedia")
    before = appliance.listing()
    ids = {i["file_name"]: i["id"] for i in before["items"].values()}
    old_hash = before["items"][ids["cambia.jpg"]]["hash"]

    put_image(appliance.multimedia, "Foto/cambia.jpg", colour=(200, 200, 10))
    remove.unlink()
    put_image(appliance.multimedia, "Foto/nuova.jpg")
    summary = appliance.index("multimedia")["multimedia"]
    assert (summary["items_new"], summary["items_changed"], summary["items_deleted"]) == (1, 1, 1)
    assert summary["hashed"] == 2 and summary["removed_files"] == 1

    delta = appliance.listing(since=before["cursor"])
    assert sorted(i["file_name"] for i in delta["items"].values()) == ["cambia.jpg", "nuova.jpg"]
    assert delta["items"][ids["cambia.jpg"]]["hash"] != old_hash
    assert delta["deleted_items"] == [ids["togli.jpg"]]
    altro = next(f["id"] for f in before["folders"].values() if f["path"] == ["Altro"])
    assert delta["deleted_folders"] == [altro]
    assert appliance.get(before["items"][ids["togli.jpg"]]["url"]).status_code == 404
    assert appliance.listing(since=delta["cursor"])["items"] == {}
    assert keep.exists()


def test_a_moved_file_is_not_scaled_again(appliance):
    photo = put_image(appliance.multimedia, "Vecchia/foto.jpg", size=(2000, 1000))
    appliance.index("multimedia")
    before = appliance.listing()
    target = appliance.multimedia / "Nuova" / "foto.jpg"
    target.parent.mkdir()
    photo.rename(target)
    summary = appliance.index("multimedia")["multimedia"]
    assert (summary["hashed"], summary["rendered"], summary["removed_files"]) == (1, 0, 1)
    delta = appliance.listing(since=before["cursor"])
    (moved,) = delta["items"].values()
    assert moved["hash"] == next(iter(before["items"].values()))["hash"]
    assert appliance.get(moved["url"]).status_code == 200


def test_paging_hands_every_change_once_in_change_order(appliance):
    for number in range(7):
        put(appliance.multimedia, f"Doc/{number}.pdf", pdf_bytes(str(number)))
    appliance.index("multimedia")
    pages, since, seen = 0, None, []
    while True:
        params = {"limit": "3", **({"since": since} if since else {})}
        page = appliance.get("/api/v1/catalog", params=params).json()
        pages += 1
        seen += [i["file_name"] for i in page["items"]]
        assert all(f["path"] == ["Doc"] for f in page["folders"]) and len(page["folders"]) == 1
        since = page["cursor"]
        if not page["more"]:
            break
    assert pages == 3 and sorted(seen) == [f"{n}.pdf" for n in range(7)] and len(seen) == 7


def test_a_bad_cursor_or_limit_is_a_400_naming_the_field_and_a_future_one_a_410(appliance):
    for params, field in (({"since": "abc"}, "since"), ({"since": "-1"}, "since"), ({"limit": "0"}, "limit"),
                          ({"limit": "x"}, "limit")):
        reply = appliance.get("/api/v1/catalog", params=params)
        assert reply.status_code == 400 and reply.headers["Content-Type"] == "application/problem+json"
        assert reply.json()["errors"][0]["field"] == field and "Traceback" not in reply.text
    ahead = appliance.get("/api/v1/reports", params={"since": "99999"})
    assert ahead.status_code == 410 and ahead.json()["reason"] == "resync_required"


INDEX_IN_A_PROCESS = """
import sys
from appliance.catalog.indexer import Indexer
from appliance.settings import load_settings
from appliance.store.db import open_store
settings = load_settings({"data_dir": sys.argv[1], "exchange": sys.argv[2]}, {})
Indexer(open_store(settings), settings).reindex("multimedia")
"""


def test_a_first_index_killed_halfway_resumes_without_redoing_the_saved_work(appliance):
    for number in range(SAVE_EVERY):
        put_image(appliance.multimedia, f"Foto/a-{number:03d}.jpg", size=(40, 30), colour=(number % 250, 9, 9))
    for number in range(8):
        put_image(appliance.multimedia, f"Foto/z-{number}.jpg", size=(3000, 2000), colour=(9, number * 30, 9))
    process = subprocess.Popen([sys.executable, "-c", INDEX_IN_A_PROCESS, str(appliance.settings.data_dir),
                                str(appliance.settings.exchange)], env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        wait_for(lambda: appliance.store.scalar("SELECT count(*) FROM catalog_files") >= SAVE_EVERY
                 or process.poll() is not None, timeout=60, what="the first save of the index")
    finally:
        process.kill()
        process.wait()
    assert appliance.store.scalar("SELECT count(*) FROM catalog_entries") == 0  # nothing shown yet
    summary = appliance.index("multimedia")["multimedia"]
    assert summary["items"] == SAVE_EVERY + 8
    assert summary["hashed"] == summary["rendered"] == 8  # the saved 500 were neither read nor scaled again
