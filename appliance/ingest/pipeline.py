"""The loading pipeline shared by `appliance import` and the folder watcher.

`import_batch` takes the files of one export and, for each: reads it once for its encoding
(and its MD5, when its table has a last file of the same size), skips it if it is
byte-identical to the last file applied to its table, parses and checks it into a staging
database (a file that cannot be that one, new to its table or of another size, is hashed in
a thread meanwhile), and diffs it against its table. All this happens without the write
lock. Files with errors are rejected; snapshots that would delete more than the allowed
share of a table are held. Then every remaining file is written in ONE write transaction,
together with the import log, so a device never sees half an export and a crash leaves the
database as before or as after. Files are never moved here: the caller decides where they
go (see `disposal`).
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Callable

from appliance.clock import utc_now_text
from appliance.cores import CORES
from appliance.exchange import layouts as layout_registry
from appliance.exchange.encoding import CHUNK, FileFacts, file_md5, inspect_file
from appliance.exchange.reader import FileChangedError, FileReader, RowSplitter
from appliance.ingest.outcome import FileOutcome
from appliance.ingest.parallel import (PARALLEL_MIN_BYTES, SecondProcessFailed, import_processes, split_point,
                                      stage_in_two)
from appliance.settings import Settings
from appliance.store import erp
from appliance.store.db import Store
from appliance.store.imports import imported_size, record_import
from appliance.store.staging import StagingArea, remove_stale
from appliance.store.sync_indexes import index_definitions

log = logging.getLogger("appliance.import")


@dataclass
class Hooks:
    """Test hooks: called at fixed points so tests can interrupt an import deterministically."""

    before_commit: Callable[[], None] | None = None
    after_plan: Callable[[], None] | None = None
    on_chunk: Callable[[Path, int], None] | None = None
    after_stage: Callable[[Path], None] | None = None  # a file was read and staged, its MD5 not taken yet


@dataclass
class _Prepared:
    """A file that was read and staged, waiting for the write transaction."""

    outcome: FileOutcome
    slot: int
    started: float
    started_at: str
    facts: FileFacts | None = None
    reader: FileReader | None = None
    direct: bool = False  # staged straight as typed rows (the table held no rows)
    seq: tuple[int, int] | None = None  # a direct load's change numbers: (base, top), see StagingArea
    prepare_seconds: float = 0.0  # reading, checking, staging, diffing: without the lock
    diff: erp.Diff | None = None
    incremental: bool = False
    hashing: Future | None = None  # the file's MD5, taken in a thread while its staged rows are indexed and diffed

    @property
    def to_apply(self) -> bool:
        return self.outcome.result == "imported"


def _held_name(path: Path) -> str:
    """The name a held snapshot goes by: when it arrived and which file it is."""
    return datetime.now().strftime("%Y%m%d-%H%M%S-") + path.stem


def import_batch(store: Store, settings: Settings, paths: list[Path], *, force: bool = False,
                 hooks: Hooks | None = None) -> list[FileOutcome]:
    """Validate the files and commit every good one in one transaction; report each file.

    `force` applies snapshots even when they delete more than `max_delete_ratio` of a table.
    Files are left where they are.
    """
    hooks = hooks or Hooks()
    # An import reads and rewrites whole tables once: mapped, each page costs a fault and stays in
    # this process's resident memory, which made a first 1M-row import 10% slower and 3x bigger.
    store.map_reads(False)
    rounds = _rounds([Path(p) for p in paths])
    outcomes: list[FileOutcome] = []
    with CORES.importing():
        for round_paths in rounds:
            outcomes.extend(_import_round(store, settings, round_paths, force, hooks))
    return outcomes


def _rounds(paths: list[Path]) -> list[list[Path]]:
    """Split paths so that no table appears twice in one transaction (later files go later)."""
    rounds: list[list[Path]] = []
    for path in paths:
        table = layout_registry.table_name_for(path.name)
        for round_paths in rounds:
            if all(layout_registry.table_name_for(p.name) != table or table is None for p in round_paths):
                round_paths.append(path)
                break
        else:
            rounds.append([path])
    return rounds


def _import_round(store: Store, settings: Settings, paths: list[Path], force: bool,
                  hooks: Hooks) -> list[FileOutcome]:
    batch_id = uuid.uuid4().hex[:12]
    remove_stale(settings.paths.work)
    staging = StagingArea(settings.paths.work)
    try:
        prepared = []
        seq_base = erp.last_seq(store)  # direct loads are numbered one after the other from here
        for slot, path in enumerate(paths):
            item = _prepare(store, settings, staging, slot, path, hooks, seq_base=seq_base)
            item.prepare_seconds = time.perf_counter() - item.started
            prepared.append(item)
            if item.seq and item.to_apply:
                seq_base = item.seq[1]
        with store.attached(staging.path, erp.STAGE) as conn:
            erp.stage_without_journal(conn)
            for index, item in enumerate(prepared):
                if item.to_apply:
                    started = time.perf_counter()
                    prepared[index] = item = _plan_or_restage(store, settings, staging, item, force, hooks)
                    item.prepare_seconds += time.perf_counter() - started
            if hooks.after_plan:
                hooks.after_plan()
            _commit_with_retries(store, settings, staging, batch_id, prepared, force, hooks)
    finally:
        staging.close()
    for item in prepared:
        _log_finished(item.outcome)
    return [item.outcome for item in prepared]


def check_files(store: Store | None, settings: Settings, paths: list[Path]) -> list[FileOutcome]:
    """Validate files exactly as an import would, and store nothing.

    Good files get the result "valid"; with a store, their counts say what an import would
    change (new, changed, deleted rows).
    """
    outcomes = []
    staging = StagingArea(settings.paths.work)
    try:
        for slot, path in enumerate(Path(p) for p in paths):
            item = _prepare(store, settings, staging, slot, path, Hooks(), skip_identical=False, direct=False)
            _take_md5(item)
            if item.to_apply:
                item.outcome.result = "valid"
                item.outcome.message = "no errors"
                if store is not None:
                    with store.attached(staging.path, erp.STAGE):
                        diff = erp.plan_changes(store, slot, item.outcome.table, item.incremental)
                    item.outcome.rows_new, item.outcome.rows_changed = diff.new, diff.changed
                    item.outcome.rows_deleted, item.outcome.rows_unchanged = diff.deleted, diff.unchanged
            item.outcome.seconds = time.perf_counter() - item.started
            outcomes.append(item.outcome)
    finally:
        staging.close()
    return outcomes


def _prepare(store: Store | None, settings: Settings, staging: StagingArea, slot: int, path: Path,
             hooks: Hooks, *, skip_identical: bool = True, direct: bool = True, seq_base: int = 0) -> _Prepared:
    """Read, check and stage one file (no write lock); the outcome says if it goes on. A file for an
    empty table is staged as typed rows numbered from `seq_base`."""
    started = time.perf_counter()
    outcome = FileOutcome(path=path, result="imported", message="")
    item = _Prepared(outcome, slot, started, utc_now_text())
    table = layout_registry.table_name_for(path.name)
    if table is None:
        return _reject(item, f"{path.name} is not an ERP file name: expected io_<name>.dat with letters, "
                             f"digits and _ only")
    layout = layout_registry.layout_for_file(path.name)
    meant = layout_registry.similar_known_names(table) if layout is None else []
    if meant:  # a misnamed export: loading it as a new table would hide it from every device
        return _reject(item, f"{path.name} is not a known ERP file; did you mean "
                             f"{', '.join(name + '.dat' for name in meant)}?")
    outcome.table = table
    outcome.layout = layout.file_name if layout else None
    item.incremental = table in settings.incremental_layouts or (
        layout is not None and layout.alias_of is not None
        and layout.alias_of.removesuffix(".dat") in settings.incremental_layouts)
    on_chunk = (lambda n: hooks.on_chunk(path, n)) if hooks.on_chunk else None
    state = erp.table_state(store, table) if skip_identical else None
    # A file that may be the table's last one needs its MD5 first (the skip rule); any other's is
    # taken later, by another processor (see _Prepared.hashing).
    hash_first = _may_be_identical(store, state, path)
    try:
        item.facts = facts = inspect_file(path, settings.encoding, on_chunk, md5=hash_first)
    except OSError as exc:
        outcome.transient = True
        return _reject(item, f"cannot read the file ({exc.strerror or exc}); it stays where it is and is "
                             f"read again later")
    outcome.md5 = facts.md5 or None
    if facts.mixed and not _mixed_accepted(settings, item):
        return _reject(item, f"the file is UTF-8 except for {facts.bad_line_count:,} line(s) with bytes that are "
                             f"not UTF-8 (line {', '.join(map(str, facts.bad_lines[:5]))}"
                             f"{', ...' if facts.bad_line_count > 5 else ''}): save it as UTF-8, or set "
                             f"encoding_mixed = replace to import it with those characters replaced")
    if skip_identical:
        log.info("import started: %s (%s bytes, %s)", path.name, f"{facts.size:,}", facts.encoding)
    if hash_first and state["last_md5"] == facts.md5:
        outcome.result = "skipped"
        outcome.message = "identical to the last file applied to this table (same MD5); nothing to do"
        return item
    item.direct = direct and store is not None and erp.is_empty(store, table)
    try:
        item.reader = reader = _stage(store, settings, staging, item, path, layout, on_chunk, seq_base)
    except (FileChangedError, OSError) as exc:
        outcome.transient = True
        reason = str(exc) if isinstance(exc, FileChangedError) else (exc.strerror or str(exc))
        return _reject(item, f"{reason}; nothing was changed and the file is read again when it is complete")
    outcome.rows_read = reader.rows_read
    if hooks.after_stage:
        hooks.after_stage(path)
    if not facts.md5:
        item.hashing = _aside(file_md5, path, facts)
    keys_unique = False
    # A file with errors is refused: no indexes but the one the duplicate check makes.
    if item.direct and reader.plan is not None and not outcome.report.has_errors:
        keys_unique = staging.index_typed(slot, lambda on: index_definitions(table, target=on).values())
        item.seq = (seq_base, staging.seq_top(slot))
    if not keys_unique:
        _report_duplicates(staging, slot, item)
    if outcome.report.has_errors:
        outcome.cut_short = looks_cut_short(path, outcome.report)
        errors = outcome.report.error_count
        return _reject(item, f"{errors:,} error{'s' if errors != 1 else ''}; first: "
                             f"{outcome.report.first_error()}")
    return item


def _may_be_identical(store: Store, state: dict | None, path: Path) -> bool:
    """Whether a file may be byte-identical to the last one applied to its table: there is one, and
    the import log does not say it had another size."""
    if not (state and state["last_md5"]):
        return False
    size = imported_size(store, state["name"], state["last_md5"])
    try:
        return size is None or size == path.stat().st_size
    except OSError:
        return True  # the first pass says why it cannot be read


def _aside(function: Callable, *args) -> Future:
    """Run `function(*args)` in a thread of its own (for work that lets go of the interpreter lock)."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="appliance-import-aside")
    try:
        return executor.submit(function, *args)
    finally:
        executor.shutdown(wait=False)


