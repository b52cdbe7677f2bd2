"""An independent reading of the exchange file rules, to check the generated files against.

It reads the layouts straight from the package's layouts.json and knows the rules from the
spec (`rules`): header row, `|` delimiter, CRLF, ddmmyyyy dates, ddmmyyyyhhmmss
date-times, comma decimals without grouping, `§` for line breaks, empty = null.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATE = re.compile(r"(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])(\d{4})")
DATETIME = re.compile(DATE.pattern + r"([01]\d|2[0-3])[0-5]\d[0-5]\d")
INTEGER = re.compile(r"-?\d+")
DECIMAL = re.compile(r"-?(\d+)(?:,(\d+))?")
MAX_TEXT = 4000


@lru_cache(maxsize=1)
def spec() -> dict:
    """The package's layouts.json."""
    return json.loads(resources.files("appliance.exchange").joinpath("data/layouts.json").read_text("utf-8"))


def documented_fields(table: str) -> list[dict]:
    """The documented field list of a layout (AMHelper's names for AMHelper-only files)."""
    files = spec()["files"]
    if table + ".dat" in files:
        return files[table + ".dat"]["fields"]
    extra = next(f for f in spec()["amhelper_only_files"].values() if f.get("file_name") == table + ".dat")
    return [{"name": name, "type": "datetime" if name == "DAT_ULT_MOD" else "string"} for name in extra["fields"]]


def key_fields(table: str) -> list[str]:
    """The key column(s) of a layout."""
    entry = spec()["files"].get(table + ".dat")
    key = entry["key"] if entry else "CHIAVE"
    return key if isinstance(key, list) else [key]


@dataclass
class DatFile:
    """A file split into its header and rows, plus the raw facts about its lines."""

    header: list[str]
    rows: list[list[str]]
    bare_line_feeds: int
    ends_with_crlf: bool

    def records(self) -> list[dict[str, str]]:
        return [dict(zip(self.header, row)) for row in self.rows]

    def column(self, name: str) -> list[str]:
        position = self.header.index(name)
        return [row[position] for row in self.rows]


def read_dat(path: Path, encoding: str = "utf-8") -> DatFile:
    """Read a file the way the spec describes it."""
    data = Path(path).read_bytes()
    bare = data.count(b"\n") - data.count(b"\r\n")
    lines = data.decode(encoding).split("\r\n")
    assert lines[-1] == "", f"{path.name} does not end with CRLF"
    header, *rows = lines[:-1]
    return DatFile(header.split("|"), [line.split("|") for line in rows], bare, data.endswith(b"\r\n"))


def value_problem(field: dict, value: str) -> str | None:
    """Why a non-empty value breaks its documented field, or None if it fits."""
    kind = field["type"]
    if kind == "string":
        limit = min(field.get("max_length") or MAX_TEXT, MAX_TEXT)
        if len(value) > limit:
            return f"{len(value)} characters, limit {limit}"
        if "\r" in value or "\n" in value:
            return "raw line break inside a text"
        return None
    if kind == "integer":
        if not INTEGER.fullmatch(value):
            return "not an integer"
        if field.get("max_length") and len(value.lstrip("-")) > field["max_length"]:
            return f"more than {field['max_length']} digits"
        return None
    if kind == "decimal":
        match = DECIMAL.fullmatch(value)
        if not match:
            return "not a comma decimal"
        total, fraction = field["precision"]
        whole, decimals = match.group(1).lstrip("0"), match.group(2) or ""
        if len(whole) > total - fraction or len(decimals) > fraction:
            return f"outside precision {total},{fraction}"
        return None
    pattern = DATE if kind == "date" else DATETIME
    return None if pattern.fullmatch(value) else f"not a {kind} in the file format"


def problems(path: Path, table: str, encoding: str = "utf-8") -> list[str]:
    """Every breach of the file rules in one file: header, field counts, types, limits, keys."""
    found = []
    dat = read_dat(path, encoding)
    fields = documented_fields(table)
    if dat.header != [f["name"] for f in fields]:
        found.append(f"{table}: header differs from the documented field list")
    if dat.bare_line_feeds:
        found.append(f"{table}: {dat.bare_line_feeds} line feeds without a carriage return")
    keys = key_fields(table)
    seen = set()
    for number, row in enumerate(dat.rows, start=2):
        if len(row) != len(dat.header):
            found.append(f"{table} line {number}: {len(row)} fields, header has {len(dat.header)}")
            continue
        record = dict(zip(dat.header, row))
        for field in fields:
            value = record[field["name"]]
            problem = value_problem(field, value) if value else None
            if problem:
                found.append(f"{table} line {number} {field['name']}={value!r}: {problem}")
        if "DAT_ULT_MOD" in record and record["DAT_ULT_MOD"] != "01011900000000":
            found.append(f"{table} line {number}: DAT_ULT_MOD is {record['DAT_ULT_MOD']}")
        key = tuple(record[k] for k in keys)
        if key in seen or not any(key):
            found.append(f"{table} line {number}: key {key} repeated or empty")
        seen.add(key)
    return found


def vat_is_valid(vat: str) -> bool:
    """The check of an Italian VAT number: digits at even places doubled (minus 9), sum divisible by 10."""
    if len(vat) != 11 or not vat.isdigit():
        return False
    total = 0
    for place, char in enumerate(vat, start=1):
        digit = int(char) * (2 if place % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0
