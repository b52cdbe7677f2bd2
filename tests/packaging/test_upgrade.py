"""Upgrading: a database written by the first version is migrated at start, with its data kept.

data/schema-v1.db was made with the code of the first frozen build (see data/make_schema_v1.py):
an io_citta import, the device user mrossi with a device, and a project parameter.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from appliance.accounts import authenticate, effective_config, get_user
from appliance.ingest.pipeline import import_batch
from appliance.store.db import open_store
from appliance.store.erp import table_state
from appliance.store.imports import list_imports
from appliance.store.migrations import migrate, registered

V1 = Path(__file__).parent / "data" / "schema-v1.db"
V1_MIGRATIONS = ["0001", "0100", "0110", "0120", "0130"]
CITTA = (b"CHIAVE|COD_DITTA|CODICE|DESCRIZIONE|CAP|PROVINCIA|DAT_ULT_MOD\r\n"
         b"F205|01|F205|Milano|20100|MI|01011900000000\r\n"
         b"H501|01|H501|Roma|00100|RM|01011900000000\r\n"
         b"L219|01|L219|Torino|10100|TO|01011900000000\r\n")


def schema(path: Path) -> dict[str, tuple]:
    """Every table's columns (name, type, not null, default, key) and every index's columns, by name."""
    with sqlite3.connect(path) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                               "AND name NOT LIKE 'sqlite_%'")]
        found = {f"table {t}": tuple(row[1:] for row in db.execute(f'PRAGMA table_info("{t}")')) for t in tables}
        for name, table in db.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
                                      "AND name NOT LIKE 'sqlite_%'"):
            found[f"index {name} on {table}"] = tuple(row[2] for row in db.execute(f'PRAGMA index_info("{name}")'))
    return found


@pytest.fixture
def upgraded(make_settings, tmp_path):
    """The v1 database in a data dir, opened (and so migrated) by this version."""
    settings = make_settings(data_dir=tmp_path / "old", environ={"APPLIANCE_PASSWORD_HASH_COST": "4"})
    shutil.copy(V1, settings.paths.database)
    store = open_store(settings)
    yield settings, store
    store.close()


def test_the_checked_in_database_has_the_first_schema():
    with sqlite3.connect(V1) as db:
        assert [row[0] for row in db.execute("SELECT id FROM _migrations ORDER BY id")] == V1_MIGRATIONS


def test_every_later_migration_is_applied_once(upgraded):
    settings, store = upgraded
    with sqlite3.connect(settings.paths.database) as db:
        recorded = [row[0] for row in db.execute("SELECT id FROM _migrations ORDER BY id")]
    assert recorded == [item.id for item in registered()]
    assert len(recorded) > len(V1_MIGRATIONS)
    assert migrate(store) == []


def test_the_upgraded_schema_is_the_schema_of_a_new_install(upgraded, make_settings, tmp_path):
    settings, store = upgraded
    fresh = make_settings(data_dir=tmp_path / "new")
    fresh_store = open_store(fresh)
    citta = tmp_path / "io_citta.dat"
    citta.write_bytes(CITTA)
    [outcome] = import_batch(fresh_store, fresh, [citta])  # v1 had loaded io_citta: so does the new install
    assert outcome.result == "imported"
    fresh_store.close()
    store.close()
    assert schema(settings.paths.database) == schema(fresh.paths.database)


def test_the_data_is_kept(upgraded):
    settings, store = upgraded
    state = table_state(store, "io_citta")
    assert state["live_rows"] == 3
    assert [(entry["file_name"], entry["result"]) for entry in list_imports(store)] == [("io_citta.dat", "imported")]
    user = get_user(store, "mrossi")
    assert (user["display_name"], user["agent_code"]) == ("Mario Rossi", "A01")
    assert effective_config(store, "mrossi")["orders.delivery_days"] == 2
    login = authenticate(store, settings, "mrossi", "v1 password", "V1-IPAD-0001", "iPad di Mario", "1.0",
                         "127.0.0.1")
    assert login.ok, login.message  # the v1 password hash and the bound device still work


def test_imports_carry_on_from_the_v1_data(upgraded, tmp_path):
    settings, store = upgraded
    changed = tmp_path / "io_citta.dat"
    changed.write_bytes(CITTA.replace(b"Torino", b"Torino (TO)").replace(b"H501|01|H501|Roma|00100|RM|01011900000000\r\n",
                                                                          b""))
    [outcome] = import_batch(store, settings, [changed])
    assert outcome.result == "imported"
    assert (outcome.rows_changed, outcome.rows_deleted, outcome.rows_new) == (1, 1, 0)
    assert table_state(store, "io_citta")["live_rows"] == 2