def _take_md5(item: _Prepared) -> None:
    """Wait for the MD5 taken aside and put it into the facts; a file that changed or vanished meanwhile is
    refused for now (read again when it is complete)."""
    hashing, item.hashing = item.hashing, None
    if hashing is None:
        return
    try:
        md5 = hashing.result()
    except OSError:
        md5 = None
    if md5 is not None:
        item.facts = replace(item.facts, md5=md5)
        item.outcome.md5 = md5
    elif item.to_apply or item.outcome.result == "held":
        item.outcome.transient = True
        _reject(item, "the file changed while it was being read; nothing was changed and the file is read again "
                      "when it is complete")


def looks_cut_short(path: Path, report) -> bool:
    """Whether a file's only error is on its last line and that line has no line end: a file whose writer
    paused (or was cut off) mid-line, rather than a file with wrong content."""
    if report.error_count != 1 or not report.errors or report.errors[0].line < 2:
        return False
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() == 0:
                return False
            handle.seek(-1, os.SEEK_END)
            if handle.read(1) == b"\n":
                return False
            handle.seek(0)
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(CHUNK), b"")) + 1
    except OSError:
        return False
    return report.errors[0].line == lines


def _stage(store: Store | None, settings: Settings, staging: StagingArea, item: _Prepared, path: Path, layout,
           on_chunk: Callable[[int], None] | None, seq_base: int) -> FileReader:
    """Read and check a file into the staging area (a large one by two processes): typed rows for an empty
    table, else the checked lines to compare with the table."""
    slot, facts, table, report = item.slot, item.facts, item.outcome.table, item.outcome.report
    middle = _parallel_split(settings, path, facts, on_chunk is None)
    if middle:
        typed = ((lambda plan: _typed_columns(store, plan)), seq_base) if item.direct else None
        try:
            return stage_in_two(staging, slot, path, facts, table, report, settings.paths.work, middle, typed=typed)
        except SecondProcessFailed as exc:
            log.warning("%s: a second process could not read half of the file (%s); reading it in one",
                        path.name, exc)
    reader = FileReader(path, facts, layout, table, report, on_chunk)
    if item.direct and reader.plan is not None:
        staging.load_typed(slot, reader.fields, _typed_columns(store, reader.plan), reader.row_batches(),
                           RowSplitter(reader.plan).split_batch, seq_base=seq_base)
    else:
        staging.load(slot, reader.row_batches())
    return reader


