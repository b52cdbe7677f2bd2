"""Snapshots: row-level changes with sequence numbers, tombstones, MD5 skip, mass-deletion hold."""

from __future__ import annotations

import sqlite3
import threading

from appliance.ingest.disposal import dispose
from appliance.ingest.held import apply_held, discard_held, list_held
from appliance.ingest.pipeline import Hooks
from tests.datfiles import CITTA_HEADER, citta_rows, md5_of, write_dat


def seqs(table):
    return {k: r["_seq"] for k, r in table.items()}


def test_new_changed_unchanged_and_deleted_rows(gestionale, load, table):
    path = gestionale / "io_citta.dat"
    (first,) = load(write_dat(path, CITTA_HEADER, citta_rows(10)))
    assert (first.rows_new, first.rows_changed, first.rows_deleted) == (10, 0, 0)
    before = table("io_citta")
    assert sorted(seqs(before).values()) == list(range(1, 11))

    rows = citta_rows(10)
    rows[3][3] = "Nuovo nome"  # C3 changes
    del rows[7]  # C7 disappears
    rows.append(citta_rows(1, 99)[0])  # C99 is new
    (second,) = load(write_dat(path, CITTA_HEADER, rows))
    assert (second.rows_new, second.rows_changed, second.rows_deleted, second.rows_unchanged) == (1, 1, 1, 8)
    after = table("io_citta")
    assert after["C3"]["DESCRIZIONE"] == "Nuovo nome" and after["C3"]["_seq"] > 10
    assert after["C99"]["_seq"] > 10 and after["C7"]["_deleted"] == 1 and after["C7"]["_seq"] > 10
    assert after["C7"]["DESCRIZIONE"] == "Città 7"  # a tombstone keeps its last values
    for key in ("C0", "C1", "C5", "C9"):
        assert after[key]["_seq"] == before[key]["_seq"]
    new_seqs = sorted(after[k]["_seq"] for k in ("C3", "C7", "C99"))
    assert new_seqs == list(range(11, 14))

    (third,) = load(write_dat(path, CITTA_HEADER, rows + [citta_rows(1, 7)[0]]))
    assert third.rows_new == 1  # a tombstoned key that comes back is new again
    assert table("io_citta")["C7"]["_deleted"] == 0


def test_same_content_with_another_column_order_changes_nothing(gestionale, load):
    path = gestionale / "io_citta.dat"
    load(write_dat(path, CITTA_HEADER, citta_rows(5)))
    order = [6, 5, 4, 3, 2, 1, 0]
    (outcome,) = load(write_dat(path, [CITTA_HEADER[i] for i in order],
                                [[r[i] for i in order] for r in citta_rows(5)]))
    assert outcome.result == "imported" and outcome.rows_unchanged == 5 and outcome.rows_changed == 0


def test_byte_identical_file_is_skipped(gestionale, load, store):
    path = write_dat(gestionale / "io_citta.dat", CITTA_HEADER, citta_rows(5))
    load(path)
    (outcome,) = load(path)
    assert outcome.result == "skipped" and "same MD5" in outcome.message
    assert store.query("SELECT result FROM import_log ORDER BY id") == [{"result": "imported"}, {"result": "skipped"}]


def test_a_file_of_another_size_than_the_last_one_is_hashed_after_it_is_read(gestionale, load, store):
    path = gestionale / "io_citta.dat"
    load(write_dat(path, CITTA_HEADER, citta_rows(5)))
    six = md5_of(write_dat(path, CITTA_HEADER, citta_rows(6)))
    (changed,) = load(path)
    assert changed.result == "imported" and changed.rows_new == 1 and changed.md5 == six
    assert store.query("SELECT last_md5 FROM erp_tables WHERE name = 'io_citta'") == [{"last_md5": six}]
    (again,) = load(path)  # same size now: hashed first, and skipped
    assert again.result == "skipped"

    def rewritten(staged):  # after it was read, before its MD5: the next export arrives
        write_dat(staged, CITTA_HEADER, citta_rows(7))

    (refused,) = load(write_dat(path, CITTA_HEADER, citta_rows(3)), hooks=Hooks(after_stage=rewritten))
    assert refused.result == "rejected" and refused.transient and "changed while it was being read" in refused.message
    assert store.query("SELECT last_md5 FROM erp_tables WHERE name = 'io_citta'") == [{"last_md5": six}]


