"""Malformed requests get a 4xx problem naming the part at fault, never a 500 (one case per reproduced input)."""

from __future__ import annotations

import pytest
import requests


DEEP = b"[" * 7000
SURROGATE_LOGIN = b'{"username": "\\ud800", "password": "x", "device_id": "d-1"}'


def assert_problem(reply: requests.Response, status: int, field: str) -> dict:
    assert reply.status_code == status, reply.text
    assert reply.headers["Content-Type"].startswith("application/problem+json")
    body = reply.json()
    assert field in [error["field"] for error in body["errors"]], body
    assert "Traceback" not in reply.text
    return body


@pytest.mark.parametrize("path, credentials", [
    ("/api/v1/login", None),
    ("/api/v1/documents/orders", "device"),
    ("/api/v1/documents", "device"),
    ("/api/v1/sync/reset", "device"),
    ("/api/connector/v1/orders/ack", "connector"),
])
def test_deeply_nested_json_is_a_400(installation, path, credentials):
    headers = getattr(installation, credentials)() if credentials else {}
    reply = requests.post(installation.url + path, data=DEEP, headers=headers, timeout=10)
    body = assert_problem(reply, 400, "body")
    assert "nested deeper than 64 levels" in body["detail"]


def test_json_nested_just_within_the_bound_is_parsed(installation):
    body = b'{"table": ' + b"[" * 62 + b"]" * 62 + b"}"
    reply = requests.post(installation.url + "/api/v1/sync/reset", data=body, headers=installation.device(),
                          timeout=10)
    assert_problem(reply, 400, "table")  # parsed: refused for its content, not its depth


def test_a_lone_surrogate_in_login_is_a_400_naming_the_field(installation):
    reply = requests.post(installation.url + "/api/v1/login", data=SURROGATE_LOGIN, timeout=10)
    assert_problem(reply, 400, "username")


def test_a_lone_surrogate_in_a_document_is_a_400_naming_the_field(installation):
    body = b'{"guid": "ord-surrogate-1", "cod_clifor": "C1", "righe": [{"note": "x\\udc00y"}]}'
    reply = requests.post(installation.url + "/api/v1/documents/orders", data=body, headers=installation.device(),
                          timeout=10)
    assert_problem(reply, 400, "righe[0].note")


def test_a_percent_ff_in_the_pull_query_is_a_400_before_the_key_check(installation):
    reply = installation.send_raw(b"GET /v1/progetti/ROSSI/exportPaginazione/codaOrdini?authKey=%ff HTTP/1.0\r\n\r\n")
    assert reply.status == 400
    assert reply.json()["errors"] == [{"field": "authKey", "reason": "not UTF-8"}]


@pytest.mark.parametrize("path", ["/api/v1/config", "/api/connector/v1/orders",
                                  "/v1/progetti/ROSSI/exportPaginazione/codaOrdini"])
def test_a_non_ascii_byte_in_authorization_is_a_400(installation, path):
    reply = installation.send_raw(f"GET {path} HTTP/1.0\r\nAuthorization: Bearer ".encode() + b"\xff\xfe\r\n\r\n")
    assert reply.status == 400
    assert reply.json()["errors"] == [{"field": "Authorization", "reason": "not printable ASCII"}]


def test_a_header_that_is_not_utf8_is_a_400_naming_it(installation):
    reply = installation.send_raw(b"GET /api/v1/config HTTP/1.0\r\nUser-Agent: caf\xe9\r\n\r\n")
    assert reply.status == 400
    assert reply.json()["errors"] == [{"field": "User-Agent", "reason": "not UTF-8"}]


@pytest.mark.parametrize("path", ["/api/v1/catalog", "/api/v1/reports", "/api/v1/sync/io_art",
                                  "/api/v1/documents/orders"])
def test_a_limit_of_thousands_of_digits_is_a_400(installation, path):
    reply = requests.get(installation.url + path, params={"limit": "9" * 5000}, headers=installation.device(),
                         timeout=10)
    assert_problem(reply, 400, "limit")


@pytest.mark.parametrize("ids", [[2 ** 63], [2 ** 64], [int("9" * 30)]])
def test_connector_ack_ids_past_64_bits_are_a_400(installation, ids):
    reply = requests.post(installation.url + "/api/connector/v1/orders/ack", json={"ids": ids},
                          headers=installation.connector(), timeout=10)
    assert_problem(reply, 400, "ids[0]")


