"""The order rules, through the real server: what an agent uploads and what the connector then receives."""

from __future__ import annotations

import json

import pytest

from appliance.errors import ConflictError
from appliance.orders.actions import reprocess, validate
from appliance.orders.paytrans import set_transcoding
from tests.connector.erp import order
from tests.device.test_session import assert_problem

STRIDE = 100_000_000


def parts(records: list[dict]) -> list[tuple]:
    """(guid, unique_id, [(article, line id)]) of each order the connector received."""
    return [(r["guid_test_ord"], r["unique_id"], [(line["codice_articolo"], line["id"]) for line in r["righe"]])
            for r in records]


def test_split_by_delivery_date_one_of_four_lines_with_another_date_gives_two_orders(erp):
    erp.param("orders.split_by_delivery_date", True)
    erp.upload("orders", order(lines=[("ART1", 1), ("ART2", 2), ("ART3", 3, {"data_consegna_riga": "2026-03-20"}),
                                      ("ART4", 4)], data_consegna="2026-03-10"))
    first, second = erp.records("orders")
    assert parts([first, second]) == [("ord-0001-aaaa", 1, [("ART1", 1), ("ART2", 2), ("ART4", 4)]),
                                      ("ord-0001-aaaa-2", 1 + STRIDE, [("ART3", 3)])]
    assert (first["data_consegna"], second["data_consegna"]) == ("2026-03-10T00:00:00", "2026-03-20T00:00:00")
    assert (first["id"], second["id"]) == (1, 2)


def test_split_by_family_puts_an_article_no_longer_in_io_art_in_a_part_with_an_empty_family(erp):
    erp.param("orders.split_by_family", True)
    erp.upload("orders", order(lines=[("ART1", 1), ("GONE", 2), ("ART2", 3), ("ART3", 4)]))
    assert parts(erp.records("orders")) == [("ord-0001-aaaa", 1, [("ART1", 1), ("ART3", 4)]),
                                            ("ord-0001-aaaa-2", 1 + STRIDE, [("GONE", 2)]),
                                            ("ord-0001-aaaa-3", 1 + 2 * STRIDE, [("ART2", 3)])]
    (status,) = erp.status()["orders"]
    assert [(p["guid"], p["lines"]) for p in status["parts"]] == [("ord-0001-aaaa", [1, 4]),
                                                                  ("ord-0001-aaaa-2", [2]), ("ord-0001-aaaa-3", [3])]


def test_perishable_parts_get_the_transcoded_payment_code_in_both_fields(erp):
    set_transcoding(erp.store, "RB60", "RB30")
    erp.param("orders.split_by_perishability", True)
    erp.upload("orders", order(lines=[("ART1", 1), ("ART2", 2)]))  # C1 pays RB60 in io_clifor_gen
    perishable, other = erp.records("orders")
    assert (perishable["cod_cond_pag"], perishable["cod_cond_pag_deperibilita"]) == ("RB30", "RB30")
    assert (other["cod_cond_pag"], other["cod_cond_pag_deperibilita"]) == (None, None)
    erp.param("orders.split_by_perishability", False)
    erp.upload("orders", order("ord-0002-bbbb", lines=[("ART2", 1), ("ART3", 1)], cod_cond_pag="RB60"))
    erp.upload("orders", order("ord-0003-cccc", lines=[("ART2", 1)], cod_cond_pag="RB60"))
    erp.upload("orders", order("ord-0004-dddd", lines=[("ART1", 1)], cod_clifor="C3"))  # RB90: no entry
    payment = [(r["guid_test_ord"], r["cod_cond_pag"], r["cod_cond_pag_deperibilita"])
               for r in erp.records("orders", 2)]
    assert payment == [("ord-0002-bbbb", "RB30", "RB30"), ("ord-0003-cccc", "RB60", None),
                       ("ord-0004-dddd", None, None)]


def test_split_by_destination_keeps_one_uploaded_order_whole(erp):
    erp.param("orders.split_by_destination", True)
    erp.upload("orders", order(lines=[("ART1", 1), ("ART2", 2)], cod_destinazione="001"))
    assert parts(erp.records("orders")) == [("ord-0001-aaaa", 1, [("ART1", 1), ("ART2", 2)])]


