"""Rows of the size-and-colour (wTrendy) files, filled for the company's workwear line: size runs,
catalogs, colour and material lists, variant combinations, choice rules, extensions and
size-pack assortments.
"""

from __future__ import annotations

import random
from typing import Iterator

from appliance.demo.catalog import Article
from appliance.demo.datfile import row_key
from appliance.demo.wordlists import reference
from appliance.demo.world import World

Row = dict[str, object]
YES, NO = -1, 0
COLOR_LIST = "COL-BASE"
MATERIAL_LIST = "MAT-ABB"
WORKWEAR_CATALOG = "CAT-ABB"
FOOD_CATALOG = "CAT-HOR"
COLORS_PER_MATERIAL = 3
ASSORTMENT_OF_SUBFAMILY = {"ABBC": "ASS-CUC", "ABBS": "ASS-SAL", "CALZ": "ASS-CAL"}
ASSORTMENT_OF_CATEGORY = {"RIS": "ASS-CUC", "HOT": "ASS-CUC", "PIZ": "ASS-CUC", "BAR": "ASS-SAL", "ENO": "ASS-SAL"}


def _sized(world: World) -> list[Article]:
    return [article for article in world.articles if article.sub.size_run]


def size_runs(world: World) -> Iterator[Row]:
    """io_taglie_sviluppi: letter sizes for clothing, numbers for shoes; the middle size is preferred."""
    for run, (name, sizes) in reference()["size_runs"].items():
        guide = sizes[len(sizes) // 2]
        for order, size in enumerate(sizes, start=1):
            yield {"CHIAVE": row_key(world.company, run, size), "COD_SVILUPPO": run, "DES_SVILUPPO": name,
                   "COD_TAGLIA": size, "DES_TAGLIA": f"Taglia {size}", "ORDINAMENTO": order,
                   "FLG_PREFERENZIALE": YES if size == guide else NO, "COD_TAGLIA_GUIDA": guide,
                   "FLG_VISIBILE": YES}


def article_sizes(world: World) -> Iterator[Row]:
    """io_taglie_sviluppi_art: every size of every workwear article."""
    runs = reference()["size_runs"]
    for article in _sized(world):
        for size in runs[article.sub.size_run][1]:
            yield {"CHIAVE": row_key(world.company, article.code, size), "COD_ARTICOLO": article.code,
                   "COD_SVILUPPO": article.sub.size_run, "COD_TAGLIA": size, "FLG_VISIBILE": YES}


def catalogs(world: World) -> Iterator[Row]:
    """io_taglie_cataloghi: the food-service catalog and the workwear catalog."""
    for code, name, max_discount in reference()["catalogs"]:
        yield {"CHIAVE": row_key(world.company, code), "COD_CATALOGO": code, "DES_CATALOGO": name,
               "SCONTO_MAX": max_discount}


def catalog_articles(world: World) -> Iterator[Row]:
    """io_taglie_cataloghi_art: workwear in its catalog, everything else in the food-service one."""
    for article in world.articles:
        catalog = WORKWEAR_CATALOG if article.sub.size_run else FOOD_CATALOG
        yield {"CHIAVE": row_key(world.company, catalog, article.code), "COD_CATALOGO": catalog,
               "COD_ARTICOLO": article.code}


def color_lists(world: World) -> Iterator[Row]:
    """io_liste_colori: the base colour list."""
    for code, name in reference()["colors"]:
        yield {"CHIAVE": row_key(world.company, COLOR_LIST, code), "COD_LISTA_COLORE": COLOR_LIST,
               "COD_COLORE": code, "DES_COLORE": name}


def material_lists(world: World) -> Iterator[Row]:
    """io_liste_materiali: the workwear fabrics, each in the base colours."""
    for code, name in reference()["materials"]:
        yield {"CHIAVE": row_key(world.company, MATERIAL_LIST, code), "COD_LISTA_MATERIALE": MATERIAL_LIST,
               "COD_MATERIALE": code, "DES_MATERIALE": name, "COD_LISTA_COLORI": COLOR_LIST}


def combinations(world: World) -> Iterator[Row]:
    """io_var_combinazioni: fabric and colour combinations of each workwear article (slot 1)."""
    texts = reference()
    order = 0
    for article in _sized(world):
        for material, material_name in texts["materials"]:
            for color, color_name in texts["colors"][:COLORS_PER_MATERIAL]:
                order += 1
                combination = f"{material}-{color}"
                yield {"CHIAVE": row_key(world.company, article.code, combination), "ORDINAMENTO": order,
                       "COD_COMBINAZIONE": combination, "DES_COMBINAZIONE": f"{material_name} {color_name}",
                       "COD_ARTICOLO": article.code, "COD_SVILUPPO": article.sub.size_run,
                       "COD_CATALOGO": WORKWEAR_CATALOG, "POSIZIONE1": "Tessuto", "COD_MATERIALE1": material,
                       "DES_MATERIALE1": material_name, "COD_COLORE1": color, "DES_COLORE1": color_name}


def choice_rules(world: World) -> Iterator[Row]:
    """io_regole: one rule per workwear article: choose the fabric and colour."""
    for order, article in enumerate(_sized(world), start=1):
        yield {"CHIAVE": row_key(world.company, article.code, WORKWEAR_CATALOG), "COD_ARTICOLO": article.code,
               "COD_CATALOGO": WORKWEAR_CATALOG, "COD_SVILUPPO": article.sub.size_run,
               "COD_LISTA_MATERIALE_COMB": MATERIAL_LIST, "ORDINAMENTO": order,
               "COD_LISTA_MATERIALE1": MATERIAL_LIST, "DES_SCELTA1": "Tessuto e colore"}


def extensions(world: World) -> Iterator[Row]:
    """io_taglie_estensioni: embroidery and name labels, in every base colour, for any customer."""
    for kind, name in reference()["extensions"]:
        for color, color_name in reference()["colors"]:
            yield {"CHIAVE": row_key(world.company, kind, color), "COD_TIPO": kind, "COD_MATERIALE": kind,
                   "DES_MATERIALE": name, "COD_COLORE": color, "DES_COLORE": color_name}


def assortments(world: World) -> Iterator[Row]:
    """io_assortimenti: size packs."""
    for code, name, run, _ in reference()["assortments"]:
        yield {"CHIAVE": row_key(world.company, code), "COD_ASSORTIMENTO": code, "DES_ASSORTIMENTO": name,
               "COD_SVILUPPO": run}


def assortment_sizes(world: World) -> Iterator[Row]:
    """io_taglie_assortimenti: how many pieces of each size a pack holds."""
    for code, _, _, sizes in reference()["assortments"]:
        for size, quantity in sizes:
            yield {"CHIAVE": row_key(world.company, code, size), "COD_ASSORTIMENTO": code, "COD_TAGLIA": size,
                   "QUANTITA": quantity}


def article_assortments(world: World) -> Iterator[Row]:
    """io_articoli_assortimenti: each workwear article in the pack of its sub-family."""
    for article in _sized(world):
        code = ASSORTMENT_OF_SUBFAMILY[article.sub.code]
        yield {"CHIAVE": row_key(world.company, article.code, code), "COD_ART": article.code,
               "COD_ASSORTIMENTO": code}


def customer_assortments(world: World) -> Iterator[Row]:
    """io_clienti_assortimenti: about one kitchen or dining-room customer in five buys size packs."""
    rng = random.Random(f"{world.seed}:assortments")
    for party in world.regular_customers:
        code = ASSORTMENT_OF_CATEGORY.get(party.category[1])
        if code and rng.random() < 0.2:
            yield {"CHIAVE": row_key(world.company, party.code, code), "COD_CLIFOR": party.code,
                   "COD_ASSORTIMENTO": code}
