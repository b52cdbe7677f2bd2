"""Document uploads: stored once per guid, retries answered with the stored document, bad fields named."""

from __future__ import annotations

import threading

import requests

from appliance.accounts import set_param
from appliance.documents.intake import Hooks
from appliance.store.documents import document_steps, upload_body
from tests.device.test_session import assert_problem


def order(guid="ord-0001-aaaa", **changes):
    document = {"guid": guid, "cod_clifor": "C1", "cod_ditta": "1", "data_ordine": "2026-03-02",
                "note": "Consegna mattina", "righe": [
                    {"codice_articolo": "ART1", "qta": 3, "prezzo": 9.5, "sconto_importo": 0},
                    {"codice_articolo": "ART2", "qta": 10.0, "prezzo": 7.25}]}
    document.update(changes)
    return document


def test_first_upload_is_201_with_the_stored_document_and_server_fields(api, world):
    reply = api.post("/api/v1/documents/orders", json=order())
    assert reply.status_code == 201, reply.text
    body = reply.json()
    stored = body["document"]
    assert body["created"] is True and body["kind"] == "orders" and body["warnings"] == []
    assert stored["guid_test_ord"] == "ord-0001-aaaa" and stored["unique_id"] == body["id"]
    assert (stored["cod_agente"], stored["utente"], stored["cod_prog"]) == ("A1", "mrossi", "ROSSI")
    assert stored["id"] is None and len(stored["data_import"]) == 19
    assert [line["id"] for line in stored["righe"]] == [1, 2]
    assert '"prezzo":9.5' in reply.text and '"qta":10.0' in reply.text  # numbers exactly as sent


def test_the_same_guid_and_body_is_200_with_the_same_document(api, world):
    first = api.post("/api/v1/documents/orders", json=order()).json()
    reordered = dict(reversed(list(order(righe=[{"qta": 3.00, "sconto_importo": 0.0, "prezzo": 9.50,
                                                 "codice_articolo": "ART1"},
                                                {"codice_articolo": "ART2", "qta": 10, "prezzo": 7.250}]).items())))
    reply = api.post("/api/v1/documents/orders", json=reordered)
    assert reply.status_code == 200 and reply.json()["created"] is False
    assert reply.json()["document"] == first["document"]
    assert api.store.scalar("SELECT count(*) FROM documents") == 1


def test_the_same_guid_with_another_body_is_409(api, world):
    api.post("/api/v1/documents/orders", json=order())
    body = assert_problem(api.post("/api/v1/documents/orders", json=order(note="Consegna sera")), 409)
    assert body["errors"][0]["field"] == "guid"


def test_another_users_guid_is_409_and_never_shows_his_document(api, world):
    api.post("/api/v1/documents/orders", json=order(note="segreto di mrossi"))
    reply = api.post("/api/v1/documents/orders", "lbianchi", json=order(note="segreto di mrossi"))
    assert_problem(reply, 409)
    assert "segreto" not in reply.text and "mrossi" not in reply.text
    assert_problem(api.get("/api/v1/documents/orders/ord-0001-aaaa", "lbianchi"), 404)
    own = api.get("/api/v1/documents/orders/ord-0001-aaaa", "mrossi").json()
    assert own["status"] == "queued" and own["document"]["note"] == "segreto di mrossi"


def test_malformed_documents_are_422_naming_each_bad_field(api, world):
    bad = order(guid="x", cod_clifor=12, data_ordine="02/03/2026", colore="rosso",
                righe=[{"codice_articolo": "ART1", "qta": "tre"}, {"prezzo": 1}])
    body = assert_problem(api.post("/api/v1/documents/orders", json=bad), 422)
    assert {e["field"] for e in body["errors"]} == {"guid", "cod_clifor", "data_ordine", "colore", "righe[0].qta",
                                                    "righe[1].qta", "righe[1].codice_articolo"}
    assert api.store.scalar("SELECT count(*) FROM documents") == 0


def test_business_rule_problems_are_warnings_never_rejections(api, world):
    document = order(guid="ord-0002-bbbb", cod_clifor="C2", righe=[
        {"codice_articolo": "GONE", "qta": 1}, {"codice_articolo": "ART1", "qta": 1, "prezzo": 1, "sconto_1": 50}])
    reply = api.post("/api/v1/documents/orders", json=document)
    assert reply.status_code == 201
    codes = {(w["field"], w["code"]) for w in reply.json()["warnings"]}
    assert codes == {("cod_clifor", "blocked_customer"), ("righe[0].codice_articolo", "unknown_article"),
                     ("righe[1].prezzo", "below_min_price"), ("righe[1].sconto_1", "above_max_discount"),
                     ("righe[1].qta", "below_min_quantity")}


def test_a_document_for_another_agents_customer_is_flagged_unless_he_sees_every_customer(api, world):
    flagged = ("cod_clifor", "not_agents_customer")
    for guid, customer, user in (("ord-0003-mine", "C1", "mrossi"), ("ord-0004-tmpl", "T1", "mrossi"),
                                 ("ord-0005-theirs", "C3", "mrossi"), ("ord-0006-supp", "C1", "lbianchi")):
        reply = api.post("/api/v1/documents/orders", user=user, json=order(guid=guid, cod_clifor=customer))
        assert reply.status_code == 201, reply.text
        codes = {(w["field"], w["code"]) for w in reply.json()["warnings"]}
        assert (flagged in codes) is (guid in ("ord-0005-theirs", "ord-0006-supp")), (guid, codes)
    note = api.post("/api/v1/documents/customer-notes", json={"guid": "note-0003-th", "cod_cliente": "C3", "nota": "x"})
    assert note.json()["warnings"][0]["message"] == ("Customer C3 is not one of agent A1's customers (io_clifor_age): "
                                                     "check who should handle this document.")
    set_param(api.store, "app.show_all_customers", "true", username="mrossi")
    reply = api.post("/api/v1/documents/orders", json=order(guid="ord-0007-all", cod_clifor="C3"))
    assert reply.json()["warnings"] == []


