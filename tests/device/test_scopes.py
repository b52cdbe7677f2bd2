"""Who sees what: the scope table, and each kind of user against a small export, over HTTP."""

from __future__ import annotations

from decimal import Decimal

import pytest

from appliance.accounts import set_param, set_user
from appliance.demo.datfile import write_rows
from appliance.exchange.layouts import registry
from appliance.exchange.scopes import MEMBER_SUBJECTS, SCOPES, SUBJECTS
from appliance.store.sync_indexes import index_definitions
from tests.device.world import prices as world_prices


def codes(api, table, user, column="COD_CLIFOR"):
    return sorted(str(row.get(column)) for row in api.sync_all(table, user)["rows"].values())


def test_every_registered_layout_has_a_declared_scope():
    assert set(registry()) <= set(SCOPES)
    for table, scope in SCOPES.items():
        assert scope.rules and all(rule.subject in SUBJECTS for rule in scope.rules), table
        layout = registry()[table]
        for rule in scope.rules:
            for column in filter(None, (rule.column, rule.company if rule.is_member else None,
                                        rule.party_type if isinstance(rule.party_type, str) else None,
                                        *(column for column, _ in rule.when))):
                assert layout.field(column) is not None, f"{table}.{column}"


def test_supplier_columns_are_never_taken_for_customers():
    assert SCOPES["io_art_ultacq"].subjects == {"article"}  # COD_CLFOR is the supplier there
    assert [r.column for r in SCOPES["io_art_ultven"].rules] == ["COD_CLFOR"]  # and the customer here


def test_an_agent_sees_his_customers_and_the_unowned_templates_never_suppliers(api, world):
    assert codes(api, "io_clifor_gen", "mrossi") == ["C1", "C2", "T1"]
    gen = api.sync_all("io_clifor_gen", "mrossi")["rows"]
    assert all(row["TIPO_CLIFOR"] == 0 for row in gen.values())
    assert codes(api, "io_clifor_gen", "lbianchi") == ["C3", "T1", "T2"]
    assert codes(api, "io_clifor_dest", "mrossi") == ["C1", "C2", "T1"]


def test_price_rows_are_the_general_ones_and_those_of_his_customers(api, world):
    assert codes(api, "io_listini_full", "mrossi") == ["C1", "None", "None", "None", "T1"]


def test_an_agent_with_catalogs_gets_the_general_prices_of_his_articles_only(api, world, tmp_path):
    def prices(user):
        return sorted((str(row.get("COD_CLIFOR")), str(row.get("COD_ART")))
                      for row in api.sync_all("io_listini_full", user)["rows"].values())

    # lbianchi (A2) has catalog K1 = ART1; his customers' own prices are his whatever the article
    assert prices("lbianchi") == [("C3", "ART1"), ("None", "ART1"), ("T1", "ART1")]
    assert api.get("/api/v1/sync", "lbianchi").json()["tables"]["io_listini_full"]["rows"] == 3
    write_rows(tmp_path / "io_listini_full.dat", "io_listini_full", world_prices() + [
        {"CHIAVE": "FAM-FRU", "TIPO_LISTINO": "GEN", "COD_FAM_INIZIO": "FRU", "COD_FAM_FINE": "FRU", "TIPO_CLIFOR": 0,
         "SCONTO1": Decimal("5"), "PRIORITA": 5}])  # a rule for no article in particular: everyone's
    api.load(tmp_path, "io_listini_full.dat")
    assert ("None", "None") in prices("lbianchi") and ("None", "None") in prices("mrossi")


def test_an_article_joining_or_leaving_his_catalog_brings_or_takes_its_general_prices(api, world, tmp_path):
    first = api.sync_all("io_listini_full", "lbianchi")

    def catalog(*articles):
        write_rows(tmp_path / "io_cataloghi_art.dat", "io_taglie_cataloghi_art", [
            {"CHIAVE": f"1_K1_{art}", "COD_CATALOGO": "K1", "COD_ARTICOLO": art} for art in articles])
        api.load(tmp_path, "io_cataloghi_art.dat")

    catalog("ART1", "ART2")
    joined = api.sync_all("io_listini_full", "lbianchi", since=first["next"])
    assert [row["COD_ART"] for row in joined["rows"].values()] == ["ART2"] and joined["deleted"] == []
    (key,) = joined["rows"]
    catalog("ART1")
    left = api.sync_all("io_listini_full", "lbianchi", since=joined["next"])
    assert left["rows"] == {} and left["deleted"] == [key]


