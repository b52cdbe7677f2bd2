"""The pull API called exactly as AMHelper calls it, for every queue, checked against connector_api.json.

The checks read the spec file itself: every envelope and record field by name and in
order, its JSON type and nullability, nested lists as records, ISO dates, exact numbers.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.connector.conftest import MAX_LIMIT
from tests.connector.erp import QUEUE_PATHS, SPEC, _queue

ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
SERVER = {"id", "unique_id", "data_import", "utente", "cod_agente", "cod_operatore", "cod_prog", "cod_cliente_utente"}
RECORDS = {kind: SPEC["queues"][_queue(kind)]["record_type"] for kind in QUEUE_PATHS}
SPARSE = {"orders": {"cod_clifor": "C1", "righe": [{"codice_articolo": "ART1", "qta": 1}]},
          "customers": {"ragione_sociale": "Bar Nuovo"}, "customer-notes": {"cod_cliente": "C1", "nota": "n"},
          "leads": {"descrizione1": "Ristorante"}, "lead-notes": {"cod_lead": "L1", "nota": "n"},
          "activities": {"cod_tipo_attivita": "VIS", "cod_lead": "L1"}}


# The 2022 AMHelper's names of five order fields (after the record's own fields), with the classic field's value.
RENAMED_2022 = {"des_note_fat": "noteFattura", "des_note_cons": "noteConsegna", "des_note_gen": "noteGenerali",
                "flg_aggiunta": "flag_aggiunta", "num_doc_aggiunta": None}


def fields(record_type: str, *, sent: bool = False) -> dict[str, dict]:
    """The record's fields in order; as served, the order record also carries the 2022 names."""
    own = {f["name"]: f for f in SPEC["record_types"][record_type]["fields"]}
    if sent or record_type != "TestataOrdineExport":
        return own
    return own | {new: {"name": new, "nullable": True, **({"json_type": own[old]["json_type"]} if old else
                                                          {"json_type": "string"})} for new, old in RENAMED_2022.items()}


def full(record_type: str) -> dict:
    """A value in every field a device may send: text, exact decimals, dates, nested records."""
    values = {}
    for name, spec in fields(record_type, sent=True).items():
        kind = spec["json_type"]
        if name in SERVER or name == "guid_test_ord":
            continue
        if kind.startswith("list<"):
            values[name] = [full(kind[5:-1])]
        elif kind == "number":
            values[name] = Decimal("1.50")
        elif kind == "datetime":
            values[name] = "2026-03-02T09:30:00"
        else:
            values[name] = f"{name} è"
    return values


def check_record(record_type: str, record: dict, where: str) -> None:
    spec = fields(record_type)
    assert list(record) == list(spec), f"{where}: field names or order differ from {record_type}"
    for name, field in spec.items():
        value, kind, at = record[name], field["json_type"], f"{where}.{name}"
        if kind.startswith("list<"):
            assert isinstance(value, list), f"{at}: a list is [] never null"
            for index, item in enumerate(value):
                check_record(kind[5:-1], item, f"{at}[{index}]")
        elif value is None:
            assert field["nullable"], f"{at} is null but not nullable"
        elif kind == "number":
            assert isinstance(value, (int, Decimal)) and not isinstance(value, bool), at
        elif kind == "datetime":
            assert isinstance(value, str) and ISO.fullmatch(value), f"{at}: {value!r} is not yyyy-MM-ddTHH:mm:ss"
        else:
            assert kind == "string" and isinstance(value, str), at


def check_envelope(body: dict, kind: str) -> list:
    list_key = SPEC["queues"][_queue(kind)]["list_key"]
    assert list(body) == ["meta", "cod_progetto", "last_data_import", "last_id", list_key]
    assert list(body["meta"]) == [f["name"] for f in SPEC["envelope"]["meta_fields"]]
    assert all(isinstance(v, int) and not isinstance(v, bool) for v in body["meta"].values())
    assert isinstance(body["cod_progetto"], str) and isinstance(body[list_key], list)
    return body[list_key]


def expected(value):
    if isinstance(value, list):
        return [{k: expected(v) for k, v in item.items()} for item in value]
    return value