def test_all_four_switches_together(erp):
    for rule in ("family", "delivery_date", "destination", "perishability"):
        erp.param(f"orders.split_by_{rule}", True)
    erp.upload("orders", order(lines=[("ART1", 1), ("ART3", 2, {"data_consegna_riga": "2026-04-01"}), ("ART4", 3),
                                      ("ART2", 4), ("ART3", 5)], cod_destinazione="001", data_consegna="2026-03-10"))
    assert [(p[0], [line for _, line in p[2]]) for p in parts(erp.records("orders"))] == [
        ("ord-0001-aaaa", [1, 5]), ("ord-0001-aaaa-2", [2]), ("ord-0001-aaaa-3", [3, 4])]


def test_lines_by_description_keep_their_ids(erp):
    erp.param("orders.line_order", "description")
    erp.upload("orders", order(lines=[("ART1", 1), ("ART4", 1), {"descrizione_riga": "Trasporto", "qta": 1},
                                      ("ART2", 1)]))
    (record,) = erp.records("orders")
    assert [(line["codice_articolo"], line["id"]) for line in record["righe"]] == [
        ("ART2", 4), ("ART4", 2), (None, 3), ("ART1", 1)]  # Albicocche, Biscotti, Trasporto, Zucchine


def test_delivery_days_are_added_once_when_the_agent_gave_no_date(erp):
    erp.param("orders.delivery_days", 3)
    erp.param("validate.orders", True)
    erp.upload("orders", order())
    erp.upload("orders", order("ord-0002-dated", data_consegna="2026-03-05"))
    reprocess(erp.store, erp.settings, 1, actor="test")
    reprocess(erp.store, erp.settings, 1, actor="test")
    for document_id in (1, 2):
        validate(erp.store, erp.settings, document_id, actor="test")
    assert [r["data_consegna"] for r in erp.records("orders")] == ["2026-03-05T00:00:00", "2026-03-05T00:00:00"]


def test_an_order_without_lines_is_kept_flagged_and_waits_for_an_operator(erp):
    reply = erp.upload("orders", order(lines=[]))
    assert [w["code"] for w in reply["warnings"]] == ["no_lines"]
    assert erp.records("orders") == [] and erp.status()["orders"][0]["status"] == "pending"
    validate(erp.store, erp.settings, 1, actor="test")
    (record,) = erp.records("orders")
    assert record["righe"] == [] and record["guid_test_ord"] == "ord-0001-aaaa"


def test_processing_is_deterministic(erp):
    for rule in ("family", "perishability"):
        erp.param(f"orders.split_by_{rule}", True)
    erp.param("validate.orders", True)
    erp.upload("orders", order(lines=[("ART1", 1), ("ART2", 2), ("ART3", 3)]))

    def records() -> list[dict]:
        return [{k: v for k, v in json.loads(r[0]).items() if k != "id"}
                for r in erp.store.execute("SELECT record FROM exports JOIN export_records ON export_id = id "
                                                   "ORDER BY part")]

    before = records()
    reprocess(erp.store, erp.settings, 1, actor="test")
    assert records() == before and len(before) == 2


def test_a_rule_change_then_a_reprocess_until_the_connector_has_the_order(erp):
    erp.upload("orders", order(lines=[("ART1", 1), ("ART2", 2)]))
    erp.param("orders.split_by_family", True)
    assert reprocess(erp.store, erp.settings, 1, actor="test")["parts"] == ["ord-0001-aaaa", "ord-0001-aaaa-2"]
    served = erp.amhelper("orders", 0).json()["testate"]  # a connector has the page, not yet confirmed
    assert parts(served) == [("ord-0001-aaaa", 1, [("ART1", 1)]), ("ord-0001-aaaa-2", 1 + STRIDE, [("ART2", 2)])]
    assert [r["id"] for r in served] == [2, 3]  # queued again: id 1 was withdrawn
    erp.param("orders.split_by_family", False)
    with pytest.raises(ConflictError, match="already has part ord-0001-aaaa"):
        reprocess(erp.store, erp.settings, 1, actor="test")
    assert len(erp.records("orders")) == 2


def test_a_rule_changed_from_the_cli_applies_to_the_next_order_without_a_restart(erp):
    from appliance.cli import main
    assert main(["params", "set", "orders.split_by_family", "true", "--data-dir", str(erp.settings.data_dir)]) == 0
    erp.upload("orders", order(lines=[("ART1", 1), ("ART2", 2)]))
    assert len(erp.records("orders")) == 2
    assert_problem(erp.api.get("/api/v1/documents/orders", params={"since": "x"}), 400)
