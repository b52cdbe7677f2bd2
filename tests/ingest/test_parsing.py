"""The file rules: header mapping, value formats, encodings, line endings, exact storage."""

from __future__ import annotations

import json

from tests.datfiles import CITTA_HEADER, citta_rows, write_dat

ART = ["CHIAVE", "COD_DITTA", "COD_ART", "DES_ART", "COD_FAM", "FATTORE_CONVERSIONE", "QTA_MIN_VEND",
       "PREZZO_MIN_VEN", "FLG_MOD_UM_DEFAULT", "DAT_ULT_MOD"]


def art_row(key, *, desc="Vite 4x20", price="12,50", factor="1", qty="0", flag="0", when="01011900000000"):
    return [key, "1", key, desc, "F01", factor, qty, price, flag, when]


def test_values_are_stored_exactly(gestionale, load, store):
    path = write_dat(gestionale / "io_art.dat", ART, [
        art_row("A1", price="0,00000001", factor="12345678901234567890,1234567", qty="-3,50"),
        art_row("A2", price="12,50", when="31122026235959"),
    ])
    (outcome,) = load(path)
    assert outcome.result == "imported", outcome.report_text()
    rows = {r["CHIAVE"]: r for r in store.query(
        "SELECT CHIAVE, PREZZO_MIN_VEN, typeof(PREZZO_MIN_VEN) AS t, FATTORE_CONVERSIONE, QTA_MIN_VEND, "
        "FLG_MOD_UM_DEFAULT, typeof(FLG_MOD_UM_DEFAULT) AS ti, DAT_ULT_MOD FROM io_art")}
    assert rows["A1"]["PREZZO_MIN_VEN"] == "0.00000001" and rows["A1"]["t"] == "text"
    assert rows["A1"]["FATTORE_CONVERSIONE"] == "12345678901234567890.1234567"
    assert rows["A1"]["QTA_MIN_VEND"] == "-3.50"
    assert rows["A2"]["PREZZO_MIN_VEN"] == "12.50"
    assert rows["A2"]["FLG_MOD_UM_DEFAULT"] == 0 and rows["A2"]["ti"] == "integer"
    assert rows["A1"]["DAT_ULT_MOD"] == "1900-01-01T00:00:00"
    assert rows["A2"]["DAT_ULT_MOD"] == "2026-12-31T23:59:59"


def test_dates_with_separators_are_tolerated_and_stored_iso(gestionale, load, store):
    header = ["CHIAVE", "COD_DITTA", "NUM_REG", "DAT_SCAD", "IMPORTO", "DATA_DOC", "DAT_ULT_MOD"]
    path = write_dat(gestionale / "io_clifor_scadoc.dat", header, [
        ["S1", "1", "R1", "02012013", "100,00", "29/02/2024", "01-01-1900 00:00:00"],
    ])
    (outcome,) = load(path)
    assert outcome.result == "imported", outcome.report_text()
    row = store.query_one("SELECT DAT_SCAD, DATA_DOC, DAT_ULT_MOD, IMPORTO FROM io_clifor_scadoc")
    assert row == {"DAT_SCAD": "2013-01-02", "DATA_DOC": "2024-02-29", "DAT_ULT_MOD": "1900-01-01T00:00:00",
                   "IMPORTO": "100.00"}


def test_columns_are_mapped_by_header_name_in_any_order_missing_ones_are_null(gestionale, load, store):
    header = ["DESCRIZIONE", "CHIAVE", "CAP"]
    path = write_dat(gestionale / "io_citta.dat", header, [["Milano", "MI1", "20100"]])
    (outcome,) = load(path)
    assert outcome.result == "imported"
    row = store.query_one("SELECT CHIAVE, DESCRIZIONE, CAP, PROVINCIA, COD_DITTA FROM io_citta")
    assert row == {"CHIAVE": "MI1", "DESCRIZIONE": "Milano", "CAP": "20100", "PROVINCIA": None, "COD_DITTA": None}


