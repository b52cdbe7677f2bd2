"""The people of the demo company: agents, customers (with template customers), suppliers, leads.

Each one is made by a function of a random generator and a running number, so the demo
export and the bulk benchmark files build customers the same way at any scale.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from appliance.demo import italian_ids
from appliance.demo.wordlists import City, cities, italy, reference

HEAD_OFFICE_CITY = "Lodi"


@dataclass(frozen=True)
class Agent:
    """A sales agent (also a CRM operator)."""

    code: str
    name: str
    email: str
    mobile: str


@dataclass(frozen=True)
class Person:
    """A contact person of a customer or lead."""

    surname: str
    name: str
    female: bool


@dataclass(frozen=True)
class Destination:
    """A delivery address of a customer; 001 is the customer's own address."""

    code: str
    name: str
    street: str
    city: City
    phone: str
    preferred: bool
    note: str | None


@dataclass
class Party:
    """A customer (kind 0) or supplier (kind 1) as the ERP's master data holds it."""

    code: str
    kind: int
    name: str
    street: str
    city: City
    vat: str
    tax_code: str
    phone: str
    mobile: str | None
    email: str
    website: str | None
    latitude: float
    longitude: float
    bank: str
    created: date
    payment: str = "BB30"
    price_list: str = "L01"
    category: tuple[str, str, str, str] = ("Alimentari", "ALI", "Negozi alimentari", "DET")
    subcategory: tuple[str, str] = ("STD", "Standard")
    discount_class: str = "CL3"
    discounts: tuple[int, ...] = ()
    footer_discount: int = 0
    credit_limit: int = 0
    agent: str | None = None
    owner: Person | None = None
    template: bool = False
    destinations: list[Destination] = field(default_factory=list)


@dataclass(frozen=True)
class Lead:
    """A prospect an agent is working on."""

    code: str
    name: str
    street: str
    city: City
    vat: str
    phone: str
    email: str
    agent: str
    status: tuple[str, str]
    category: tuple[str, str, str, str]
    contact: Person
    created: date
    price_list: str


def slug(text: str) -> str:
    """Lowercase ASCII letters and digits only, for e-mail addresses and web sites."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", plain)


def _person(rng: random.Random) -> Person:
    female = rng.random() < 0.4
    names = italy()["first_names"]["F" if female else "M"]
    return Person(rng.choice(italy()["surnames"]), rng.choice(names), female)


def _street(rng: random.Random) -> str:
    number = rng.randint(1, 180)
    suffix = rng.choice(["", "", "", "", "/A", "/B"])
    return f"{rng.choice(italy()['streets'])} {number}{suffix}"


def _jitter(rng: random.Random, value: float) -> float:
    return value + rng.uniform(-0.03, 0.03)


def head_office() -> City:
    """The city the demo company's warehouse is in."""
    return next(c for c in cities() if c.name == HEAD_OFFICE_CITY)


def make_agent(rng: random.Random, number: int) -> Agent:
    """Agent AG01, AG02, ... with a name, e-mail and mobile."""
    person = _person(rng)
    email = f"{slug(person.name)}.{slug(person.surname)}@dapadana.it"
    return Agent(f"AG{number:02d}", f"{person.surname} {person.name}", email,
                 italian_ids.mobile(rng, italy()["mobile_prefixes"]))


def _business_name(rng: random.Random, kind: str) -> tuple[str, Person | None]:
    name = f"{kind} {rng.choice(reference()['business_names'])}"
    form = rng.choice(reference()["legal_forms"])
    if form == "owner":
        owner = _person(rng)
        return f"{name} di {owner.surname} {owner.name}", owner
    return f"{name} {form}".strip(), None


def _tax_code(rng: random.Random, owner: Person | None, vat: str, city: City) -> str:
    if owner is None:
        return vat  # a company's tax code is its VAT number
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 45))
    return italian_ids.tax_code(owner.surname, owner.name, born, owner.female, city.cadastral_code)


def _destinations(rng: random.Random, street: str, city: City, name: str, phone: str) -> list[Destination]:
    texts = reference()
    result = [Destination("001", name, street, city, phone, True, rng.choice([None, None, *texts["destination_notes"]]))]
    for number in range(2, 2 + rng.choice([0, 0, 0, 0, 1, 1, 2])):
        other = rng.choice(cities())
        result.append(Destination(f"{number:03d}", f"{name} - {rng.choice(texts['destination_names'])}",
                                  _street(rng), other, italian_ids.landline(rng, other.phone_prefix), False,
                                  rng.choice(texts["destination_notes"])))
    return result


def customer_code(number: int) -> str:
    """The code of the n-th customer: C000001."""
    return f"C{number:06d}"