def test_a_file_of_the_same_size_as_the_last_one_is_hashed_before_it_is_read(gestionale, load, store, table):
    path = gestionale / "io_citta.dat"
    load(write_dat(path, CITTA_HEADER, citta_rows(1, suffix="x") + citta_rows(4, start=1)))
    last_size = path.stat().st_size
    write_dat(path, CITTA_HEADER, citta_rows(1, suffix="y") + citta_rows(4, start=1))  # other bytes, same size
    assert path.stat().st_size == last_size
    hashed = md5_of(path)

    def rewritten(staged):  # the MD5 was taken before the file was read: it names what was read
        write_dat(staged, CITTA_HEADER, citta_rows(9))

    (outcome,) = load(path, hooks=Hooks(after_stage=rewritten))
    assert outcome.result == "imported" and outcome.rows_changed == 1 and outcome.md5 == hashed
    assert table("io_citta")["C0"]["DESCRIZIONE"] == "Città 0y"


def test_incremental_layout_upserts_and_never_deletes(gestionale, load, make_settings, table):
    incremental = make_settings(incremental_layouts="io_citta")
    path = gestionale / "io_citta.dat"
    load(write_dat(path, CITTA_HEADER, citta_rows(5)), with_settings=incremental)
    rows = citta_rows(1, 2, suffix=" bis")
    (outcome,) = load(write_dat(path, CITTA_HEADER, rows), with_settings=incremental)
    assert (outcome.rows_new, outcome.rows_changed, outcome.rows_deleted) == (0, 1, 0)
    live = table("io_citta", live_only=True)
    assert len(live) == 5 and live["C2"]["DESCRIZIONE"] == "Città 2 bis"


def test_mass_deletion_is_held_then_applied_or_discarded(gestionale, load, store, settings, table):
    path = gestionale / "io_citta.dat"
    load(write_dat(path, CITTA_HEADER, citta_rows(10)))
    (held,) = load(write_dat(path, CITTA_HEADER, citta_rows(4)))
    assert held.result == "held" and "would delete 6 of 10 rows (60%)" in held.message
    assert f"appliance held apply {held.held_name}" in held.message
    assert len(table("io_citta", live_only=True)) == 10
    dispose(store, settings, held, move=False, today=None)
    assert path.exists()  # in place: the CLI keeps a copy in held/
    (item,) = list_held(settings)
    assert item.name == held.held_name and "would delete 6 of 10" in item.report

    outcome = apply_held(store, settings, item.name)
    assert outcome.result == "imported" and outcome.rows_deleted == 6
    assert len(table("io_citta", live_only=True)) == 4 and list_held(settings) == []
    assert store.scalar("SELECT forced FROM import_log ORDER BY id DESC LIMIT 1") == 1

    (held_again,) = load(write_dat(path, CITTA_HEADER, citta_rows(1)))
    dispose(store, settings, held_again, move=False, today=None)
    discard_held(settings, held_again.held_name)
    assert list_held(settings) == [] and len(table("io_citta", live_only=True)) == 4


def test_header_only_snapshot_of_a_full_table_is_held(gestionale, load, table):
    path = gestionale / "io_citta.dat"
    load(write_dat(path, CITTA_HEADER, citta_rows(3)))
    (outcome,) = load(write_dat(path, CITTA_HEADER, []))
    assert outcome.result == "held" and "would delete 3 of 3 rows (100%)" in outcome.message
    assert len(table("io_citta", live_only=True)) == 3


def test_force_applies_a_mass_deletion(gestionale, load, table):
    path = gestionale / "io_citta.dat"
    load(write_dat(path, CITTA_HEADER, citta_rows(10)))
    (outcome,) = load(write_dat(path, CITTA_HEADER, citta_rows(2)), force=True)
    assert outcome.result == "imported" and len(table("io_citta", live_only=True)) == 2


