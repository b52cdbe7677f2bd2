"""A document as the record a connector receives: every field of its record type, in the spec's order.

The JSON types are connector_api.json's: a field the document lacks is `null`, a list
is `[]` rather than null (AMHelper reads `Count` without a null check), a date is
`yyyy-MM-ddTHH:mm:ss` without offset (a device's `2026-03-02` becomes
`2026-03-02T00:00:00`, fractions of a second are dropped) and never an empty string,
and numbers keep the digits the device sent (they are `Decimal` here, never float).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from appliance.documents.kinds import record_types


def as_record(record_type: str, data: dict) -> dict:
    """`data` as a `record_type` record: every field in order, nested lists as records too."""
    record = {}
    for name, spec in record_types()[record_type].items():
        value = data.get(name)
        if spec.item_type:
            record[name] = [as_record(spec.item_type, item) for item in value or ()]
        elif spec.json_type == "datetime":
            record[name] = iso_datetime(value)
        else:
            record[name] = value
    return record


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
