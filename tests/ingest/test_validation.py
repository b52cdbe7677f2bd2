"""Errors reject a file with file, line, column, value and reason; warnings let it through."""

from __future__ import annotations

import os

import pytest

from appliance.exchange.encoding import CHUNK
from appliance.ingest.pipeline import Hooks
from tests.datfiles import CITTA_HEADER, citta_rows, write_dat

ART = ["CHIAVE", "COD_DITTA", "COD_ART", "DES_ART", "PREZZO_MIN_VEN", "FLG_MOD_UM_DEFAULT", "DAT_ULT_MOD"]
SCAD = ["CHIAVE", "COD_DITTA", "NUM_REG", "DAT_SCAD", "IMPORTO", "DAT_ULT_MOD"]


def only_error(outcome):
    assert outcome.result == "rejected", outcome.report_text()
    assert outcome.report.error_count == 1, outcome.report_text()
    return outcome.report.errors[0]


def test_wrong_field_count_names_the_physical_line_and_suggests_a_pipe(gestionale, load):
    rows = [r for r in citta_rows(60)]
    rows[55] = ["C55", "1", "x", "Bar | Tabacchi", "", "MI", ""]
    (outcome,) = load(write_dat(gestionale / "io_citta.dat", CITTA_HEADER, rows))
    error = only_error(outcome)
    assert error.line == 57  # header is line 1
    assert error.reason == "line 57 has 8 fields, the header has 7: is there a | inside a text?"
    assert "io_citta.dat, line 57" in outcome.report_text()


def test_impossible_date(gestionale, load):
    (outcome,) = load(write_dat(gestionale / "io_clifor_scadoc.dat", SCAD,
                                [["S1", "1", "R", "01012026", "1", ""], ["S2", "1", "R", "31022026", "1", ""]]))
    error = only_error(outcome)
    assert (error.line, error.column, error.value, error.reason) == (3, "DAT_SCAD", "31022026",
                                                                      "31022026 is not a date")


def test_dot_decimal_and_non_numeric_values(gestionale, load):
    (outcome,) = load(write_dat(gestionale / "io_art.dat", ART, [
        ["A1", "1", "A1", "x", "12.50", "0", ""],
        ["A2", "1", "A2", "x", "dodici", "0", ""],
        ["A3", "1", "A3", "x", "1.234,50", "0", ""],
        ["A4", "1", "A4", "x", "1", "si", ""],
    ]))
    reasons = {(e.line, e.column): e.reason for e in outcome.report.errors}
    assert reasons[(2, "PREZZO_MIN_VEN")] == "12.50 uses '.', this layout uses ','"
    assert "dodici is not a number" in reasons[(3, "PREZZO_MIN_VEN")]
    assert "thousands separator" in reasons[(4, "PREZZO_MIN_VEN")]
    assert reasons[(5, "FLG_MOD_UM_DEFAULT")] == "si is not a whole number"


def test_text_over_4000_characters(gestionale, load):
    header = ["CHIAVE", "COD_DITTA", "NOME", "VALORE", "DAT_ULT_MOD"]
    (outcome,) = load(write_dat(gestionale / "io_custom_fields.dat", header, [["K1", "1", "n", "x" * 4001, ""]]))
    error = only_error(outcome)
    assert error.column == "VALORE" and "over the 4,000-character limit" in error.reason
    assert len(error.as_dict()["value"]) <= 60


@pytest.mark.parametrize("header, reason", [
    ("CHIAVE|COD_DITTA||DESCRIZIONE", "header column 3 has no name"),
    ("CHIAVE|CODICE|CODICE", "header name CODICE appears twice (columns 2 and 3)"),
    ("COD_DITTA|CODICE|DESCRIZIONE", "the key column CHIAVE is missing from the header"),
    ("K1|1|C1|Milano", "none of the header names is a column of io_citta.dat: is the header row missing?"),
])
def test_header_errors(gestionale, load, header, reason):
    (outcome,) = load(write_dat(gestionale / "io_citta.dat", header, ["A|1|B|C"]))
    error = only_error(outcome)
    assert error.line == 1 and error.reason == reason


def test_duplicate_keys_name_both_lines(gestionale, load):
    rows = citta_rows(5) + [citta_rows(1, 2)[0]]
    (outcome,) = load(write_dat(gestionale / "io_citta.dat", CITTA_HEADER, rows))
    error = only_error(outcome)
    assert (error.line, error.column, error.value) == (7, "CHIAVE", "C2")
    assert error.reason == "duplicate key: the same key is on line 4"