@pytest.mark.parametrize("kind", list(QUEUE_PATHS))
def test_every_queue_answers_amhelper_field_for_field(erp, kind):
    sent = full(RECORDS[kind])
    first = erp.upload(kind, {"guid": f"{kind}-full-0001", **sent})
    second = erp.upload(kind, {"guid": f"{kind}-sparse-0001", **SPARSE[kind]})
    reply = erp.amhelper(kind, 0)
    assert reply.status_code == 200 and reply.headers["Content-Type"].startswith("application/json")
    sent_params = parse_qsl(urlsplit(reply.url).query, keep_blank_values=True)
    assert [name for name, _ in sent_params] == list(SPEC["queues"][_queue(kind)]["amhelper_sends"]) or \
        kind == "orders"  # AMHelper sends limit for orders only when the caller gives one
    assert ("lastDateImport", "") in sent_params or kind not in ("orders", "customer-notes")
    body = json.loads(reply.text, parse_float=Decimal)
    records = check_envelope(body, kind)
    assert body["meta"] == {"limit": MAX_LIMIT, "maxID": 2, "offset": 0, "total_count": 2}  # 50 asked, capped
    assert body["cod_progetto"] == "ROSSI" and body["last_id"] == 0 and body["last_data_import"] is None
    for index, record in enumerate(records):
        check_record(RECORDS[kind], record, f"{kind}[{index}]")
    full_record, sparse_record = records
    assert [r["id"] for r in records] == [1, 2]
    for name, value in sent.items():
        assert full_record[name] == expected(value) or name in ("righe", "clienti"), name
    unique = first["id"] if kind == "orders" else str(first["id"])
    assert (full_record["unique_id"], sparse_record["unique_id"]) == (unique, type(unique)(second["id"]))
    server_values = {"utente": "mrossi", "cod_agente": "A1", "cod_prog": "ROSSI", "cod_operatore": None}
    assert {k: full_record[k] for k in server_values if k in full_record} == \
        {k: v for k, v in server_values.items() if k in full_record}
    assert ISO.fullmatch(full_record["data_import"])
    for new, old in RENAMED_2022.items() if kind == "orders" else ():
        assert full_record[new] == (full_record[old] if old else None), new
    assert all(v is None or v == [] for k, v in sparse_record.items() if k not in SERVER | set(SPARSE[kind])
               and k not in ("guid_test_ord", "data_import"))
    if any(isinstance(v, Decimal) for v in sent.values()):
        assert '1.50' in reply.text and '1.5,' not in reply.text  # decimals keep their digits


def test_an_order_keeps_lines_details_and_new_customer_exactly(erp):
    sent = full("TestataOrdineExport")
    erp.upload("orders", {"guid": "ord-full-0001", **sent})
    (record,) = erp.records("orders")
    line = record["righe"][0]
    assert {k: v for k, v in line.items() if k != "id"} == {k: v for k, v in sent["righe"][0].items()} | {
        "dettagli": sent["righe"][0]["dettagli"]}
    assert isinstance(line["id"], int) and record["clienti"] == sent["clienti"]
    assert line["dettagli"][0]["qta"] == Decimal("1.50") and record["guid_test_ord"] == "ord-full-0001"


@pytest.mark.parametrize("path, kind", [("ordini", "orders"), ("leads", "leads"), ("notelead", "lead-notes")])
def test_the_documented_aliases_answer_as_the_coda_paths(erp, path, kind):
    erp.upload(kind, {"guid": f"{kind}-alias-0001", **SPARSE[kind]})
    assert erp.amhelper(kind, 0, path=path).text == erp.amhelper(kind, 0).text


@pytest.mark.parametrize("kind", ["orders", "customers"])
def test_count_1_gives_meta_only_and_the_list_is_empty_not_null(erp, kind):
    erp.upload(kind, {"guid": f"{kind}-count-0001", **SPARSE[kind]})
    body = erp.amhelper(kind, 0, count=1).json()
    assert check_envelope(body, kind) == []
    assert body["meta"] == {"limit": 0, "maxID": 1, "offset": 0, "total_count": 1}


def test_the_2022_names_carry_the_classic_values(erp):
    erp.upload("orders", {"guid": "ord-2022-0001", "cod_clifor": "C1", "noteFattura": "fattura", "noteConsegna": "cons",
                          "noteGenerali": "gen", "flag_aggiunta": 1, "righe": [{"codice_articolo": "ART1", "qta": 1}]})
    (record,) = erp.records("orders")
    assert (record["des_note_fat"], record["des_note_cons"], record["des_note_gen"]) == ("fattura", "cons", "gen")
    assert record["flg_aggiunta"] == 1 and record["num_doc_aggiunta"] is None
    assert (record["noteFattura"], record["flag_aggiunta"]) == ("fattura", 1)  # the classic names stay


@pytest.mark.parametrize("profile, expected", [("classic", '"data_ritiro":"2026-03-05T00:00:00"'),
                                               ("2022", '"data_ritiro":20260305')])
def test_the_profile_sends_data_ritiro_as_that_amhelper_parses_it(erp, profile, expected):
    from appliance.accounts import set_param

    erp.upload("orders", {"guid": "ord-ritiro-0001", "cod_clifor": "C1", "data_ritiro": "2026-03-05",
                          "note": '"data_ritiro":"2026-03-05T00:00:00"', "righe": [{"codice_articolo": "ART1", "qta": 1}]})
    set_param(erp.store, "connector.amhelper_profile", profile)
    reply = erp.amhelper("orders", 0)
    assert expected in reply.text
    record = json.loads(reply.text, parse_float=Decimal)["testate"][0]
    assert record["note"] == '"data_ritiro":"2026-03-05T00:00:00"'  # text that looks like the field is left alone
    assert record["data_ritiro"] == (Decimal(20260305) if profile == "2022" else "2026-03-05T00:00:00")


def test_a_missing_pickup_date_stays_null_under_both_profiles(erp):
    from appliance.accounts import set_param

    erp.upload("orders", {"guid": "ord-ritiro-0002", "cod_clifor": "C1", "righe": [{"codice_articolo": "ART1", "qta": 1}]})
    set_param(erp.store, "connector.amhelper_profile", "2022")
    assert json.loads(erp.amhelper("orders", 0).text)["testate"][0]["data_ritiro"] is None
