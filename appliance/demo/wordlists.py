"""The word lists the demo data is made of: Italian places and names, products, reference tables.

They live as JSON in `appliance/demo/data/` and are read once with importlib.resources.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class City:
    """An Italian municipality with what addresses and phone numbers need."""

    name: str
    cadastral_code: str  # the 4-character code used by io_citta and the tax code
    postcode: str
    province: str
    region: str
    latitude: float
    longitude: float
    phone_prefix: str
    office_code: int  # 3-digit VAT office code


@dataclass(frozen=True)
class Pack:
    """How a product is sold: label, main and second unit, conversion factor, price range per main unit."""

    label: str
    unit: str
    second_unit: str | None
    factor: float | None
    price_low: float
    price_high: float


@dataclass(frozen=True)
class SubFamily:
    """A product sub-family with its products, variants and packs."""

    code: str
    name: str
    family_code: str
    family_name: str
    storage: str
    perishable: str | None
    size_run: str | None
    products: tuple[str, ...]
    variants: tuple[str, ...]
    packs: tuple[Pack, ...]


def _load(name: str) -> dict:
    text = resources.files("appliance.demo").joinpath(f"data/{name}").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def italy() -> dict:
    """Places, streets, names, banks."""
    return _load("italy.json")


@lru_cache(maxsize=1)
def products() -> dict:
    """Families, sub-families, units, product lines."""
    return _load("products.json")


@lru_cache(maxsize=1)
def reference() -> dict:
    """Price lists, payment terms, categories and the other small reference tables."""
    return _load("reference.json")


@lru_cache(maxsize=1)
def cities() -> tuple[City, ...]:
    """Every municipality of the word list."""
    return tuple(City(name, code, cap, prov, region, lat, lon, prefix, number)
                 for number, (name, code, cap, prov, region, lat, lon, prefix)
                 in enumerate(italy()["cities"], start=1))


@lru_cache(maxsize=1)
def subfamilies() -> tuple[SubFamily, ...]:
    """Every product sub-family, in catalog order."""
    result = []
    for family in products()["families"]:
        for sub in family["subfamilies"]:
            result.append(SubFamily(
                code=sub["code"], name=sub["name"], family_code=family["code"], family_name=family["name"],
                storage=family["storage"], perishable=sub["perishable"], size_run=sub.get("size_run"),
                products=tuple(sub["products"]), variants=tuple(sub["variants"]),
                packs=tuple(Pack(*p) for p in sub["packs"])))
    return tuple(result)


@lru_cache(maxsize=None)
def province_name(code: str) -> str:
    """A province's name: its chief town, which the word list names before any other town of it."""
    return next(city.name for city in cities() if city.province == code)
