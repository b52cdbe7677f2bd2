"""Field values in the file format: the exact checks, the tolerated variants, the messages.

Two paths check a line. The fast path is one compiled regular expression per header that
accepts only canonical, in-limit values; nearly every line of a good file passes it at C
speed. A line it refuses goes through `check_value`
field by field, which either
normalises a tolerated variant (a date written 02/01/2013, a decimal written ,5) back to
the canonical file format, or explains the error. Values stay in the file format here
(ddmmyyyy, comma decimals); the store converts them when it writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from appliance.exchange.layouts import MAX_TEXT, Field

_DAY_MONTH = (r"(?:(?:0[1-9]|1\d|2[0-8])(?:0[1-9]|1[0-2])|(?:29|30)(?:0[13-9]|1[0-2])|31(?:0[13578]|1[02]))"
              r"\d{4}")
_LEAP_29_FEB = r"2902(?:\d\d(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
# Exactly the calendar dates ddmmyyyy (years 0001-9999, leap years included).
DATE_RE = rf"(?:(?!\d{{4}}0000){_DAY_MONTH}|{_LEAP_29_FEB})"
TIME_RE = r"(?:[01]\d|2[0-3])[0-5]\d[0-5]\d"
DATETIME_RE = DATE_RE + TIME_RE
_DATE_ONLY = re.compile(DATE_RE)
_DATETIME_ONLY = re.compile(DATETIME_RE)
_SEPARATORS = re.compile(r"[-/.: T]")
_DIGITS = re.compile(r"\d+")
_INTEGER = re.compile(r"([+-]?)(\d+)")
_DECIMAL_COMMA = re.compile(r"([+-]?)(\d*),(\d+)|([+-]?)(\d+),?")
_DOT_DECIMAL = re.compile(r"[+-]?\d*\.\d+")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[.']\d{3})+(?:,\d+)?")
INT64_DIGITS = 18


def field_pattern(field: Field | None, *, any_length: bool = False) -> str:
    """The fast-path pattern of one field: canonical values within the documented limits
    (`any_length`: texts of any length, whatever their documented length).

    Texts are matched as "anything but |" (one character test, much cheaper for the
    regular expression engine than a set): a line is checked for NUL bytes and for the
    4,000-character cap before it is matched, so no text can run past the cap. Runs of
    text and digits are possessive (`*+`, `{m,n}+`): what follows them (`|`, `,` or the
    line end) is never a character they take, so giving some back could not help, and a
    line with a long text is refused without backtracking through the columns before it.
    """
    if field is None or field.type == "string":
        limit = min(field.max_length or MAX_TEXT, MAX_TEXT) if field and not any_length else MAX_TEXT
        return r"[^|]*+" if limit >= MAX_TEXT else rf"[^|]{{0,{limit}}}+"
    if field.type == "integer":
        digits = min(field.max_length or INT64_DIGITS, INT64_DIGITS)
        return rf"(?:-?(?:0|[1-9]\d{{0,{digits - 1}}}+))?"
    if field.type == "decimal":
        whole, frac = _decimal_limits(field)
        whole_part = rf"(?:0|[1-9]\d{{0,{whole - 1}}}+)" if whole > 0 else "0"
        frac_part = rf"(?:,\d{{1,{frac}}}+)?" if frac > 0 else ""
        return rf"(?:-?{whole_part}{frac_part})?"
    if field.type == "date":
        return f"(?:{DATE_RE})?"
    return f"(?:{DATETIME_RE})?"


def line_pattern(fields: list[Field | None], *, any_length: bool = False) -> re.Pattern:
    """One regular expression accepting a whole canonical line for this header (for lines
    without NUL bytes and within the 4,000-character cap)."""
    return re.compile(r"\|".join(field_pattern(f, any_length=any_length) for f in fields))


def documented_limits(fields: list[Field | None]) -> tuple[list[int], tuple[int, ...]]:
    """The text columns with a documented length under the cap: (their positions, their lengths)."""
    limited = [(position, f.max_length) for position, f in enumerate(fields)
               if f is not None and f.type == "string" and f.max_length and f.max_length < MAX_TEXT]
    return [p for p, _ in limited], tuple(m for _, m in limited)


def _decimal_limits(field: Field) -> tuple[int, int]:
    if not field.precision:
        return 28, 10
    total, frac = field.precision
    return max(total - frac, 1), frac


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one value: the value to store (file format) and any findings."""

    value: str
    error: str | None = None
    warning: str | None = None
    too_long: bool = False  # a text over its documented length: counted with the others of its column


