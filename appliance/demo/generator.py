"""The demo export: one consistent `io_*.dat` file per layout, as an Italian food-service
wholesaler's ERP connector would write them into `gestionale/`.

Every documented layout of the `gestionale` folder gets a file, plus AMHelper's io_agenti.
io_catalogo.dat is left out on purpose: it lives in `multimedia/` and its presence would
switch the catalog to record mode, while the demo media use filesystem mode.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from appliance.demo import article_files, customer_files, history_files, lead_files, lookup_files, variant_files
from appliance.demo.datfile import write_table
from appliance.demo.world import AS_OF, World, build_world

RowSource = Callable[[World], Iterable[dict]]

TABLES: dict[str, RowSource] = {
    # customers and agents
    "io_agenti": customer_files.agents,
    "io_clifor_gen": customer_files.parties,
    "io_clifor_age": customer_files.agent_links,
    "io_clifor_dest": customer_files.destinations,
    "io_clifor_note": customer_files.notes,
    "io_clifor_blo": customer_files.blocks,
    "io_clifor_detcon": customer_files.contacts,
    "io_clifor_girovisita": customer_files.visits,
    "io_clifor_oper": customer_files.operator_links,
    # articles and prices
    "io_art": article_files.articles,
    "io_art_um": article_files.units,
    "io_art_lang": article_files.translations,
    "io_giacenze": article_files.stock,
    "io_listini_full": article_files.price_lists,
    "io_sconti": article_files.discounts,
    "io_art_ultacq": article_files.purchase_prices,
    # the past
    "io_clifor_testdoc": history_files.document_headers,
    "io_clifor_righdoc": history_files.document_lines,
    "io_stoart": history_files.article_history,
    "io_art_ultven": history_files.sale_prices,
    "io_clifor_scadoc": history_files.payments_due,
    "io_clifor_fatt": history_files.turnover,
    # reference tables
    "io_citta": lookup_files.city_rows,
    "io_nazioni": lookup_files.countries,
    "io_porto": lookup_files.delivery_terms,
    "io_clifor_cate": lookup_files.customer_categories,
    "io_mod_sped": lookup_files.shipping_methods,
    "io_canali_vendita": lookup_files.sales_channels,
    "io_classi_sconto": lookup_files.discount_classes,
    "io_condpag": lookup_files.payment_terms,
    "io_condpag_lang": lookup_files.payment_terms_english,
    "io_custom_fields": lookup_files.custom_fields,
    # CRM
    "io_leads": lead_files.leads,
    "io_lead_note": lead_files.lead_notes,
    "io_lead_accessi": lead_files.lead_access,
    "io_lead_acccrm": lead_files.operator_hierarchy,
    "io_lead_detcon": lead_files.lead_contacts,
    "io_lead_testoff": lead_files.quotations,
    "io_lead_righoff": lead_files.quotation_lines,
    "io_lead_sconti": lead_files.lead_discounts,
    "io_campagne": lead_files.campaigns,
    "io_campagne_operatore": lead_files.campaign_operators,
    # sizes and colours
    "io_taglie_sviluppi": variant_files.size_runs,
    "io_taglie_sviluppi_art": variant_files.article_sizes,
    "io_taglie_cataloghi": variant_files.catalogs,
    "io_taglie_cataloghi_art": variant_files.catalog_articles,
    "io_liste_colori": variant_files.color_lists,
    "io_liste_materiali": variant_files.material_lists,
    "io_var_combinazioni": variant_files.combinations,
    "io_regole": variant_files.choice_rules,
    "io_taglie_estensioni": variant_files.extensions,
    "io_assortimenti": variant_files.assortments,
    "io_taglie_assortimenti": variant_files.assortment_sizes,
    "io_articoli_assortimenti": variant_files.article_assortments,
    "io_clienti_assortimenti": variant_files.customer_assortments,
}


def write_world(world: World, gestionale: Path, *, encoding: str = "utf-8") -> list[Path]:
    """Write every demo file of a world into the folder; returns the paths in table order."""
    folder = Path(gestionale)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_table(folder, table, rows(world), encoding=encoding, company=world.company)
            for table, rows in sorted(TABLES.items())]


def generate_export(gestionale: Path, *, seed: int = 1, customers: int = 300, agents: int = 5,
                    articles: int = 3000, encoding: str = "utf-8", as_of: date = AS_OF) -> list[Path]:
    """Write a consistent demo export into `gestionale` and return the files written.

    The same seed and sizes always give byte-identical files. `encoding` is "utf-8" or
    "cp1252" (both carry the § newline substitute and Italian accented letters). Dates are
    relative to `as_of` (a fixed day by default, which keeps the output reproducible).

    Example: generate_export(Path("exchange/gestionale"), customers=50, articles=500)
    """
    world = build_world(seed, customers=customers, agents=agents, articles=articles, as_of=as_of)
    return write_world(world, gestionale, encoding=encoding)
