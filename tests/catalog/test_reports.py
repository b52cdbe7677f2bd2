"""Reports: every report for everyone without io_reports.dat; per agent or operator with it."""

from __future__ import annotations

from tests.catalog.media import REPORTS_COLUMNS, pdf_bytes, put, write_index


def report_row(name: str, title: str, *, agent: str = "", operator: str = "", levels=("Statistiche",),
               sort: int | str = "") -> dict:
    levels = (list(levels) + ["", "", "", ""])[:4]
    return {"NOMEFILE": name, "TITOLO": title, "COD_AGENTE": agent, "COD_OPERATORE": operator, "ORDINAMENTO": sort,
            "L1": levels[0], "L2": levels[1], "L3": levels[2], "L4": levels[3]}


def titles(appliance, user: str) -> list[str]:
    return sorted(i["title"] for i in appliance.listing("reports", user)["items"].values())


def urls(appliance, user: str) -> dict[str, str]:
    return {i["title"]: i["url"] for i in appliance.listing("reports", user)["items"].values()}


def test_without_io_reports_every_report_is_visible_to_every_user(appliance):
    put(appliance.reports, "Vendite 2026.pdf", pdf_bytes("vendite"))
    put(appliance.reports, "Agenti/Provvigioni {1}.pdf", pdf_bytes("provvigioni"))
    assert appliance.index("reports")["reports"]["mode"] == "filesystem"
    for user in ("mrossi", "lbianchi", "boss"):
        assert titles(appliance, user) == ["Provvigioni", "Vendite 2026"]
    listing = appliance.listing("reports", "boss")
    assert [f["path"] for f in listing["folders"].values()] == [["Agenti"]]
    assert all(appliance.get(i["url"], "lbianchi").status_code == 200 for i in listing["items"].values())


def test_io_reports_gives_each_agent_and_operator_their_own(appliance):
    for name in ("a1.pdf", "a2.pdf", "op2.pdf", "tutti.pdf", "altro.pdf"):
        put(appliance.reports, name, pdf_bytes(name))
    write_index(appliance.reports / "io_reports.dat", REPORTS_COLUMNS, [
        report_row("a1.pdf", "Vendite A1", agent="A1", levels=("Agenti", "A1"), sort=1),
        report_row("a2.pdf", "Vendite A2", agent="A2", levels=("Agenti", "A2")),
        report_row("op2.pdf", "Lead OP2", operator="OP2", levels=("Lead",)),
        report_row("tutti.pdf", "Listino", levels=("Comune",)),
        report_row("altro.pdf", "Vendite A9", agent="A9"),
    ])
    summary = appliance.index("reports")["reports"]
    assert summary["mode"] == "record" and summary["items"] == 5

    assert titles(appliance, "mrossi") == ["Listino", "Vendite A1"]
    assert titles(appliance, "lbianchi") == ["Lead OP2", "Listino", "Vendite A2"]
    assert titles(appliance, "boss") == ["Listino"]
    mrossi = appliance.listing("reports", "mrossi")
    assert sorted(f["path"] for f in mrossi["folders"].values()) == [["Agenti"], ["Agenti", "A1"], ["Comune"]]
    assert next(i for i in mrossi["items"].values() if i["title"] == "Vendite A1")["sort"] == 1

    theirs = urls(appliance, "lbianchi")
    for title in ("Vendite A2", "Lead OP2"):
        hidden = appliance.get(theirs[title], "mrossi")
        assert hidden.status_code == 404 and hidden.json()["errors"] == [{"field": "id", "reason": "unknown file"}]
        assert appliance.get(theirs[title], "lbianchi").status_code == 200
    assert appliance.get(theirs["Listino"], "mrossi").status_code == 200


def test_a_report_moved_to_another_agent_is_a_deletion_for_the_first(appliance):
    put(appliance.reports, "r.pdf", pdf_bytes("r"))
    index = appliance.reports / "io_reports.dat"
    write_index(index, REPORTS_COLUMNS, [report_row("r.pdf", "Riepilogo", agent="A1")])
    appliance.index("reports")
    first = {user: appliance.listing("reports", user) for user in ("mrossi", "lbianchi")}
    (item_id,) = first["mrossi"]["items"]

    write_index(index, REPORTS_COLUMNS, [report_row("r.pdf", "Riepilogo", agent="A2")])
    appliance.index("reports")
    mrossi = appliance.listing("reports", "mrossi", since=first["mrossi"]["cursor"])
    lbianchi = appliance.listing("reports", "lbianchi", since=first["lbianchi"]["cursor"])
    assert mrossi["items"] == {} and mrossi["deleted_items"] == [item_id]
    assert [i["title"] for i in lbianchi["items"].values()] == ["Riepilogo"] and lbianchi["deleted_items"] == []
    assert [f["path"] for f in lbianchi["folders"].values()] == [["Statistiche"]]
    url = next(iter(lbianchi["items"].values()))["url"]
    assert appliance.get(url, "mrossi").status_code == 404


def test_reports_show_pdfs_only_and_report_the_rest(appliance):
    put(appliance.reports, "ok.pdf", pdf_bytes("ok"))
    put(appliance.reports, "foto.jpg", b"\xff\xd8\xff")
    write_index(appliance.reports / "io_reports.dat", REPORTS_COLUMNS, [
        report_row("ok.pdf", "Ok"), report_row("foto.jpg", "Foto"), report_row("manca.pdf", "Manca")])
    summary = appliance.index("reports")["reports"]
    assert titles(appliance, "boss") == ["Ok"] and summary["errors"] == 2
    problems = appliance.health()["catalog"]["reports"]["problems"]
    assert any("line 3" in p and "names a file of a type reports/ does not show" in p for p in problems)
    assert any("line 4" in p and "there is no file manca.pdf in reports/" in p for p in problems)
    assert any(p.startswith("WARNING foto.jpg: files of type .jpg are not shown in reports/") for p in problems)
