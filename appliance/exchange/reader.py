"""Streaming reader of one `io_*.dat` file: header mapping, line checks, row keys and hashes.

The reader yields one tuple per data line, `(line_number, key, row_hash, text)`, where
`text` is the line in the file format with tolerated variants normalised (in lists of a few
thousand from `row_batches`, as the lines of each chunk read are checked together);
`RowSplitter` later turns a batch of them into the values of the known columns. Every
problem goes to a Report. Memory stays flat whatever the file size: the file is read in
chunks and rows are handed on as they come.

The row hash is taken over the values in the table's column order, so the same content
sent with another column order or with absent empty columns hashes the same.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import partial
from itertools import chain, compress, repeat
from operator import contains, gt, itemgetter, methodcaller
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

from appliance.exchange import layouts as layout_registry
from appliance.exchange.encoding import CHUNK, FileFacts
from appliance.exchange.layouts import COLUMN_NAME, MAX_TEXT, Field, Layout
from appliance.exchange.problems import Problem, Report
from appliance.exchange.values import check_value, documented_limits, line_pattern, too_long_reason

# (line number, key, row hash, the checked line in the file format)
Row = tuple[int, str, bytes, str]
KEY_SEPARATOR = "\x1f"
# A canonical line's row hash, as C-level steps (see RowChecker.row_hash)
_RSTRIP_BAR = methodcaller("rstrip", "|")
_ENCODE = methodcaller("encode", "utf-8", "surrogatepass")
_HASHER = partial(hashlib.blake2b, digest_size=8)
_DIGEST = methodcaller("digest")


class FileChangedError(Exception):
    """The file vanished or changed while it was being read."""


@dataclass
class HeaderPlan:
    """How one file's header maps onto its layout."""

    layout: Layout
    names: list[str]
    fields: list[Field | None]  # per header position; None = extra column
    key_positions: list[int]
    extra_positions: list[int] = field(default_factory=list)
    table_order: list[int] = field(default_factory=list)  # header position per layout field, -1 absent
    in_table_order: bool = False

    @property
    def extra_names(self) -> list[str]:
        return [self.names[i] for i in self.extra_positions]

    @property
    def known_columns(self) -> list[tuple[int, Field]]:
        return [(i, f) for i, f in enumerate(self.fields) if f is not None]


def _clean_header_names(raw_names: list[str], file: str, report: Report) -> list[str] | None:
    names = []
    seen: dict[str, int] = {}
    ok = True
    for position, raw in enumerate(raw_names, start=1):
        name = raw.strip()
        if not name:
            report.error(file, 1, None, None, f"header column {position} has no name")
            ok = False
            continue
        if name != raw:
            report.warning(file, 1, name, raw, "header name has surrounding spaces; they were ignored")
        upper = name.upper()
        if upper in seen:
            report.error(file, 1, upper, None,
                         f"header name {upper} appears twice (columns {seen[upper]} and {position})")
            ok = False
        seen[upper] = position
        names.append(upper)
    return names if ok else None


def plan_header(header_line: str, layout: Layout | None, table: str, file: str, report: Report) -> HeaderPlan | None:
    """Map a header line to the layout (or build an all-text layout for an unknown file)."""
    if "\x00" in header_line:
        report.error(file, 1, None, None, "the header contains NUL bytes: this is not a text file")
        return None
    names = _clean_header_names(header_line.split("|"), file, report)
    if names is None:
        return None
    if layout is None:
        bad = [n for n in names if not COLUMN_NAME.fullmatch(n)]
        if bad:
            report.error(file, 1, bad[0], None, "a column name may hold only letters, digits and _")
            return None
        layout = layout_registry.unknown_layout(table, names)
        report.warning(file, 0, None, None, f"no layout is registered for {file}; loaded with text "
                                            f"columns named by its header, keyed by CHIAVE")
    fields = [layout.field(n) for n in names]
    if layout.known and not any(fields):
        report.error(file, 1, None, None, f"none of the header names is a column of {layout.file_name}: "
                                          f"is the header row missing?")
        return None
    missing_key = [k for k in layout.key if k not in names]
    if missing_key:
        report.error(file, 1, ", ".join(missing_key), None,
                     f"the key column{'s' if len(missing_key) > 1 else ''} {', '.join(missing_key)} "
                     f"{'are' if len(missing_key) > 1 else 'is'} missing from the header")
        return None
    extras = [i for i, f in enumerate(fields) if f is None]
    if extras:
        extra_names = ", ".join(names[i] for i in extras)
        note = layout.doc_issue_about("duplicate the countries layout")
        cite = f" (documented issue: {note})" if note else ""
        report.warning(file, 1, None, extra_names,
                       f"column{'s' if len(extras) > 1 else ''} not in the {layout.file_name} layout, "
                       f"kept as extra data: {extra_names}{cite}")
    position = {n: i for i, n in enumerate(names)}
    table_order = [position.get(f.name, -1) for f in layout.fields]
    present = [p for p in table_order if p >= 0]
    in_order = not extras and present == list(range(len(names))) and table_order[: len(names)] == present
    return HeaderPlan(layout, names, fields, [position[k] for k in layout.key], extras, table_order, in_order)


