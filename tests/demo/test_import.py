"""The generated files load through the real import pipeline into a real SQLite file, cleanly."""

from __future__ import annotations

import shutil

from appliance.demo import mutate_listini, write_art, write_customers_bulk, write_listini_full
from appliance.ingest.pipeline import import_batch
from tests.demo.fileformat import read_dat


def _copy(paths, folder):
    folder.mkdir(parents=True, exist_ok=True)
    return [shutil.copy(path, folder / path.name) for path in paths]


def _problems(outcomes):
    return {o.file_name: o.report_text() for o in outcomes
            if o.result != "imported" or o.report.error_count or o.report.warning_count}


def test_whole_demo_export_imports_without_errors_or_warnings(export, store, settings, tmp_path):
    paths = _copy(export.values(), tmp_path / "gestionale")
    outcomes = import_batch(store, settings, paths)
    assert _problems(outcomes) == {}
    assert len(outcomes) == len(export)
    for outcome in outcomes:
        rows = len(read_dat(outcome.path).rows)
        assert outcome.rows_read == outcome.rows_new == rows
        assert store.scalar(f'SELECT COUNT(*) FROM "{outcome.table}"') == rows


def test_windows_1252_export_imports_without_errors_or_warnings(small_export, store, settings, tmp_path):
    paths = _copy(small_export["cp1252"].values(), tmp_path / "gestionale")
    outcomes = import_batch(store, settings, paths)
    assert _problems(outcomes) == {}
    notes = [row["NOTA"] for row in store.query('SELECT "NOTA" FROM "io_clifor_note"')]
    assert any("\n" in note or "§" in note for note in notes)
    assert any("è" in note for note in notes)


def test_benchmark_files_import_and_a_mutation_reimports_as_counted(store, settings, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    paths = write_customers_bulk(first, customers=600, agents=6, seed=3)
    paths.append(write_art(first / "io_art.dat", 800, seed=3))
    paths.append(write_listini_full(first / "io_listini_full.dat", 6_000, seed=3, articles=800, customers=600))
    assert _problems(import_batch(store, settings, paths)) == {}
    second.mkdir()
    counts = mutate_listini(first / "io_listini_full.dat", second / "io_listini_full.dat", seed=4)
    [outcome] = import_batch(store, settings, [second / "io_listini_full.dat"])
    assert _problems([outcome]) == {}
    assert (outcome.rows_changed, outcome.rows_new, outcome.rows_deleted, outcome.rows_unchanged) == (
        counts["changed"], counts["added"], counts["removed"], counts["unchanged"])