def test_a_connector_ack_with_a_5000_digit_id_is_a_400(installation):
    reply = requests.post(installation.url + "/api/connector/v1/orders/ack", data=b'{"ids": [' + b"9" * 5000 + b"]}",
                          headers=installation.connector(), timeout=10)
    assert_problem(reply, 400, "ids[0]")


def test_connector_ack_refs_with_huge_keys_are_a_400(installation):
    reply = requests.post(installation.url + "/api/connector/v1/orders/ack",
                          json={"ids": [1], "erp_refs": {"9" * 5000: "F-1"}}, headers=installation.connector(),
                          timeout=10)
    assert reply.status_code == 400, reply.text


@pytest.mark.parametrize("path, field", [
    ("/admin/logs?lines=" + "9" * 5000, "lines"),
    ("/admin/documents?before=" + "9" * 5000, "before"),
    ("/admin/imports?before=" + str(2 ** 64), "before"),
], ids=["lines", "documents", "imports"])
def test_console_numbers_in_the_query_are_bounded(installation, path, field):
    reply = installation.console().get(path)
    assert reply.status_code == 400
    assert field in reply.text and "<html" in reply.text.lower()


@pytest.mark.parametrize("path", ["/admin/documents/9223372036854775808", "/admin/documents/" + "9" * 500,
                                  "/admin/imports/9223372036854775808", "/admin/documents/9223372036854775808/raw"],
                         ids=["2^63", "500 digits", "import 2^63", "raw 2^63"])
def test_console_ids_past_64_bits_are_a_400(installation, path):
    assert installation.console().get(path).status_code == 400


def test_console_ids_within_64_bits_that_do_not_exist_are_a_404(installation):
    assert installation.console().get("/admin/documents/9223372036854775807").status_code == 404


def test_a_nul_in_a_multipart_file_name_is_a_400(installation):
    client = installation.console()
    reply = client.http.post(installation.url + "/admin/license", data={"csrf_token": client.token("/admin/license")},
                             files={"file": ("lic\x00ense.lic", b"x")}, allow_redirects=False, timeout=10)
    assert reply.status_code == 400
    assert reply.json()["errors"] == [{"field": "form", "reason": "malformed multipart"}]


def test_a_nul_in_a_multipart_file_name_on_the_public_sign_in_page_is_a_400(installation):
    client = type(installation.console())(installation.run)  # not signed in
    reply = client.http.post(installation.url + "/admin/sign-in", data={"csrf_token": client.token(),
                             "username": "anna", "password": "x"}, files={"f": ("a\x00b", b"x")},
                             allow_redirects=False, timeout=10)
    assert reply.status_code == 400


@pytest.mark.parametrize("page", ["/admin/license", "/admin/imports/upload"])
def test_an_upload_file_name_over_255_bytes_is_a_400(installation, page):
    client = installation.console()
    reply = client.http.post(installation.url + page, data={"csrf_token": client.token("/admin/license")},
                             files={"file": ("a" * 300 + ".dat", b"CHIAVE|NOME\r\n")}, allow_redirects=False,
                             timeout=10)
    assert reply.status_code == 400
    assert reply.json()["errors"] == [{"field": "file", "reason": "file name over 255 bytes"}]


def test_a_path_of_5000_characters_is_a_414(installation):
    assert installation.console().get("/admin/documents/" + "9" * 5000).status_code == 414


def test_a_100000_character_search_is_a_414(installation):
    reply = installation.console().get("/admin/data?q=" + "a" * 100_000)
    assert reply.status_code == 414
    assert reply.json()["errors"][0]["field"] == "query"


@pytest.mark.parametrize("path", ["/admin/users/%00", "/admin/users/%ff", "/api/v1/documents/orders/a%00b"])
def test_a_nul_or_a_non_utf8_byte_in_the_path_is_a_400(installation, path):
    reply = installation.console().get(path)
    assert reply.status_code == 400
    assert reply.json()["errors"][0]["field"] == "path"


def test_a_nul_in_a_console_action_path_is_a_400(installation):
    client = installation.console()
    reply = client.post("/admin/users/%00/password", {"csrf_token": client.token("/admin/users"), "password": "x"})
    assert reply.status_code == 400


def test_good_requests_still_pass(installation):
    reply = requests.get(installation.url + "/api/v1/sync/io_art", params={"limit": "5", "since": ""},
                         headers=installation.device(), timeout=10)
    assert reply.status_code == 200
    utf8_agent = installation.send_raw(b"GET /api/v1/config HTTP/1.0\r\nUser-Agent: Agenti/3 (\xc3\xa8)\r\n"
                                       b"Authorization: Bearer " + installation.token.encode() + b"\r\n\r\n")
    assert utf8_agent.status == 200
