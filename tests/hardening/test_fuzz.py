"""A bounded fuzz run against a real server: every operation of /api/openapi.json with generated parameters
and bodies (valid shapes and noise), then byte-level requests no schema describes. No answer may be >= 500.

Property-based with hypothesis (a small JSON-schema-to-strategy translation instead of schemathesis, which
would bring a large dependency tree for the same property). The whole file runs in about a minute: each
operation gets FUZZ_EXAMPLES examples, derandomized so a CI failure reproduces.
"""

from __future__ import annotations

import json
import socket
import string
from urllib.parse import quote

import pytest
import requests
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.hardening.conftest import Installation, running_installation

FUZZ_EXAMPLES = 30
FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
NOISE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                     max_leaves=12)
NUMBER_TEXT = st.sampled_from(["0", "-1", "1", "9" * 25, "1e400", "1.5", "NaN", "", " ", "²", "0x10",
                               str(2 ** 63), str(2 ** 64)])


@pytest.fixture(scope="module")
def target(tmp_path_factory) -> Installation:
    """An installation of its own: the fuzz run logs out, resets and uploads at random."""
    with running_installation(tmp_path_factory.mktemp("fuzz")) as running:
        yield running


@pytest.fixture(scope="module")
def spec(target) -> dict:
    return requests.get(target.url + "/api/openapi.json", timeout=10).json()


def resolve(schema: dict, document: dict, depth: int = 0) -> dict:
    while "$ref" in schema and depth < 20:
        name = schema["$ref"].rsplit("/", 1)[1]
        schema, depth = document["components"]["schemas"][name], depth + 1
    return schema


def from_schema(schema: dict, document: dict, depth: int = 0) -> st.SearchStrategy:
    """Values of a JSON schema (roughly), mixed with noise of any shape."""
    schema = resolve(schema, document)
    if depth > 4:
        return NOISE
    if "enum" in schema:
        shaped = st.sampled_from(schema["enum"])
    elif "oneOf" in schema or "anyOf" in schema:
        shaped = st.one_of([from_schema(s, document, depth + 1) for s in schema.get("oneOf", schema.get("anyOf"))])
    else:
        kind = schema.get("type")
        if kind == "object":
            properties = schema.get("properties", {})
            shaped = st.fixed_dictionaries({}, optional={name: from_schema(s, document, depth + 1)
                                                          for name, s in list(properties.items())[:30]})
        elif kind == "array":
            shaped = st.lists(from_schema(schema.get("items", {}), document, depth + 1), max_size=3)
        elif kind == "integer":
            shaped = st.integers(min_value=-(2 ** 70), max_value=2 ** 70)
        elif kind == "number":
            shaped = st.integers() | st.decimals(allow_nan=False, allow_infinity=False, places=4)
        elif kind == "boolean":
            shaped = st.booleans()
        elif kind == "string":
            shaped = TEXT
        else:
            shaped = NOISE
    return st.one_of(shaped, NOISE) if depth == 0 else shaped


def parameter_text(schema: dict, document: dict) -> st.SearchStrategy:
    schema = resolve(schema, document)
    if "enum" in schema:
        return st.sampled_from([str(v) for v in schema["enum"]]) | TEXT
    if schema.get("type") == "integer" or schema.get("pattern"):
        return NUMBER_TEXT | TEXT
    return TEXT | NUMBER_TEXT


def operations(document: dict) -> list[tuple[str, str, dict]]:
    return [(method, path, operation) for path, item in document["paths"].items()
            for method, operation in item.items()]


def headers_for(target: Installation, path: str, operation: dict, auth: bool) -> dict:
    if not auth:
        return {}
    if path.startswith("/api/connector/"):
        return target.connector()
    if operation["operationId"] == "logout":
        return {}  # keep the session the other operations use
    return target.device()


def ask(target: Installation, method: str, path: str, operation: dict, data, auth: bool) -> requests.Response:
    values = data["params"]
    url_path = path
    query = {}
    for param in operation.get("parameters", []):
        value = values.get(param["name"])
        if param["in"] == "path":
            url_path = url_path.replace("{" + param["name"] + "}", quote(value or "x", safe=""))
        elif value is not None:
            query[param["name"]] = value
    if "authKey" in query and auth:
        query["authKey"] = target.key
    body = data["body"]
    kwargs = {"data": json.dumps(body, default=str).encode()} if body is not None else {}
    return requests.request(method.upper(), target.url + url_path, params=query, timeout=30,
                            headers={"Content-Type": "application/json", **headers_for(target, path, operation, auth)},
                            **kwargs)


