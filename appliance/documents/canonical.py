"""Exact JSON text of documents, and their canonical form: what "the same document" means for a retry.

`write_json` writes plain data with numbers exactly as received (`Decimal` keeps its
digits; no float on the way). In the canonical form key order and number formatting
do not matter (`{"qta": 2.50}` equals `{"qta": 2.5}`), the fields the server sets are
left out (a retry may carry other values for them), and everything else, strings
included, must be equal.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from appliance.documents.kinds import SERVER_FIELDS


class RawJSON(str):
    """Text that already is JSON: `write_json` inserts it as it is."""


def write_json(value: Any, *, sort_keys: bool = False) -> str:
    """JSON text of plain data; `Decimal` with its exact digits, `RawJSON` inserted as it is."""
    if isinstance(value, RawJSON):
        return str(value)
    if isinstance(value, dict):
        keys = sorted(value) if sort_keys else list(value)
        return "{" + ",".join(json.dumps(str(k), ensure_ascii=False) + ":" + write_json(value[k], sort_keys=sort_keys)
                              for k in keys) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(write_json(v, sort_keys=sort_keys) for v in value) + "]"
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def canonical_text(kind: str, document: dict) -> str:
    """The canonical JSON text of a document of a kind."""
    return write_json(_normalized({"kind": kind, "document": _without_server_fields(document)}), sort_keys=True)


def canonical_hash(kind: str, document: dict) -> str:
    return hashlib.sha256(canonical_text(kind, document).encode("utf-8")).hexdigest()


def _without_server_fields(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_server_fields(v) for k, v in value.items() if k not in SERVER_FIELDS}
    if isinstance(value, list):
        return [_without_server_fields(v) for v in value]
    return value


def _normalized(value: Any) -> Any:
    """Every number as the shortest Decimal of its value (2.50, 2.5 and 25E-1 are one number)."""
    if isinstance(value, dict):
        return {k: _normalized(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalized(v) for v in value]
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        number = Decimal(value)
        return Decimal(0) if number == 0 else Decimal(format(number.normalize(), "f"))
    return value
