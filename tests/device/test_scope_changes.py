"""Scope changes reach the devices although the rows themselves did not change."""

from __future__ import annotations

from appliance.accounts import set_param, set_user
from tests.device.test_session import assert_problem
from tests.device.world import CUSTOMERS, write_world

CUSTOMER_TABLES = ("io_clifor_gen", "io_clifor_dest", "io_listini_full", "io_art_ultven")


def full(api, user):
    return {table: api.sync_all(table, user) for table in CUSTOMER_TABLES}


def test_a_customer_moving_from_agent_a_to_b_reaches_both(api, world, tmp_path):
    before = {user: full(api, user) for user in ("mrossi", "lbianchi")}
    assert "1_0_C1_001" in before["mrossi"]["io_clifor_dest"]["rows"]
    moved = write_world(tmp_path / "moved", {**CUSTOMERS, "C1": "A2"})
    api.load(moved, "io_clifor_age.dat")  # only the link changes; C1's own rows stay as they were
    a = {t: api.sync_all(t, "mrossi", since=before["mrossi"][t]["next"]) for t in CUSTOMER_TABLES}
    b = {t: api.sync_all(t, "lbianchi", since=before["lbianchi"][t]["next"]) for t in CUSTOMER_TABLES}
    assert a["io_clifor_dest"]["deleted"] == ["1_0_C1_001"] and a["io_clifor_dest"]["rows"] == {}
    assert a["io_clifor_gen"]["deleted"] == ["1_0_C1"]
    assert a["io_listini_full"]["deleted"] == ["CLI_C1_ART1"] and a["io_art_ultven"]["deleted"] == ["V_C1"]
    assert list(b["io_clifor_dest"]["rows"]) == ["1_0_C1_001"] and b["io_clifor_dest"]["deleted"] == []
    assert list(b["io_clifor_gen"]["rows"]) == ["1_0_C1"]  # the customer, not the supplier with his code
    assert list(b["io_listini_full"]["rows"]) == ["CLI_C1_ART1"] and list(b["io_art_ultven"]["rows"]) == ["V_C1"]
    assert b["io_clifor_dest"]["rows"]["1_0_C1_001"]["RAG_SOC_DEST"] == "Sede C1"
    after = {user: full(api, user) for user in ("mrossi", "lbianchi")}
    for table in CUSTOMER_TABLES:  # applying the deltas gives what a full sync gives
        assert set(before["mrossi"][table]["rows"]) - set(a[table]["deleted"]) | set(a[table]["rows"]) \
            == set(after["mrossi"][table]["rows"]), table
        assert set(before["lbianchi"][table]["rows"]) | set(b[table]["rows"]) == set(after["lbianchi"][table]["rows"])


def test_the_summary_counts_a_scope_change(api, world, tmp_path):
    api.sync_all("io_clifor_dest", "lbianchi")
    api.load(write_world(tmp_path / "moved", {**CUSTOMERS, "C1": "A2"}), "io_clifor_age.dat")
    assert api.get("/api/v1/sync", "lbianchi").json()["tables"]["io_clifor_dest"]["changed"] == 1


def test_a_changed_agent_code_forces_a_full_resync(api, world):
    cursors = {t: api.sync_all(t, "mrossi")["next"] for t in ("io_clifor_gen", "io_citta")}
    set_user(api.store, api.settings, "mrossi", {"agent_code": "A2"})
    reply = api.get("/api/v1/sync/io_clifor_gen", "mrossi", params={"since": cursors["io_clifor_gen"]})
    assert_problem(reply, 410, "resync_required")
    assert api.get("/api/v1/sync/io_citta", "mrossi", params={"since": cursors["io_citta"]}).status_code == 200
    tables = api.get("/api/v1/sync", "mrossi").json()["tables"]
    assert tables["io_clifor_gen"]["full"] and not tables["io_citta"]["full"]
    assert sorted(api.sync_all("io_clifor_gen", "mrossi")["rows"]) == ["1_0_C3", "1_0_T1", "1_0_T2"]


def test_switching_show_all_customers_forces_a_full_resync(api, world):
    since = api.sync_all("io_clifor_dest", "mrossi")["next"]
    set_param(api.store, "app.show_all_customers", "true", username="mrossi")
    assert_problem(api.get("/api/v1/sync/io_clifor_dest", "mrossi", params={"since": since}), 410,
                   "resync_required")
    assert len(api.sync_all("io_clifor_dest", "mrossi")["rows"]) == 6


def test_a_new_catalog_link_limits_an_agent_to_his_articles(api, world, tmp_path):
    since = api.sync_all("io_art", "mrossi")["next"]
    folder = write_world(tmp_path / "catalogs")
    from appliance.demo.datfile import write_rows
    write_rows(folder / "io_cataloghi_agente.dat", "io_cataloghi_agente",
               [{"CHIAVE": f"1_K1_{agent}", "COD_CATALOGO": "K1", "COD_AGENTE": agent} for agent in ("A1", "A2")])
    api.load(folder, "io_cataloghi_agente.dat")
    assert_problem(api.get("/api/v1/sync/io_art", "mrossi", params={"since": since}), 410, "resync_required")
    assert sorted(api.sync_all("io_art", "mrossi")["rows"]) == ["1_ART1"]
