"""Record mode (multimedia/io_catalogo.dat present): flat folder, virtual folders L1..L4 from the rows."""

from __future__ import annotations

from tests.catalog.media import CATALOGO_COLUMNS, pdf_bytes, put, put_image, write_index

LONG_NAME = "Libreria Kwaba rovere naturale 180 cm.jpg"  # 41 characters: over the documented 25


def row(name: str, title: str = "", article: str = "", *levels: str, sort: int | str = "") -> dict:
    levels = (list(levels) + ["", "", "", ""])[:4]
    return {"NOMEFILE": name, "TITOLO": title, "COD_ART": article, "L1": levels[0], "L2": levels[1],
            "L3": levels[2], "L4": levels[3], "ORDINAMENTO": sort}


def catalogo(appliance, *rows: dict):
    return write_index(appliance.multimedia / "io_catalogo.dat", CATALOGO_COLUMNS, list(rows))


def placed(listing: dict) -> set[tuple]:
    folders = {f["id"]: tuple(f["path"]) for f in listing["folders"].values()}
    return {(folders.get(i["folder_id"], ()), i["title"], i["article"], i["sort"], i["file_name"])
            for i in listing["items"].values()}


def test_rows_file_the_flat_files_into_virtual_folders(appliance):
    put_image(appliance.multimedia, LONG_NAME)
    put_image(appliance.multimedia, "sedia.png")
    put(appliance.multimedia, "listino.pdf", pdf_bytes("listino"))
    catalogo(appliance,
             row(LONG_NAME, "Libreria Kwaba", "kw07", "Arredo", "Soggiorno", "Librerie", "Rovere", sort=2),
             row(LONG_NAME, "In offerta", "kw07", "Promozioni", sort=1),
             row("sedia.png", "Sedia", "SD1", "Arredo", "Soggiorno", sort=1),
             row("listino.pdf", "", "", "Listini"))
    summary = appliance.index("multimedia")["multimedia"]

    listing = appliance.listing()
    assert summary["mode"] == "record" and summary["files"] == 3 and summary["items"] == 4
    assert placed(listing) == {
        (("Arredo", "Soggiorno", "Librerie", "Rovere"), "Libreria Kwaba", "kw07", 2, LONG_NAME),
        (("Promozioni",), "In offerta", "kw07", 1, LONG_NAME),
        (("Arredo", "Soggiorno"), "Sedia", "SD1", 1, "sedia.png"),
        (("Listini",), "listino", None, None, "listino.pdf"),
    }
    twice = [i for i in listing["items"].values() if i["file_name"] == LONG_NAME]
    assert twice[0]["url"] == twice[1]["url"] and twice[0]["id"] != twice[1]["id"]
    problems = appliance.health()["catalog"]["multimedia"]["problems"]
    assert any("column NOMEFILE" in p and "longer than the documented maximum of 25; kept whole (NOMEFILE max "
               "length 25 is short for real file names)" in p for p in problems)


def test_rows_naming_missing_files_are_reported_with_their_line(appliance):
    put_image(appliance.multimedia, "a.jpg")
    catalogo(appliance, row("a.jpg", "A", "", "Uno"), row("manca.jpg", "Manca", "", "Uno"),
             row("nota.txt", "Nota", "", "Uno"), row("a.jpg", "A bis", "", "Uno"))
    summary = appliance.index("multimedia")["multimedia"]
    assert summary["errors"] == 2
    problems = appliance.health()["catalog"]["multimedia"]["problems"]
    assert ("ERROR io_catalogo.dat, line 3, column NOMEFILE, value 'manca.jpg': there is no file manca.jpg in "
            "multimedia/; the row is left out until the file is there") in problems
    assert any("line 4" in p and "a type multimedia/ does not show" in p for p in problems)
    assert any("line 5" in p and "listed twice in the same folder (line 2 too)" in p for p in problems)
    assert [i["title"] for i in appliance.listing()["items"].values()] == ["A bis"]

    put_image(appliance.multimedia, "manca.jpg")
    appliance.index("multimedia")
    assert sorted(i["title"] for i in appliance.listing()["items"].values()) == ["A bis", "Manca"]


def test_files_in_subfolders_or_not_named_are_reported_not_shown(appliance):
    put_image(appliance.multimedia, "a.jpg")
    put_image(appliance.multimedia, "fuori.jpg")
    put_image(appliance.multimedia, "Vecchi/b.jpg")
    catalogo(appliance, row("a.jpg", "A", "", "Uno"))
    appliance.index("multimedia")
    problems = appliance.health()["catalog"]["multimedia"]["problems"]
    assert "WARNING fuori.jpg: not named in io_catalogo.dat: not shown" in problems
    assert any(p.startswith("WARNING Vecchi/b.jpg: in a subfolder") for p in problems)
    assert [i["file_name"] for i in appliance.listing()["items"].values()] == ["a.jpg"]