def _typed_columns(store: Store, plan) -> list[tuple[str, str]]:
    """The columns of the table a file with this header goes to, as they will be once it is loaded."""
    with store.snapshot() as conn:
        return erp.planned_columns(erp.existing_columns(conn, plan.layout.name), plan.layout, plan)


def _parallel_split(settings: Settings, path: Path, facts: FileFacts, eligible: bool) -> int | None:
    """Where a second process starts reading a large file (None: one process reads it)."""
    if not eligible or facts.size < PARALLEL_MIN_BYTES or import_processes(settings.import_processes) < 2:
        return None
    return split_point(path, facts)


def _report_duplicates(staging: StagingArea, slot: int, item: _Prepared) -> None:
    if item.reader.plan is None:
        return
    total, duplicates = staging.duplicate_keys(slot, 100, typed=item.direct)
    key_names = ", ".join(item.reader.plan.layout.key)
    for key, lines in duplicates:
        shown = key.replace("\x1f", " | ")
        for line in lines[1:]:
            item.outcome.report.error(item.outcome.file_name, line, key_names, shown,
                                      f"duplicate key: the same key is on line {lines[0]}")
    if total > len(duplicates):
        item.outcome.report.error(item.outcome.file_name, 0, key_names, None,
                                  f"{total - len(duplicates):,} more keys appear more than once")


