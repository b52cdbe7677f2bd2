"""A large file read by two processes, each checking and staging half of it.

Checking and converting a line costs Python time that one processor cannot make shorter,
so a file larger than `PARALLEL_MIN_BYTES` is cut at a line start near its middle: this
process reads the first half while a second process reads the second half into a scratch
file of its own (typed rows for an empty table, else the checked lines to compare); its
rows are then appended to this process's staging table (a plain copy of the records) and
the two reports are joined,
so errors and warnings come out in line order with their physical line numbers, counted
as in one pass. The second process is started with `spawn` (as on Windows), never
forked from a process that runs a server's threads.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from appliance.exchange import layouts as layout_registry
from appliance.exchange.encoding import CHUNK, FileFacts
from appliance.exchange.problems import Report
from appliance.exchange.reader import FileReader, HeaderPlan, RowSplitter
from appliance.store.staging import StagingArea

PARALLEL_MIN_BYTES = 32 * 1024 * 1024


@dataclass
class _PartResult:
    """What the second process hands back: its scratch file, counts, problems and long texts."""

    path: str
    rows: int
    rows_read: int
    report: Report
    long_texts: dict


def import_processes(configured: int) -> int:
    """Processes that read one large file: the setting, or two on a machine with two processors or more."""
    return configured or min(2, os.cpu_count() or 1)


# The second process begins later (a new interpreter, its imports, the count of the lines
# before its part): this one reads a little more than half, so that both end together.
FIRST_PART = 0.51


def split_point(path: Path, facts: FileFacts) -> int | None:
    """The first line start after `FIRST_PART` of the file (None if there is none)."""
    middle = int(facts.size * FIRST_PART)
    with open(path, "rb") as handle:
        handle.seek(middle)
        while chunk := handle.read(CHUNK):
            cut = chunk.find(b"\n")
            if cut >= 0:
                start = handle.tell() - len(chunk) + cut + 1
                return start if start < facts.size else None
    return None


class SecondProcessFailed(Exception):
    """The second process could not start or died: read the file in one process instead."""


def stage_in_two(staging: StagingArea, slot: int, path: Path, facts: FileFacts, table: str, report: Report,
                 work_dir: Path, middle: int, *,
                 typed: tuple[Callable[[HeaderPlan], list[tuple[str, str]]], int] | None) -> FileReader:
    """Stage a file, its second half read by a second process: as typed rows when `typed` is given
    (columns_for(plan) -> the table's columns, and the seq_base the rows are numbered from, see
    StagingArea), else as checked lines (indexed, to be compared with the table). Returns the
    first half's reader (with `rows_read` for the whole file). Problems go to `report` only when
    both halves were read; raises SecondProcessFailed when the second process failed (nothing
    reported)."""
    layout = layout_registry.layout_for_file(path.name)
    context = multiprocessing.get_context("spawn")
    first_half = Report()
    reader = FileReader(path, facts, layout, table, first_half, part=(0, middle, 0))
    if reader.plan is None:
        report.extend(first_half)
        return reader
    form = (typed[0](reader.plan), typed[1]) if typed else None
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            second = pool.submit(_stage_part, path, facts, table, slot, work_dir, middle, form)
            _stage_rows(staging, slot, reader, form)
            result = second.result()
    except (BrokenProcessPool, RuntimeError) as exc:
        raise SecondProcessFailed(str(exc) or type(exc).__name__) from exc
    try:
        staging.append(Path(result.path), f"s{slot}" if form else f"r{slot}")
    finally:
        _remove(Path(result.path))
    if not form:
        staging.index_lines(slot)
    report.extend(first_half)
    report.extend(result.report)
    reader.report = reader.checker.report = report
    reader.rows_read += result.rows_read
    reader.checker.join(result.long_texts)
    reader.checker.finish()
    return reader


def _stage_rows(staging: StagingArea, slot: int, reader: FileReader,
                form: tuple[list[tuple[str, str]], int] | None) -> int:
    """Stage what `reader` reads, not indexed: typed rows of `form` (columns, seq_base), or checked lines."""
    if form is None:
        return staging.load(slot, reader.row_batches(), index_keys=False)
    columns, seq_base = form
    return staging.load_typed(slot, reader.fields, columns, reader.row_batches(), RowSplitter(reader.plan).split_batch,
                              seq_base=seq_base)


def _stage_part(path: Path, facts: FileFacts, table: str, slot: int, work_dir: Path, start: int,
                form: tuple[list[tuple[str, str]], int] | None) -> _PartResult:
    """In the second process: read from `start` to the end into a scratch file of its own."""
    lines_before = _lines_before(path, start)
    layout = layout_registry.layout_for_file(path.name)
    report = Report()
    reader = FileReader(path, facts, layout, table, report, part=(start, facts.size, lines_before))
    staging = StagingArea(work_dir)
    try:
        rows = _stage_rows(staging, slot, reader, form)
    except BaseException:
        staging.close()
        raise
    staging.close(keep=True)
    long_texts = reader.checker.long_texts if reader.checker else {}
    return _PartResult(str(staging.path), rows, reader.rows_read, report, long_texts)


def _lines_before(path: Path, stop: int) -> int:
    """How many line ends come before byte `stop`."""
    count = 0
    with open(path, "rb") as handle:
        left = stop
        while left > 0 and (chunk := handle.read(min(CHUNK * 8, left))):
            count += chunk.count(b"\n")
            left -= len(chunk)
    return count


def _remove(path: Path) -> None:
    for suffix in ("", "-journal"):
        try:
            os.remove(str(path) + suffix)
        except FileNotFoundError:
            pass