def test_files_of_a_batch_commit_together_and_bad_ones_drop_out(gestionale, load, store):
    citta = write_dat(gestionale / "io_citta.dat", CITTA_HEADER, citta_rows(3))
    naz = write_dat(gestionale / "io_nazioni.dat", ["CHIAVE", "CODICE", "DESCRIZIONE"], [["IT", "IT", "Italia"]])
    bad = write_dat(gestionale / "io_porto.dat", ["CHIAVE", "CODICE"], [["P1", "A", "extra"]])
    outcomes = load(citta, naz, bad)
    assert [o.result for o in outcomes] == ["imported", "imported", "rejected"]
    batches = store.query("SELECT DISTINCT batch_id FROM import_log")
    assert len(batches) == 1
    ranges = store.query("SELECT seq_from, seq_to FROM import_log WHERE result = 'imported' ORDER BY id")
    assert ranges == [{"seq_from": 1, "seq_to": 3}, {"seq_from": 4, "seq_to": 4}]
    assert not store.table_exists("io_porto")


def test_nothing_is_visible_until_the_whole_batch_commits(gestionale, load, settings):
    citta = write_dat(gestionale / "io_citta.dat", CITTA_HEADER, citta_rows(3))
    naz = write_dat(gestionale / "io_nazioni.dat", ["CHIAVE", "CODICE", "DESCRIZIONE"], [["IT", "IT", "Italia"]])
    seen = {}

    def look_from_another_connection():
        other = sqlite3.connect(settings.paths.database)
        seen["tables"] = {r[0] for r in other.execute("SELECT name FROM erp_tables")}
        other.close()

    load(citta, naz, hooks=Hooks(before_commit=look_from_another_connection))
    assert seen["tables"] == set()


def test_a_second_writer_waits_for_the_import_and_both_commit_in_order(gestionale, load, settings, store):
    """The CLI and the service write at the same time: BEGIN IMMEDIATE queues them."""
    path = write_dat(gestionale / "io_citta.dat", CITTA_HEADER, citta_rows(3))
    inside, trying = threading.Event(), threading.Event()
    result = {}

    def other_writer():
        inside.wait(10)
        conn = sqlite3.connect(settings.paths.database, timeout=30, isolation_level=None)
        trying.set()
        conn.execute("BEGIN IMMEDIATE")  # waits until the import commits
        result["seq"] = conn.execute("UPDATE _counters SET value = value + 1 WHERE name = 'erp_seq' "
                                     "RETURNING value").fetchone()[0]
        conn.execute("COMMIT")
        conn.close()

    def hold_commit():
        inside.set()
        trying.wait(10)

    thread = threading.Thread(target=other_writer)
    thread.start()
    (outcome,) = load(path, hooks=Hooks(before_commit=hold_commit))
    thread.join(30)
    assert outcome.result == "imported"
    assert result["seq"] == 4  # it saw the import's numbers 1-3: commit order = sequence order


def test_a_table_changed_by_another_writer_after_the_diff_is_compared_again(gestionale, load, settings, table):
    from appliance.ingest.pipeline import import_batch
    from appliance.store.db import Store

    path = gestionale / "io_citta.dat"
    load(write_dat(path, CITTA_HEADER, citta_rows(5)))
    other_file = write_dat(gestionale / "other" / "io_citta.dat", CITTA_HEADER, citta_rows(5, suffix=" (altro)"))
    ours = write_dat(path, CITTA_HEADER, citta_rows(4) + citta_rows(1, 50))

    def another_import_lands():
        other = Store(settings.paths.database)
        (result,) = import_batch(other, settings, [other_file])
        other.close()
        assert result.result == "imported"

    (outcome,) = load(ours, hooks=Hooks(after_plan=another_import_lands))
    assert outcome.result == "imported"
    assert (outcome.rows_new, outcome.rows_changed, outcome.rows_deleted) == (1, 4, 1)
    live = table("io_citta", live_only=True)
    assert sorted(live) == ["C0", "C1", "C2", "C3", "C50"] and live["C0"]["DESCRIZIONE"] == "Città 0"
