"""A first load into an empty table: staged in the table's own form, numbered and indexed, copied as it is
when no other change took numbers meanwhile, numbered again when one did."""

from __future__ import annotations

import sqlite3

import pytest

from appliance.ingest.pipeline import Hooks
from tests.datfiles import CITTA_HEADER, citta_rows, md5_of, write_dat


def with_blank_line(rows: list[list[str]], at: int) -> list:
    """The rows with an empty line before row `at` (a physical line that holds no row)."""
    return rows[:at] + [""] + rows[at:]


def seqs_by_key(store, table: str) -> dict[str, int]:
    return {r["_key"]: r["_seq"] for r in store.query(f'SELECT _key, _seq FROM "{table}"')}


def indexes(store, table: str) -> set[str]:
    return {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
                                           (table,))}


def test_rows_keep_the_numbers_of_their_lines_and_the_table_its_indexes(gestionale, load, store):
    citta = write_dat(gestionale / "io_citta.dat", CITTA_HEADER, with_blank_line(citta_rows(4), 2))
    (outcome,) = load(citta)
    assert outcome.result == "imported" and outcome.rows_new == 4
    # lines 2, 3, (4 is blank), 5, 6: numbered from the counter (0) as line - 1, the gap kept
    assert seqs_by_key(store, "io_citta") == {"C0": 1, "C1": 2, "C2": 4, "C3": 5}
    assert store.query("SELECT seq_from, seq_to FROM import_log") == [{"seq_from": 1, "seq_to": 5}]
    assert store.query("SELECT value FROM _counters WHERE name = 'erp_seq'") == [{"value": 5}]
    assert {"io_citta__key", "io_citta__seq"} <= indexes(store, "io_citta")
    with pytest.raises(sqlite3.IntegrityError):
        with store.write() as conn:  # the key index is the table's own, unique
            conn.execute("INSERT INTO io_citta(_key, _hash, _seq) VALUES ('C0', x'00', 99)")


def test_first_loads_of_one_batch_are_numbered_one_after_the_other(gestionale, load, store):
    citta = write_dat(gestionale / "io_citta.dat", CITTA_HEADER, with_blank_line(citta_rows(3), 1))
    naz = write_dat(gestionale / "io_nazioni.dat", ["CHIAVE", "CODICE", "DESCRIZIONE"],
                    [["IT", "IT", "Italia"], ["FR", "FR", "Francia"]])
    load(citta, naz)
    assert seqs_by_key(store, "io_citta") == {"C0": 1, "C1": 3, "C2": 4}
    assert seqs_by_key(store, "io_nazioni") == {"IT": 5, "FR": 6}  # from where io_citta's numbers end
    assert store.query("SELECT seq_from, seq_to FROM import_log ORDER BY seq_from") == [
        {"seq_from": 1, "seq_to": 4}, {"seq_from": 5, "seq_to": 6}]


def test_a_first_load_after_a_reimport_in_the_same_batch_keeps_numbers_in_commit_order(gestionale, load, store):
    citta = gestionale / "io_citta.dat"
    load(write_dat(citta, CITTA_HEADER, citta_rows(3)))  # numbers 1-3
    changed = citta_rows(3)
    changed[0][3] = "Altro nome"
    naz = write_dat(gestionale / "io_nazioni.dat", ["CHIAVE", "CODICE", "DESCRIZIONE"], [["IT", "IT", "Italia"]])
    load(write_dat(citta, CITTA_HEADER, changed), naz)  # the re-import first in the batch, the first load second
    seqs = {**seqs_by_key(store, "io_citta"), **{"IT": seqs_by_key(store, "io_nazioni")["IT"]}}
    assert seqs == {"C0": 5, "C1": 2, "C2": 3, "IT": 4}  # every number new and unique: 4 and 5 follow 3
    assert store.query("SELECT value FROM _counters WHERE name = 'erp_seq'") == [{"value": 5}]


