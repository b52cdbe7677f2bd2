"""What every request passes before a route sees it: bounds on the request line, headers, query and forms.

`check_request` runs as the app's `before_request` hook, so unknown routes, the console and
every API go through it alike. It answers 400 (or 414 for an over-long query) as
problem+json naming the part at fault, instead of letting a later decode or a database
call fail with a 500:

- the path: at most MAX_PATH_CHARS characters, no control characters (NUL included);
- the query string: at most MAX_QUERY_BYTES, percent-escapes that decode to UTF-8 text
  without control characters;
- every header: UTF-8 text; `Authorization` and `Cookie` printable ASCII;
- multipart forms: parsed here once (the route reuses the result), file names without
  control characters and at most MAX_FILENAME_BYTES bytes.

JSON bodies are bounded where they are parsed (`check_json`, used by `web.http.parse_json`):
nesting depth, valid Unicode in every key and text, integers within 64 bits where the
caller asks. Integer path parameters (`<id:int>`) are bounded by `bounded_int_filter`, and
query parameters that are numbers are read with `query_int`.
"""

from __future__ import annotations

import re
import uuid
from decimal import Decimal
from typing import Any
from urllib.parse import unquote_to_bytes

from bottle import FileUpload, request

from appliance.errors import InvalidInputError

MAX_PATH_CHARS = 2048
MAX_QUERY_BYTES = 16 * 1024
MAX_FILENAME_BYTES = 255
MAX_JSON_DEPTH = 64
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1
INT_DIGITS = 19  # the longest int64 in decimal digits
INT_TEXT_LIMIT = 4000  # below sys.get_int_max_str_digits()' default (4300)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]*")
_ASCII_HEADERS = ("HTTP_AUTHORIZATION", "HTTP_COOKIE")


class UriTooLongError(InvalidInputError):
    status = 414
    title = "URI too long"


def check_request(environ: dict) -> None:
    """Raise InvalidInputError (400, 414) naming the part of the request that is out of bounds."""
    _check_path(environ.get("bottle.raw_path", environ.get("PATH_INFO", "")))
    _check_query(environ.get("QUERY_STRING", ""))
    _check_headers(environ)
    if environ.get("CONTENT_TYPE", "").lower().startswith("multipart/"):
        _check_form()


def bad(field: str, reason: str, message: str, error: type[InvalidInputError] = InvalidInputError) -> Exception:
    """An InvalidInputError naming one field."""
    return error(message, errors=[{"field": field, "reason": reason}])


def _check_path(raw: str) -> None:
    try:
        path = raw.encode("latin-1").decode("utf-8")
    except UnicodeError:
        raise bad("path", "not UTF-8", "The request path is not UTF-8 text (percent-escapes such as %ff "
                                       "must encode UTF-8).") from None
    if len(path) > MAX_PATH_CHARS:
        raise bad("path", f"over {MAX_PATH_CHARS} characters", "The request path is too long.", UriTooLongError)
    if _CONTROL.search(path):
        raise bad("path", "control character", "The request path holds a control character (such as %00).")


def _check_query(query: str) -> None:
    if len(query) > MAX_QUERY_BYTES:
        raise bad("query", f"over {MAX_QUERY_BYTES:,} bytes",
                  f"The query string is longer than {MAX_QUERY_BYTES:,} bytes; ask for less.", UriTooLongError)
    for pair in query.split("&"):
        name, _, value = pair.partition("=")
        name_text = _query_text(name, "query")
        _query_text(value, name_text or "query")