def test_empty_key_is_an_error(gestionale, load):
    (outcome,) = load(write_dat(gestionale / "io_citta.dat", CITTA_HEADER, [["", "1", "X", "Y", "", "", ""]]))
    assert only_error(outcome).reason == "the key column is empty"


def test_undecodable_bytes_when_utf8_is_required(gestionale, load, make_settings, store):
    utf8_only = make_settings(encoding="utf-8")
    path = gestionale / "io_citta.dat"
    path.write_bytes(("|".join(CITTA_HEADER) + "\r\nK1|1|C|Citt").encode() + b"\xe0|||\r\n")
    (outcome,) = load(path, with_settings=utf8_only)
    error = only_error(outcome)
    assert error.line == 2 and "byte 0xE0 at character 12 cannot be decoded as utf-8" in error.reason


def test_byte_undefined_in_windows_1252(gestionale, load):
    path = gestionale / "io_citta.dat"
    path.write_bytes(("|".join(CITTA_HEADER) + "\r\nK1|1|C|A\xe8|||\r\n").encode("cp1252") + b"K2|1|C|\x81|||\r\n")
    (outcome,) = load(path)
    error = only_error(outcome)
    assert error.line == 3 and "0x81" in error.reason and "Windows-1252" in error.reason


def test_nul_bytes(gestionale, load):
    path = gestionale / "io_citta.dat"
    path.write_bytes(("|".join(CITTA_HEADER) + "\r\nK1|1|C|A\x00B|||\r\n").encode())
    error = only_error(load(path)[0])
    assert error.line == 2 and "NUL byte at character 9" in error.reason


def test_binary_garbage_is_rejected(gestionale, load):
    path = gestionale / "io_citta.dat"
    path.write_bytes(os.urandom(4096) + b"\x00\x00")
    (outcome,) = load(path)
    assert outcome.result == "rejected" and outcome.report.error_count >= 1


def test_empty_file(gestionale, load):
    path = gestionale / "io_citta.dat"
    path.write_bytes(b"")
    error = only_error(load(path)[0])
    assert error.reason == "the file is empty (0 bytes): there is no header row"


def test_warnings_do_not_reject(gestionale, load, store):
    header = ["CHIAVE", "COD_DITTA", "CODICE", "DESCRIZIONE", "SCONTO1", "DAT_ULT_MOD"]
    (outcome,) = load(write_dat(gestionale / "io_condpag.dat", header, [
        ["P1", "1", "TROPPOLUNGO", "Desc", "1,1234567", "01011900000000"],
        ["P2", "1", "RB", "Desc", "1", "non una data"],
    ]))
    assert outcome.result == "imported", outcome.report_text()
    reasons = {(w.line, w.column): w.reason for w in outcome.report.warnings}
    assert "longer than the documented maximum of 6; kept whole" in reasons[(2, "CODICE")]
    assert "more digits than the documented precision (14,6); kept exactly" in reasons[(2, "SCONTO1")]
    assert "DAT_ULT_MOD is obsolete, stored as empty" in reasons[(3, "DAT_ULT_MOD")]
    rows = {r["CHIAVE"]: r for r in store.query("SELECT CHIAVE, CODICE, SCONTO1, DAT_ULT_MOD FROM io_condpag")}
    assert rows["P1"]["CODICE"] == "TROPPOLUNGO" and rows["P1"]["SCONTO1"] == "1.1234567"
    assert rows["P2"]["DAT_ULT_MOD"] is None


def test_documented_deviations_are_warnings_citing_the_docs(gestionale, load, store):
    header = ["NOMEFILE", "TITOLO", "COD_ART", "L1", "L2", "L3", "L4", "DAT_ULT_MOD"]
    long_name = "Catalogo primavera estate 2027 [A1].jpg"
    (outcome,) = load(write_dat(gestionale / "io_catalogo.dat", header,
                                [[long_name, "T", "A1", "L", "", "", "", "01012010"]]))
    assert outcome.result == "imported", outcome.report_text()
    reasons = {w.column: w.reason for w in outcome.report.warnings}
    assert "NOMEFILE max length 25 is short" in reasons["NOMEFILE"]
    assert "8-digit date" in reasons["DAT_ULT_MOD"]
    assert store.query_one("SELECT NOMEFILE, DAT_ULT_MOD FROM io_catalogo") == {
        "NOMEFILE": long_name, "DAT_ULT_MOD": "2010-01-01T00:00:00"}


