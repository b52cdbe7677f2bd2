"""Rows of the small reference files (cities, countries, payment terms, delivery terms and the
other code/description tables) and of the custom "Other" tab fields.
"""

from __future__ import annotations

import random
from typing import Iterable, Iterator

from appliance.demo.datfile import row_key
from appliance.demo.wordlists import cities, products, reference
from appliance.demo.world import World

Row = dict[str, object]
# Modules showing a custom field: bit 0 customer cards, bit 1 orders.
CARDS_AND_ORDERS = "3"
TEXT_TYPE, INTEGER_TYPE = 0, 3
FRESH_CATEGORIES = {"RIS", "PIZ", "HOT"}


def _code_table(world: World, pairs: Iterable[tuple[str, str]], code_column: str, name_column: str) -> Iterator[Row]:
    for code, name in pairs:
        yield {"CHIAVE": row_key(world.company, code), code_column: code, name_column: name}


def city_rows(world: World) -> Iterator[Row]:
    """io_citta: every city of the word list, keyed by its cadastral code."""
    for city in cities():
        yield {"CHIAVE": row_key(world.company, city.cadastral_code), "CODICE": city.cadastral_code,
               "DESCRIZIONE": city.name, "CAP": city.postcode, "PROVINCIA": city.province}


def countries(world: World) -> Iterator[Row]:
    """io_nazioni: Italy and its neighbours."""
    return _code_table(world, reference()["countries"], "CODICE", "DESCRIZIONE")


def delivery_terms(world: World) -> Iterator[Row]:
    """io_porto: carriage paid, ex works and so on."""
    return _code_table(world, reference()["delivery_terms"], "CODICE", "DESCRIZIONE")


def customer_categories(world: World) -> Iterator[Row]:
    """io_clifor_cate: the customer categories used in io_clifor_gen."""
    unique = {code: name for _, code, name, _ in reference()["business_kinds"]}
    return _code_table(world, unique.items(), "CODICE", "DESCRIZIONE")


# The next three layouts document their columns as COD_NAZIONE/DES_NAZIONE (a copy error in the
# docs); the header follows the docs, the content is the layout's own code/description pair.
def shipping_methods(world: World) -> Iterator[Row]:
    """io_mod_sped: how goods travel."""
    return _code_table(world, reference()["shipping_methods"], "COD_NAZIONE", "DES_NAZIONE")


def sales_channels(world: World) -> Iterator[Row]:
    """io_canali_vendita: the sales channels."""
    return _code_table(world, reference()["sales_channels"], "COD_NAZIONE", "DES_NAZIONE")


def discount_classes(world: World) -> Iterator[Row]:
    """io_classi_sconto: the article and customer discount classes."""
    texts = reference()
    return _code_table(world, texts["article_classes"] + texts["customer_classes"], "COD_NAZIONE", "DES_NAZIONE")


def payment_terms(world: World) -> Iterator[Row]:
    """io_condpag: payment terms, with the cash discount where there is one."""
    for code, name, cash_discount, *_ in reference()["payment_terms"]:
        yield {"CHIAVE": row_key(world.company, code), "CODICE": code, "DESCRIZIONE": name,
               "SCONTO1": cash_discount}


def payment_terms_english(world: World) -> Iterator[Row]:
    """io_condpag_lang: payment terms in English."""
    for code, *_, english in reference()["payment_terms"]:
        yield {"CHIAVE": row_key(world.company, code, "EN"), "COD_COND_PAG": code, "COD_LINGUA": "EN",
               "DES_COND_PAG": english}


def _custom_field(world: World, context: str, code: str, order: int, label: str, value: str, kind: int) -> Row:
    return {"CHIAVE": row_key(world.company, context, code, order), "NOME": label, "VALORE": value, "TIPO": 1,
            "CONTESTO": context, "VISUAL_MASK": CARDS_AND_ORDERS, "COD_EXT": code, "ORIENTAMENTO_NOME": 0,
            "ORIENTAMENTO_VALORE": 0, "ORDINAMENTO": str(order), "TIPO_DATO": kind}


def custom_fields(world: World) -> Iterator[Row]:
    """io_custom_fields: closing day and seats for some customers, storage for chilled and frozen goods."""
    rng = random.Random(f"{world.seed}:custom")
    texts = reference()
    for party in world.regular_customers:
        if rng.random() < 0.3:
            yield _custom_field(world, "clienti", party.code, 1, "Giorno di chiusura",
                                rng.choice(texts["closing_days"]), TEXT_TYPE)
            if party.category[1] in FRESH_CATEGORIES:
                yield _custom_field(world, "clienti", party.code, 2, "Coperti", str(rng.randint(20, 180)),
                                    INTEGER_TYPE)
    storage = products()["storage"]
    for article in world.articles:
        if article.sub.storage != "AMB":
            yield _custom_field(world, "prodotti", article.code, 1, "Conservazione", storage[article.sub.storage],
                                TEXT_TYPE)
