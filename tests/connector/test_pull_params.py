"""The compatible API's parameters at their edges: each refusal is a 400 problem naming the parameter."""

from __future__ import annotations

import logging

import pytest

from tests.connector.conftest import MAX_LIMIT
from tests.connector.erp import order
from tests.device.test_session import assert_problem


def queue_orders(erp, count: int) -> None:
    for number in range(count):
        erp.upload("orders", order(f"ord-{number:04d}-edge"))


def ids(reply) -> list[int]:
    assert reply.status_code == 200, reply.text
    return [record["id"] for record in reply.json()["testate"]]


def test_last_id_beyond_max_id_gives_an_empty_list_with_the_meta_still_right(erp):
    queue_orders(erp, 3)
    body = erp.amhelper("orders", 99).json()
    assert body["testate"] == [] and body["last_id"] == 99
    assert body["meta"] == {"limit": MAX_LIMIT, "maxID": 3, "offset": 0, "total_count": 0}


@pytest.mark.parametrize("name, value", [
    ("offset", "-1"), ("offset", "abc"), ("limit", "-5"), ("limit", "ten"), ("lastID", "-1"), ("lastID", "7x"),
    ("lastID", "1.5"), ("lastID", "١٢"), ("count", "2"), ("count", "yes"), ("statusExport", "3"),
    ("statusExport", "-1"), ("lastDateImport", "02/03/2026"), ("lastDateImport", "2026/13/45 10:00:00")])
def test_negative_or_non_numeric_parameters_are_400_naming_them(erp, name, value):
    body = assert_problem(erp.pull("codaOrdini", {"authKey": erp.key, "format": "json", name: value}), 400)
    assert body["errors"] == [{"field": name, "reason": body["errors"][0]["reason"]}]
    assert value in body["detail"]


def test_only_json_is_offered(erp):
    body = assert_problem(erp.pull("codaOrdini", {"authKey": erp.key, "format": "xml"}), 400)
    assert body["errors"][0]["field"] == "format" and "Only JSON" in body["detail"]
    assert erp.pull("codaOrdini", {"authKey": erp.key, "format": "JSON"}).status_code == 200


def test_limit_0_is_the_default_page_and_a_huge_limit_is_capped(erp):
    queue_orders(erp, MAX_LIMIT + 2)
    for limit in ("0", "", "1000000000"):
        reply = erp.pull("codaOrdini", {"authKey": erp.key, "format": "json", "limit": limit, "lastID": "0"})
        assert ids(reply) == list(range(1, MAX_LIMIT + 1)) and reply.json()["meta"]["limit"] == MAX_LIMIT
    small = erp.pull("codaOrdini", {"authKey": erp.key, "limit": "2", "lastID": "3"})
    assert ids(small) == [4, 5] and small.json()["meta"] == {"limit": 2, "maxID": 7, "offset": 0, "total_count": 4}


def test_offset_pages_within_the_entries_after_last_id(erp):
    queue_orders(erp, 6)
    reply = erp.pull("codaOrdini", {"authKey": erp.key, "offset": "2", "limit": "2", "lastID": "1"})
    assert ids(reply) == [4, 5] and reply.json()["meta"] == {"limit": 2, "maxID": 6, "offset": 2, "total_count": 5}


def test_empty_parameters_count_as_not_sent(erp):
    queue_orders(erp, 2)
    empty = {name: "" for name in ("format", "offset", "limit", "count", "lastID", "lastDateImport", "statusExport")}
    reply = erp.pull("codaOrdini", {"authKey": erp.key, **empty})
    assert ids(reply) == [1, 2] and reply.json()["last_id"] is None
    assert reply.json()["meta"] == {"limit": MAX_LIMIT, "maxID": 2, "offset": 0, "total_count": 2}


def test_parameter_names_are_matched_without_regard_to_case(erp):
    queue_orders(erp, 3)
    assert ids(erp.pull("codaOrdini", {"AUTHKEY": erp.key, "lastid": "2"})) == [3]


def test_last_date_import_gives_the_entries_queued_after_it(erp):
    erp.upload("orders", order("ord-early-0001"))
    erp.api.clock.advance(hours=2)
    erp.upload("orders", order("ord-later-0002"))
    queued = erp.store.query("SELECT queued_at FROM exports ORDER BY queue_id")
    between = queued[0]["queued_at"].replace("-", "/").replace("T", " ")
    reply = erp.pull("codaOrdini", {"authKey": erp.key, "lastDateImport": between})
    assert ids(reply) == [2] and reply.json()["last_data_import"] == queued[0]["queued_at"]


def test_status_export_selects_waiting_served_or_every_entry(erp):
    queue_orders(erp, 3)
    erp.pull("codaOrdini", {"authKey": erp.key, "limit": "1"})  # entry 1 served

    def pull(status: str) -> list[int]:
        return ids(erp.pull("codaOrdini", {"authKey": erp.key, "statusExport": status}))

    assert (pull("1"), pull("0"), pull("0"), pull("1"), pull("2")) == ([1], [2, 3], [], [1, 2, 3], [1, 2, 3])


def test_a_wrong_or_missing_key_is_401_and_the_key_is_never_logged(erp, caplog):
    caplog.set_level(logging.DEBUG)
    queue_orders(erp, 1)
    for params in ({"format": "json"}, {"authKey": "", "format": "json"}, {"authKey": erp.key[:-1] + "x"}):
        body = assert_problem(erp.pull("codaOrdini", params), 401)
        assert body["errors"][0]["field"] == "authKey" and "testate" not in body
    assert_problem(erp.plain("orders", key="wrong", after=0), 401)
    assert_problem(erp.ack("orders", {"ids": [1]}, key="wrong"), 401)
    assert erp.pull("codaOrdini", {"authKey": erp.key, "lastID": "1"}).status_code == 200
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("appliance"))
    assert "connector acknowledged" not in logged
    assert erp.key not in logged and erp.key[:-1] not in logged


def test_an_unknown_project_or_queue_is_404(erp):
    body = assert_problem(erp.pull("codaOrdini", project="BIANCHI"), 404)
    assert body["errors"][0]["field"] == "project"
    assert erp.pull("codaOrdini", project="rossi").status_code == 200
    assert assert_problem(erp.pull("codaFatture"), 404)["errors"][0]["field"] == "queue"
