"""A large file read by two processes (a first load or a re-import) gives exactly what one process gives."""

from __future__ import annotations

import pytest

from appliance.ingest import parallel, pipeline
from appliance.ingest.pipeline import import_batch
from appliance.store.db import Store
from appliance.store.migrations import migrate
from tests.datfiles import write_dat

HEADER = ["CHIAVE", "COD_DITTA", "CODICE", "DESCRIZIONE", "SCONTO1", "DAT_ULT_MOD"]


def condpag(path, rows=4_000, bad_every=0):
    """io_condpag.dat: every 7th code over its documented 6 characters, a blank line on both halves,
    and with `bad_every` a decimal written with '.' every so many rows (an error)."""
    lines = []
    for n in range(1, rows + 1):
        code = f"LUNGO{n:06d}" if n % 7 == 0 else f"P{n % 1000}"
        discount = "1.5" if bad_every and n % bad_every == 0 else f"{n % 50},5"
        lines.append([f"K{n}", "1", code, f"Pagamento {n}", discount, "01011900000000"])
        if n in (500, rows - 500):
            lines.append("")
    return write_dat(path, HEADER, lines)


@pytest.fixture
def import_with(tmp_path, make_settings, monkeypatch):
    """Import a file into a fresh data dir with one or two processes; returns (outcome, rows)."""
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 1)
    halves = []
    real = pipeline.stage_in_two
    monkeypatch.setattr(pipeline, "stage_in_two", lambda *a, **k: halves.append(a[-1]) or real(*a, **k))

    def run(path, processes, *, before=None):
        """`before`: a file imported first (so `path` is a re-import), its halves not counted."""
        settings = make_settings(data_dir=tmp_path / f"data{processes}", import_processes=processes)
        store = Store(settings.paths.database)
        migrate(store)
        try:
            if before is not None:
                import_batch(store, settings, [before])
                halves.clear()
            (outcome,) = import_batch(store, settings, [path])
            rows = store.query("SELECT * FROM io_condpag ORDER BY _seq") if outcome.result == "imported" else []
        finally:
            store.close()
        return outcome, rows, list(halves)

    return run


def test_two_processes_store_and_report_what_one_does(import_with, gestionale):
    path = condpag(gestionale / "io_condpag.dat")
    one, one_rows, _ = import_with(path, 1)
    two, two_rows, halves = import_with(path, 2)
    assert halves and 0 < halves[0] < path.stat().st_size  # the second process read from the middle on
    assert two.result == one.result == "imported"
    assert two_rows == one_rows and len(two_rows) == 4_000
    assert two.rows_read == one.rows_read == 4_000
    assert two.report.warning_count == one.report.warning_count == 4_000 // 7 + 2
    assert two.report.lines() == one.report.lines()
    grouped = next(w for w in two.report.warnings if w.column == "CODICE")
    assert grouped.line == 8 and grouped.value == "LUNGO000007"
    assert grouped.reason.startswith("571 values longer than the documented maximum of 6; kept whole")
    assert "on lines 8, 15, 22, 29, 36, 43, 50, 57, 64, 71, ..." in grouped.reason
    blanks = [w.line for w in two.report.warnings if w.reason == "blank line ignored"]
    assert blanks == [502, 3503]


def test_errors_in_both_halves_are_listed_in_line_order_and_all_counted(import_with, gestionale):
    path = condpag(gestionale / "io_condpag.dat", bad_every=13)
    one, _, _ = import_with(path, 1)
    two, _, halves = import_with(path, 2)
    assert halves
    assert two.result == one.result == "rejected"
    assert two.report.error_count == one.report.error_count == 4_000 // 13
    assert two.report.lines() == one.report.lines()
    first = two.report.errors[0]
    assert (first.line, first.column, first.value) == (14, "SCONTO1", "1.5")
    assert [e.line for e in two.report.errors] == sorted(e.line for e in two.report.errors)


def test_a_duplicate_key_across_the_two_halves_names_both_lines(import_with, gestionale):
    path = condpag(gestionale / "io_condpag.dat")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3500] = lines[10]  # line 3501 repeats line 11 (same key), far into the second half
    path.write_text("".join(lines), encoding="utf-8")
    two, rows, halves = import_with(path, 2)
    assert halves and two.result == "rejected" and rows == []
    (duplicate,) = [e for e in two.report.errors if e.reason.startswith("duplicate key")]
    assert duplicate.line == 3501 and duplicate.reason == "duplicate key: the same key is on line 11"


def test_a_reimport_in_two_processes_changes_and_reports_what_one_does(import_with, gestionale, tmp_path):
    first = condpag(tmp_path / "first" / "io_condpag.dat")
    lines = first.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[20] = lines[20].replace("Pagamento 20|", "Pagamento venti|")  # changed, first half
    lines[3700] = lines[3700].replace("|1|", "|2|", 1)  # changed, second half
    del lines[3000]  # removed
    lines.append("K9999|1|P9|Nuovo|1,5|01011900000000\r\n")  # added
    second = gestionale / "io_condpag.dat"
    second.write_text("".join(lines), encoding="utf-8")
    one, one_rows, _ = import_with(second, 1, before=first)
    two, two_rows, halves = import_with(second, 2, before=first)
    assert halves and 0 < halves[0] < second.stat().st_size  # the re-import was read in two
    assert two.result == one.result == "imported"
    assert (two.rows_new, two.rows_changed, two.rows_deleted) == (one.rows_new, one.rows_changed, one.rows_deleted)
    assert (two.rows_new, two.rows_changed, two.rows_deleted) == (1, 2, 1)
    assert two_rows == one_rows and two.report.lines() == one.report.lines()


def test_a_duplicate_key_in_a_reimport_read_in_two_names_both_lines(import_with, gestionale, tmp_path):
    first = condpag(tmp_path / "first" / "io_condpag.dat")
    lines = first.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3500] = lines[10]
    second = gestionale / "io_condpag.dat"
    second.write_text("".join(lines), encoding="utf-8")
    two, _, halves = import_with(second, 2, before=first)
    assert halves and two.result == "rejected"
    (duplicate,) = [e for e in two.report.errors if e.reason.startswith("duplicate key")]
    assert duplicate.line == 3501 and duplicate.reason == "duplicate key: the same key is on line 11"


def test_a_file_under_the_threshold_is_read_by_one_process(gestionale, make_settings):
    path = condpag(gestionale / "io_condpag.dat", rows=50)
    settings = make_settings(import_processes=2)
    assert pipeline._parallel_split(settings, path, _facts(path), True) is None
    assert parallel.import_processes(1) == 1


def _facts(path):
    from appliance.exchange.encoding import inspect_file
    return inspect_file(path)
