"""Values written for their reader, in the page's language (Italian numbers and dates on an Italian page): a
dashboard card's "Details" by their kind (appliance/console/details.py: sizes in MB, local times, yes/no), and the
fields of a document's record as the ERP gets them (dates, times and numbers; text as it is)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable

from appliance.messages import format_decimal, format_number
from appliance.web.console.i18n import Translator

MEGABYTE = 1024 * 1024
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?")


def detail_value(value, kind: str, t: Translator, when: Callable[[str], str]) -> str:
    """`value` as text, written as its `kind` says; `when` writes a stored time as the page does."""
    lang = t.language
    if kind.startswith("word:"):
        return _word(t, kind[5:], value)
    if kind.startswith("states:"):
        prefix = kind[7:]
        return ", ".join(f"{_word(t, prefix, state)}: {format_number(n, lang)}" for state, n in value.items())
    if isinstance(value, bool) or kind == "bool":
        return t("common.yes") if value else t("common.no")
    if kind == "size" and isinstance(value, (int, float)):
        return f"{format_decimal(round(value / MEGABYTE, 1), lang)} MB"
    if kind == "seconds" and isinstance(value, (int, float)):
        return f"{format_decimal(round(value, 2), lang)} s"
    if kind == "count" and isinstance(value, (int, float)):
        return format_number(value, lang)
    if kind == "time":
        return when(value)
    if kind == "message":
        return t.say(str(value))
    if isinstance(value, (list, tuple)):
        said = [t.say(str(item)) for item in value] if kind == "messages" else [str(item) for item in value]
        return "; ".join(said) if kind == "messages" else ", ".join(said)
    if isinstance(value, dict):
        return ", ".join(f"{key} {item}" for key, item in value.items())
    return str(value)


def _word(t: Translator, prefix: str, value) -> str:
    key = f"{prefix}{value}"
    return t(key) if t.has(key) else str(value)


def record_value(value, lang: str, when: Callable[[str], str], day: Callable[[str], str]) -> str:
    """A field of a document's record: an ISO date or time, a decimal number in the page's format; whole numbers
    (codes, ids, counts) and text as they are."""
    if value is None:
        return ""
    if isinstance(value, (float, Decimal)):
        return format_decimal(value, lang)
    text = str(value)
    if ISO_DAY.fullmatch(text):
        return day(text)
    if ISO_TIME.fullmatch(text):
        return when(text.replace("Z", "+00:00"))
    return text