def check_value(field: Field, raw: str, *, lenient_date: bool = False,
                code_names: dict[str, str] | None = None, length_note: str | None = None) -> Checked:
    """Check one non-empty value against its field; normalise tolerated variants."""
    if len(raw) > MAX_TEXT:
        return Checked(raw, error=f"text of {len(raw):,} characters is over the {MAX_TEXT:,}-character limit")
    if field.type == "string":
        return _check_string(field, raw, length_note)
    if field.type == "integer":
        if code_names and raw.strip().lower() in code_names:
            code = code_names[raw.strip().lower()]
            return Checked(code, warning=f"'{raw}' is an old-style name; stored as code {code} (newer docs)")
        return _check_integer(field, raw)
    if field.type == "decimal":
        return _check_decimal(field, raw)
    if field.type == "date":
        return _check_date(raw)
    return _check_datetime(field, raw, lenient_date)


def too_long_reason(length: int, limit: int, length_note: str | None) -> str:
    """The warning about one text over its column's documented length."""
    note = f" ({length_note})" if length_note else ""
    return f"{length} characters, longer than the documented maximum of {limit}; kept whole{note}"


def _check_string(field: Field, raw: str, length_note: str | None) -> Checked:
    if field.max_length and len(raw) > field.max_length:
        return Checked(raw, warning=too_long_reason(len(raw), field.max_length, length_note), too_long=True)
    return Checked(raw)


def _check_integer(field: Field, raw: str) -> Checked:
    text = raw.strip()
    match = _INTEGER.fullmatch(text)
    if not match:
        if _DOT_DECIMAL.fullmatch(text) or "," in text:
            return Checked(raw, error=f"{raw} is not a whole number (this column holds integers)")
        return Checked(raw, error=f"{raw} is not a whole number")
    sign, digits = match.groups()
    digits = digits.lstrip("0") or "0"
    if len(digits) > INT64_DIGITS:
        return Checked(raw, error=f"{raw} has {len(digits)} digits, too large for a whole number")
    value = ("-" if sign == "-" and digits != "0" else "") + digits
    if field.max_length and len(digits) > field.max_length:
        return Checked(value, warning=f"{len(digits)} digits, more than the documented {field.max_length}; kept")
    return Checked(value)


def _check_decimal(field: Field, raw: str) -> Checked:
    text = raw.strip()
    if _GROUPED.fullmatch(text) and ("." in text or "'" in text):
        return Checked(raw, error=f"{raw} uses a thousands separator; write the number without it "
                                  f"and with ',' before the decimals")
    if _DOT_DECIMAL.fullmatch(text):
        return Checked(raw, error=f"{raw} uses '.', this layout uses ','")
    match = _DECIMAL_COMMA.fullmatch(text)
    if not match:
        return Checked(raw, error=f"{raw} is not a number (expected digits with ',' before the decimals)")
    if match.group(3) is not None:
        sign, whole, frac = match.group(1), match.group(2), match.group(3)
    else:
        sign, whole, frac = match.group(4), match.group(5), ""
    whole = whole.lstrip("0") or "0"
    negative = sign == "-" and (whole != "0" or frac.strip("0"))
    value = ("-" if negative else "") + whole + ("," + frac if frac else "")
    max_whole, max_frac = _decimal_limits(field)
    if len(whole) > max_whole or len(frac) > max_frac:
        documented = f"{field.precision[0]},{field.precision[1]}" if field.precision else "28,10"
        return Checked(value, warning=f"more digits than the documented precision ({documented}); kept exactly")
    return Checked(value)


