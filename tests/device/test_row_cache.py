"""The row-text cache never serves a row's old JSON once the row changed."""

from __future__ import annotations

import json

from appliance.ingest.pipeline import import_batch
from appliance.store.sync_rows import RowTextCache, row_texts
from tests.datfiles import CITTA_HEADER, citta_rows, write_dat


def _rows(store):
    return [(r["rowid"], r["_seq"]) for r in store.query("SELECT rowid, _seq FROM io_citta ORDER BY _key")]


def test_a_changed_row_is_written_again_and_the_cache_stays_bounded(store, settings, tmp_path):
    path = write_dat(tmp_path / "io_citta.dat", CITTA_HEADER, citta_rows(5))
    import_batch(store, settings, [path])
    columns = [tuple(c) for c in json.loads(store.scalar("SELECT columns FROM erp_tables WHERE name='io_citta'"))]
    cache = RowTextCache(capacity=3)
    first = row_texts(store.connection(), "io_citta", columns, _rows(store), cache)
    assert json.loads(first[_rows(store)[2][0]])["DESCRIZIONE"] == "Città 2"
    assert len(cache) == 3  # bounded: the least recently used rows went first

    rows = citta_rows(5)
    rows[4][3] = "Nuovo nome"
    import_batch(store, settings, [write_dat(path, CITTA_HEADER, rows)])
    again = row_texts(store.connection(), "io_citta", columns, _rows(store), cache)
    changed_rowid = _rows(store)[4][0]
    assert json.loads(again[changed_rowid])["DESCRIZIONE"] == "Nuovo nome"
    assert {k: json.loads(v)["CHIAVE"] for k, v in again.items()} == {
        rowid: f"C{n}" for n, (rowid, _) in enumerate(_rows(store))}
