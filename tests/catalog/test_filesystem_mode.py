"""Filesystem mode (no io_catalogo.dat): the folder tree as it is, titles, articles and positions from names."""

from __future__ import annotations

import logging

from appliance.demo.media import generate_media
from tests.catalog.media import pdf_bytes, put, put_image, video_bytes


def by_title(listing: dict) -> dict[str, dict]:
    return {item["title"]: item for item in listing["items"].values()}


def folder_names(listing: dict) -> dict[int, list[str]]:
    return {f["id"]: f["path"] for f in listing["folders"].values()}


def test_the_tree_is_the_catalog_and_names_give_article_and_position(appliance):
    put_image(appliance.multimedia, "Arredo/Librerie/Libreria Kwaba [kw07].jpg")
    put_image(appliance.multimedia, "Arredo/Foresta {1}.png")
    put(appliance.multimedia, "Video/Depliant [0567] {2}.avi", video_bytes(5000))
    put_image(appliance.multimedia, "123[123].jpg")
    put(appliance.multimedia, "Listini/Pricelist.pdf", pdf_bytes("Listino"))
    appliance.index("multimedia")

    listing = appliance.listing()
    items, folders = by_title(listing), folder_names(listing)
    assert sorted(folders.values()) == [["Arredo"], ["Arredo", "Librerie"], ["Listini"], ["Video"]]
    kwaba = items["Libreria Kwaba"]
    assert (kwaba["article"], kwaba["sort"], kwaba["type"], kwaba["mime"]) == ("kw07", None, "image", "image/jpeg")
    assert folders[kwaba["folder_id"]] == ["Arredo", "Librerie"]
    assert (items["Foresta"]["sort"], items["Foresta"]["mime"]) == (1, "image/png")
    depliant = items["Depliant"]
    assert (depliant["article"], depliant["sort"], depliant["type"], depliant["mime"]) == (
        "0567", 2, "video", "video/x-msvideo")
    assert depliant["size"] == 5000 and depliant["thumb_url"] is None
    assert (items["123"]["article"], items["123"]["folder_id"]) == ("123", None)
    assert items["Pricelist"]["type"] == "pdf" and items["Pricelist"]["file_name"] == "Pricelist.pdf"
    librerie = next(f for f in listing["folders"].values() if f["path"] == ["Arredo", "Librerie"])
    assert librerie["parent_id"] == next(f["id"] for f in listing["folders"].values() if f["path"] == ["Arredo"])


def test_every_listed_file_downloads_with_its_hash(appliance):
    written = generate_media(appliance.multimedia, appliance.reports, images=6)
    appliance.index()
    listing = appliance.listing()
    assert len(listing["items"]) == len([p for p in written if p.is_relative_to(appliance.multimedia)])
    for item in listing["items"].values():
        reply = appliance.get(item["url"])
        assert reply.status_code == 200 and reply.headers["Content-Type"] == item["mime"]
        assert len(reply.content) == item["size"] and reply.headers["ETag"] == f'"{item["hash"]}"'


def test_one_file_in_two_folders_is_two_items_with_one_download(appliance):
    image = put_image(appliance.multimedia, "Catalogo/Pane [P1].jpg")
    put(appliance.multimedia, "Promozioni/Pane [P1].jpg", image.read_bytes())
    appliance.index("multimedia")
    items = list(appliance.listing()["items"].values())
    assert len(items) == 2 and items[0]["folder_id"] != items[1]["folder_id"]
    assert items[0]["hash"] == items[1]["hash"]


def test_other_types_are_reported_and_ignored(appliance, caplog):
    caplog.set_level(logging.WARNING, "appliance.catalog")
    put_image(appliance.multimedia, "Foto.jpg")
    put(appliance.multimedia, "Note/leggimi.txt", b"notes")
    put(appliance.multimedia, "Video/spot.wmv", video_bytes(100))
    put(appliance.multimedia, "SENZA_ESTENSIONE", b"x")
    put(appliance.multimedia, "Foto (Server's conflicted copy 2026-11-28).jpg", b"x")
    put(appliance.multimedia, ".dropbox", b"{}")
    put(appliance.multimedia, "Foto.jpg.part", b"half")
    put(appliance.reports, "vendite.xlsx", b"PK")
    summary = appliance.index()

    assert [i["file_name"] for i in appliance.listing()["items"].values()] == ["Foto.jpg"]
    assert summary["multimedia"]["warnings"] == 4 and summary["reports"]["warnings"] == 1
    problems = appliance.health()["catalog"]["multimedia"]["problems"]
    assert any("Note/leggimi.txt: files of type .txt are not shown in multimedia/" in p for p in problems)
    assert any("Video/spot.wmv: files of type .wmv" in p for p in problems)
    assert any("SENZA_ESTENSIONE: files without an extension" in p for p in problems)
    assert any("a Dropbox conflicted copy of Foto.jpg" in p for p in problems)
    assert not any(".dropbox" in p or ".part" in p for p in problems)
    reports = appliance.health()["catalog"]["reports"]["problems"]
    assert reports == ["WARNING vendite.xlsx: files of type .xlsx are not shown in reports/ (it shows pdf): ignored"]
    logged = [r.getMessage() for r in caplog.records]
    assert any("multimedia/Note/leggimi.txt: files of type .txt" in m for m in logged)
    appliance.index()
    assert len([r for r in caplog.records if "leggimi.txt" in r.getMessage()]) == 1  # logged once, when new


def test_a_folder_is_previewed_by_its_first_image_or_a_subfolders(appliance):
    put_image(appliance.multimedia, "Bevande/Succo {2}.jpg")
    put_image(appliance.multimedia, "Bevande/Acqua {1}.jpg")
    put(appliance.multimedia, "Bevande/Listino.pdf", pdf_bytes("x"))
    put_image(appliance.multimedia, "Alimentari/Pasta/Fusilli.png")
    put(appliance.multimedia, "Documenti/Scheda.pdf", pdf_bytes("x"))
    appliance.index("multimedia")
    listing = appliance.listing()
    folders = {tuple(f["path"]): f for f in listing["folders"].values()}
    items = by_title(listing)
    assert folders[("Bevande",)]["thumb_url"] == items["Acqua"]["thumb_url"]
    assert folders[("Alimentari",)]["thumb_url"] == items["Fusilli"]["thumb_url"]
    assert folders[("Documenti",)]["thumb_url"] is None
    thumb = appliance.get(folders[("Bevande",)]["thumb_url"])
    assert thumb.status_code == 200 and thumb.headers["Content-Type"] == "image/jpeg"