def test_the_raw_payload_is_kept_as_received(api, world):
    raw = b'{"guid": "note-0001-aaaa", "cod_cliente": "C1",   "nota": "Chiuso il luned\\u00ec", "id": 99}'
    reply = api.post("/api/v1/documents/customer-notes", data=raw, headers={"Content-Type": "application/json"})
    assert reply.status_code == 201
    stored = api.store.query_one("SELECT id, upload_id FROM documents")
    assert upload_body(api.store, stored["upload_id"]) == raw
    assert reply.json()["document"]["id"] is None  # the server's, not the device's
    assert [s["step"] for s in document_steps(api.store, stored["id"])] == ["received", "processed"]


def test_every_kind_is_accepted(api, world):
    documents = {
        "customers": {"guid": "cust-0001-aaaa", "ragione_sociale": "Bar Nuovo", "partita_iva": "01234567890"},
        "customer-notes": {"guid": "note-0002-aaaa", "cod_cliente": "C1", "nota": "ok"},
        "leads": {"guid": "lead-0001-aaaa", "descrizione1": "Ristorante"},
        "lead-notes": {"guid": "lnot-0001-aaaa", "cod_lead": "L1", "nota": "visitato"},
        "activities": {"guid": "actv-0001-aaaa", "cod_lead": "L9", "cod_tipo_attivita": "VIS",
                       "data_esecuzione": "2026-03-02T10:30:00"},
    }
    for kind, document in documents.items():
        reply = api.post(f"/api/v1/documents/{kind}", json=document)
        assert reply.status_code == 201, (kind, reply.text)
    assert api.post("/api/v1/documents/activities", json=documents["activities"]).json()["warnings"][0]["code"] \
        == "unknown_lead"
    assert_problem(api.post("/api/v1/documents/invoices", json={"guid": "abcdefgh1"}), 404)


def test_a_batch_answers_each_document_and_one_bad_one_fails_nothing(api, world):
    api.post("/api/v1/documents/orders", json=order())
    batch = {"documents": [
        {"kind": "orders", "document": order()},  # a repeat
        {"kind": "orders", "document": order(guid="ord-0003-cccc")},
        {"kind": "orders", "document": order(guid="ord-0004-dddd", righe=[{"qta": 1}])},  # malformed
        {"kind": "orders", "document": order(note="changed")},  # conflict
        {"kind": "customer-notes", "document": {"guid": "note-0003-cccc", "cod_cliente": "C1", "nota": "x"}},
    ]}
    reply = api.post("/api/v1/documents", json=batch)
    assert reply.status_code == 200
    results = reply.json()["results"]
    assert [r["status"] for r in results] == [200, 201, 422, 409, 201]
    assert results[2]["problem"]["errors"] == [{"field": "righe[0].codice_articolo",
                                                "reason": "one of codice_articolo, descrizione_riga is required"}]
    assert api.store.scalar("SELECT count(*) FROM documents") == 3
    assert api.store.scalar("SELECT count(DISTINCT upload_id) FROM documents") == 2


def test_concurrent_identical_uploads_store_one_document(api, world):
    arrived, held, release = threading.Semaphore(0), threading.Event(), threading.Event()
    first_commit = {"done": False}

    def before_commit():
        if not first_commit["done"]:
            first_commit["done"] = True
            held.set()
            assert release.wait(30)

    api.app.config["appliance.upload_hooks"] = Hooks(before_write=arrived.release, before_commit=before_commit)
    token = api.token("mrossi")
    replies: list[requests.Response] = []

    def send():
        replies.append(requests.post(api.url + "/api/v1/documents/orders", json=order(),
                                     headers={"Authorization": "Bearer " + token}, timeout=30))

    threads = [threading.Thread(target=send) for _ in range(5)]
    threads[0].start()
    assert held.wait(30)  # the first holds the write lock between its check and its commit
    for thread in threads[1:]:
        thread.start()
    for _ in range(5):
        assert arrived.acquire(timeout=30)  # every retry has checked its body and waits for the lock
    release.set()
    for thread in threads:
        thread.join(30)
    assert sorted(r.status_code for r in replies) == [200, 200, 200, 200, 201]
    assert len({r.json()["id"] for r in replies}) == 1 and len({r.text.replace("true", "false") for r in replies}) == 1
    assert api.store.scalar("SELECT count(*) FROM documents") == 1


def test_the_lookups_of_an_upload_use_indexes_from_the_first_load_on(api, world):
    """Every order looks its customer and articles up: a table scan per upload would make
    uploads crawl on a 100,000-article export."""
    lookups = {"io_art": "COD_ART", "io_clifor_gen": "COD_CLIFOR", "io_clifor_blo": "COD_CLIFOR",
               "io_clifor_age": "COD_CLIFOR", "io_leads": "COD_LEAD"}
    for table, column in lookups.items():
        plan = api.store.execute(f'EXPLAIN QUERY PLAN SELECT * FROM {table} WHERE _deleted = 0 AND "{column}" IN '
                                 f"(SELECT value FROM json_each(?))", ("[]",)).fetchall()
        details = [row[3] for row in plan]
        assert not any(d.startswith(f"SCAN {table}") for d in details), (table, details)