def _mixed_accepted(settings: Settings, item: _Prepared) -> bool:
    """Report the lines of a mostly-UTF-8 file that are not UTF-8: errors, or warnings with `encoding_mixed =
    replace` (then the file is read as UTF-8, those bytes replaced); whether the file may be imported."""
    facts, outcome = item.facts, item.outcome
    accepted = settings.encoding_mixed == "replace"
    note = outcome.report.warning if accepted else outcome.report.error
    for line in facts.bad_lines:
        note(outcome.file_name, line, None, None, "bytes that are not UTF-8 in a UTF-8 file" +
             (" (replaced by U+FFFD)" if accepted else ""))
    if facts.bad_line_count > len(facts.bad_lines):
        note(outcome.file_name, 0, None, None,
             f"{facts.bad_line_count - len(facts.bad_lines):,} more lines with bytes that are not UTF-8")
    return accepted


def _reject(item: _Prepared, message: str) -> _Prepared:
    item.outcome.result = "rejected"
    item.outcome.message = message
    if item.facts and not item.facts.md5 and not item.outcome.transient and not item.hashing:
        item.hashing = _aside(file_md5, item.outcome.path, item.facts)  # the import log names the file by it
    _take_md5(item)
    return item


def _plan_or_restage(store: Store, settings: Settings, staging: StagingArea, item: _Prepared, force: bool,
                     hooks: Hooks) -> _Prepared:
    """Plan a staged file; one staged for an empty table that has gained rows is read again to compare."""
    try:
        _plan(store, settings, staging, item, force)
        return item
    except erp.TableMovedError:
        if not item.direct:
            raise
    item = _prepare(store, settings, staging, item.slot, item.outcome.path, hooks, direct=False)
    if item.to_apply:
        _plan(store, settings, staging, item, force)
    return item