def test_old_style_type_names_are_read_as_codes(gestionale, load, store):
    header = ["CHIAVE", "COD_DITTA", "NOME", "VALORE", "TIPO_DATO"]
    (outcome,) = load(write_dat(gestionale / "io_custom_fields.dat", header, [["K", "1", "n", "v", "currency"]]))
    assert outcome.result == "imported"
    assert "old-style name" in outcome.report.warnings[0].reason
    assert store.scalar("SELECT TIPO_DATO FROM io_custom_fields") == 4


def test_only_the_first_100_problems_are_listed_but_all_are_counted(gestionale, load):
    rows = [[f"K{i}", "1", "R", "32012026", "1", ""] for i in range(250)]
    (outcome,) = load(write_dat(gestionale / "io_clifor_scadoc.dat", SCAD, rows))
    assert outcome.report.error_count == 250 and len(outcome.report.errors) == 100
    assert "150 more errors (250 in all; the first 100 are listed)" in outcome.report_text()


def test_a_rejected_file_leaves_its_table_exactly_as_it_was(gestionale, load, store):
    good = write_dat(gestionale / "io_citta.dat", CITTA_HEADER, citta_rows(10))
    load(good)
    before = store.query("SELECT * FROM io_citta ORDER BY _key")
    seq_before = store.scalar("SELECT value FROM _counters WHERE name = 'erp_seq'")
    bad_rows = citta_rows(10, suffix=" nuova")
    bad_rows[4] = bad_rows[4][:6]
    (outcome,) = load(write_dat(gestionale / "io_citta.dat", CITTA_HEADER, bad_rows))
    assert outcome.result == "rejected"
    assert store.query("SELECT * FROM io_citta ORDER BY _key") == before
    assert store.scalar("SELECT value FROM _counters WHERE name = 'erp_seq'") == seq_before


def test_file_deleted_while_being_read_changes_nothing(gestionale, load, store):
    path = write_dat(gestionale / "io_citta.dat", CITTA_HEADER, citta_rows(50_000))
    first_pass_chunks = -(-path.stat().st_size // CHUNK)
    reads = []

    def vanish(p, size):
        reads.append(size)
        if len(reads) == first_pass_chunks + 1 and p.exists():  # the first chunk of the parsing pass
            p.unlink()

    (outcome,) = load(path, hooks=Hooks(on_chunk=vanish))
    assert outcome.result == "rejected" and outcome.transient
    assert "changed while it was being read" in outcome.message
    assert not store.table_exists("io_citta")


def test_file_gone_before_it_is_read(gestionale, load, store):
    path = gestionale / "io_citta.dat"
    (outcome,) = load(path)
    assert outcome.result == "rejected" and outcome.transient
    assert outcome.message.startswith("cannot read the file (No such file or directory)")


def test_non_dat_file_names_are_rejected(gestionale, load):
    path = write_dat(gestionale / "io_art-copy.dat", CITTA_HEADER, citta_rows(1))
    (outcome,) = load(path)
    assert outcome.result == "rejected" and "is not an ERP file name" in outcome.message


def test_long_texts_of_a_column_are_one_warning_with_count_first_lines_and_longest(gestionale, load, store):
    header = ["CHIAVE", "COD_DITTA", "CODICE", "DESCRIZIONE", "DAT_ULT_MOD"]
    rows = [[f"P{n}", "1", ("X" * (7 + n % 5)) if n % 3 == 0 else "RB", "Desc", "01011900000000"]
            for n in range(1, 301)]
    (outcome,) = load(write_dat(gestionale / "io_condpag.dat", header, rows))
    assert outcome.result == "imported", outcome.report_text()
    assert outcome.report.warning_count == 100
    (warning,) = [w for w in outcome.report.warnings if w.column == "CODICE"]
    assert (warning.line, warning.value) == (4, "X" * 11)
    assert warning.reason == ("100 values longer than the documented maximum of 6; kept whole. The longest "
                              "(11 characters, shown) is on line 10; on lines 4, 7, 10, 13, 16, 19, 22, 25, "
                              "28, 31, ...")
    assert store.query("SELECT CODICE FROM io_condpag WHERE CHIAVE = 'P9'") == [{"CODICE": "X" * 11}]