def physical_lines(path: Path, facts: FileFacts, file: str, report: Report,
                   on_chunk: Callable[[int], None] | None = None, *, start: int = 0, stop: int | None = None,
                   first_number: int = 0) -> Iterator[tuple[int, str]]:
    """Yield (line number, line without its line ending); decoding errors are reported.

    `start` and `stop` read only the bytes between them (both at line starts), numbering
    the lines from `first_number` + 1.
    """
    for numbers, lines in line_batches(path, facts, file, report, on_chunk, start=start, stop=stop,
                                       first_number=first_number):
        yield from zip(numbers, lines)


def line_batches(path: Path, facts: FileFacts, file: str, report: Report,
                 on_chunk: Callable[[int], None] | None = None, *, start: int = 0, stop: int | None = None,
                 first_number: int = 0) -> Iterator[tuple[range, list[str]]]:
    """The lines of each chunk read, as (their line numbers, the lines without line endings), as
    `physical_lines` numbers them. A chunk that cannot be decoded is reported and ends the file."""
    number = first_number
    rest = b""
    with open(path, "rb") as handle:
        handle.seek(start)
        left = (facts.size if stop is None else stop) - start
        first = start == 0
        while True:
            chunk = handle.read(min(CHUNK, left)) if left > 0 else b""
            left -= len(chunk)
            if on_chunk:
                on_chunk(len(chunk))
            if not chunk:
                break
            if first and facts.bom:
                chunk = chunk[3:]
            first = False
            data = rest + chunk
            cut = data.rfind(b"\n") + 1
            rest = data[cut:]
            if cut:
                text = _decode(data[:cut], facts, number, file, report)
                if text is None:
                    return
                if "\r" in text:  # a CR before each line end goes (one per line, as a line ending)
                    text = text.replace("\r\n", "\n")
                lines = text.split("\n")
                lines.pop()
                yield range(number + 1, number + 1 + len(lines)), lines
                number += len(lines)
        if rest:
            text = _decode(rest, facts, number, file, report)
            if text is not None:
                yield range(number + 1, number + 2), [text[:-1] if text.endswith("\r") else text]
        stat = os.fstat(handle.fileno())
    if stat.st_size != facts.size or stat.st_mtime_ns != facts.mtime_ns or not path.exists():
        raise FileChangedError("the file changed while it was being read")


def _decode(data: bytes, facts: FileFacts, lines_before: int, file: str, report: Report) -> str | None:
    encoding = facts.encoding
    try:  # a mixed file gets here only when its bad lines are to be replaced (and were reported)
        return data.decode(encoding, "replace" if facts.mixed else "strict")
    except UnicodeDecodeError as exc:
        line = lines_before + data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        column = exc.start - start + 1
        byte = data[exc.start:exc.start + 1].hex().upper()
        hint = ("save the file as UTF-8 or Windows-1252" if encoding == "utf-8"
                else "this byte is not a character in Windows-1252; save the file as UTF-8")
        report.error(file, line, None, None,
                     f"byte 0x{byte} at character {column} cannot be decoded as {encoding} ({hint})")
        return None


LINES_SHOWN = 10  # lines listed in a grouped warning
ROWS_PER_BATCH = 4_096  # rows handed on together (a chunk read holds about 2,000-8,000 lines)