def test_extra_columns_are_kept_as_json_and_reported_once(gestionale, load, store):
    header = CITTA_HEADER + ["COD_ISTAT", "NOTE_INTERNE"]
    path = write_dat(gestionale / "io_citta.dat", header,
                     [r + ["015146", ""] for r in citta_rows(3)])
    (outcome,) = load(path)
    assert outcome.result == "imported"
    extra_warnings = [w for w in outcome.report.warnings if "kept as extra data" in w.reason]
    assert len(extra_warnings) == 1 and "COD_ISTAT, NOTE_INTERNE" in extra_warnings[0].reason
    extras = [json.loads(r["_extra"]) for r in store.query("SELECT _extra FROM io_citta ORDER BY _key")]
    assert extras == [{"COD_ISTAT": "015146"}] * 3


def test_amhelper_field_names_are_known_columns(gestionale, load, store):
    header = ["CHIAVE", "COD_DITTA", "CODICE", "DESCRIZIONE", "SCONTO", "DAT_ULT_MOD"]
    path = write_dat(gestionale / "io_condpag.dat", header, [["P1", "1", "RB30", "Ri.Ba. 30 gg", "2,5", ""]])
    (outcome,) = load(path)
    assert outcome.result == "imported" and outcome.report.warning_count == 0
    assert store.query_one("SELECT SCONTO FROM io_condpag") == {"SCONTO": "2.5"}


def test_newline_substitute_empty_fields_and_line_endings(gestionale, load, store):
    rows = ["K1|1|C1|Prima riga§seconda riga||MI|01011900000000",
            "K2|1|C2|Senza CAP|||"]
    path = write_dat(gestionale / "io_citta.dat", CITTA_HEADER, rows, newline="\n", final_newline=False)
    (outcome,) = load(path)
    assert outcome.result == "imported", outcome.report_text()
    got = {r["CHIAVE"]: r for r in store.query("SELECT * FROM io_citta")}
    assert got["K1"]["DESCRIZIONE"] == "Prima riga\nseconda riga"
    assert got["K1"]["CAP"] is None and got["K2"]["PROVINCIA"] is None and got["K2"]["DAT_ULT_MOD"] is None


def test_trailing_blank_lines_are_ignored_and_inner_blank_lines_warned(gestionale, load):
    path = gestionale / "io_citta.dat"
    write_dat(path, CITTA_HEADER, ["|".join(citta_rows(1)[0]), "", "|".join(citta_rows(1, 1)[0]), "", ""])
    (outcome,) = load(path)
    assert outcome.result == "imported" and outcome.rows_new == 2
    blank = [w for w in outcome.report.warnings if w.reason == "blank line ignored"]
    assert [w.line for w in blank] == [3]


def test_utf8_with_bom_and_windows_1252_are_both_read(gestionale, load, store, tmp_path):
    utf = write_dat(gestionale / "io_citta.dat", CITTA_HEADER, [["K1", "1", "C1", "Forlì", "", "FC", ""]], bom=True)
    (outcome,) = load(utf)
    assert outcome.result == "imported"
    cp = write_dat(gestionale / "io_nazioni.dat", ["CHIAVE", "COD_DITTA", "CODICE", "DESCRIZIONE"],
                   [["IT", "1", "IT", "Italia § Città"]], encoding="cp1252")
    (outcome,) = load(cp)
    assert outcome.result == "imported"
    assert store.scalar("SELECT DESCRIZIONE FROM io_citta") == "Forlì"
    assert store.scalar("SELECT DESCRIZIONE FROM io_nazioni") == "Italia \n Città"
    assert store.scalar("SELECT encoding FROM import_log WHERE file_name = 'io_nazioni.dat'") == "cp1252"


