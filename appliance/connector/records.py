"""A document as the record a connector receives: every field of its record type, in the spec's order.

The JSON types are connector_api.json's: a field the document lacks is `null`, a list
is `[]` rather than null (AMHelper reads `Count` without a null check), a date is
`yyyy-MM-ddTHH:mm:ss` without offset (a device's `2026-03-02` becomes
`2026-03-02T00:00:00`, fractions of a second are dropped) and never an empty string,
and numbers keep the digits the device sent (they are `Decimal` here, never float).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from json.encoder import encode_basestring
from typing import Any

from appliance.connector.amhelper import RENAMED_2022
from appliance.documents.kinds import record_types

_ID = re.compile(r'"id":(?:null|\d+)')


def record_json(record_type: str, data: dict) -> str:
    """`data` as a `record_type` record in JSON text, written in one pass (the hot path of queueing)."""
    parts = []
    for source, prefix, kind, item_type in _layout(record_type):
        value = data.get(source) if source else None
        if item_type:
            parts.append(prefix + "[" + ",".join(record_json(item_type, item) for item in value or ()) + "]")
        elif value is None or (value == "" and kind == "datetime"):
            parts.append(prefix + "null")
        elif kind == "datetime":
            parts.append(prefix + '"' + iso_datetime(value) + '"')
        elif isinstance(value, str):
            parts.append(prefix + encode_basestring(value))
        elif isinstance(value, Decimal):  # exact digits, in positional notation (1E-28 -> 0.000...1)
            parts.append(prefix + format(value, "f"))
        else:  # int (the shape check let nothing else in)
            parts.append(prefix + str(value))
    return "{" + ",".join(parts) + "}"


def with_id(record: str, queue_id: int) -> str:
    """A record's text with its export id. The record's own `id` is the first field of that name: in every
    record type of connector_api.json it comes before the nested lists (whose lines have ids too)."""
    return _ID.sub(f'"id":{queue_id}', record, count=1)


@lru_cache(maxsize=None)
def _layout(record_type: str) -> tuple[tuple[str | None, str, str, str | None], ...]:
    """Per field: where its value comes from, `"name":`, its JSON type, and the item type of a list. The
    2022 AMHelper's names of renamed fields follow the record's own fields, with the classic field's value."""
    fields = record_types()[record_type]
    own = tuple((name, json.dumps(name) + ":", spec.json_type, spec.item_type) for name, spec in fields.items())
    renamed = tuple((classic, json.dumps(name) + ":", fields[classic].json_type if classic else "string", None)
                    for classic, name in RENAMED_2022.get(record_type, ()))
    return own + renamed


def iso_datetime(value: Any) -> str | None:
    """A device's date or date-time as `yyyy-MM-ddTHH:mm:ss`; None for no date."""
    if not value:
        return None
    text = str(value)
    return text + "T00:00:00" if len(text) == 10 else text[:19]


def iso_date(value: Any) -> str | None:
    """The day of a device's date or date-time (`yyyy-MM-dd`); None for no date."""
    return str(value)[:10] if value else None


def local_datetime(moment: datetime) -> str:
    """An aware time as this server's local `yyyy-MM-ddTHH:mm:ss` (what the connector API shows and filters on)."""
    return moment.astimezone().strftime("%Y-%m-%dT%H:%M:%S")
