"""What connectors do to the queues: pages served, ids passed back, acknowledgements, and races between them."""

from __future__ import annotations

import threading

from appliance.connector.delivery import PullHooks
from appliance.documents.intake import Hooks
from appliance.orders.actions import reject, validate
from appliance.store.documents import document_steps
from tests.connector.erp import order
from tests.device.test_session import assert_problem


def states(erp) -> dict[int, str]:
    return dict(erp.store.execute("SELECT queue_id, state FROM exports ORDER BY queue_id").fetchall())


def statuses(erp) -> list[str]:
    return [row[0] for row in erp.store.execute("SELECT status FROM documents ORDER BY id")]


def test_pages_mark_entries_served_and_a_later_last_id_marks_them_delivered(erp):
    for number in range(3):
        erp.upload("orders", order(f"ord-{number:04d}-deliv"))
    erp.amhelper("orders", 0, limit=2)
    assert states(erp) == {1: "served", 2: "served", 3: "queued"}
    erp.amhelper("orders", 2)
    assert states(erp) == {1: "delivered", 2: "delivered", 3: "served"} and statuses(erp) == [
        "delivered", "delivered", "queued"]
    steps = document_steps(erp.store, erp.document_id("ord-0000-deliv"))
    assert [s["step"] for s in steps] == ["received", "processed", "delivered"]
    assert steps[-1]["detail"] == {"queue": "orders", "last_id": 2} and steps[-1]["actor"] == "connector"


def test_the_plain_api_pages_after_an_id_and_acknowledgements_mark_entries_taken(erp):
    for number in range(3):
        erp.upload("orders", order(f"ord-{number:04d}-plain"))
    page = erp.plain("orders", after=0, limit=2).json()
    assert [e["id"] for e in page["entries"]] == [1, 2] and page["more"] is True and page["next_after"] == 2
    entry = page["entries"][0]
    assert (entry["document_id"], entry["part"], entry["parts"], entry["guid"], entry["status"]) == (
        1, 1, 1, "ord-0000-plain", "queued")
    assert entry["record"]["id"] == 1 and entry["record"]["righe"][0]["codice_articolo"] == "ART1"
    reply = erp.ack("orders", {"ids": [1, 2], "erp_refs": {"1": "ORD-2026-77"}})
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"queue": "orders", "entries": [
        {"id": 1, "guid": "ord-0000-plain", "status": "taken", "erp_ref": "ORD-2026-77"},
        {"id": 2, "guid": "ord-0001-plain", "status": "taken", "erp_ref": None}]}
    assert statuses(erp) == ["taken", "taken", "queued"]
    last = erp.plain("orders", after=2).json()
    assert [e["id"] for e in last["entries"]] == [3] and last["more"] is False


def test_an_acknowledgement_with_an_unknown_id_changes_nothing(erp):
    erp.upload("orders", order())
    body = assert_problem(erp.ack("orders", {"ids": [1, 9]}), 404)
    assert body["errors"] == [{"field": "ids", "reason": "unknown id 9"}] and states(erp) == {1: "queued"}
    assert_problem(erp.ack("customers", {"ids": [1]}), 404)  # the id is an order's, not a customer's


def test_malformed_acknowledgements_are_400_naming_the_fields(erp):
    erp.upload("orders", order())
    for body, field in (({}, "ids"), ({"ids": []}, "ids"), ({"ids": ["1"]}, "ids[0]"), ({"ids": [0]}, "ids[0]"),
                        ({"ids": [1], "erp_refs": {"2": "X"}}, "erp_refs.2"),
                        ({"ids": [1], "erp_refs": {"1": 7}}, "erp_refs.1"), ({"ids": [1], "erp_refs": []}, "erp_refs"),
                        ({"ids": [1], "erp_refs": {"²": "X"}}, "erp_refs.²")):
        assert assert_problem(erp.ack("orders", body), 400)["errors"][0]["field"] == field, body
    assert_problem(erp.ack("invoices", {"ids": [1]}), 404)
    assert_problem(erp.plain("orders", after=-1), 400)
    assert_problem(erp.plain("orders", after="²"), 400)
    assert states(erp) == {1: "queued"}


def test_two_connectors_pulling_at_once_each_get_every_entry_once_and_marks_only_move_forward(erp):
    for number in range(12):
        erp.upload("orders", order(f"ord-{number:04d}-twice"))
    held, release, first = threading.Event(), threading.Event(), {"done": False}

    def before_marks():
        if not first["done"]:  # the first request to read a page waits here, between its read and its marks
            first["done"] = True
            held.set()
            assert release.wait(30)

    erp.api.app.config["appliance.pull_hooks"] = PullHooks(before_marks=before_marks)
    seen: dict[str, list[int]] = {}

    def connector(name: str) -> None:
        seen[name] = [record["id"] for record in erp.records("orders")]

    slow = threading.Thread(target=connector, args=("slow",))
    slow.start()
    assert held.wait(30)
    connector("fast")  # pulls everything, and its last lastID confirms it, while the slow one holds its first page
    assert set(states(erp).values()) == {"delivered"}
    release.set()
    slow.join(30)
    assert seen == {"slow": list(range(1, 13)), "fast": list(range(1, 13))}
    assert set(states(erp).values()) == {"delivered"} and set(statuses(erp)) == {"delivered"}  # none back to served


def test_a_document_validated_after_newer_ones_is_seen_by_a_connector_that_stored_the_last_id(erp):
    erp.param("validate.orders", True)
    erp.upload("orders", order("ord-old-0001"))
    erp.param("validate.orders", False)
    assert erp.amhelper("orders", 0).json()["testate"] == []
    held, release = threading.Event(), threading.Event()

    def before_commit():
        held.set()
        assert release.wait(30)

    erp.api.app.config["appliance.upload_hooks"] = Hooks(before_commit=before_commit)
    newer = threading.Thread(target=erp.upload, args=("orders", order("ord-new-0002")))
    newer.start()
    assert held.wait(30)  # the newer order holds its export id, uncommitted
    assert erp.amhelper("orders", 0).json()["meta"]["maxID"] == 0
    erp.api.app.config["appliance.upload_hooks"] = None
    older = threading.Thread(target=validate, args=(erp.store, erp.settings, erp.document_id("ord-old-0001")),
                             kwargs={"actor": "test"})
    older.start()  # waits for the write lock the newer upload holds
    release.set()
    newer.join(30)
    older.join(30)
    first = erp.amhelper("orders", 0).json()["testate"]
    assert [(r["id"], r["guid_test_ord"]) for r in first] == [(1, "ord-new-0002"), (2, "ord-old-0001")]
    stored_last_id = 1
    assert [r["guid_test_ord"] for r in erp.records("orders", stored_last_id)] == ["ord-old-0001"]


def test_a_rejected_document_never_reaches_the_erp(erp):
    erp.param("validate.orders", True)
    erp.param("export.legacy_files", True)
    erp.upload("orders", order())
    reject(erp.store, 1, "Cliente chiuso", actor="test")
    for path in ("codaOrdini", "ordini"):
        body = erp.pull(path, {"authKey": erp.key, "statusExport": "0"}).json()
        assert body["testate"] == [] and body["meta"]["maxID"] == 0
    assert erp.plain("orders").json()["entries"] == [] and erp.legacy_files() == []
    assert assert_problem(erp.ack("orders", {"ids": [1]}), 404)
    (entry,) = erp.status()["orders"]
    assert (entry["status"], entry["reason"], entry["parts"][0]["export_id"]) == ("rejected", "Cliente chiuso", None)
