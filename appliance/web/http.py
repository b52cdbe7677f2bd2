"""Small HTTP helpers for JSON APIs: bounded JSON request bodies, JSON and gzip responses, problems.

- `read_json(limit)`: the request body parsed as JSON (numbers with a fraction, and
  integers past 19 digits, become `Decimal`, so no digit is lost); 413 over the limit
  (also after gunzipping a body sent with `Content-Encoding: gzip`), 400 naming the
  position of invalid JSON, or the member nested too deeply or holding a lone surrogate
  (`inbound.check_json`).
- `json_api`: a route plugin. Handlers return a dict or list (written as JSON by
  `write_json`: `RawJSON` pieces inserted as they are), bytes already holding JSON, or a `json_response`; the
  body is gzipped when the client accepts it; an `ApplianceError` becomes a problem
  document that also carries the error's `extra` members (such as `reason`) and
  `headers`.
"""

from __future__ import annotations

import functools
import json
import zlib
from decimal import Decimal
from typing import Any, Callable

from bottle import HTTPResponse, request

from appliance.documents.canonical import write_json
from appliance.errors import ApplianceError, InvalidInputError
from appliance.web.app import PROBLEM_JSON, problem_type
from appliance.web.inbound import MAX_JSON_DEPTH, check_json, json_int

JSON = "application/json"
GZIP_LEVEL = 3  # on JSON as fast as level 1 and a quarter smaller
GZIP_MIN_BYTES = 1024
READ_CHUNK = 64 * 1024


class PayloadTooLargeError(ApplianceError):
    status = 413
    title = "Payload too large"


def read_json(limit: int) -> Any:
    """The request body as JSON, at most `limit` bytes (decompressed)."""
    return parse_json(read_body(limit))


def read_body(limit: int) -> bytes:
    """The request body as sent (gunzipped when sent with `Content-Encoding: gzip`), at most `limit` bytes."""
    data = _read_body(limit)
    if request.get_header("Content-Encoding", "").strip().lower() == "gzip":
        data = _gunzip(data, limit)
    return data


def parse_json(data: bytes) -> Any:
    """JSON text parsed, numbers with a fraction as `Decimal`; InvalidInputError (400) naming the position."""
    try:
        value = json.loads(data.decode("utf-8"), parse_float=Decimal, parse_int=json_int,
                           parse_constant=_no_constant)
    except RecursionError:
        raise InvalidInputError(f"The JSON body is nested deeper than {MAX_JSON_DEPTH} levels.",
                                errors=[{"field": "body", "reason": "nested too deeply"}]) from None
    except UnicodeDecodeError:
        raise InvalidInputError("The body is not UTF-8 text; send JSON encoded as UTF-8.",
                                errors=[{"field": "body", "reason": "not UTF-8"}]) from None
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"The body is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.",
                                errors=[{"field": "body", "reason": f"invalid JSON at line {exc.lineno}, "
                                                                    f"column {exc.colno}"}]) from None
    check_json(value)
    return value


def _no_constant(name: str):
    raise json.JSONDecodeError(f"{name} is not a JSON number", name, 0)


def _too_large(limit: int) -> PayloadTooLargeError:
    return PayloadTooLargeError(f"The request body is larger than {limit:,} bytes; send fewer documents per "
                                f"request.", errors=[{"field": "body", "reason": f"over {limit:,} bytes"}])


def _read_body(limit: int) -> bytes:
    length = request.content_length
    if length > limit:
        raise _too_large(limit)
    stream = request.environ["wsgi.input"]
    if length >= 0:
        return stream.read(length) if length else b""
    chunks, size = [], 0
    while chunk := stream.read(READ_CHUNK):
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _gunzip(data: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error:
        raise InvalidInputError("The body says Content-Encoding: gzip but is not gzip data.",
                                errors=[{"field": "body", "reason": "not gzip"}]) from None
    if len(out) > limit:
        raise _too_large(limit)
    return out


def accepts_gzip() -> bool:
    accepted = request.get_header("Accept-Encoding", "")
    return any(part.split(";")[0].strip().lower() == "gzip" and not part.replace(" ", "").endswith("q=0")
               for part in accepted.split(","))


def json_response(body: bytes, status: int = 200) -> HTTPResponse:
    """A JSON response, gzipped when the client accepts it and the body is worth it."""
    headers = {"Content-Type": JSON, "Vary": "Accept-Encoding"}
    if len(body) >= GZIP_MIN_BYTES and accepts_gzip():
        packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
        body = packer.compress(body) + packer.flush()
        headers["Content-Encoding"] = "gzip"
    return HTTPResponse(body, status=status, headers=headers)


def problem(error: ApplianceError) -> HTTPResponse:
    """The problem response of an error, with its extension members and headers."""
    document = {"type": problem_type(error), "title": error.title, "status": error.status, "detail": str(error),
                "errors": error.errors, **getattr(error, "extra", {})}
    body = json.dumps(document, ensure_ascii=False).encode("utf-8")
    return HTTPResponse(body, status=error.status,
                        headers={"Content-Type": PROBLEM_JSON, **getattr(error, "headers", {})})


def json_api(callback: Callable) -> Callable:
    """Route plugin: JSON (and gzip) responses, problems with their extension members."""

    @functools.wraps(callback)
    def wrapper(*args, **kwargs):
        try:
            result = callback(*args, **kwargs)
        except ApplianceError as error:
            return problem(error)
        if isinstance(result, (dict, list)):
            return json_response(write_json(result).encode("utf-8"))
        if isinstance(result, bytes):
            return json_response(result)
        return result

    return wrapper

