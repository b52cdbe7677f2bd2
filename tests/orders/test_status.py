"""Agents see what became of their orders: GET /api/v1/documents/orders?since=CURSOR."""

from __future__ import annotations

from appliance.orders.actions import reject, validate
from tests.connector.erp import order
from tests.device.test_session import assert_problem


def by_guid(answer: dict) -> dict[str, dict]:
    return {entry["guid"]: entry for entry in answer["orders"]}


def test_an_order_from_received_to_taken_by_the_erp_with_its_reference(erp):
    erp.param("orders.split_by_family", True)
    erp.upload("orders", order(lines=[("ART1", 1), ("ART2", 1)]))
    start = erp.status()
    (entry,) = start["orders"]
    assert (entry["status"], entry["reason"], entry["warnings"]) == ("queued", None, [])
    assert [(p["guid"], p["unique_id"], p["export_id"], p["status"], p["lines"]) for p in entry["parts"]] == [
        ("ord-0001-aaaa", "1", 1, "queued", [1]), ("ord-0001-aaaa-2", "100000001", 2, "queued", [2])]
    assert erp.status(since=start["cursor"])["orders"] == []  # nothing changed since
    erp.records("orders")  # read and confirmed by lastID
    delivered = erp.status(since=start["cursor"])
    assert [(o["status"], [p["status"] for p in o["parts"]]) for o in delivered["orders"]] == [
        ("delivered", ["delivered", "delivered"])]
    erp.ack("orders", {"ids": [1], "erp_refs": {"1": "OC/2026/0042"}})
    partly = erp.status(since=delivered["cursor"])
    (entry,) = partly["orders"]
    assert entry["status"] == "delivered" and [(p["status"], p["erp_ref"]) for p in entry["parts"]] == [
        ("taken", "OC/2026/0042"), ("delivered", None)]
    erp.ack("orders", {"ids": [2], "erp_refs": {"2": "OC/2026/0043"}})
    assert erp.status(since=partly["cursor"])["orders"][0]["status"] == "taken"


def test_waiting_and_rejected_orders_show_their_reason_and_only_changes_come_after_the_cursor(erp):
    erp.param("validate.orders", True)
    erp.upload("orders", order("ord-0001-wait"))
    erp.upload("orders", order("ord-0002-wait"))
    first = erp.status()
    assert {g: o["status"] for g, o in by_guid(first).items()} == {"ord-0001-wait": "pending",
                                                                    "ord-0002-wait": "pending"}
    reject(erp.store, 1, "Fuori listino", actor="op")
    validate(erp.store, erp.settings, 2, actor="op")
    later = by_guid(erp.status(since=first["cursor"]))
    assert (later["ord-0001-wait"]["status"], later["ord-0001-wait"]["reason"]) == ("rejected", "Fuori listino")
    assert later["ord-0002-wait"]["status"] == "queued" and later["ord-0002-wait"]["parts"][0]["export_id"] == 1


def test_each_agent_sees_only_his_own_orders_and_pages_follow_the_cursor(erp):
    for number in range(3):
        erp.upload("orders", order(f"ord-{number:04d}-mine"))
    erp.upload("orders", order("ord-0009-other"), user="lbianchi")
    page = erp.status(limit=2)
    assert [o["guid"] for o in page["orders"]] == ["ord-0000-mine", "ord-0001-mine"] and page["more"] is True
    rest = erp.status(since=page["cursor"], limit=2)
    assert [o["guid"] for o in rest["orders"]] == ["ord-0002-mine"] and rest["more"] is False
    assert [o["guid"] for o in erp.status("lbianchi")["orders"]] == ["ord-0009-other"]


def test_a_malformed_cursor_is_400_and_one_ahead_of_the_server_is_410(erp):
    erp.upload("orders", order())
    body = assert_problem(erp.api.get("/api/v1/documents/orders", params={"since": "abc"}), 400)
    assert body["errors"][0]["field"] == "since"
    assert_problem(erp.api.get("/api/v1/documents/orders", params={"since": "999"}), 410, "resync_required")
    assert_problem(erp.api.get("/api/v1/documents/orders", params={"limit": "x"}), 400)
    assert_problem(erp.api.get("/api/v1/documents/orders", user=None), 401)
