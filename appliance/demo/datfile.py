"""Writing `io_*.dat` files the way a careful ERP connector does.

The columns come from the documented field list of each layout in the package's copy of
layouts.json (for AMHelper-only files, from AMHelper's field list). Values are Python
objects and are turned into the file format here: dates as ddmmyyyy, date-times as
ddmmyyyyhhmmss, decimals with a comma and exactly the layout's fractional digits, line
breaks inside texts as `§`, empty for None. A value that does not fit its column raises
ValueError: a demo file that breaks the documented limits would test nothing.

Files are written under a temporary name and renamed when complete, so a folder watcher
never sees half a file.
"""

from __future__ import annotations

import json
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Mapping, TextIO

DAT_ULT_MOD = "01011900000000"
NEWLINE_SUBSTITUTE = "§"
PIPE_SUBSTITUTE = "_"  # what AMHelper puts in place of a pipe inside a text
MAX_TEXT = 4000
LINE_END = "\r\n"
PARTIAL_SUFFIX = ".part"
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Column:
    """One column of a layout, as documented."""

    name: str
    type: str  # string | integer | decimal | date | datetime
    max_length: int | None = None  # string: characters; integer: digits
    precision: tuple[int, int] | None = None  # decimal: (total digits, fractional digits)


@lru_cache(maxsize=1)
def _spec() -> dict:
    text = resources.files("appliance.exchange").joinpath("data/layouts.json").read_text("utf-8")
    return json.loads(text)


def _column(spec: dict) -> Column:
    precision = tuple(spec["precision"]) if spec["type"] == "decimal" and spec.get("precision") else None
    max_length = spec.get("max_length") if spec["type"] in ("string", "integer") else None
    return Column(spec["name"], spec["type"], max_length, precision)


@lru_cache(maxsize=None)
def columns(table: str) -> tuple[Column, ...]:
    """The documented columns of a layout in file order (`io_art` -> the fields of io_art.dat)."""
    spec = _spec()
    file_name = table + ".dat"
    if file_name in spec["files"]:
        return tuple(_column(f) for f in spec["files"][file_name]["fields"])
    for extra in spec["amhelper_only_files"].values():
        if extra.get("file_name") == file_name:
            return tuple(Column(n, "datetime" if n == "DAT_ULT_MOD" else "string") for n in extra["fields"])
    raise KeyError(f"no layout is documented for {file_name}")


def column_names(table: str) -> list[str]:
    """The header of a layout's file."""
    return [c.name for c in columns(table)]


def format_date(value: date) -> str:
    """A date as ddmmyyyy."""
    return f"{value.day:02d}{value.month:02d}{value.year:04d}"


def format_datetime(value: datetime) -> str:
    """A date and time as ddmmyyyyhhmmss (24 hours)."""
    return f"{format_date(value)}{value.hour:02d}{value.minute:02d}{value.second:02d}"


def format_decimal(value: Decimal | int | float, fraction_digits: int) -> str:
    """A number with a comma and exactly `fraction_digits` decimals, no grouping: 12,34500000."""
    number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    exponent = Decimal(1).scaleb(-fraction_digits)
    rounded = number.quantize(exponent, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never write -0,00
    return f"{rounded:f}".replace(".", ",")


def clean_text(value: str) -> str:
    """A text as the file carries it: line breaks become §, pipes become _."""
    return _LINE_BREAKS.sub(NEWLINE_SUBSTITUTE, value).replace("|", PIPE_SUBSTITUTE)


def format_value(table: str, column: Column, value: object) -> str:
    """One value in the file format; raises ValueError when it does not fit the column."""
    if value is None or value == "":
        return ""
    kind = column.type
    if kind == "string":
        text = clean_text(str(value))
        limit = min(column.max_length or MAX_TEXT, MAX_TEXT)
        if len(text) > limit:
            raise ValueError(f"{table}.{column.name}: {len(text)} characters, over {limit}: {text[:40]!r}")
        return text
    if kind == "integer":
        text = str(int(value))
        if column.max_length and len(text.lstrip("-")) > column.max_length:
            raise ValueError(f"{table}.{column.name}: {text} has more than {column.max_length} digits")
        return text
    if kind == "decimal":
        total, fraction = column.precision or (28, 10)
        text = format_decimal(value, fraction)
        if len(text.lstrip("-").split(",")[0].lstrip("0")) > total - fraction:
            raise ValueError(f"{table}.{column.name}: {text} exceeds precision ({total},{fraction})")
        return text
    if kind == "date":
        return format_date(value)
    if isinstance(value, str):
        return value  # DAT_ULT_MOD's fixed text
    return format_datetime(value)


def format_row(table: str, row: Mapping[str, object], defaults: Mapping[str, object] | None = None) -> str:
    """One line (without the line end) of a layout's file from a mapping of column -> value."""
    cols = columns(table)
    defaults = defaults or {}
    unknown = set(row) - {c.name for c in cols}
    if unknown:
        raise ValueError(f"{table} has no column {', '.join(sorted(unknown))}")
    values = []
    for column in cols:
        value = row.get(column.name)
        if value is None:
            value = defaults.get(column.name)
        values.append(format_value(table, column, value))
    return "|".join(values)


@contextmanager
def replaced_when_done(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text file written under a temporary name and renamed to `path` only when complete."""
    partial = path.with_name(path.name + PARTIAL_SUFFIX)
    try:
        with open(partial, "w", encoding=encoding, newline="") as out:
            yield out
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)


def write_rows(path: Path, table: str, rows: Iterable[Mapping[str, object]], *,
               encoding: str = "utf-8", company: str = "1") -> Path:
    """Write a file of a layout: header, one line per row, CRLF line ends."""
    defaults = {"COD_DITTA": company, "DAT_ULT_MOD": DAT_ULT_MOD}
    path = Path(path)
    with replaced_when_done(path, encoding) as out:
        out.write("|".join(column_names(table)) + LINE_END)
        for row in rows:
            out.write(format_row(table, row, defaults) + LINE_END)
    return path


def write_table(folder: Path, table: str, rows: Iterable[Mapping[str, object]], *,
                encoding: str = "utf-8", company: str = "1") -> Path:
    """Write `<folder>/<table>.dat` (see write_rows)."""
    return write_rows(Path(folder) / f"{table}.dat", table, rows, encoding=encoding, company=company)


def row_key(*parts: object) -> str:
    """A CHIAVE composed from the row's identifiers, as ERP connectors build it: 1_0_C000001."""
    return "_".join(str(part) for part in parts)