def test_last_sale_prices_follow_the_customer_and_purchase_prices_go_to_everyone(api, world):
    assert codes(api, "io_art_ultven", "mrossi", "COD_CLFOR") == ["C1"]
    assert codes(api, "io_art_ultacq", "mrossi", "COD_CLFOR") == ["S9"]


def test_a_user_without_agent_code_sees_everything(api, world):
    assert codes(api, "io_clifor_gen", "boss") == ["C1", "C1", "C2", "C3", "T1", "T2"]
    assert len(api.sync_all("io_listini_full", "boss")["rows"]) == 7


def test_show_all_customers_widens_an_agents_customers(api, world):
    set_param(api.store, "app.show_all_customers", "true", username="mrossi")
    assert codes(api, "io_clifor_gen", "mrossi") == ["C1", "C1", "C2", "C3", "T1", "T2"]


def test_agent_catalogs_limit_the_articles(api, world):
    assert codes(api, "io_art", "lbianchi", "COD_ART") == ["ART1"]
    assert codes(api, "io_art", "mrossi", "COD_ART") == ["ART1", "ART2", "ART3"]  # no catalogs: every article
    assert codes(api, "io_cataloghi_agente", "lbianchi", "COD_AGENTE") == ["A2"]
    assert codes(api, "io_cataloghi_agente", "mrossi", "COD_AGENTE") == []


def test_an_operator_code_limits_the_leads(api, world):
    set_user(api.store, api.settings, "lbianchi", {"profile": "crm"})
    assert codes(api, "io_leads", "lbianchi", "COD_LEAD") == ["L1"]
    assert codes(api, "io_lead_accessi", "lbianchi", "COD_OPERATORE") == ["OP2"]


def test_tables_of_modules_the_user_lacks_are_not_offered(api, world):
    summary = api.get("/api/v1/sync", "mrossi").json()["tables"]
    assert "io_leads" not in summary and "io_clifor_gen" in summary
    assert api.get("/api/v1/sync/io_leads", "mrossi").status_code == 404


def test_the_summary_counts_what_the_user_sees(api, world):
    tables = api.get("/api/v1/sync", "mrossi").json()["tables"]
    assert tables["io_clifor_gen"]["rows"] == 3 and tables["io_listini_full"]["rows"] == 5
    assert tables["io_clifor_gen"] == {"rows": 3, "changed": 3, "full": True, "since": None}
    assert api.get("/api/v1/sync", "boss").json()["tables"]["io_clifor_gen"]["rows"] == 6


class Everything:
    """A view restricted by every subject: it needs every index."""

    @staticmethod
    def restricted(subject: str) -> bool:
        return True


@pytest.mark.parametrize("subject", MEMBER_SUBJECTS)
def test_member_subjects_have_an_index_on_their_column(subject):
    for table, scope in SCOPES.items():
        for rule in scope.rules:
            if rule.subject == subject:
                wanted = '("' + rule.column + '", _key)'
                assert any(wanted in sql for sql in index_definitions(table, Everything()).values()), table


def test_article_indexes_wait_for_the_first_agent_with_catalogs(api, world):
    def indexes(table):
        return {row["name"] for row in api.store.query(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,))}

    # the price list's article index comes with its rows: every uploaded order line is priced again
    assert indexes("io_listini_full") >= {"io_listini_full__sync_COD_CLIFOR", "io_listini_full__sync_COD_ART"}
    assert "io_art_ultacq__sync_COD_ART" not in indexes("io_art_ultacq")
    api.sync_all("io_art_ultacq", "mrossi")  # no catalogs: no need
    assert "io_art_ultacq__sync_COD_ART" not in indexes("io_art_ultacq")
    api.sync_all("io_art_ultacq", "lbianchi")
    assert "io_art_ultacq__sync_COD_ART" in indexes("io_art_ultacq")