@dataclass
class _LongTexts:
    """The texts of one column over its documented length: counted, reported as one warning."""

    limit: int
    note: str | None
    count: int = 0
    lines: list[int] = field(default_factory=list)
    longest: str = ""
    longest_line: int = 0

    def add(self, number: int, value: str) -> None:
        self.count += 1
        if len(self.lines) < LINES_SHOWN:
            self.lines.append(number)
        if len(value) > len(self.longest):
            self.longest, self.longest_line = value, number

    def join(self, later: "_LongTexts") -> None:
        """Add the counts of a later part of the same file."""
        self.count += later.count
        self.lines = (self.lines + later.lines)[:LINES_SHOWN]
        if len(later.longest) > len(self.longest):
            self.longest, self.longest_line = later.longest, later.longest_line

    def problem(self, file: str, column: str) -> Problem:
        """One warning: the first line, the longest value, how many and where."""
        if self.count == 1:
            return Problem("warning", file, self.lines[0], column, self.longest,
                           too_long_reason(len(self.longest), self.limit, self.note))
        note = f" ({self.note})" if self.note else ""
        more = ", ..." if self.count > len(self.lines) else ""
        return Problem("warning", file, self.lines[0], column, self.longest,
                       f"{self.count:,} values longer than the documented maximum of {self.limit}; kept whole"
                       f"{note}. The longest ({len(self.longest):,} characters, shown) is on line "
                       f"{self.longest_line}; on lines {', '.join(map(str, self.lines))}{more}")


class RowChecker:
    """Checks data lines against a header plan and turns them into rows.

    The fast check is one regular expression over the whole line that accepts only
    canonical, in-limit values; nearly every line of a good file passes it at C speed. A
    line it refuses is tried against a second expression that lets texts run past their
    documented lengths (up to the cap): a line that passes only that one is good, and its
    long texts are found with a few C-level calls and counted per column (`_LongTexts`),
    since an ERP that sends longer texts than documented sends many. Any other line is
    checked field by field (`_slow_check`), which normalises tolerated variants or
    reports the errors. `rows_of` does the same for a batch of lines, the fast check, keys
    and hashes of all of them at once. `finish()` reports the counted long texts.
    """

    def __init__(self, plan: HeaderPlan, file: str, report: Report):
        self.plan = plan
        self.file = file
        self.report = report
        self.width = len(plan.names)
        self.fast = line_pattern(plan.fields).fullmatch
        self.any_length = line_pattern(plan.fields, any_length=True).fullmatch
        positions, self._limits = documented_limits(plan.fields)
        self._limited_positions = positions
        self._limited = _getter(positions)
        self._long: dict[int, _LongTexts] = {}
        self._key_first = plan.key_positions == [0]
        self._key = _getter(plan.key_positions)
        self._canonical = None if plan.in_table_order else plan.table_order
        layout = plan.layout
        self._options = {
            name: {
                "lenient_date": (layout.name, name) in layout_registry.DATE_ONLY_DATETIME_OK,
                "code_names": layout_registry.CODE_NAMES.get((layout.name, name)),
                "length_note": layout.doc_issue_about(name, "max length") or layout.doc_issue_about(name, "short"),
            }
            for name in plan.names
        }

    def row(self, number: int, line: str) -> Row | None:
        """The row of one data line, or None if the line has errors (reported)."""
        fits = len(line) <= MAX_TEXT and "\x00" not in line  # what the expressions take for granted
        if fits and self.fast(line) is not None:
            return self._keyed(number, line, None)
        return self._refused(number, line, fits)

    def rows_of(self, numbers: Sequence[int], lines: Sequence[str]) -> list[Row]:
        """The rows of a batch of non-blank data lines, in order (lines with errors left out, reported).

        The usual file (key first, columns in the table's order) is checked with C-level
        calls over the whole batch: the fast expression, the keys and the hashes of every
        line. Only the lines the fast expression refuses, or without a key, are looked at
        one by one, in line order, exactly as `row` does.
        """
        if not lines:
            return []
        if (self._canonical is not None or not self._key_first or max(map(len, lines)) > MAX_TEXT
                or any(map(contains, lines, repeat("\x00")))):
            return [row for row in map(self.row, numbers, lines) if row is not None]
        matched = list(map(self.fast, lines))
        keys = list(map(itemgetter(0), map(str.split, lines, repeat("|"), repeat(1))))
        rows = list(zip(numbers, keys, map(_DIGEST, map(_HASHER, map(_ENCODE, map(_RSTRIP_BAR, lines)))), lines))
        if None in matched or "" in keys:
            rows = [row for row in (
                row if match is not None and row[1] else
                self._refused(row[0], row[3], row=row) if match is None else self._keyed(row[0], row[3], None)
                for match, row in zip(matched, rows)) if row is not None]
        return rows

    def _refused(self, number: int, line: str, fits: bool = True, row: Row | None = None) -> Row | None:
        """A line the fast expression refused: long texts (counted), tolerated variants or errors.
        `row`: the line's row as the batch keyed and hashed it, good for a line that stays as it is."""
        if fits and self.any_length(line) is not None:
            values = line.split("|")
            self._count_long(number, values)
            if row is not None and row[1]:
                return row
        else:
            values = self._slow_check(number, line.split("|"))
            if values is None:
                return None
            line = "|".join(values)
        return self._keyed(number, line, values)

    def _keyed(self, number: int, line: str, values: list[str] | None) -> Row | None:
        """The row of a checked line, or None (reported) when its key is empty."""
        if self._key_first:
            cut = line.find("|")
            key = line if cut < 0 else line[:cut]
        else:
            values = values or line.split("|")
            key = KEY_SEPARATOR.join(self._key(values))
        if not key:
            self.report.error(self.file, number, self.plan.names[self.plan.key_positions[0]], "",
                              "the key column is empty")
            return None
        return number, key, self.row_hash(line, values), line

    def row_hash(self, line: str, values: list[str] | None) -> bytes:
        """Hash of the values in the table's column order (absent and empty columns alike)."""
        if self._canonical is None:
            canonical = line.rstrip("|")
        else:
            values = values or line.split("|")
            canonical = "|".join(values[p] if p >= 0 else "" for p in self._canonical).rstrip("|")
            if self.plan.extra_positions:
                canonical += "\x1e" + "|".join(f"{self.plan.names[i]}={values[i]}"
                                               for i in self.plan.extra_positions)
        return hashlib.blake2b(canonical.encode("utf-8", "surrogatepass"), digest_size=8).digest()

    def _count_long(self, number: int, values: list[str]) -> None:
        """Count the texts of a line that are over their documented lengths."""
        lengths = map(len, self._limited(values))
        for position in compress(self._limited_positions, map(gt, lengths, self._limits)):
            self._long_texts(position).add(number, values[position])

    def _long_texts(self, position: int) -> _LongTexts:
        group = self._long.get(position)
        if group is None:
            name = self.plan.names[position]
            group = self._long[position] = _LongTexts(self.plan.fields[position].max_length,
                                                      self._options[name]["length_note"])
        return group

    def join(self, later: dict[int, _LongTexts]) -> None:
        """Add the long texts a reader of a later part of the file counted (its `checker.long_texts`)."""
        for position, group in later.items():
            mine = self._long.get(position)
            if mine is None:
                self._long[position] = group
            else:
                mine.join(group)

    @property
    def long_texts(self) -> dict[int, _LongTexts]:
        """The long texts counted so far, by header position."""
        return self._long

    def finish(self) -> None:
        """Report the long texts counted, one warning per column."""
        for position, group in sorted(self._long.items()):
            self.report.grouped_warning(group.problem(self.file, self.plan.names[position]), group.count)
        self._long.clear()

    def _slow_check(self, number: int, values: list[str]) -> list[str] | None:
        report, file = self.report, self.file
        line = "|".join(values)
        if "\x00" in line:
            report.error(file, number, None, None,
                         f"NUL byte at character {line.index(chr(0)) + 1}: binary data in a text file")
            return None
        if len(values) != self.width:
            hint = (": is there a | inside a text?" if len(values) > self.width
                    else ": is a column missing, or was the line cut?")
            report.error(file, number, None, None,
                         f"line {number} has {len(values)} fields, the header has {self.width}{hint}")
            return None
        ok = True
        for position, raw in enumerate(values):
            if not raw:
                continue
            name = self.plan.names[position]
            fld = self.plan.fields[position] or Field(name)
            checked = check_value(fld, raw, **self._options[name])
            if checked.error:
                report.error(file, number, name, raw, checked.error)
                ok = False
            elif checked.too_long:
                self._long_texts(position).add(number, raw)
            elif checked.warning:
                report.warning(file, number, name, raw, checked.warning)
            values[position] = checked.value
        return values if ok else None


