"""Delta sync: only what changed, deletions as keys, exact decimals, cursors that fail loudly."""

from __future__ import annotations

from decimal import Decimal

from appliance.accounts import list_devices
from appliance.demo.datfile import write_rows
from appliance.sync.cursor import Cursor, decode
from tests.device import world as export
from tests.device.test_session import assert_problem


def reload(api, tmp_path, name="next", **tables):
    """Import some tables again with other rows (one batch)."""
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    for table, rows in tables.items():
        write_rows(folder / f"{table}.dat", table, rows)
    api.load(folder, *(f"{t}.dat" for t in tables))


def test_a_delta_holds_only_changed_rows_and_deleted_keys(api, world, tmp_path):
    first = api.sync_all("io_listini_full", "mrossi")
    assert first["full"] and len(first["rows"]) == 5
    rows = export.prices()
    rows[0]["PREZZO"] = Decimal("13.00000000")  # GEN_ART1 changes
    rows = [r for r in rows if r["CHIAVE"] != "GEN_ART2"]  # GEN_ART2 is deleted
    rows = [r for r in rows if r["CHIAVE"] != "CLI_C3_ART1"]  # another agent's row: not his business
    reload(api, tmp_path, io_listini_full=rows)
    delta = api.sync_all("io_listini_full", "mrossi", since=first["next"])
    assert not delta["full"]
    assert list(delta["rows"]) == ["GEN_ART1"] and delta["rows"]["GEN_ART1"]["PREZZO"] == 13
    assert delta["deleted"] == ["GEN_ART2"]
    again = api.sync_all("io_listini_full", "mrossi", since=delta["next"])
    assert again["rows"] == {} and again["deleted"] == []


def test_decimals_are_json_number_literals_with_the_stored_digits(api, world):
    text = api.get("/api/v1/sync/io_listini_full", "mrossi").text
    assert '"PREZZO":12.34500000' in text and '"QUANTITA_INIZIO":0.00000001' in text
    assert '"DAT_ULT_MOD":"1900-01-01T00:00:00"' in text and '"COD_DEST"' not in text


def test_dates_are_iso_and_empty_fields_are_left_out(api, world):
    row = api.sync_all("io_clifor_gen", "boss")["rows"]["1_0_C1"]
    assert row["DAT_ULT_MOD"] == "1900-01-01T00:00:00" and "EMAIL" not in row and row["FLG_NEW_CLIFOR"] == 0


def test_small_pages_give_every_row_exactly_once(api, world):
    whole = api.sync_all("io_clifor_gen", "boss")
    paged = api.sync_all("io_clifor_gen", "boss", limit=1)
    assert paged["pages"] == 6 and paged["keys"] == whole["keys"] and len(set(paged["keys"])) == 6


def test_a_completed_pass_is_the_devices_last_sync(api, world, tmp_path):
    api.sync_all("io_listini_full", "mrossi")
    tables = api.get("/api/v1/sync", "mrossi").json()["tables"]
    assert tables["io_listini_full"]["changed"] == 0 and not tables["io_listini_full"]["full"]
    assert tables["io_clifor_gen"]["full"]  # not synced yet
    assert list_devices(api.store, "mrossi")[0]["last_sync"] is not None
    rows = export.prices(Decimal("15"))
    reload(api, tmp_path, io_listini_full=rows)
    tables = api.get("/api/v1/sync", "mrossi").json()["tables"]
    assert tables["io_listini_full"]["changed"] == 3  # the three general rows; C3's row is not his
    delta = api.sync_all("io_listini_full", "mrossi", since=tables["io_listini_full"]["since"])
    assert sorted(delta["rows"]) == ["GEN_ART1", "GEN_ART2", "GEN_ART3"]


def test_reset_makes_the_next_sync_a_full_one(api, world):
    api.sync_all("io_listini_full", "mrossi")
    api.sync_all("io_clifor_gen", "mrossi")
    assert api.post("/api/v1/sync/reset", json={"table": "io_listini_full"}).json() == {"reset": ["io_listini_full"]}
    tables = api.get("/api/v1/sync", "mrossi").json()["tables"]
    assert tables["io_listini_full"]["full"] and not tables["io_clifor_gen"]["full"]
    assert api.post("/api/v1/sync/reset", json={}).json() == {"reset": "all"}
    assert api.get("/api/v1/sync", "mrossi").json()["tables"]["io_clifor_gen"]["full"]
    assert_problem(api.post("/api/v1/sync/reset", json={"table": "io_nope"}), 404)


def test_a_cursor_from_the_future_is_410_resync_required(api, world):
    current = decode(api.sync_all("io_art", "mrossi")["next"], "io_art")
    ahead = Cursor("io_art", current.seq + 1000, "", 0, current.signature)
    assert_problem(api.get("/api/v1/sync/io_art", params={"since": ahead.encode()}), 410, "resync_required")
    assert api.get("/api/v1/sync/io_art", params={"since": current.encode()}).status_code == 200


def test_a_cursor_older_than_the_kept_days_is_410(api, world, tmp_path):
    old = api.sync_all("io_art", "mrossi")["next"]
    reload(api, tmp_path, io_art=export.articles()[:2])  # ART3 deleted: a tombstone
    assert api.get("/api/v1/sync/io_art", params={"since": old}).status_code == 200
    api.clock.advance(days=91)
    api.tokens.clear()
    assert_problem(api.get("/api/v1/sync/io_art", params={"since": old}), 410, "resync_required")
    fresh = api.sync_all("io_art", "mrossi")
    assert sorted(fresh["rows"]) == ["1_ART1", "1_ART2"]
    assert api.get("/api/v1/sync/io_art", params={"since": fresh["next"]}).status_code == 200


def test_old_tombstones_are_purged(api, world, tmp_path):
    reload(api, tmp_path, io_art=export.articles()[:2])
    reload(api, tmp_path, "later", io_citta=[{"CHIAVE": c, "CODICE": c, "DESCRIZIONE": c} for c in ("MI", "RM")])
    assert api.store.scalar('SELECT count(*) FROM io_art WHERE _deleted = 1') == 1
    api.clock.advance(days=91)
    api.tokens.clear()
    assert api.get("/api/v1/sync", "mrossi").status_code == 200
    assert api.store.scalar('SELECT count(*) FROM io_art WHERE _deleted = 1') == 0


def test_malformed_or_foreign_cursors_are_400_naming_since(api, world):
    for since in ("garbage!", Cursor("io_citta", 1).encode()):
        body = assert_problem(api.get("/api/v1/sync/io_art", params={"since": since}), 400)
        assert body["errors"][0]["field"] == "since"
