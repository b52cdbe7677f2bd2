"""Rows of the article files: articles, units, translations, stock, price lists, discounts and
last purchase prices.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Iterator

from appliance.demo.catalog import Article
from appliance.demo.datfile import row_key
from appliance.demo.people import Party
from appliance.demo.wordlists import products, reference
from appliance.demo.world import World

Row = dict[str, object]
MILLI = Decimal("0.001")
EXTRA_DISCOUNT = 5
RETAIL_MARKUP = Decimal("2.2")
# Columns of io_listini_full that real exports fill with zeros when discounts live in io_sconti.
PRICE_LIST_ZEROS: Row = {
    **{f"SCONTO{n}": 0 for n in range(1, 7)}, "SCONTO_IMP": 0, "MAG_PERC1": 0, "MAG_PERC2": 0, "MAG_IMP": 0,
    "IND_GES_PREZZO": "4",
    **{f"IND_GES_SC{n}_PER": "0" for n in range(1, 7)}, "IND_GES_SC_IMP": "0",
    "IND_GES_MAG1_PER": "0", "IND_GES_MAG2_PER": "0", "IND_GES_MAG_IMP": "0",
    "COD_VALUTA": "EUR", "TIPO_CLIFOR": 0,
}
GENERAL_PRIORITY = 10
QUANTITY_BREAK_PRIORITY = 20
CUSTOMER_PRIORITY = 50


def article_row(article: Article, company: str) -> Row:
    """io_art: one article."""
    sub = article.sub
    storage = products()["storage"][sub.storage]
    status_code, status_name = article.status or (None, None)
    return {
        "CHIAVE": row_key(company, article.code), "COD_ART": article.code, "DES_ART": article.description,
        "COD_FAM": sub.family_code, "DES_FAM": sub.family_name, "COD_SFAM": sub.code, "DES_SFAM": sub.name,
        "COD_GRUPPO1": article.line[0], "DES_GRUPPO1": article.line[1],
        "COD_GRUPPO2": sub.storage, "DES_GRUPPO2": storage,
        "UM1": article.unit, "UM2": article.second_unit, "FATTORE_CONVERSIONE": article.factor,
        "COD_STATO": status_code, "DES_STATO": status_name,
        "DES_GR_STAT1": sub.family_name, "DES_GR_STAT2": article.line[1],
        "QTA_MIN_VEND": article.min_quantity, "COD_CLASSE_SCONTO": article.discount_class,
        "COD_DEPERIBILITA": article.perishable, "PREZZO_MIN_VEN": article.min_price,
        "SCONTO_MAX_VEN": article.max_discount, "MAX_EXTRA_SCONTO": EXTRA_DISCOUNT,
        "COD_SVILUPPO_BASE": sub.size_run,
        "PREZZO_RETAIL": (article.price * RETAIL_MARKUP).quantize(MILLI) if sub.size_run else None,
        "DES_FILTRO1": storage, "DES_FILTRO2": "Biologico" if article.organic else "Convenzionale",
        "DES_FILTRO3": article.line[1], "FLG_MOD_UM_DEFAULT": 0,
    }


def articles(world: World) -> Iterator[Row]:
    """io_art: every article."""
    return (article_row(article, world.company) for article in world.articles)


def units(world: World) -> Iterator[Row]:
    """io_art_um: the main unit (default on new lines) and, where there is one, the second unit."""
    names = products()["units"]
    for article in world.articles:
        yield {"CHIAVE": row_key(world.company, article.code, article.unit), "COD_ART": article.code,
               "UM": article.unit, "DESC_UM": names[article.unit], "TIPO_UM": 1, "FLG_DEFAULT": -1}
        if article.second_unit:
            yield {"CHIAVE": row_key(world.company, article.code, article.second_unit), "COD_ART": article.code,
                   "UM": article.second_unit, "DESC_UM": names[article.second_unit], "FAT_CONV": article.factor,
                   "TIPO_UM": 2, "FLG_DEFAULT": 0}


def translations(world: World) -> Iterator[Row]:
    """io_art_lang: English descriptions for the best-known products."""
    english = products()["english"]
    for article in world.articles:
        if article.product in english:
            text = f"{english[article.product]} {article.pack.label}".strip()
            yield {"CHIAVE": row_key(world.company, article.code, "EN"), "COD_ART": article.code,
                   "COD_LINGUA": "EN", "DES_ART": text}


def _stock(rng: random.Random, article: Article) -> Decimal:
    if rng.random() < 0.05:
        return Decimal(0)
    if article.unit == "KG":
        return Decimal(rng.randint(1, 1600)) / 2
    return Decimal(rng.randint(1, 400))


def stock(world: World) -> Iterator[Row]:
    """io_giacenze: stock in the central warehouse; chilled and frozen goods also in the cold store."""
    rng = random.Random(f"{world.seed}:stock")
    warehouses = reference()["warehouses"]
    for article in world.articles:
        places = warehouses if article.sub.storage != "AMB" else warehouses[:1]
        for code, name in places:
            on_hand = _stock(rng, article)
            reserved = Decimal(rng.randint(0, int(min(on_hand, 30))))
            yield {"CHIAVE": row_key(world.company, article.code, code), "COD_ARTICOLO": article.code,
                   "COD_DEPOSITO": code, "DES_DEPOSITO": name, "GIACENZA": on_hand,
                   "DISPONIBILITA": on_hand - reserved, "UM1": article.unit}


def _general_prices(world: World, valid_from: date) -> Iterator[Row]:
    for list_code, _, factor in reference()["price_lists"]:
        for article in world.articles:
            yield {**PRICE_LIST_ZEROS, "CHIAVE": row_key(world.company, list_code, article.code, 0),
                   "TIPO_LISTINO": "GEN", "COD_ART": article.code, "COD_LISTINO": list_code,
                   "FLG_ESCLUDI_SCONTI": "0", "QUANTITA_INIZIO": 0, "DATA_INIZIO": valid_from,
                   "PREZZO": (article.price * Decimal(str(factor))).quantize(MILLI), "PRIORITA": GENERAL_PRIORITY}


def _quantity_breaks(world: World, rng: random.Random, valid_from: date) -> Iterator[Row]:
    for article in world.articles:
        if rng.random() < 0.05:
            start = rng.choice([10, 20, 50])
            yield {**PRICE_LIST_ZEROS, "CHIAVE": row_key(world.company, "L01", article.code, start),
                   "TIPO_LISTINO": "GEN", "COD_ART": article.code, "COD_LISTINO": "L01",
                   "FLG_ESCLUDI_SCONTI": "0", "QUANTITA_INIZIO": start, "DATA_INIZIO": valid_from,
                   "PREZZO": (article.price * Decimal("0.97")).quantize(MILLI), "PRIORITA": QUANTITY_BREAK_PRIORITY}


def _customer_prices(world: World, rng: random.Random, party: Party) -> Iterator[Row]:
    count = 25 if party.template else rng.randint(3, 10)
    factors = {code: Decimal(str(factor)) for code, _, factor in reference()["price_lists"]}
    for article in sorted(rng.sample(world.articles, min(count, len(world.articles))), key=lambda a: a.code):
        discount = Decimal(str(round(rng.uniform(0.85, 0.97), 2)))
        net = rng.random() < 0.3
        yield {**PRICE_LIST_ZEROS, "CHIAVE": row_key(world.company, "CLI", party.code, article.code),
               "TIPO_LISTINO": "CLI", "COD_ART": article.code, "COD_CLIFOR": party.code,
               "FLG_ESCLUDI_SCONTI": "-1" if net else "0", "QUANTITA_INIZIO": 0,
               "DATA_INIZIO": world.as_of - timedelta(days=rng.randrange(10, 300)),
               "DATA_FINE": date(world.as_of.year, 12, 31) if rng.random() < 0.4 else None,
               "PREZZO": (article.price * factors[party.price_list] * discount).quantize(MILLI),
               "PRIORITA": CUSTOMER_PRIORITY}


def price_lists(world: World) -> Iterator[Row]:
    """io_listini_full: every article in the four general lists, a few quantity breaks, and
    special prices for each customer (more for the template customers)."""
    rng = random.Random(f"{world.seed}:prices")
    valid_from = date(world.as_of.year, 1, 1)
    yield from _general_prices(world, valid_from)
    yield from _quantity_breaks(world, rng, valid_from)
    for party in world.customers:
        yield from _customer_prices(world, rng, party)


def _class_discounts(world: World) -> Iterator[Row]:
    texts = reference()
    matrix = {"CL1": (8, 5, 3), "CL2": (5, 3, 2), "CL3": (2, 0, 0)}
    for customer_class, customer_class_name in texts["customer_classes"]:
        for (article_class, article_class_name), percent in zip(texts["article_classes"], matrix[customer_class]):
            if percent:
                yield {"CHIAVE": row_key(world.company, "CLS", customer_class, article_class), "TIPO_CLIFOR": 0,
                       "CLASSE_ARTICOLO": article_class, "DES_CLASSE_ARTICOLO": article_class_name,
                       "CLASSE_CLIENTE": customer_class, "DES_CLASSE_CLIENTE": customer_class_name,
                       "DATA_INIZIO": date(world.as_of.year, 1, 1), "PRIORITA": 10,
                       "SCONTO1": percent, "TIPO_SCONTO1": "C", "COD_VALUTA": "EUR"}


def _promotion_discounts(world: World, rng: random.Random) -> Iterator[Row]:
    promo, _ = reference()["campaigns"][0]
    for article in sorted(rng.sample(world.articles, min(30, len(world.articles))), key=lambda a: a.code):
        yield {"CHIAVE": row_key(world.company, "PRM", promo, article.code), "COD_ART": article.code,
               "TIPO_CLIFOR": 0, "COD_PROMO": promo, "DATA_INIZIO": world.as_of - timedelta(days=15),
               "DATA_FINE": world.as_of + timedelta(days=60), "PRIORITA": 30, "SCONTO1": 10, "TIPO_SCONTO1": "S",
               "COD_VALUTA": "EUR"}


def _quantity_discounts(world: World, rng: random.Random) -> Iterator[Row]:
    for article in sorted(rng.sample(world.articles, min(20, len(world.articles))), key=lambda a: a.code):
        yield {"CHIAVE": row_key(world.company, "QTA", article.code, 50), "COD_ART": article.code,
               "TIPO_CLIFOR": 0, "QUANTITA_INIZIO": 50, "DATA_INIZIO": date(world.as_of.year, 1, 1),
               "PRIORITA": 20, "SCONTO1": 3, "TIPO_SCONTO1": "C", "COD_VALUTA": "EUR"}


def _customer_discounts(world: World, rng: random.Random) -> Iterator[Row]:
    for party in world.regular_customers:
        if rng.random() >= 1 / 3:
            continue
        for article in sorted(rng.sample(world.articles, min(rng.randint(1, 3), len(world.articles))),
                              key=lambda a: a.code):
            yield {"CHIAVE": row_key(world.company, "CLI", party.code, article.code), "COD_ART": article.code,
                   "TIPO_CLIFOR": 0, "COD_CLIFOR": party.code, "DATA_INIZIO": world.as_of - timedelta(days=30),
                   "PRIORITA": 50, "SCONTO1": 5, "SCONTO2": 3, "TIPO_SCONTO1": "C", "TIPO_SCONTO2": "C",
                   "COD_VALUTA": "EUR"}


def discounts(world: World) -> Iterator[Row]:
    """io_sconti: class discounts, a summer promotion, quantity discounts and per-customer discounts."""
    rng = random.Random(f"{world.seed}:discounts")
    yield from _class_discounts(world)
    yield from _promotion_discounts(world, rng)
    yield from _quantity_discounts(world, rng)
    yield from _customer_discounts(world, rng)


def purchase_prices(world: World) -> Iterator[Row]:
    """io_art_ultacq: the last one to three purchases of every article, newest first."""
    rng = random.Random(f"{world.seed}:purchases")
    for article in world.articles:
        bought = world.as_of
        for number in range(1, rng.randint(1, 3) + 1):
            bought -= timedelta(days=rng.randint(7, 60))
            yield {"CHIAVE": row_key(world.company, article.code, number), "COD_ART": article.code,
                   "PROG": number, "VALUTA": "EUR",
                   "PRZ": (article.price * Decimal(str(round(rng.uniform(0.55, 0.75), 2)))).quantize(MILLI),
                   "DATA_DOC": bought, "NUM_DOC": rng.randint(1, 9_999_999),
                   "COD_CLFOR": rng.choice(world.suppliers).code, "TIPO_DOC": "Fattura di acquisto"}
