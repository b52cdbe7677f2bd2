"""The demo files agree with each other the way an ERP's tables do."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.demo.fileformat import read_dat, vat_is_valid

TEMPLATE_VAT = "99999999999"


@pytest.fixture(scope="module")
def records(export):
    """table -> list of records (dicts), read lazily and kept for the module."""
    cache = {}

    def get(table):
        if table not in cache:
            cache[table] = read_dat(export[table]).records()
        return cache[table]

    return get


def _customers(records):
    return {r["COD_CLIFOR"]: r for r in records("io_clifor_gen") if r["TIPO_CLIFOR"] == "0"}


def _article_codes(records):
    return {r["COD_ART"] for r in records("io_art")}


def test_every_regular_customer_has_exactly_one_agent(records):
    customers = _customers(records)
    regular = {code for code, r in customers.items() if r["PARTITA_IVA"] != TEMPLATE_VAT}
    links = [r for r in records("io_clifor_age") if r["COD_CLIFOR"] in regular]
    assert Counter(r["COD_CLIFOR"] for r in links) == Counter({code: 1 for code in regular})


def test_agent_links_point_at_existing_customers_and_agents(records):
    customers = _customers(records)
    agents = {r["COD_AGENTE"] for r in records("io_agenti")}
    for link in records("io_clifor_age"):
        assert link["COD_CLIFOR"] in customers
        assert link["COD_AGE"] in agents
        assert link["TIPO_CLIFOR"] == customers[link["COD_CLIFOR"]]["TIPO_CLIFOR"]
        assert link["COD_DITTA"] == customers[link["COD_CLIFOR"]]["COD_DITTA"]


def test_customers_are_spread_over_the_agents(records):
    per_agent = Counter(r["COD_AGE"] for r in records("io_clifor_age"))
    assert len(per_agent) == 5
    assert max(per_agent.values()) - min(per_agent.values()) <= 1


def test_two_template_customers_flagged_and_linked_to_every_agent(records):
    templates = [r for r in records("io_clifor_gen") if r["PARTITA_IVA"] == TEMPLATE_VAT]
    assert len(templates) == 2
    assert all(t["FLG_NEW_CLIFOR"] == "-1" and t["TIPO_CLIFOR"] == "0" for t in templates)
    others = [r for r in records("io_clifor_gen") if r["PARTITA_IVA"] != TEMPLATE_VAT]
    assert {r["FLG_NEW_CLIFOR"] for r in others if r["TIPO_CLIFOR"] == "0"} == {"0"}
    agents = {r["COD_AGENTE"] for r in records("io_agenti")}
    for template in templates:
        assert {r["COD_AGE"] for r in records("io_clifor_age") if r["COD_CLIFOR"] == template["COD_CLIFOR"]} == agents
    special = {r["COD_CLIFOR"] for r in records("io_listini_full")}
    assert {t["COD_CLIFOR"] for t in templates} <= special


def test_customers_look_like_italian_businesses(records):
    customers = [r for r in _customers(records).values() if r["PARTITA_IVA"] != TEMPLATE_VAT]
    assert all(vat_is_valid(c["PARTITA_IVA"]) for c in customers)
    assert len({c["PARTITA_IVA"] for c in customers}) == len(customers)
    assert all(c["RAG_SOC"] and c["INDIRIZZO"] and c["CITTA"] and len(c["PROVINCIA"]) == 2 for c in customers)
    assert all(len(c["CAP"]) == 5 and c["CAP"].isdigit() for c in customers)
    assert all(len(c["CODICE_FISCALE"]) in (11, 16) for c in customers)


def test_some_suppliers_are_listed(records):
    suppliers = [r for r in records("io_clifor_gen") if r["TIPO_CLIFOR"] == "1"]
    assert len(suppliers) >= 5
    assert all(vat_is_valid(s["PARTITA_IVA"]) for s in suppliers)
    bought_from = {r["COD_CLFOR"] for r in records("io_art_ultacq")}
    assert bought_from <= {s["COD_CLIFOR"] for s in suppliers}


def test_customer_codes_refer_to_reference_tables(records):
    payment_terms = {r["CODICE"] for r in records("io_condpag")}
    price_lists = {r["COD_LISTINO"] for r in records("io_listini_full") if r["COD_LISTINO"]}
    categories = {r["CODICE"] for r in records("io_clifor_cate")}
    cities = {r["DESCRIZIONE"] for r in records("io_citta")}
    for customer in _customers(records).values():
        assert customer["COD_CONDPAG"] in payment_terms
        assert customer["COD_LISTINO"] in price_lists
        assert customer["COD_CATEGORIA"] in categories
        assert customer["CITTA"] in cities


def test_files_hanging_off_customers_point_at_existing_customers(records):
    customers = set(_customers(records))
    for table in ("io_clifor_dest", "io_clifor_note", "io_clifor_blo", "io_clifor_scadoc", "io_clifor_fatt",
                  "io_clifor_testdoc", "io_clifor_righdoc", "io_stoart", "io_clifor_detcon",
                  "io_clifor_girovisita", "io_clifor_oper", "io_clienti_assortimenti"):
        referenced = {r["COD_CLIFOR"] for r in records(table)}
        assert referenced and referenced <= customers, table


def test_each_customer_has_one_preferred_destination(records):
    preferred = Counter(r["COD_CLIFOR"] for r in records("io_clifor_dest") if r["PREFERENZIALE"] == "1")
    assert set(preferred) == set(_customers(records))
    assert set(preferred.values()) == {1}
    assert any(r["PREFERENZIALE"] == "0" for r in records("io_clifor_dest"))


def test_a_few_customers_are_blocked(records):
    blocked = {r["COD_CLIFOR"] for r in records("io_clifor_blo")}
    assert 1 <= len(blocked) <= len(_customers(records)) // 10


def test_files_hanging_off_articles_point_at_existing_articles(records):
    articles = _article_codes(records)
    for table, column in (("io_art_um", "COD_ART"), ("io_giacenze", "COD_ARTICOLO"), ("io_listini_full", "COD_ART"),
                          ("io_stoart", "COD_ART"), ("io_clifor_righdoc", "COD_RIGA"), ("io_art_ultven", "COD_ART"),
                          ("io_art_ultacq", "COD_ART"), ("io_art_lang", "COD_ART"),
                          ("io_taglie_sviluppi_art", "COD_ARTICOLO"), ("io_var_combinazioni", "COD_ARTICOLO")):
        referenced = {r[column] for r in records(table) if r[column]}
        assert referenced and referenced <= articles, table


def test_articles_have_families_units_and_a_minimum_price(records):
    articles = records("io_art")
    assert len({a["COD_FAM"] for a in articles}) >= 10
    assert len({a["COD_SFAM"] for a in articles}) >= 25
    assert all(a["COD_FAM"] and a["DES_FAM"] and a["COD_SFAM"] and a["UM1"] and a["PREZZO_MIN_VEN"] for a in articles)
    with_second_unit = [a for a in articles if a["UM2"]]
    assert with_second_unit and all(a["FATTORE_CONVERSIONE"] for a in with_second_unit)
    perishable = [a for a in articles if a["COD_DEPERIBILITA"]]
    assert 0.1 * len(articles) < len(perishable) < 0.6 * len(articles)
    assert {a["COD_FAM"] for a in perishable} <= {"PAS", "LAT", "SAL", "ORT"}


def test_every_article_has_its_units(records):
    units = Counter(r["COD_ART"] for r in records("io_art_um"))
    for article in records("io_art"):
        assert units[article["COD_ART"]] == (2 if article["UM2"] else 1)
    defaults = [r for r in records("io_art_um") if r["FLG_DEFAULT"] == "-1"]
    assert len(defaults) == len(records("io_art"))


def test_price_lists_hold_general_rows_and_customer_rows(records):
    rows = records("io_listini_full")
    general = [r for r in rows if not r["COD_CLIFOR"]]
    special = [r for r in rows if r["COD_CLIFOR"]]
    assert {r["COD_LISTINO"] for r in general} == {"L01", "L02", "L03", "L04"}
    assert len(general) >= 4 * 3000
    assert special and {r["COD_CLIFOR"] for r in special} <= set(_customers(records))
    assert all(r["COD_LISTINO"] == "" for r in special)


def test_document_lines_and_due_items_belong_to_document_headers(records):
    headers = {r["NUMREG"]: r for r in records("io_clifor_testdoc")}
    lines = records("io_clifor_righdoc")
    assert {r["NUM_REG"] for r in lines} == set(headers)
    for line in lines:
        assert line["COD_CLIFOR"] == headers[line["NUM_REG"]]["COD_CLIFOR"]
    due = records("io_clifor_scadoc")
    assert due and {r["NUM_REG"] for r in due} <= set(headers)
    assert {r["DES_STATO"] for r in due} == {"Aperta", "Chiusa"}


def test_document_totals_add_up_their_lines(records):
    totals = Counter()
    for line in records("io_clifor_righdoc"):
        totals[line["NUM_REG"]] += round(float(line["IMPORTO"].replace(",", ".")) * 100)
    for header in records("io_clifor_testdoc"):
        assert round(float(header["TOTALEDOC"].replace(",", ".")) * 100) == totals[header["NUMREG"]]


def test_article_history_matches_the_document_lines(records):
    bought = Counter((r["COD_CLIFOR"], r["COD_RIGA"]) for r in records("io_clifor_righdoc"))
    history = {(r["COD_CLIFOR"], r["COD_ART"]): int(r["NUM_RIGHE"]) for r in records("io_stoart")}
    assert history == dict(bought)


def test_leads_have_notes_and_access_rights(records):
    leads = {r["COD_LEAD"] for r in records("io_leads")}
    assert len(leads) >= 3
    assert {r["COD_LEAD"] for r in records("io_lead_note")} == leads
    assert {r["COD_LEAD"] for r in records("io_lead_accessi")} == leads
    agents = {r["COD_AGENTE"] for r in records("io_agenti")}
    assert agents <= {r["COD_OPERATORE"] for r in records("io_lead_accessi")}
    quotation_keys = {r["CHIAVE"] for r in records("io_lead_testoff")}
    assert {r["CHIAVE_TESTATA"] for r in records("io_lead_righoff")} == quotation_keys


def test_visit_rounds_are_in_order_per_agent_and_day(records):
    rounds = Counter()
    for visit in records("io_clifor_girovisita"):
        rounds[(visit["COD_AGE"], visit["GG_VISITA"])] += 1
        assert 1 <= int(visit["GG_VISITA"]) <= 5
    sequences = Counter((v["COD_AGE"], v["GG_VISITA"], v["SEQUENZA"]) for v in records("io_clifor_girovisita"))
    assert set(sequences.values()) == {1}
    assert sum(rounds.values()) == len(records("io_clifor_girovisita"))
