"""Checking an uploaded document against its record shape: every bad field is named, none is guessed.

A document that fails here is malformed (422): a field the record type does not have, a
value of the wrong JSON type, a date that is not ISO 8601, a missing required field, a
guid that is not one, a number the connector's record cannot hold (the records' numbers
are C# `decimal`: at most 28 significant digits, at most 79,228,162,514,264,337,593,543,950,335
in size, no NaN or Infinity; whole numbers also within 64-bit signed). Business rules (unknown articles, prices) are not checked here:
they never reject a document (see `checks`).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from appliance.documents.kinds import (GUID_FIELD, ONE_OF_IN, ORDER_GUID_FIELD, REQUIRED_IN, SERVER_FIELDS,
                                       FieldSpec, Kind, record_types)
from appliance.errors import ApplianceError

GUID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:{}-]{7,79}")
MAX_TEXT = 4000
MAX_ITEMS = 2000
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1
DECIMAL_MAX = Decimal(2 ** 96 - 1)  # System.Decimal.MaxValue
DECIMAL_DIGITS = 28
DATETIME_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f")


class MalformedDocumentError(ApplianceError):
    """A document does not have its record's shape; `errors` names each bad field."""

    status = 422
    title = "Malformed document"


def check_document(kind: Kind, document: Any) -> None:
    """Raise MalformedDocumentError listing every problem of a document of this kind."""
    errors: list[dict] = []
    if not isinstance(document, dict):
        raise MalformedDocumentError("A document is a JSON object.", errors=[{"field": "", "reason": "not an object"}])
    _check_guid(kind, document, errors)
    _check_record(kind.record, document, "", errors, top=True)
    _check_required(document, kind.required, kind.one_of, "", errors)
    if errors:
        fields = ", ".join(e["field"] for e in errors[:5]) + (" ..." if len(errors) > 5 else "")
        raise MalformedDocumentError(f"The {kind.name} document has {len(errors)} bad field(s): {fields}.",
                                     errors=errors)


def _check_guid(kind: Kind, document: dict, errors: list[dict]) -> None:
    guid = document.get(GUID_FIELD)
    if not isinstance(guid, str) or not GUID.fullmatch(guid):
        errors.append({"field": GUID_FIELD, "reason": "required: the id the app generated for this document "
                                                      "(8 to 80 letters, digits, '-', '_', '.', ':', braces)"})
    elif kind.record == "TestataOrdineExport" and document.get(ORDER_GUID_FIELD) not in (None, guid):
        errors.append({"field": ORDER_GUID_FIELD, "reason": "must equal guid"})


def _check_record(record: str, value: dict, path: str, errors: list[dict], *, top: bool = False) -> None:
    fields = record_types()[record]
    for name, item in value.items():
        where = f"{path}{name}"
        if top and name == GUID_FIELD:
            continue
        spec = fields.get(name)
        if spec is None:
            errors.append({"field": where, "reason": f"not a field of {record}"})
        elif name in SERVER_FIELDS:
            continue  # set by the server
        else:
            _check_value(spec, item, where, errors)


def _check_value(spec: FieldSpec, value: Any, where: str, errors: list[dict]) -> None:
    if value is None:
        if not spec.nullable:
            errors.append({"field": where, "reason": "must not be null"})
        return
    kind = spec.json_type
    if spec.item_type:
        _check_list(spec.item_type, value, where, errors)
    elif kind == "string":
        if not isinstance(value, str):
            errors.append({"field": where, "reason": "must be a string"})
        elif len(value) > MAX_TEXT:
            errors.append({"field": where, "reason": f"longer than {MAX_TEXT} characters"})
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            errors.append({"field": where, "reason": "must be a number"})
        elif reason := number_out_of_range(value):
            errors.append({"field": where, "reason": reason})
    elif kind == "datetime":
        if not isinstance(value, str) or not _is_datetime(value):
            errors.append({"field": where, "reason": "must be a date YYYY-MM-DD or a date and time "
                                                     "YYYY-MM-DDTHH:MM:SS (local time, no offset)"})


def number_out_of_range(value: int | Decimal) -> str | None:
    """Why a number does not fit a connector record's number (C# decimal; int64 for whole numbers), or None."""
    if isinstance(value, int):
        return None if INT64_MIN <= value <= INT64_MAX else "outside the 64-bit whole-number range"
    if not value.is_finite():
        return "not a finite number"
    if value.copy_abs() > DECIMAL_MAX:
        return "outside the decimal range (about 7.9e28)"
    _, digits, exponent = value.as_tuple()
    while len(digits) > 1 and digits[-1] == 0:  # trailing zeros carry no digit of their own
        digits, exponent = digits[:-1], exponent + 1
    if not any(digits):
        return None
    if len(digits) > DECIMAL_DIGITS:
        return f"more than {DECIMAL_DIGITS} significant digits"
    if exponent < -DECIMAL_DIGITS:
        return f"more than {DECIMAL_DIGITS} decimal places"
    return None


def _check_list(item_type: str, value: Any, where: str, errors: list[dict]) -> None:
    if not isinstance(value, list):
        errors.append({"field": where, "reason": f"must be a list of {item_type}"})
        return
    if len(value) > MAX_ITEMS:
        errors.append({"field": where, "reason": f"more than {MAX_ITEMS} items"})
        return
    for index, item in enumerate(value):
        at = f"{where}[{index}]"
        if not isinstance(item, dict):
            errors.append({"field": at, "reason": f"must be a {item_type} object"})
            continue
        _check_record(item_type, item, at + ".", errors)
        _check_required(item, REQUIRED_IN.get(item_type, ()), ONE_OF_IN.get(item_type, ()), at + ".", errors)


def _check_required(value: dict, required: tuple[str, ...], one_of: tuple[tuple[str, ...], ...], path: str,
                    errors: list[dict]) -> None:
    for name in required:
        if _empty(value.get(name)):
            errors.append({"field": path + name, "reason": "required"})
    for group in one_of:
        if all(_empty(value.get(name)) for name in group):
            errors.append({"field": path + group[0], "reason": f"one of {', '.join(group)} is required"})


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _is_datetime(text: str) -> bool:
    try:
        date.fromisoformat(text)
        return True
    except ValueError:
        pass
    for fmt in DATETIME_FORMATS:
        try:
            datetime.strptime(text, fmt)
            return True
        except ValueError:
            continue
    return False
