"""The validation gate and the operator's commands, with the CLI on the running appliance's data."""

from __future__ import annotations

import json

import pytest

from appliance.cli import main
from tests.connector.erp import QUEUE_PATHS, order

DOCUMENTS = {"orders": order(), "customers": {"guid": "cust-0001-gate", "ragione_sociale": "Bar Nuovo"},
             "customer-notes": {"guid": "note-0001-gate", "cod_cliente": "C1", "nota": "n"},
             "leads": {"guid": "lead-0001-gate", "descrizione1": "Ristorante"},
             "lead-notes": {"guid": "lnot-0001-gate", "cod_lead": "L1", "nota": "n"},
             "activities": {"guid": "actv-0001-gate", "cod_tipo_attivita": "VIS", "cod_lead": "L1"}}
GATES = {"orders": "validate.orders", "customers": "validate.customers", "customer-notes": "validate.customer_notes",
         "leads": "validate.leads", "lead-notes": "validate.lead_notes"}


@pytest.fixture
def cli(erp, capsys):
    """Run `appliance ...` on the appliance's data dir and exchange folder: (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([*args, "--data-dir", str(erp.settings.data_dir), "--exchange", str(erp.settings.exchange)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.mark.parametrize("kind", list(GATES))
def test_a_gated_document_waits_for_an_operator_then_reaches_the_connector(erp, cli, kind):
    erp.param(GATES[kind], True)
    uploaded = erp.upload(kind, DOCUMENTS[kind])
    assert erp.records(kind) == []
    code, out, _ = cli("documents", "list", "--pending", "--json")
    assert code == 0 and [(d["id"], d["kind"], d["status"]) for d in json.loads(out)] == [
        (uploaded["id"], kind, "pending")]
    code, out, _ = cli("documents", "validate", str(uploaded["id"]))
    assert code == 0 and "queued for the ERP as export id(s) 1" in out
    assert [r["id"] for r in erp.records(kind)] == [1]
    assert json.loads(cli("documents", "list", "--pending", "--json")[1]) == []


def test_gates_are_per_category_and_activities_have_none(erp):
    erp.param("validate.customers", True)
    for kind, document in DOCUMENTS.items():
        erp.upload(kind, document)
    waiting = {kind: len(erp.records(kind)) for kind in QUEUE_PATHS}
    assert waiting == {"orders": 1, "customers": 0, "customer-notes": 1, "leads": 1, "lead-notes": 1,
                       "activities": 1}


def test_reject_needs_a_reason_and_only_a_pending_document_can_be_validated_or_rejected(erp, cli):
    erp.param("validate.orders", True)
    erp.upload("orders", order())
    code, _, err = cli("documents", "reject", "1", "--reason", "  ")
    assert code == 2 and "reason" in err
    assert cli("documents", "reject", "1", "--reason", "Cliente chiuso")[0] == 0
    for action in (("validate", "1"), ("reprocess", "1"), ("queue-again", "1"), ("reject", "1", "--reason", "x")):
        code, _, err = cli("documents", *action)
        assert code == 2 and "Document 1 is rejected" in err, action
    code, _, err = cli("documents", "show", "99")
    assert code == 2 and "There is no document 99" in err


def test_show_prints_fields_warnings_history_and_parts(erp, cli):
    erp.param("orders.split_by_family", True)
    erp.upload("orders", order(lines=[("ART1", 1), ("GONE", 1)]))
    code, out, _ = cli("documents", "show", "1")
    assert code == 0 and "document 1: orders ord-0001-aaaa from mrossi, queued" in out
    assert "warning righe[1].codice_articolo: Article GONE is no longer in the ERP's article list." in out
    assert "processed" in out and "ord-0001-aaaa-2" in out
    found = json.loads(cli("documents", "show", "1", "--json")[1])
    assert [p["export_id"] for p in found["parts"]] == [1, 2] and found["steps"][0]["step"] == "received"
    code, out, _ = cli("documents", "list", "--kind", "orders")
    assert code == 0 and "ord-0001-aaaa" in out.splitlines()[1]


def test_queue_again_gives_new_ids_with_the_same_guids_and_unique_ids(erp, cli):
    erp.upload("orders", order())
    (first,) = erp.records("orders")
    assert erp.status()["orders"][0]["status"] == "delivered"
    code, out, _ = cli("documents", "queue-again", "1")
    assert code == 0 and "export id(s) 2" in out
    (again,) = erp.records("orders", first["id"])
    assert (again["id"], again["guid_test_ord"], again["unique_id"]) == (2, first["guid_test_ord"],
                                                                         first["unique_id"])


def test_the_payment_transcoding_commands(erp, cli):
    assert cli("paytrans", "set", "RB60", "RB30")[1] == "RB60 -> RB30\n"
    assert cli("paytrans", "set", "RB60", "RB15")[0] == 0
    assert [(r["from_code"], r["to_code"]) for r in json.loads(cli("paytrans", "list", "--json")[1])] == [
        ("RB60", "RB15")]
    assert "RB60       RB15" in cli("paytrans", "list")[1]
    code, _, err = cli("paytrans", "set", "A|B", "X")
    assert code == 2 and "without '|'" in err
    assert cli("paytrans", "remove", "RB60")[0] == 0
    code, _, err = cli("paytrans", "remove", "RB60")
    assert code == 2 and "has no replacement" in err


def test_connector_key_prints_the_key_alone_on_its_last_line_and_rotation_applies_at_once(erp, cli):
    erp.upload("orders", order())
    code, out, _ = cli("connector-key")
    assert code == 0 and out.splitlines()[-1] == erp.key
    old = erp.key
    code, out, _ = cli("connector-key", "--rotate")
    new = out.splitlines()[-1]
    assert code == 0 and new != old and new == erp.key and len(new) >= 40
    assert erp.pull("codaOrdini", {"authKey": old}).status_code == 401
    assert erp.pull("codaOrdini", {"authKey": new}).status_code == 200