def test_every_operation_answers_below_500_whatever_it_is_sent(target, spec):
    checked = []
    for method, path, operation in operations(spec):
        params = st.fixed_dictionaries({}, optional={p["name"]: parameter_text(p["schema"], spec)
                                                     for p in operation.get("parameters", [])})
        body_schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        body = from_schema(body_schema, spec) if body_schema else st.none()

        @FUZZ
        @given(data=st.fixed_dictionaries({"params": params, "body": body}), auth=st.booleans())
        def fuzz(data, auth):
            reply = ask(target, method, path, operation, data, auth)
            assert reply.status_code < 500, (method, path, data, reply.text[:300])

        fuzz()
        checked.append(operation["operationId"])
    assert len(checked) >= 15  # the device, catalog and connector APIs all took part


BYTE = st.binary(min_size=1, max_size=30)
SAFE_HEADER_BYTES = st.binary(max_size=40).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b""))
PATHS = ["/api/v1/login", "/api/v1/config", "/api/v1/sync/io_art", "/api/v1/catalog", "/api/v1/documents/orders",
         "/api/connector/v1/orders", "/v1/progetti/ROSSI/exportPaginazione/codaOrdini", "/admin/sign-in",
         "/admin/documents", "/admin/logs", "/health", "/lmAPI/v1/getAMParam", "/api/v1/documents"]


def raw(target: Installation, request: bytes) -> int:
    with socket.create_connection((target.run.server.host, target.run.server.port), timeout=30) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    status_line = received.split(b"\r\n", 1)[0]
    return int(status_line.split()[1]) if status_line.startswith(b"HTTP/") else 0


@FUZZ
@given(path=st.sampled_from(PATHS), segment=BYTE, query=BYTE)
def test_raw_bytes_in_the_path_and_query_answer_below_500(target, path, segment, query):
    escaped = "".join(f"%{b:02x}" for b in segment)
    request = f"GET {path}/{escaped}?q={''.join(f'%{b:02x}' for b in query)}&limit={escaped} HTTP/1.0\r\n\r\n"
    status = raw(target, request.encode())
    assert 0 < status < 500, (path, segment, query)


@FUZZ
@given(path=st.sampled_from(PATHS), name=st.sampled_from(["Authorization", "Cookie", "Accept-Encoding",
                                                          "Content-Encoding", "Origin", "User-Agent", "Range",
                                                          "If-None-Match", "X-Console-Fetch"]),
       value=SAFE_HEADER_BYTES, prefix=st.sampled_from([b"", b"Bearer ", b"appliance_console="]))
def test_raw_bytes_in_headers_answer_below_500(target, path, name, value, prefix):
    request = f"GET {path} HTTP/1.0\r\n{name}: ".encode() + prefix + value + b"\r\n\r\n"
    status = raw(target, request)
    assert 0 < status < 500, (path, name, value)


@FUZZ
@given(path=st.sampled_from([p for p in PATHS if not p.startswith("/admin")]), body=st.binary(max_size=200),
       kind=st.sampled_from(["application/json", "multipart/form-data; boundary=x", "text/plain"]),
       gzip=st.booleans(), auth=st.booleans())
def test_raw_bytes_in_bodies_answer_below_500(target, path, body, kind, gzip, auth):
    head = f"POST {path} HTTP/1.0\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
    if gzip:
        head += "Content-Encoding: gzip\r\n"
    if auth:
        head += f"Authorization: Bearer {target.key if 'connector' in path else target.token}\r\n"
    status = raw(target, head.encode() + b"\r\n" + body)
    assert 0 < status < 500, (path, body, kind)


@FUZZ
@given(depth=st.integers(1, 20_000), opener=st.sampled_from(["[", '{"a":', '{"guid":"ord-deep-0001","righe":[']))
def test_deep_json_anywhere_answers_below_500(target, depth, opener):
    body = (opener * depth).encode()
    for path in ("/api/v1/login", "/api/v1/documents/orders", "/api/connector/v1/orders/ack"):
        headers = target.connector() if "connector" in path else target.device()
        assert requests.post(target.url + path, data=body, headers=headers, timeout=30).status_code < 500


@pytest.fixture(scope="module")
def console(target):
    return target.console()


@FUZZ
@given(text=st.text(string.printable + "èà€\x00", max_size=300))
def test_console_forms_and_searches_answer_below_500(target, console, text):
    reply = console.post("/admin/users", {"username": text, "password": text, "display_name": text,
                                          "csrf_token": console.token("/admin/users")})
    assert reply.status_code < 500, text
    for page in ("/admin/data?q=", "/admin/documents?agent=", "/admin/imports?file=", "/admin/users/"):
        assert console.get(page + quote(text)).status_code < 500, (page, text)