def _query_text(part: str, field: str) -> str:
    raw = unquote_to_bytes(part.replace("+", " ").encode("latin-1", "replace"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise bad(field, "not UTF-8", f"The query parameter {field} is not UTF-8 text (percent-escapes "
                                      f"such as %ff must encode UTF-8).") from None
    if _CONTROL.search(text):
        raise bad(field, "control character", f"The query parameter {field} holds a control character.")
    return text


def _check_headers(environ: dict) -> None:
    for key, value in environ.items():
        if not key.startswith("HTTP_") or not isinstance(value, str):
            continue
        name = key[5:].replace("_", "-").title()
        if key in _ASCII_HEADERS:
            if not _PRINTABLE_ASCII.fullmatch(value):
                raise bad(name, "not printable ASCII", f"The {name} header may hold printable ASCII only.")
            continue
        try:
            value.encode("latin-1").decode("utf-8")
        except UnicodeError:
            raise bad(name, "not UTF-8", f"The {name} header is not UTF-8 text.") from None


def _check_form() -> None:
    try:
        fields = request.POST  # parsed once; bottle keeps it in the environ for the route
    except (ValueError, IndexError, UnicodeError):
        raise bad("form", "malformed multipart", "The form data is malformed; send it again from the page.") \
            from None
    for name, value in fields.allitems():
        if isinstance(value, FileUpload):
            _check_file_name(name, value.raw_filename or "")


def _check_file_name(field: str, raw_name: str) -> None:
    try:
        size = len(raw_name.encode("latin-1"))
    except UnicodeEncodeError:
        size = len(raw_name.encode("utf-8"))
    if _CONTROL.search(raw_name):
        raise bad(field, "control character in the file name", "The file name holds a control character.")
    if size > MAX_FILENAME_BYTES:
        raise bad(field, f"file name over {MAX_FILENAME_BYTES} bytes",
                  f"The file name is longer than {MAX_FILENAME_BYTES} bytes; rename the file and send it again.")


# -- JSON ------------------------------------------------------------------------------------


def json_int(text: str) -> int | Decimal:
    """`parse_int` for json.loads: an int, or an exact Decimal past Python's int conversion limit (whose
    error would otherwise escape json.loads); either way the value is kept for checks to name its field."""
    return int(text) if len(text) <= INT_TEXT_LIMIT else Decimal(text)


def check_json(value: Any) -> None:
    """Raise InvalidInputError naming the first member nested too deeply or holding a lone surrogate."""
    stack: list[tuple[Any, str, int]] = [(value, "", 1)]
    while stack:
        item, where, depth = stack.pop()
        if isinstance(item, str):
            _check_text(item, where or "body")
            continue
        if not isinstance(item, (dict, list)):
            continue
        if depth > MAX_JSON_DEPTH:
            raise bad(where or "body", f"nested deeper than {MAX_JSON_DEPTH} levels",
                      f"The JSON body is nested deeper than {MAX_JSON_DEPTH} levels.")
        if isinstance(item, dict):
            for key, member in item.items():
                at = f"{where}.{key}" if where else str(key)
                _check_text(key, at)
                stack.append((member, at, depth + 1))
        else:
            stack.extend((member, f"{where}[{index}]", depth + 1) for index, member in enumerate(item))


def _check_text(text: str, where: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        shown = where.encode("utf-8", "replace").decode("utf-8")
        raise bad(shown, "not valid Unicode (a lone surrogate escape)",
                  f"{shown} holds an escape such as \\ud800 that is not a whole character.") from None


# -- numbers in paths and queries ------------------------------------------------------------


def bounded_int_filter(config):
    """Bottle route filter `int`: a decimal integer within 64 bits; bigger ones answer 400, not a database error."""
    def to_python(text: str) -> int:
        if len(text.lstrip("-")) > INT_DIGITS or not INT64_MIN <= int(text) <= INT64_MAX:
            raise ValueError("out of the 64-bit range")
        return int(text)

    return r"-?\d+", to_python, lambda value: str(int(value))


def query_int(name: str, default: int | None = None, *, low: int = INT64_MIN, high: int = INT64_MAX) -> int | None:
    """A query parameter as a whole number within [low, high]; `default` when absent; else 400 naming it."""
    text = (request.query.getunicode(name, default="") or "").strip()
    if not text:
        return default
    if not (text.isascii() and text.lstrip("-").isdigit()) or len(text.lstrip("-")) > INT_DIGITS \
            or not low <= int(text) <= high:
        shown = text[:40] + ("..." if len(text) > 40 else "")
        raise bad(name, f"not a whole number from {low} to {high}",
                  f"{name} must be a whole number from {low} to {high}, not '{shown}'.")
    return int(text)


def incident_id() -> str:
    """A short id that ties what a caller saw to the log entry with the details."""
    return uuid.uuid4().hex[:12]