def test_numbers_taken_by_another_writer_meanwhile_make_the_load_number_its_rows_again(
        gestionale, load, store, settings):
    citta = write_dat(gestionale / "io_citta.dat", CITTA_HEADER, with_blank_line(citta_rows(3), 1))

    def another_writer_takes_numbers():  # between the staging and the write
        conn = sqlite3.connect(settings.paths.database, isolation_level=None)
        conn.execute("INSERT INTO _counters(name, value) VALUES ('erp_seq', 7) "
                     "ON CONFLICT(name) DO UPDATE SET value = 7")
        conn.close()

    (outcome,) = load(citta, hooks=Hooks(after_plan=another_writer_takes_numbers))
    assert outcome.result == "imported"
    assert seqs_by_key(store, "io_citta") == {"C0": 8, "C1": 9, "C2": 10}  # after 7, in file order, no gap
    assert store.query("SELECT seq_from, seq_to FROM import_log") == [{"seq_from": 8, "seq_to": 10}]


def test_a_table_of_tombstones_only_is_loaded_again_without_a_second_row_per_key(gestionale, load, store, table):
    citta = gestionale / "io_citta.dat"
    load(write_dat(citta, CITTA_HEADER, citta_rows(3)))
    (emptied,) = load(write_dat(citta, CITTA_HEADER, []), force=True)
    assert emptied.rows_deleted == 3 and not table("io_citta", live_only=True)
    (outcome,) = load(write_dat(citta, CITTA_HEADER, citta_rows(4)))
    assert outcome.result == "imported" and outcome.rows_new == 4
    rows = store.query("SELECT _key, _seq, _deleted FROM io_citta ORDER BY _key")
    assert [(r["_key"], r["_deleted"]) for r in rows] == [("C0", 0), ("C1", 0), ("C2", 0), ("C3", 0)]
    assert min(r["_seq"] for r in rows) > 6  # after the first load (1-3) and the tombstones (4-6)


def test_a_first_load_takes_the_md5_while_it_indexes_and_skips_the_same_file_next_time(gestionale, load, store):
    citta = write_dat(gestionale / "io_citta.dat", CITTA_HEADER, citta_rows(5))
    (first,) = load(citta)
    assert first.result == "imported" and first.md5 == md5_of(citta)
    assert store.query("SELECT md5 FROM import_log") == [{"md5": md5_of(citta)}]
    assert store.query("SELECT last_md5 FROM erp_tables WHERE name = 'io_citta'") == [{"last_md5": md5_of(citta)}]
    (again,) = load(citta)
    assert again.result == "skipped"


def test_a_refused_first_load_is_logged_with_its_md5(gestionale, load, store):
    citta = write_dat(gestionale / "io_citta.dat", CITTA_HEADER, citta_rows(2) + ["C9|1"])
    (outcome,) = load(citta)
    assert outcome.result == "rejected" and outcome.md5 == md5_of(citta)
    assert store.query("SELECT md5 FROM import_log") == [{"md5": md5_of(citta)}]


def test_a_file_rewritten_after_it_was_read_is_not_loaded_under_the_new_files_md5(gestionale, load, store):
    citta = write_dat(gestionale / "io_citta.dat", CITTA_HEADER, citta_rows(3))

    def rewritten(path):  # read and staged; the ERP writes the next export before the MD5 is taken
        write_dat(path, CITTA_HEADER, citta_rows(6))

    (outcome,) = load(citta, hooks=Hooks(after_stage=rewritten))
    assert outcome.result == "rejected" and outcome.transient
    assert "changed while it was being read" in outcome.message
    assert not store.query("SELECT name FROM sqlite_master WHERE name = 'io_citta'")  # nothing was written
    (next_time,) = load(citta)  # the new content is read again, whole, under its own MD5
    assert next_time.result == "imported" and next_time.rows_new == 6 and next_time.md5 == md5_of(citta)