class RowSplitter:
    """Turns checked lines into the values of their known columns (and their extras as JSON).

    Values stay in the file format (`values.stored_form` converts whole columns later),
    but `§` is turned back into a newline.
    """

    def __init__(self, plan: HeaderPlan):
        self.plan = plan
        self.known = _getter([i for i, f in enumerate(plan.fields) if f is not None])

    def split(self, text: str) -> tuple[str | None, tuple[str, ...]]:
        """One line: (its extra JSON or None, the values of its known columns)."""
        extras, (values,) = self.split_batch((text,))
        return extras[0] if extras else None, tuple(values)

    def split_batch(self, texts: tuple[str, ...]) -> tuple[list[str | None] | None, list[list[str] | tuple[str, ...]]]:
        """A batch of lines, split with C-level calls: (the extra JSON per line, or None when the
        file has no extra columns; per line the values of its known columns)."""
        rows = list(map(str.split, map(_NEWLINES, texts), repeat("|")))
        if not self.plan.extra_positions:  # every column is known: the split line is the row
            return None, rows
        names, positions = self.plan.names, self.plan.extra_positions
        extras = []
        for values in rows:
            data = {names[i]: values[i] for i in positions if values[i]}
            extras.append(json.dumps(data, ensure_ascii=False) if data else None)
        return extras, list(map(self.known, rows))


