"""The demo export follows the exchange file rules to the letter, in both encodings, every time."""

from __future__ import annotations

import pytest

from appliance.demo import generate_export
from tests.demo.fileformat import documented_fields, problems, read_dat, spec

GESTIONALE_LAYOUTS = sorted(name.removesuffix(".dat") for name, entry in spec()["files"].items()
                            if entry["folder"] == "gestionale")


def test_every_gestionale_layout_and_the_agents_file_are_written(export):
    assert sorted(export) == sorted(GESTIONALE_LAYOUTS + ["io_agenti"])
    assert all(path.name == f"{table}.dat" for table, path in export.items())


def test_the_catalog_index_is_not_written_so_media_stay_in_filesystem_mode(export):
    assert "io_catalogo" not in export
    folder = next(iter(export.values())).parent
    assert not list(folder.parent.rglob("io_catalogo.dat"))


@pytest.mark.parametrize("table", GESTIONALE_LAYOUTS + ["io_agenti"])
def test_file_follows_the_layout(export, table):
    assert problems(export[table], table) == []


def test_header_is_the_documented_field_list_in_order(export):
    dat = read_dat(export["io_clifor_testdoc"])
    assert dat.header == [f["name"] for f in documented_fields("io_clifor_testdoc")]
    assert dat.header[-2:] == ["DAT_ULT_MOD", "DES_DOC"]  # the documented order, odd as it is


def test_no_temporary_files_are_left_behind(export):
    folder = next(iter(export.values())).parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in export.values())


def test_master_files_are_not_empty(export):
    sizes = {table: len(read_dat(export[table]).rows) for table in export}
    assert sizes["io_clifor_gen"] > 300
    assert sizes["io_art"] == 3000
    assert sizes["io_agenti"] == 5
    assert all(count > 0 for count in sizes.values()), [t for t, c in sizes.items() if c == 0]


def test_line_breaks_in_texts_become_section_signs(export):
    notes = read_dat(export["io_clifor_note"]).column("NOTA")
    multi_line = [note for note in notes if "§" in note]
    assert multi_line and len(multi_line) < len(notes)
    assert all(not note.startswith("§") and not note.endswith("§") for note in multi_line)


def test_texts_carry_italian_accented_letters(export):
    text = export["io_clifor_note"].read_text("utf-8") + export["io_clifor_gen"].read_text("utf-8")
    assert {"è", "à", "ù"} <= set(text)


def test_decimals_use_a_comma_and_the_layout_scale(export):
    prices = read_dat(export["io_listini_full"]).column("PREZZO")
    assert all(len(p.split(",")[1]) == 8 for p in prices)
    assert not any("." in p for p in prices)
    discounts = read_dat(export["io_clifor_righdoc"]).column("SC_1")
    assert all(len(d.split(",")[1]) == 3 for d in discounts)


def test_same_seed_writes_identical_bytes(small_export):
    first, again = small_export["first"], small_export["again"]
    assert all(first[t].read_bytes() == again[t].read_bytes() for t in first)


def test_another_seed_writes_other_data(export, small_export):
    assert export["io_clifor_gen"].read_bytes() != small_export["first"]["io_clifor_gen"].read_bytes()


def test_windows_1252_files_hold_the_same_text(small_export):
    utf8, cp1252 = small_export["first"], small_export["cp1252"]
    for table in utf8:
        assert cp1252[table].read_bytes().decode("cp1252") == utf8[table].read_bytes().decode("utf-8")
    raw = cp1252["io_clifor_note"].read_bytes()
    assert b"\xa7" in raw  # § in Windows-1252
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


@pytest.mark.parametrize("table", ["io_clifor_gen", "io_clifor_note", "io_art", "io_listini_full"])
def test_windows_1252_files_follow_the_layout(small_export, table):
    assert problems(small_export["cp1252"][table], table, encoding="cp1252") == []


def test_sizes_are_respected(small_export):
    assert len(read_dat(small_export["first"]["io_art"]).rows) == 250
    assert len(read_dat(small_export["first"]["io_agenti"]).rows) == 3
    customers = read_dat(small_export["first"]["io_clifor_gen"]).records()
    assert sum(1 for c in customers if c["TIPO_CLIFOR"] == "0" and c["COD_CLIFOR"].startswith("C")) == 40


@pytest.mark.parametrize("sizes", [{"agents": 0}, {"articles": 0}, {"customers": -1}])
def test_impossible_sizes_are_refused(tmp_path, sizes):
    with pytest.raises(ValueError, match="at least one agent"):
        generate_export(tmp_path, **sizes)
    assert not list(tmp_path.iterdir())