def test_windows_1252_byte_after_100000_valid_utf8_lines_decides_for_the_whole_file(gestionale, load, store):
    rows = citta_rows(100_000)
    lines = ["|".join(r) for r in rows] + ["LAST|1|X|Perch\xe9|||"]
    text = "\r\n".join(["|".join(CITTA_HEADER)] + lines) + "\r\n"
    path = gestionale / "io_citta.dat"
    # The first 100,000 rows hold "Città": valid UTF-8 in the UTF-8 bytes, so only the last
    # line tells that the file is not UTF-8. Write every line as Windows-1252.
    path.write_bytes(text.encode("cp1252"))
    (outcome,) = load(path)
    assert outcome.result == "imported", outcome.report_text()
    assert store.scalar("SELECT DESCRIZIONE FROM io_citta WHERE CHIAVE = 'LAST'") == "Perché"
    assert store.scalar("SELECT DESCRIZIONE FROM io_citta WHERE CHIAVE = 'C7'") == "Città 7"


def test_composite_key_with_empty_parts_stays_unique(gestionale, load, store):
    header = ["NOMEFILE", "TITOLO", "COD_ART", "L1", "L2", "L3", "L4", "DAT_ULT_MOD"]
    path = write_dat(gestionale.parent / "multimedia" / "io_catalogo.dat", header, [
        ["foto.jpg", "Foto", "A1", "Sedie", "", "", "", "01011900000000"],
        ["foto.jpg", "Foto", "A1", "Sedie", "Legno", "", "", "01011900000000"],
    ])
    (outcome,) = load(path)
    assert outcome.result == "imported", outcome.report_text()
    keys = sorted(r["_key"] for r in store.query("SELECT _key FROM io_catalogo"))
    assert keys == ["foto.jpg\x1fSedie\x1f\x1f\x1f", "foto.jpg\x1fSedie\x1fLegno\x1f\x1f"]
    assert store.query_one("SELECT L2 FROM io_catalogo WHERE _key = ?", (keys[0],)) == {"L2": None}


def test_unknown_io_file_is_loaded_as_text_keyed_by_chiave_with_a_warning(gestionale, load, store):
    path = write_dat(gestionale / "io_custom_promo.dat", ["CHIAVE", "CODICE", "SCONTO"],
                     [["P1", "X", "10,5"], ["P2", "Y", ""]])
    (outcome,) = load(path)
    assert outcome.result == "imported"
    assert any("no layout is registered" in w.reason for w in outcome.report.warnings)
    assert store.query("SELECT CHIAVE, SCONTO FROM io_custom_promo ORDER BY CHIAVE") == [
        {"CHIAVE": "P1", "SCONTO": "10,5"}, {"CHIAVE": "P2", "SCONTO": None}]
    # The same custom file later gains a column: the table grows.
    write_dat(path, ["CHIAVE", "CODICE", "SCONTO", "NOTE"], [["P1", "X", "10,5", "nuova"]])
    (outcome,) = load(path)
    assert outcome.result == "imported"
    assert store.query_one("SELECT NOTE FROM io_custom_promo WHERE CHIAVE = 'P1'") == {"NOTE": "nuova"}


def test_alias_file_names_use_the_documented_layout(gestionale, load, store):
    header = ["CHIAVE", "COD_DITTA", "COD_CATALOGO", "DES_CATALOGO", "SCONTO_MAX", "FLG_MOD_PREZZO", "DAT_ULT_MOD"]
    path = write_dat(gestionale / "io_cataloghi.dat", header, [["K1", "1", "CAT1", "Estate", "10,5", "-1", ""]])
    (outcome,) = load(path)
    assert outcome.result == "imported" and outcome.report.warning_count == 0, outcome.report_text()
    assert outcome.table == "io_cataloghi" and outcome.layout == "io_cataloghi.dat"
    assert store.query_one("SELECT SCONTO_MAX, FLG_MOD_PREZZO FROM io_cataloghi") == {
        "SCONTO_MAX": "10.5", "FLG_MOD_PREZZO": -1}


def test_table_has_bookkeeping_columns_and_is_named_like_the_file(gestionale, load, store):
    load(write_dat(gestionale / "io_citta.dat", CITTA_HEADER, citta_rows(2)))
    columns = [r["name"] for r in store.query("PRAGMA table_info(io_citta)")]
    assert columns[:5] == ["_key", "_hash", "_seq", "_deleted", "_extra"]
    assert columns[5:] == CITTA_HEADER
    assert store.scalar("SELECT id FROM _migrations WHERE id = '0001'") == "0001"