_NEWLINES = methodcaller("replace", "\u00a7", "\n")


def _getter(positions: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """A C-level picker of these positions that always returns a tuple."""
    if not positions:
        return lambda values: ()
    if len(positions) == 1:
        position = positions[0]
        return lambda values: (values[position],)
    return itemgetter(*positions)


class FileReader:
    """Reads one file: the header on construction, then the good rows from `rows()` (or `row_batches()`).

    Problems go to `report`; `plan` is None when the header is unusable (reported).
    Both raise FileChangedError if the file changes or vanishes while being read.
    A reader of part of a file (`part`: its first byte, the byte after its last, and the
    number of lines before it) plans the header from line 1 without reporting on it again,
    and leaves its long-text counts in `checker` for whoever joins the parts.
    """

    def __init__(self, path: Path, facts: FileFacts, layout: Layout | None, table: str, report: Report,
                 on_chunk: Callable[[int], None] | None = None, *, part: tuple[int, int, int] | None = None):
        self.file = path.name
        self.report = report
        self.rows_read = 0
        self.plan: HeaderPlan | None = None
        self.checker: RowChecker | None = None
        self.part = part
        start, stop, lines_before = part or (0, facts.size, 0)
        self._batches = line_batches(path, facts, self.file, report, on_chunk, start=start,
                                     stop=None if stop >= facts.size else stop, first_number=lines_before)
        header_report = report
        if start == 0:
            first = self._first_line()
        else:  # the header is the first part's to report on
            header_report = Report()
            header = physical_lines(path, facts, self.file, header_report)
            first = next(header, None)
            header.close()
        if first is None:
            if not report.has_errors:
                report.error(self.file, 0, None, None, "the file is empty (0 bytes): there is no header row")
            return
        self.plan = plan_header(first[1], layout, table, self.file, header_report)

    def _first_line(self) -> tuple[int, str] | None:
        """Take line 1 off the first batch (None for an empty file)."""
        for numbers, lines in self._batches:
            rest = (numbers[1:], lines[1:])
            self._batches = chain([rest] if lines[1:] else [], self._batches)
            return numbers[0], lines[0]
        return None

    @property
    def fields(self) -> list[Field]:
        """The known columns of the file, in header order."""
        return [f for f in self.plan.fields if f is not None] if self.plan else []

    def rows(self) -> Iterator[Row]:
        """The good rows in line order; problems are reported as they are found."""
        return chain.from_iterable(self.row_batches())

    def row_batches(self) -> Iterator[list[Row]]:
        """The good rows in line order, in lists of about `ROWS_PER_BATCH`; problems are reported as the
        lines are checked (so in line order, whatever the batches)."""
        if self.plan is None:
            return
        self.checker = RowChecker(self.plan, self.file, self.report)
        blank_run: list[int] = []
        pending: list[Row] = []
        for numbers, lines in self._batches:
            if "" not in lines:
                pending += self._checked(numbers, lines, blank_run)
            else:
                run_numbers: list[int] = []
                run_lines: list[str] = []
                for number, line in zip(numbers, lines):
                    if line:
                        run_numbers.append(number)
                        run_lines.append(line)
                        continue
                    if run_lines:
                        pending += self._checked(run_numbers, run_lines, blank_run)
                        run_numbers, run_lines = [], []
                    blank_run.append(number)
                if run_lines:
                    pending += self._checked(run_numbers, run_lines, blank_run)
            if len(pending) >= ROWS_PER_BATCH:
                yield pending
                pending = []
        if pending:
            yield pending
        if self.part is None:
            self.checker.finish()
        else:
            for blank in blank_run:  # lines follow in the next part
                self.report.warning(self.file, blank, None, None, "blank line ignored")

    def _checked(self, numbers: Sequence[int], lines: Sequence[str], blank_run: list[int]) -> list[Row]:
        """Check a run of non-blank lines, after warning about the blank lines before it."""
        for blank in blank_run:
            self.report.warning(self.file, blank, None, None, "blank line ignored")
        blank_run.clear()
        self.rows_read += len(lines)
        return self.checker.rows_of(numbers, lines)