def make_customer(rng: random.Random, number: int, agent: str | None, as_of: date) -> Party:
    """Customer C000001, C000002, ...: a bar, restaurant, shop or canteen somewhere in Italy."""
    texts = reference()
    category = tuple(rng.choice(texts["business_kinds"]))
    city = rng.choice(cities())
    name, owner = _business_name(rng, category[0])
    vat = italian_ids.vat_number(number * 7919 + 1_234_567, city.office_code)
    street = _street(rng)
    phone = italian_ids.landline(rng, city.phone_prefix)
    discounts = rng.choice([(), (), (), (5,), (10,), (5, 2), (10, 5)])
    party = Party(
        code=customer_code(number), kind=0, name=name, street=street, city=city, vat=vat,
        tax_code=_tax_code(rng, owner, vat, city), phone=phone,
        mobile=italian_ids.mobile(rng, italy()["mobile_prefixes"]) if rng.random() < 0.7 else None,
        email=f"{rng.choice(['info', 'ordini', 'amministrazione'])}@{slug(name)[:20]}.it",
        website=f"www.{slug(name)[:20]}.it" if rng.random() < 0.3 else None,
        latitude=_jitter(rng, city.latitude), longitude=_jitter(rng, city.longitude),
        bank=rng.choice(italy()["banks"]),
        created=as_of - timedelta(days=rng.randrange(60, 365 * 18)),
        payment=rng.choice([p[0] for p in texts["payment_terms"]]),
        price_list=rng.choice(["L01", "L02", "L02", "L03", "L04"]),
        category=category, subcategory=tuple(rng.choice(texts["subcategories"])),
        discount_class=rng.choice(["CL1", "CL2", "CL3", "CL3"]),
        discounts=discounts, footer_discount=rng.choice([0, 0, 0, 2]),
        credit_limit=rng.choice([2000, 5000, 10000, 15000, 25000, 50000]),
        agent=agent, owner=owner)
    party.destinations = _destinations(rng, street, city, name, phone)
    return party


def make_template_customer(number: int, price_list: str, price_list_name: str) -> Party:
    """A template customer (VAT 99999999999) whose prices apply to orders from new customers."""
    city = head_office()
    name = f"Cliente nuovo - {price_list_name}"
    street = "Via del Commercio 1"
    phone = f"{city.phone_prefix} 4100100"
    party = Party(
        code=f"NUOVO{number}", kind=0, name=name, street=street, city=city,
        vat=italian_ids.TEMPLATE_VAT, tax_code=italian_ids.TEMPLATE_VAT, phone=phone, mobile=None,
        email="ordini@dapadana.it", website=None, latitude=city.latitude, longitude=city.longitude,
        bank=italy()["banks"][0], created=date(2015, 1, 1), payment="RD", price_list=price_list,
        credit_limit=0, template=True)
    party.destinations = [Destination("001", name, street, city, phone, True, None)]
    return party


def make_supplier(rng: random.Random, number: int, as_of: date) -> Party:
    """Supplier F00001, F00002, ...: the producers the company buys from."""
    texts = reference()
    city = rng.choice(cities())
    name = (f"{rng.choice(texts['supplier_kinds'])} {rng.choice(texts['supplier_names'])} "
            f"{rng.choice(texts['supplier_forms'])}")
    vat = italian_ids.vat_number(number * 7919 + 6_543_210, city.office_code)
    street = _street(rng)
    return Party(
        code=f"F{number:05d}", kind=1, name=name, street=street, city=city, vat=vat, tax_code=vat,
        phone=italian_ids.landline(rng, city.phone_prefix), mobile=None,
        email=f"vendite@{slug(name)[:20]}.it", website=f"www.{slug(name)[:20]}.it",
        latitude=_jitter(rng, city.latitude), longitude=_jitter(rng, city.longitude),
        bank=rng.choice(italy()["banks"]), created=as_of - timedelta(days=rng.randrange(365, 365 * 20)),
        payment=rng.choice(["BB60", "RB6090", "RB3060"]))


def make_lead(rng: random.Random, number: int, agent: str, as_of: date) -> Lead:
    """Lead LD0001, LD0002, ...: a business not yet a customer."""
    texts = reference()
    category = tuple(rng.choice(texts["business_kinds"]))
    city = rng.choice(cities())
    name, _ = _business_name(rng, category[0])
    return Lead(
        code=f"LD{number:04d}", name=name, street=_street(rng), city=city,
        vat=italian_ids.vat_number(number * 7919 + 8_765_432, city.office_code),
        phone=italian_ids.landline(rng, city.phone_prefix), email=f"info@{slug(name)[:20]}.it",
        agent=agent, status=tuple(rng.choice(texts["lead_statuses"])), category=category,
        contact=_person(rng), created=as_of - timedelta(days=rng.randrange(5, 400)),
        price_list=rng.choice(["L02", "L03"]))