def test_the_index_file_is_read_with_the_erp_checks_and_never_served(appliance):
    put_image(appliance.multimedia, "a.jpg")
    put_image(appliance.multimedia, "b.jpg")
    catalogo(appliance, row("a.jpg", "A", "", "Uno", sort="primo"), row("b.jpg", "B", "", "Uno", sort=3))
    appliance.index("multimedia")
    listing = appliance.listing()
    assert [(i["title"], i["sort"]) for i in listing["items"].values()] == [("B", 3)]
    problems = appliance.health()["catalog"]["multimedia"]["problems"]
    assert "ERROR io_catalogo.dat, line 2, column ORDINAMENTO, value 'primo': primo is not a whole number" in problems
    file_ids = {int(i["url"].rsplit("/", 1)[1]) for i in listing["items"].values()}
    for file_id in range(1, max(file_ids) + 3):
        reply = appliance.get(f"/api/v1/files/{file_id}")
        assert reply.status_code == (200 if file_id in file_ids else 404)
        assert b"NOMEFILE|" not in reply.content


def test_a_broken_index_file_keeps_the_last_good_catalog(appliance):
    put_image(appliance.multimedia, "a.jpg")
    catalogo(appliance, row("a.jpg", "A", "", "Uno"))
    appliance.index("multimedia")
    before = appliance.listing()
    (appliance.multimedia / "io_catalogo.dat").write_bytes(b"TITOLO|COD_ART\r\nx|y\r\n")
    appliance.index("multimedia")
    after = appliance.listing(since=before["cursor"])
    assert after["items"] == {} and after["deleted_items"] == []
    problems = appliance.health()["catalog"]["multimedia"]["problems"]
    assert any("io_catalogo.dat, line 1, column NOMEFILE, L1, L2, L3, L4: the key columns" in p for p in problems)
    assert any("stays in use until the file is corrected" in p for p in problems)


def test_changing_the_index_file_or_removing_it_switches_what_devices_see(appliance):
    put_image(appliance.multimedia, "a.jpg")
    catalogo(appliance, row("a.jpg", "A", "", "Uno"))
    appliance.index("multimedia")
    first = appliance.listing()
    catalogo(appliance, row("a.jpg", "A nuovo", "ART9", "Due"))
    appliance.index("multimedia")
    second = appliance.listing(since=first["cursor"])
    assert [(i["title"], i["article"]) for i in second["items"].values()] == [("A nuovo", "ART9")]
    assert second["deleted_items"] == list(first["items"]) and len(second["deleted_folders"]) == 1

    (appliance.multimedia / "io_catalogo.dat").unlink()
    summary = appliance.index("multimedia")["multimedia"]
    third = appliance.listing(since=second["cursor"])
    assert summary["mode"] == "filesystem"
    assert [(i["title"], i["folder_id"]) for i in third["items"].values()] == [("a", None)]
    assert third["deleted_items"] == list(second["items"])


AMHELPER_COLUMNS = ["NOMEFILE", "TITOLO", "COD_ART", "COD_OPERATORE", "COD_AGENTE", "COD_CATALOGO", "L1", "L2", "L3",
                    "L4", "ORDINAMENTO", "DAT_ULT_MOD"]


def test_amhelper_agent_and_operator_columns_limit_an_item_to_that_user(appliance):
    for name in ("tutti.jpg", "a1.jpg", "a2.jpg", "op2.jpg"):
        put_image(appliance.multimedia, name)
    write_index(appliance.multimedia / "io_catalogo.dat", AMHELPER_COLUMNS, [
        {**row("tutti.jpg", "Tutti", "", "Comune"), "COD_AGENTE": "", "COD_OPERATORE": ""},
        {**row("a1.jpg", "Solo A1", "", "Agenti"), "COD_AGENTE": "A1"},
        {**row("a2.jpg", "Solo A2", "", "Agenti"), "COD_AGENTE": "A2"},
        {**row("op2.jpg", "Solo OP2", "", "Lead"), "COD_OPERATORE": "OP2"},
    ])
    assert appliance.index("multimedia")["multimedia"]["items"] == 4

    def titles(user):
        return sorted(i["title"] for i in appliance.listing("catalog", user)["items"].values())

    assert titles("mrossi") == ["Solo A1", "Tutti"]
    assert titles("lbianchi") == ["Solo A2", "Solo OP2", "Tutti"]
    assert titles("boss") == ["Tutti"]
    assert sorted(tuple(f["path"]) for f in appliance.listing("catalog", "mrossi")["folders"].values()) == [
        ("Agenti",), ("Comune",)]
    theirs = {i["title"]: i["url"] for i in appliance.listing("catalog", "lbianchi")["items"].values()}
    assert appliance.get(theirs["Solo A2"], "mrossi").status_code == 404
    assert appliance.get(theirs["Solo A2"], "lbianchi").status_code == 200
    assert appliance.get(theirs["Tutti"], "mrossi").status_code == 200
