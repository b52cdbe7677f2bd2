"""HTTP basics of the device API: gzip, size limits, JSON errors, parameters out of range."""

from __future__ import annotations

import gzip
import json

import requests

from tests.device.test_session import assert_problem


def raw_get(api, path, accept_encoding):
    headers = {"Authorization": "Bearer " + api.token("boss"), "Accept-Encoding": accept_encoding}
    return requests.get(api.url + path, headers=headers, timeout=10, stream=True)


def test_responses_are_gzipped_when_the_client_accepts_it(api, world):
    reply = raw_get(api, "/api/v1/sync/io_clifor_gen", "gzip, deflate")
    assert reply.headers["Content-Encoding"] == "gzip" and reply.headers["Vary"] == "Accept-Encoding"
    packed = reply.raw.read()
    page = json.loads(gzip.decompress(packed))
    assert len(page["rows"]) == 6 and len(packed) < len(json.dumps(page))


def test_responses_are_plain_without_accept_encoding(api, world):
    reply = raw_get(api, "/api/v1/sync/io_clifor_gen", "identity")
    assert "Content-Encoding" not in reply.headers
    assert reply.headers["Content-Type"] == "application/json"
    assert len(json.loads(reply.raw.read())["rows"]) == 6


def test_a_body_over_the_limit_is_413(api):
    big = {"documents": [{"kind": "customer-notes", "document": {"guid": "g" * 20, "nota": "x" * 3000,
                                                                 "cod_cliente": "C1"}}] * 3000}
    reply = api.post("/api/v1/documents", json=big)
    body = assert_problem(reply, 413)
    assert body["errors"][0]["field"] == "body"


def test_a_gzipped_body_is_accepted_and_its_unpacked_size_limited(api):
    document = {"guid": "note-0001-aaaa", "cod_cliente": "C1", "nota": "Richiamare lunedì"}
    packed = gzip.compress(json.dumps(document).encode())
    reply = api.post("/api/v1/documents/customer-notes", data=packed,
                     headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert reply.status_code == 201, reply.text
    bomb = gzip.compress(b'{"guid": "' + b"a" * 9_000_000 + b'"}')
    reply = api.post("/api/v1/documents/customer-notes", data=bomb,
                     headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert_problem(reply, 413)


def test_limit_out_of_range_or_not_a_number_is_400_naming_limit(api, world):
    for value in ("0", "50001", "ten"):
        body = assert_problem(api.get("/api/v1/sync/io_art", params={"limit": value}), 400)
        assert body["errors"][0]["field"] == "limit"
    assert api.get("/api/v1/sync/io_art", params={"limit": "50000"}).status_code == 200


def test_an_unknown_table_is_404(api, world):
    body = assert_problem(api.get("/api/v1/sync/io_nope"), 404)
    assert body["errors"] == [{"field": "table", "reason": "unknown table"}]


def test_an_unknown_route_is_a_problem_too(api):
    assert_problem(api.get("/api/v1/nothing-here"), 404)
