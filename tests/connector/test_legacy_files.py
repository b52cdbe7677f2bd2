"""Writing legacy files: atomically, exactly once across crashes, Windows-1252 with warnings, retried on failure."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

import requests

from appliance.connector.legacy_files import write_pending
from appliance.connector.legacy_format import render
from appliance.orders.actions import queue_again
from appliance.store.documents import document_steps
from tests.connector.erp import order


def legacy_states(erp) -> list[tuple]:
    return erp.store.query("SELECT queue_id, legacy, legacy_file FROM exports ORDER BY id")


def test_no_file_is_written_while_legacy_files_are_off(erp):
    erp.upload("orders", order())
    assert erp.legacy_files() == [] and legacy_states(erp)[0]["legacy"] is None


def test_each_order_is_written_once_and_no_temporary_file_is_left(erp):
    erp.param("export.legacy_files", True)
    erp.upload("orders", order("ord-0001-files"))
    erp.upload("orders", order("ord-0002-files"))
    erp.upload("customers", {"guid": "cust-0001-files", "ragione_sociale": "Bar"})  # orders only
    assert erp.legacy_files() == ["AM_ORD_0000000001_1.DAT", "AM_ORD_0000000002_2.DAT"]
    assert [row["legacy"] for row in legacy_states(erp)] == ["written", "written", None]
    assert write_pending(erp.store, erp.settings) == 0
    steps = document_steps(erp.store, 1)
    assert steps[-1]["step"] == "legacy_file" and steps[-1]["detail"] == {"file": "AM_ORD_0000000001_1.DAT",
                                                                          "warnings": []}


def test_a_file_the_connector_took_is_not_written_again_when_the_order_is_queued_again(erp):
    erp.param("export.legacy_files", True)
    erp.upload("orders", order())
    (erp.appmanager / "AM_ORD_0000000001_1.DAT").unlink()  # the connector imported and deleted it
    assert write_pending(erp.store, erp.settings) == 0 and erp.legacy_files() == []
    queue_again(erp.store, erp.settings, 1, actor="test")
    assert erp.legacy_files() == ["AM_ORD_0000000002_1.DAT"]


def test_characters_outside_windows_1252_become_question_marks_with_a_warning(erp, caplog):
    caplog.set_level(logging.WARNING, logger="appliance.connector")
    erp.param("export.legacy_files", True)
    line = ("ART1", 1, {"descrizione_riga": "Crème brûlée §1 €"})
    erp.upload("orders", order(note="Łódź ✓", lines=[line]))
    data = (erp.appmanager / "AM_ORD_0000000001_1.DAT").read_bytes()
    assert "?ód? ?".encode("cp1252") not in data  # the order note is not in the file; the line is
    assert "Crème brûlée §1 €".encode("cp1252") in data
    erp.upload("orders", order("ord-0002-utf8", lines=[("ART1", 1, {"note": "Łódź ✓"})]))
    assert b"|?\xf3d? ?|" in (erp.appmanager / "AM_ORD_0000000002_2.DAT").read_bytes()
    warning = "3 character(s) not in Windows-1252 written as '?': U+0141 U+017A U+2713"
    assert any(warning in r.getMessage() and "AM_ORD_0000000002_2.DAT" in r.getMessage() for r in caplog.records)
    assert document_steps(erp.store, 2)[-1]["detail"]["warnings"] == [warning]


def test_texts_are_cut_at_4000_characters_with_a_warning():
    rendered = render({"guid_test_ord": "g", "righe": [{"codice_articolo": "A", "note": "x" * 3999 + "\r\n" + "y"}]})
    fields = rendered.data.decode("cp1252").rstrip("\r\n").split("|")
    assert fields[7] == "x" * 3999 + "§" and rendered.warnings == ["R_DES_NOTE cut to 4000 characters (it had 4001)"]


def test_a_crash_between_claim_and_rename_is_finished_without_writing_twice(erp):
    erp.param("export.legacy_files", True)
    erp.upload("orders", order("ord-0001-crash"))
    erp.upload("orders", order("ord-0002-crash"))
    # The state a crash leaves: both claimed; the first still under its temporary name, the second renamed
    # already and imported (deleted) by the connector.
    (erp.appmanager / "AM_ORD_0000000001_1.DAT").rename(erp.appmanager / "~AM_ORD_0000000001_1_999.tmp")
    (erp.appmanager / "AM_ORD_0000000002_2.DAT").unlink()
    erp.store.execute("UPDATE exports SET legacy = 'renaming', legacy_temp = '~' || substr(legacy_file, 1, "
                      "length(legacy_file) - 4) || '_999.tmp'")
    assert erp.legacy_files() == ["~AM_ORD_0000000001_1_999.tmp"]
    write_pending(erp.store, erp.settings)
    assert erp.legacy_files() == ["AM_ORD_0000000001_1.DAT"]
    assert [row["legacy"] for row in legacy_states(erp)] == ["written", "written"]


def test_an_unreachable_folder_is_logged_and_the_files_follow_when_it_is_back(erp, caplog):
    erp.param("export.legacy_files", True)
    erp.appmanager.write_text("not a folder")
    erp.upload("orders", order("ord-0001-later"))
    assert [row["legacy"] for row in legacy_states(erp)] == ["pending"]
    assert any("could not be written" in r.getMessage() for r in caplog.records)
    assert erp.api.get("/health", user=None).json()["connector"]["legacy_files_waiting"] == 1
    erp.appmanager.unlink()
    erp.upload("orders", order("ord-0002-later"))
    assert erp.legacy_files() == ["AM_ORD_0000000001_1.DAT", "AM_ORD_0000000002_2.DAT"]


def test_the_service_routine_writes_waiting_files_without_a_new_order_and_logs_the_failure_once(erp, caplog):
    caplog.set_level(logging.INFO, "appliance.connector")
    erp.param("export.legacy_files", True)
    erp.appmanager.write_text("not a folder")
    erp.upload("orders", order("ord-0001-routine"))
    routine = erp.api.service.routine
    assert routine.run_once()["legacy order files"] == 0
    assert routine.run_once()["legacy order files"] == 0
    assert sum("could not be written" in r.getMessage() for r in caplog.records) == 1
    erp.appmanager.unlink()
    assert routine.run_once()["legacy order files"] == 1
    assert erp.legacy_files() == ["AM_ORD_0000000001_1.DAT"]
    assert any("can be written into" in r.getMessage() and "again" in r.getMessage() for r in caplog.records)
    assert erp.api.get("/health", user=None).json()["connector"]["legacy_files_waiting"] == 0


def test_orders_arriving_at_once_each_get_one_file(erp):
    erp.param("export.legacy_files", True)
    token = erp.api.token("mrossi")

    def send(number: int) -> int:
        return requests.post(erp.url + "/api/v1/documents/orders", json=order(f"ord-{number:04d}-burst"),
                             headers={"Authorization": "Bearer " + token}, timeout=30).status_code

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(send, range(16))) == {201}
    names = erp.legacy_files()
    assert len(names) == 16 and all(n.startswith("AM_ORD_") and n.endswith(".DAT") for n in names)
    assert {row["legacy"] for row in legacy_states(erp)} == {"written"}
