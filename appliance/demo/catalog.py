"""The demo company's articles: food-service wholesale, from pasta to chef's jackets.

Articles are drawn in a fixed order for a seed, so the first N articles are the same
whatever the count asked for: media made for a seed link to codes that every export of
that seed (with at least as many articles) contains.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from appliance.demo.wordlists import Pack, SubFamily, products, subfamilies

LINE_PRICE_FACTORS = {"STD": 1.0, "ORO": 1.15, "CHEF": 1.1, "PREM": 1.25, "CONV": 0.85}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Article:
    """One article with what every article file needs."""

    code: str
    description: str
    product: str
    variant: str
    sub: SubFamily
    pack: Pack
    line: tuple[str, str]  # (code, description) of the product line
    price: Decimal  # base list price per main unit
    discount_class: str
    status: tuple[str, str] | None  # (code, description) for articles running out or blocked
    min_quantity: Decimal
    max_discount: int

    @property
    def unit(self) -> str:
        return self.pack.unit

    @property
    def second_unit(self) -> str | None:
        return self.pack.second_unit

    @property
    def factor(self) -> Decimal | None:
        """Quantity in the main unit times this factor = quantity in the second unit."""
        return Decimal(str(self.pack.factor)) if self.pack.factor is not None else None

    @property
    def perishable(self) -> str | None:
        return self.sub.perishable

    @property
    def organic(self) -> bool:
        return self.variant.startswith("bio")

    @property
    def min_price(self) -> Decimal:
        return (self.price * Decimal("0.85")).quantize(CENT)


Combination = tuple[SubFamily, str, str, Pack, list]


def _combinations() -> tuple[list[Combination], list[Combination]]:
    """Every product/variant/pack of the standard line, then the same again in the other lines."""
    lines = products()["lines"]
    base = [(sub, product, variant, pack, lines[0])
            for sub in subfamilies() for product in sub.products for variant in sub.variants for pack in sub.packs]
    return base, [(sub, product, variant, pack, line) for line in lines[1:] for sub, product, variant, pack, _ in base]


@lru_cache(maxsize=8)
def _pool(seed: int) -> tuple[Combination, ...]:
    rng = random.Random(f"{seed}:catalog")
    base, lined = _combinations()
    rng.shuffle(base)
    rng.shuffle(lined)
    return tuple(base + lined)


def _status(rng: random.Random) -> tuple[str, str] | None:
    draw = rng.random()
    if draw < 0.02:
        return ("BLK", "Bloccato")
    if draw < 0.06:
        return ("ESA", "In esaurimento")
    return None


def describe(product: str, variant: str, pack: Pack, line_label: str) -> str:
    """An article description: product, variant, pack and line, single-spaced."""
    return " ".join(part for part in (product, variant, pack.label, line_label) if part)


def iter_articles(seed: int, count: int) -> Iterator[Article]:
    """The first `count` articles of the seed's catalog, one at a time."""
    pool = _pool(seed)
    rng = random.Random(f"{seed}:articles")
    for index in range(count):
        sub, product, variant, pack, (line_label, line_code, line_name) = pool[index % len(pool)]
        price = Decimal(str(round(rng.uniform(pack.price_low, pack.price_high) * LINE_PRICE_FACTORS[line_code], 2)))
        yield Article(
            code=f"{sub.family_code}{index + 1:05d}",
            description=describe(product, variant, pack, line_label),
            product=product, variant=variant, sub=sub, pack=pack, line=(line_code, line_name), price=price,
            discount_class=rng.choice(["AR1", "AR2", "AR2", "AR3"]), status=_status(rng),
            min_quantity=Decimal("0.5") if pack.unit == "KG" else Decimal(rng.choice([1, 1, 1, 2, 5])),
            max_discount=rng.choice([10, 15, 20, 25]))


def build_articles(seed: int, count: int) -> list[Article]:
    """The first `count` articles of the seed's catalog."""
    return list(iter_articles(seed, count))
