"""Lines checked by batches give exactly the rows and the report that checking them one by one gives."""

from __future__ import annotations

import pytest

from appliance.exchange import layouts, reader
from appliance.exchange.encoding import inspect_file
from appliance.exchange.problems import Report
from appliance.exchange.reader import FileReader, RowChecker
from appliance.ingest.pipeline import import_batch
from appliance.store.db import Store
from appliance.store.migrations import migrate

HEADER = ["CHIAVE", "COD_DITTA", "CODICE", "DESCRIZIONE", "SCONTO1", "DAT_ULT_MOD"]


def mixed_lines(rows: int) -> list[str]:
    """Good lines with, every so often, each kind of line the fast check refuses or that is not a row."""
    lines = []
    for n in range(1, rows + 1):
        code = f"LUNGO{n:06d}" if n % 7 == 0 else f"P{n % 1000}"  # over the documented 6: kept, counted
        discount = {0: ",5", 1: "1.5", 2: "+3,25"}.get(n % 29, f"{n % 50},5")  # a variant, an error, a variant
        description = f"Pagamento {n}" if n % 31 else f"Testo §a capo {'X' * (n % 60)}"
        key = "" if n % 97 == 0 else f"K{n}"  # an empty key: an error
        line = "|".join([key, "1", code, description, discount, "01011900000000"])
        if n % 101 == 0:
            line = line.replace("Pagamento", "Paga\x00mento")  # a NUL: an error
        if n % 211 == 0:
            line = line.replace(f"Pagamento {n}", "Y" * 4_100)  # over the 4,000-character cap
        lines.append(line)
        if n % 53 == 0:
            lines += ["", ""]  # blank lines: a warning each
    return lines


def write(path, header, lines, newline):
    path.write_bytes((newline.join(["|".join(header), *lines]) + newline).encode("utf-8"))
    return path


def one_by_one(path):
    """The rows, report and lines read of checking each line on its own (the lines split here, not by
    the reader)."""
    report = Report()
    plan = FileReader(path, inspect_file(path), layouts.layout_for_file(path.name), "io_condpag", report).plan
    checker = RowChecker(plan, path.name, report)
    rows, blanks, read = [], [], 0
    text = path.read_bytes().decode("utf-8").split("\n")[:-1]
    for number, line in enumerate(text[1:], start=2):
        line = line[:-1] if line.endswith("\r") else line
        if not line:
            blanks.append(number)
            continue
        for blank in blanks:
            report.warning(path.name, blank, None, None, "blank line ignored")
        blanks.clear()
        read += 1
        row = checker.row(number, line)
        if row is not None:
            rows.append(row)
    checker.finish()
    return rows, report, read


@pytest.mark.parametrize("order", ["table", "shuffled"])
@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r\r\n"])
def test_batches_check_as_lines_one_by_one(tmp_path, monkeypatch, order, newline):
    monkeypatch.setattr(reader, "CHUNK", 4_096)  # many batches, blank lines across their edges
    header = HEADER if order == "table" else HEADER[1:] + HEADER[:1]
    lines = mixed_lines(1_200)
    if order == "shuffled":
        lines = ["|".join(line.split("|")[1:] + line.split("|")[:1]) if line else line for line in lines]
    path = write(tmp_path / "io_condpag.dat", header, lines, newline)
    report = Report()
    file_reader = FileReader(path, inspect_file(path), layouts.layout_for_file(path.name), "io_condpag", report)
    rows = list(file_reader.rows())
    expected_rows, expected_report, expected_read = one_by_one(path)
    assert rows == expected_rows
    assert report.lines() == expected_report.lines()
    assert (report.error_count, report.warning_count) == (expected_report.error_count,
                                                          expected_report.warning_count)
    # with CR CR LF endings a blank line keeps a CR: a line with an error, not a blank one
    assert file_reader.rows_read == expected_read == (1_200 if newline != "\r\r\n" else 1_244)
    if newline != "\r\r\n":  # (there the first 100 errors are mostly lines that hold only a CR)
        reasons = " ".join(report.lines())
        for finding in ("the key column is empty", "NUL byte", "4,100 characters", "uses '.'",
                        "blank line ignored", "values longer than the documented maximum of 6"):
            assert finding in reasons


def test_a_file_with_long_texts_variants_and_blank_lines_stores_the_same_in_one_or_two_processes(
        tmp_path, make_settings, monkeypatch):
    from appliance.ingest import pipeline
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 1)
    halves = []
    real = pipeline.stage_in_two
    monkeypatch.setattr(pipeline, "stage_in_two", lambda *a, **k: halves.append(a[-1]) or real(*a, **k))
    lines = [line for line in mixed_lines(3_000) if "\x00" not in line and len(line) < 4_000 and line[:1] != "|"
             and "1.5" not in line]
    path = write(tmp_path / "io_condpag.dat", HEADER, lines, "\n")
    results = []
    for processes in (1, 2):
        settings = make_settings(data_dir=tmp_path / f"data{processes}", import_processes=processes)
        store = Store(settings.paths.database)
        migrate(store)
        try:
            (outcome,) = import_batch(store, settings, [path])
            results.append((outcome, store.query("SELECT * FROM io_condpag ORDER BY _seq")))
        finally:
            store.close()
    (one, one_rows), (two, two_rows) = results
    assert len(halves) == 1 and 0 < halves[0] < path.stat().st_size  # only the second import was cut in two
    assert one.result == two.result == "imported"
    assert two_rows == one_rows and len(one_rows) == one.rows_read == two.rows_read
    assert two.report.lines() == one.report.lines() and one.report.warning_count > 100
    by_key = {row["_key"]: row for row in one_rows}
    assert by_key["K31"]["DESCRIZIONE"].startswith("Testo \na capo")  # § back to a line break
    assert (by_key["K29"]["SCONTO1"], by_key["K2"]["SCONTO1"], by_key["K3"]["SCONTO1"]) == ("0.5", "3.25", "3.5")
    assert by_key["K3"]["CODICE"] == "P3" and by_key["K7"]["CODICE"] == "LUNGO000007"
