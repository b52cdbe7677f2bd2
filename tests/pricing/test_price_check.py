"""The server's price check: an order priced by the agent on old data, the ERP's price list re-imported since."""

from __future__ import annotations

from decimal import Decimal
from html import unescape

from appliance.console.admins import add_admin
from appliance.demo.datfile import write_rows
from appliance.accounts import set_param
from tests.console.client import ConsoleClient
from tests.device.world import prices

ADMIN, PASSWORD = "anna", "console password 1"


def order(guid: str, price: float, **line) -> dict:
    """mrossi's order for his customer C1: 3 x ART1 (C1's own price row CLI_C1_ART1 is 9.5 in the world)."""
    return {"guid": guid, "cod_clifor": "C1", "cod_ditta": "1", "data_ordine": "2026-03-02",
            "righe": [{"codice_articolo": "ART1", "qta": 3, "prezzo": price, **line},
                      {"codice_articolo": "ART2", "qta": 10, "prezzo": 7.25}]}


def reimport_prices(api, folder, c1_art1: str) -> None:
    """The ERP exports io_listini_full again with another price for C1/ART1; imported through the pipeline."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [{**row, "PREZZO": Decimal(c1_art1)} if row["CHIAVE"] == "CLI_C1_ART1" else row for row in prices()]
    write_rows(folder / "io_listini_full.dat", "io_listini_full", rows)
    api.load(folder, "io_listini_full.dat")


def price_warnings(reply) -> list[dict]:
    assert reply.status_code == 201, reply.text
    return [w for w in reply.json()["warnings"] if w["code"] == "price_changed"]


def test_no_warning_when_the_agents_price_is_the_erps(api, world):
    assert price_warnings(api.post("/api/v1/documents/orders", json=order("ord-price-same", 9.5))) == []
    same_net = order("ord-price-same-2", 9.50, sconto_1=0, sconto_importo=0.0)
    assert price_warnings(api.post("/api/v1/documents/orders", json=same_net)) == []


def test_a_price_changed_by_an_erp_import_is_flagged_with_both_figures(api, world, tmp_path):
    reimport_prices(api, tmp_path / "next", "10.25")
    found = price_warnings(api.post("/api/v1/documents/orders", json=order("ord-price-old", 9.5)))
    assert len(found) == 1
    warning = found[0]
    assert warning["field"] == "righe[0].prezzo"
    assert (warning["agent"]["price"], warning["agent"]["net_price"]) == ("9.5", "9.5")
    assert (warning["current"]["price"], warning["current"]["net_price"]) == ("10.25", "10.25")
    assert warning["message"] == ("Article ART1: the agent's price 9.5 (net 9.5) differs from the current ERP price "
                                  "10.25 (net 10.25) (row CLI_C1_ART1).")
    stored = api.store.query_one("SELECT warnings FROM documents WHERE guid = 'ord-price-old'")
    assert '"price_changed"' in stored["warnings"] and '"10.25"' in stored["warnings"]
    assert price_warnings(api.post("/api/v1/documents/orders", json=order("ord-price-new", 10.25))) == []


def test_an_agents_discount_differs_from_the_erps_and_is_shown(api, world):
    found = price_warnings(api.post("/api/v1/documents/orders", json=order("ord-price-disc", 9.5, sconto_1=5)))
    assert [(w["agent"]["discounts"], w["agent"]["net_price"], w["current"]["discounts"]) for w in found] == [
        (["5"], "9.025", [])]


def test_the_check_follows_the_pricing_parameters(api, world):
    set_param(api.store, "pricing.unit_decimals", "2")
    found = price_warnings(api.post("/api/v1/documents/orders", json=order("ord-price-param", 9.5, sconto_1=5)))
    assert [w["agent"]["net_price"] for w in found] == ["9.03"]  # 9.025 rounded half up to 2 decimals
    assert api.get("/api/v1/config").json()["config"]["pricing.unit_decimals"] == 2  # the app prices alike


def test_the_console_document_page_shows_both_figures(api, world, tmp_path):
    reimport_prices(api, tmp_path / "next", "10.25")
    reply = api.post("/api/v1/documents/orders", json=order("ord-price-console", 9.5, sconto_1=2))
    document_id = reply.json()["id"]
    add_admin(api.store, api.settings, ADMIN, PASSWORD)
    console = ConsoleClient(api)
    console.sign_in(ADMIN, PASSWORD)
    page = console.get(f"/admin/documents/{document_id}").text
    table = page.split('class="compact price-changed" data-field="righe[0].prezzo"', 1)[1].split("</table>", 1)[0]
    agent = table.split('<tr class="agent">', 1)[1].split("</tr>", 1)[0]
    current = table.split('<tr class="current">', 1)[1].split("</tr>", 1)[0]
    assert '<td class="num">9.5</td><td>2 %</td><td class="num">9.31</td>' in agent
    assert '<td class="num">10.25</td><td>–</td><td class="num">10.25</td>' in current
    assert "the agent's price differs from today's ERP price (price list row CLI_C1_ART1)" in unescape(page)
    page = unescape(console.get(f"/admin/documents/{document_id}", headers={"Accept-Language": "it"}).text)
    assert "il prezzo dell'agente è diverso dal prezzo attuale del gestionale (riga CLI_C1_ART1 del listino)" in page
    assert '<td class="num">9,5</td><td>2 %</td><td class="num">9,31</td>' in page


def test_the_price_lookups_use_indexes_from_the_first_load_on(api, world):
    """Every order line looks its price rows up: a scan of a million-row price list per line would not do."""
    from appliance.pricing.engine import DISCOUNT_COLUMNS, PRICE_COLUMNS
    from appliance.store.pricing import article_rows, candidate_rows, customer_rows
    statements = []
    with api.store.snapshot() as conn:
        conn.set_trace_callback(statements.append)
        found = candidate_rows(conn, "io_listini_full", "C1", ["ART1", "ART2"], PRICE_COLUMNS)
        assert sorted(r["CHIAVE"] for r in found) == ["CLI_C1_ART1", "FOR_C1_ART1", "GEN_ART1", "GEN_ART2"]
        candidate_rows(conn, "io_sconti", "C1", ["ART1"], DISCOUNT_COLUMNS)
        article_rows(conn, ["ART1", "ART2"])
        customer_rows(conn, "C1")
        conn.set_trace_callback(None)
        for sql in [s for s in statements if s.startswith("SELECT") and "sqlite_master" not in s]:
            details = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]
            assert not any(d.startswith("SCAN io_") and "__pricing_no_article" not in d for d in details), details


def test_lookup_and_engine_on_the_store_with_an_extra_vat_column(api, world, tmp_path):
    """An ERP that adds ALIQUOTA_IVA to io_art: the import keeps the column, the lookup hands it to the engine."""
    from appliance.pricing.lookup import price_for
    folder = tmp_path / "vat"
    folder.mkdir()
    lines = (world / "io_art.dat").read_bytes().decode("utf-8").split("\r\n")
    extended = [lines[0] + "|ALIQUOTA_IVA"]
    extended += [line + ("|10" if "|ART1|" in line else "|") for line in lines[1:] if line]
    (folder / "io_art.dat").write_text("\r\n".join(extended) + "\r\n", encoding="utf-8")
    api.load(folder, "io_art.dat")
    result = price_for(api.store, "1", "C1", "ART1", {"qty": "3", "date": "2026-03-02"})
    assert (result["price"], result["price_row"], result["price_rule"]) == ("9.5", "CLI_C1_ART1", "customer+article")
    assert (result["amount"], result["vat_rate"], result["vat"], result["total"]) == ("28.5", "10", "2.85", "31.35")
    assert result["warnings"] == []  # 3 >= QTA_MIN_VEND 2, 9.5 >= PREZZO_MIN_VEN 5
    other = price_for(api.store, "1", "C2", "ART2", {"qty": "1", "date": "2026-03-02"})
    assert (other["price"], other["warnings"]) == (None, ["below_min_qty", "no_price"])  # C2 has no list, no own row