def _plan(store: Store, settings: Settings, staging: StagingArea, item: _Prepared, force: bool) -> None:
    """Diff a staged file against its table, hold it if it deletes too much, type its changes."""
    outcome = item.outcome
    item.diff = diff = erp.plan_changes(store, item.slot, outcome.table, item.incremental,
                                        direct=item.seq)
    if diff.new + diff.changed and not item.direct:
        plan = item.reader.plan
        staging.type_changes(item.slot, item.reader.fields, _typed_columns(store, plan), RowSplitter(plan).split_batch)
    if diff.live_rows and diff.delete_ratio > settings.max_delete_ratio and not force:
        outcome.result = "held"
        outcome.held_name = _held_name(outcome.path)
        outcome.message = (
            f"would delete {diff.deleted:,} of {diff.live_rows:,} rows ({diff.delete_ratio:.0%}), more than "
            f"the {settings.max_delete_ratio:.0%} allowed; nothing was changed. Check the export, then "
            f"`appliance held apply {outcome.held_name}` to apply it or `appliance held discard "
            f"{outcome.held_name}` to drop it")
        outcome.rows_deleted = diff.deleted


MAX_ATTEMPTS = 5


def _commit_with_retries(store: Store, settings: Settings, staging: StagingArea, batch_id: str,
                         prepared: list[_Prepared], force: bool, hooks: Hooks) -> None:
    """Commit; if another writer changed one of the tables since its diff, diff again and retry."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        for item in prepared:  # before the lock: the MD5 goes into the table's state and the log
            _take_md5(item)
        try:
            _commit(store, batch_id, prepared, force, hooks)
            return
        except erp.TableMovedError as moved:
            if attempt == MAX_ATTEMPTS:
                raise
            log.info("table %s changed while this batch was prepared; comparing again", moved)
            for index, item in enumerate(prepared):
                if item.to_apply or item.outcome.result == "held":
                    item.outcome.result = "imported"
                    prepared[index] = _plan_or_restage(store, settings, staging, item, force, hooks)


def _commit(store: Store, batch_id: str, prepared: list[_Prepared], force: bool, hooks: Hooks) -> None:
    """One write transaction: every file to apply, and the log of every file."""
    with store.write() as conn:
        # First loads first: each was numbered from where the one before it ends (see _import_round).
        for item in sorted(prepared, key=lambda item: not item.direct):
            outcome = item.outcome
            seq_from = seq_to = None
            applied = time.perf_counter()
            if item.to_apply:
                diff = item.diff
                seq_from, seq_to = erp.apply_changes(conn, diff, item.reader.plan,
                                                     md5=item.facts.md5, file_name=outcome.file_name)
                outcome.rows_new, outcome.rows_changed = diff.new, diff.changed
                outcome.rows_deleted, outcome.rows_unchanged = diff.deleted, diff.unchanged
                outcome.message = "imported"
            outcome.seconds = item.prepare_seconds + (time.perf_counter() - applied)
            outcome.import_id = record_import(conn, _log_entry(batch_id, item, force, seq_from, seq_to))
        if hooks.before_commit:
            hooks.before_commit()


def _log_entry(batch_id: str, item: _Prepared, force: bool, seq_from: int | None, seq_to: int | None) -> dict:
    outcome, facts = item.outcome, item.facts
    return {
        "batch_id": batch_id, "file_name": outcome.file_name, "table_name": outcome.table,
        "layout": outcome.layout, "source_path": str(outcome.path), "md5": outcome.md5,
        "size": facts.size if facts else None, "encoding": facts.encoding if facts else None,
        "started_at": item.started_at, "finished_at": utc_now_text(), "seconds": round(outcome.seconds, 3),
        "rows_read": outcome.rows_read, "rows_new": outcome.rows_new, "rows_changed": outcome.rows_changed,
        "rows_deleted": outcome.rows_deleted, "rows_unchanged": outcome.rows_unchanged,
        "result": outcome.result, "forced": force and outcome.result == "imported",
        "errors_count": outcome.report.error_count, "warnings_count": outcome.report.warning_count,
        "message": outcome.message, "problems": outcome.report.as_list(),
        "seq_from": seq_from, "seq_to": seq_to,
    }


def _log_finished(outcome: FileOutcome) -> None:
    if outcome.result in ("imported", "skipped"):
        log.info("import finished: %s", outcome.summary())
        if outcome.report.warning_count:
            log.warning("%s: %d warning(s); first: %s", outcome.file_name, outcome.report.warning_count,
                        outcome.report.warnings[0].text())
    else:
        log.warning("import %s: %s", outcome.result, outcome.summary())
