"""Benchmark files: valid, consistent with each other, mutated by the shares asked, flat in memory."""

from __future__ import annotations

import re
import tracemalloc
from collections import Counter

import pytest

from appliance.demo import mutate_listini, write_art, write_customers_bulk, write_listini_full
from tests.demo.fileformat import documented_fields, problems, read_dat

PRICE = re.compile(r"\d+,\d{8}")


@pytest.fixture(scope="module")
def listini(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "io_listini_full.dat"
    return write_listini_full(path, 30_000, seed=4, articles=2_000, customers=900)


def test_price_list_has_every_column_and_follows_the_layout(listini):
    dat = read_dat(listini)
    assert len(dat.header) == len(documented_fields("io_listini_full")) == 78
    assert len(dat.rows) == 30_000
    assert problems(listini, "io_listini_full") == []


def test_a_third_of_the_price_rows_are_for_one_customer(listini):
    rows = read_dat(listini).records()
    special = [r for r in rows if r["COD_CLIFOR"]]
    assert len(special) == 10_000
    assert all(r["TIPO_LISTINO"] == "CLI" and not r["COD_LISTINO"] for r in special)
    assert {r["COD_LISTINO"] for r in rows if not r["COD_CLIFOR"]} == {"L01", "L02", "L03", "L04"}


def test_price_rows_look_like_a_real_export(listini):
    rows = read_dat(listini).records()
    assert all(PRICE.fullmatch(r["PREZZO"]) and r["PREZZO"] != "0,00000000" for r in rows)
    assert all(r["DATA_INIZIO"] and r["DAT_ULT_MOD"] == "01011900000000" for r in rows)
    assert any(r["DATA_FINE"] for r in rows) and any(not r["DATA_FINE"] for r in rows)
    assert len({r["QUANTITA_INIZIO"] for r in rows}) > 1
    assert any(r["SCONTO1"] != "0,000000" for r in rows)
    filters = ["COD_MACROAREA", "COD_ZONA", "COD_FAM_INIZIO", "COD_CAMPAGNA", "COD_MATERIALE1", "COD_COLORE10"]
    assert all(not r[name] for r in rows for name in filters)


def test_price_list_refers_to_the_bulk_articles_and_customers(listini, tmp_path):
    articles = set(read_dat(write_art(tmp_path / "io_art.dat", 2_000, seed=4)).column("COD_ART"))
    write_customers_bulk(tmp_path, customers=900, agents=3, seed=4)
    customers = set(read_dat(tmp_path / "io_clifor_gen.dat").column("COD_CLIFOR"))
    rows = read_dat(listini).records()
    assert {r["COD_ART"] for r in rows} == articles
    assert {r["COD_CLIFOR"] for r in rows if r["COD_CLIFOR"]} <= customers


def test_articles_file_has_every_column(tmp_path):
    path = write_art(tmp_path / "io_art.dat", 9_000, seed=2)
    dat = read_dat(path)
    assert len(dat.rows) == 9_000
    assert problems(path, "io_art") == []
    assert len(set(dat.column("COD_ART"))) == 9_000


def test_bulk_customers_are_spread_evenly_over_the_agents(tmp_path):
    paths = write_customers_bulk(tmp_path, customers=1_200, agents=12, seed=1)
    assert [p.name for p in paths] == ["io_agenti.dat", "io_clifor_gen.dat", "io_clifor_age.dat"]
    for path in paths:
        assert problems(path, path.stem) == []
    links = read_dat(tmp_path / "io_clifor_age.dat").records()
    assert set(Counter(link["COD_AGE"] for link in links).values()) == {100}
    customers = set(read_dat(tmp_path / "io_clifor_gen.dat").column("COD_CLIFOR"))
    assert {link["COD_CLIFOR"] for link in links} == customers and len(customers) == 1_200


def test_bulk_customers_start_like_the_demo_export(tmp_path, export):
    write_customers_bulk(tmp_path, customers=50, agents=5, seed=1)
    bulk = {r["COD_CLIFOR"]: r for r in read_dat(tmp_path / "io_clifor_gen.dat").records()}
    demo = {r["COD_CLIFOR"]: r for r in read_dat(export["io_clifor_gen"]).records()}
    for code, row in bulk.items():
        assert (row["RAG_SOC"], row["PARTITA_IVA"]) == (demo[code]["RAG_SOC"], demo[code]["PARTITA_IVA"])


def _lines_by_key(path):
    dat = read_dat(path)
    return {row[0]: row for row in dat.rows}


def test_mutation_changes_removes_and_adds_the_shares_asked(listini, tmp_path):
    mutated = tmp_path / "io_listini_full.dat"
    counts = mutate_listini(listini, mutated, changed=0.02, removed=0.01, added=0.005, seed=3)
    before, after = _lines_by_key(listini), _lines_by_key(mutated)
    removed = before.keys() - after.keys()
    added = after.keys() - before.keys()
    changed = [key for key in before.keys() & after.keys() if before[key] != after[key]]
    assert counts["rows"] == 30_000
    assert (counts["removed"], counts["added"], counts["changed"]) == (len(removed), len(added), len(changed))
    assert counts["written"] == len(after) == 30_000 - len(removed) + len(added)
    assert counts["unchanged"] == 30_000 - len(removed) - len(changed)
    assert 450 <= len(changed) <= 750 and 200 <= len(removed) <= 400 and len(added) == 150
    assert problems(mutated, "io_listini_full") == []


def test_mutated_rows_differ_only_in_price(listini, tmp_path):
    mutated = tmp_path / "io_listini_full.dat"
    mutate_listini(listini, mutated, seed=5)
    header = read_dat(listini).header
    before, after = _lines_by_key(listini), _lines_by_key(mutated)
    for key in before.keys() & after.keys():
        differing = {header[i] for i, (a, b) in enumerate(zip(before[key], after[key])) if a != b}
        assert differing in (set(), {"PREZZO"})


def test_mutation_is_deterministic_for_a_seed(listini, tmp_path):
    first = mutate_listini(listini, tmp_path / "a.dat", seed=9)
    second = mutate_listini(listini, tmp_path / "b.dat", seed=9)
    assert first == second
    assert (tmp_path / "a.dat").read_bytes() == (tmp_path / "b.dat").read_bytes()


def test_big_writers_are_deterministic(tmp_path):
    first = write_listini_full(tmp_path / "a.dat", 5_000, seed=8, articles=500, customers=100)
    second = write_listini_full(tmp_path / "b.dat", 5_000, seed=8, articles=500, customers=100)
    other = write_listini_full(tmp_path / "c.dat", 5_000, seed=9, articles=500, customers=100)
    assert first.read_bytes() == second.read_bytes() != other.read_bytes()


def _peak_bytes(write, rows):
    tracemalloc.start()
    try:
        write(rows)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_price_list_memory_does_not_grow_with_the_row_count(tmp_path):
    def write(rows):
        write_listini_full(tmp_path / "io_listini_full.dat", rows, articles=500, customers=100)

    small, large = _peak_bytes(write, 10_000), _peak_bytes(write, 40_000)
    assert large < small * 1.2


def test_articles_memory_does_not_grow_with_the_row_count(tmp_path):
    small = _peak_bytes(lambda rows: write_art(tmp_path / "io_art.dat", rows), 1_000)
    large = _peak_bytes(lambda rows: write_art(tmp_path / "io_art.dat", rows), 5_000)
    assert large < small * 1.5


def test_a_dense_price_list_fills_every_number_and_date_and_many_texts(tmp_path):
    path = write_listini_full(tmp_path / "io_listini_full.dat", 6_000, seed=5, articles=500, customers=100,
                              profile="dense")
    assert problems(path, "io_listini_full") == []
    rows = read_dat(path).records()
    fields = documented_fields("io_listini_full")
    for field in fields:
        filled = sum(1 for r in rows if r[field["name"]]) / len(rows)
        if field["type"] in ("decimal", "date", "datetime"):
            assert filled == 1, field["name"]
        elif field["name"] in ("COD_MATERIALE1", "COD_COLORE1", "COD_ZONA", "COD_CAMPAGNA"):
            assert 0.25 < filled < 0.6, (field["name"], filled)


def test_a_long_texts_price_list_has_a_third_of_rows_over_the_documented_lengths(tmp_path):
    path = write_listini_full(tmp_path / "io_listini_full.dat", 6_000, seed=5, articles=500, customers=100,
                              profile="long-texts")
    limits = {f["name"]: f["max_length"] for f in documented_fields("io_listini_full") if f["type"] == "string"}
    rows = read_dat(path).records()
    over = sum(1 for r in rows if any(len(r[name]) > limit for name, limit in limits.items()))
    assert 0.25 <= over / len(rows) <= 0.4
    assert max(len(r["COD_MATERIALE1"]) for r in rows) <= 4000


def test_an_unknown_profile_is_refused(tmp_path):
    with pytest.raises(ValueError, match="profile must be one of sparse, dense, long-texts"):
        write_listini_full(tmp_path / "x.dat", 10, profile="wide")