def _compact(raw: str) -> str:
    """AMHelper strips - and / separators from dates; so do we."""
    return _SEPARATORS.sub("", raw.strip())


def _check_date(raw: str) -> Checked:
    text = _compact(raw)
    if _DATE_ONLY.fullmatch(text):
        return Checked(text)
    if _DIGITS.fullmatch(text) and len(text) == 8:
        return Checked(raw, error=f"{raw} is not a date")
    return Checked(raw, error=f"{raw} is not a date in the format ddmmyyyy")


def _check_datetime(field: Field, raw: str, lenient_date: bool) -> Checked:
    text = _compact(raw)
    if _DATETIME_ONLY.fullmatch(text):
        return Checked(text)
    if lenient_date and _DATE_ONLY.fullmatch(text):
        return Checked(text + "000000", warning="an 8-digit date where the layout says date and time; "
                                                "read as midnight (the docs' own example does this)")
    if field.name == "DAT_ULT_MOD":
        return Checked("", warning=f"{raw} is not a date and time; DAT_ULT_MOD is obsolete, stored as empty")
    if _DIGITS.fullmatch(text) and len(text) == 14:
        return Checked(raw, error=f"{raw} is not a date and time")
    return Checked(raw, error=f"{raw} is not a date and time in the format ddmmyyyyhhmmss")


# -- stored form -------------------------------------------------------------------------
# Checked file-format text -> the stored text: decimals with '.', dates YYYY-MM-DD,
# datetimes YYYY-MM-DDTHH:MM:SS; integers and texts as they are (the store's INTEGER
# column affinity turns '-1' into -1). They work on a whole column of a batch at once:
# a column that holds one value for the whole batch is converted once.

def _decimals(column: Sequence[str]) -> list[str]:
    # One pass in C over the whole column: a checked decimal never holds U+001F.
    return "\x1f".join(column).replace(",", ".").split("\x1f")


def _dates(column: tuple[str, ...]) -> list[str]:
    return [f"{v[4:8]}-{v[2:4]}-{v[:2]}" if v else v for v in column]


def _datetimes(column: tuple[str, ...]) -> list[str]:
    return [f"{v[4:8]}-{v[2:4]}-{v[:2]}T{v[8:10]}:{v[10:12]}:{v[12:14]}" if v else v for v in column]


STORED_FORM = {"decimal": _decimals, "date": _dates, "datetime": _datetimes}

# The conversions that cost less as SQL expressions of a checked value `{v}`, evaluated by
# SQLite while it inserts, than as a Python pass over a column (decimals are converted by
# `_decimals`, whole columns at once).
_DAY = "substr({v}, 5, 4) || '-' || substr({v}, 3, 2) || '-' || substr({v}, 1, 2)"
STORED_SQL = {
    "date": _DAY,
    "datetime": _DAY + " || 'T' || substr({v}, 9, 2) || ':' || substr({v}, 11, 2) || ':' || substr({v}, 13, 2)",
}


def bound_form(field_type: str):
    """The column converter to apply before binding a column of this type, or None when SQL converts it
    (`stored_sql`) or nothing does."""
    return STORED_FORM.get(field_type) if field_type not in STORED_SQL else None


def stored_form(field_type: str):
    """The column converter of a field type, or None when the text is stored as it is."""
    return STORED_FORM.get(field_type)


def stored_sql(field_type: str, value: str, *, may_be_empty: bool) -> str:
    """SQL turning the checked value `value` (an SQL expression; for decimals one that `stored_form`
    converted already) into its stored form (empty -> NULL when `may_be_empty`)."""
    converted = STORED_SQL[field_type].format(v=value) if field_type in STORED_SQL else value
    # A CASE, not nullif(): no function call per value (inserting a dense price list: 10.4-10.8 us a row
    # against 11.1-12.0 with nullif).
    return f"CASE WHEN {value} = '' THEN NULL ELSE {converted} END" if may_be_empty else converted
