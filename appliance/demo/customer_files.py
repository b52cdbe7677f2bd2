"""Rows of the customer files: master data, agents and their links, destinations, notes, blocks,
contacts and the visit calendar.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Iterator

from appliance.demo.datfile import row_key
from appliance.demo.documents import INVOICE, ORDER, Document
from appliance.demo.italian_ids import coordinate
from appliance.demo.people import Agent, Party, slug
from appliance.demo.wordlists import italy, province_name, reference
from appliance.demo.world import World

Row = dict[str, object]
# Categories that buy fresh food, for which orders are split by perishability.
FRESH_FOOD_CATEGORIES = {"RIS", "PIZ", "HOT", "GAS", "MEN", "ALI", "PAS"}
DISCOUNT_SLOTS = 6


def agent_row(agent: Agent, company: str) -> Row:
    """io_agenti: one agent."""
    return {"CHIAVE": row_key(company, agent.code), "COD_AGENTE": agent.code, "DES_AGENTE": agent.name}


def agents(world: World) -> Iterator[Row]:
    """io_agenti: every agent."""
    return (agent_row(agent, world.company) for agent in world.agents)


def _customer_fields(party: Party) -> Row:
    texts = reference()
    region, macroarea = italy()["regions"][party.city.region]
    _, category_code, category_name, macrocategory = party.category
    price_lists = {code: name for code, name, _ in texts["price_lists"]}
    slots = list(party.discounts) + [0] * (DISCOUNT_SLOTS - len(party.discounts))
    row: Row = {f"SCO_PERC{n}": value for n, value in enumerate(slots, start=1)}
    row.update({
        "TAG": f"{category_name} {party.city.name}",
        "COD_CLASSE_SCONTO": party.discount_class,
        "FLG_DEPERIBILITA": -1 if category_code in FRESH_FOOD_CATEGORIES else 0,
        "COD_CAT_EXTRA_SCONTO": "EXTRA" if party.subcategory[0] == "GLD" else None,
        "LISTINO_ANAGRAFICO": price_lists[party.price_list],
        "SCONTI_ANAG_PERC": "+".join(str(d) for d in party.discounts) or None,
        "SCONTI_ANAG_IMP": 0,
        "MAGGIORAZIONE_ANAG_PERC": 0,
        "SCONTO_PIEDE": party.footer_discount,
        "COD_LISTINO": party.price_list,
        "MACROAREA": italy()["macroareas"][macroarea], "COD_MACROAREA": macroarea,
        "AREA": region, "COD_AREA": party.city.region,
        "ZONA": f"{province_name(party.city.province)} e provincia", "COD_ZONA": party.city.province,
        "MACROCATEGORIA": texts["macrocategories"][macrocategory], "COD_MACROCATEGORIA": macrocategory,
        "CATEGORIA": category_name, "COD_CATEGORIA": category_code,
        "SOTTOCATEGORIA": party.subcategory[1], "COD_SOTTOCATEGORIA": party.subcategory[0],
        "FIDO_AZIENDALE": party.credit_limit,
        "DES_RAGGR1": texts["macrocategories"][macrocategory],
        "FLG_NEW_CLIFOR": -1 if party.template else 0,
    })
    return row


def party_row(party: Party, company: str, last_dates: dict[str, date] | None = None) -> Row:
    """io_clifor_gen: one customer or supplier (with the dates of its last documents, if any)."""
    payments = {code: name for code, name, *_ in reference()["payment_terms"]}
    row: Row = {
        "CHIAVE": row_key(company, party.kind, party.code),
        "TIPO_CLIFOR": party.kind, "COD_CLIFOR": party.code, "RAG_SOC": party.name,
        "INDIRIZZO": party.street, "PARTITA_IVA": party.vat, "CODICE_FISCALE": party.tax_code,
        "TELEFONO1": party.phone, "CELLULARE": party.mobile, "EMAIL": party.email, "INTERNET": party.website,
        "CAP": party.city.postcode, "CITTA": party.city.name, "PROVINCIA": party.city.province,
        "LATITUDINE": coordinate(party.latitude), "LONGITUDINE": coordinate(party.longitude),
        "FLG_MOD_NEL_DISP": 0, "FLG_DEPERIBILITA": 0, "NAZIONE": "Italia",
        "PAGAMENTO": payments[party.payment], "COD_CONDPAG": party.payment,
        "BANCA": party.bank, "AGENZIA": f"Filiale di {party.city.name}",
        "VALUTA": "Euro", "COD_VALUTA": "EUR", "DATA_CREAZIONE": party.created,
    }
    if party.kind == 0:
        row.update(_customer_fields(party))
    row.update(last_dates or {})
    return row


def _last_dates(documents: list[Document]) -> dict[str, dict[str, date]]:
    result: dict[str, dict[str, date]] = {}
    for document in documents:
        if document.kind is ORDER:
            column = "DATA_ULT_ORDINE"
        elif document.kind is INVOICE or document.invoice:
            column = "DATA_ULT_DOC_FT"
        else:
            column = "DATA_ULT_DOC_NO_FT"
        dates = result.setdefault(document.customer.code, {})
        dates[column] = max(dates.get(column, document.issued), document.issued)
    return result


def parties(world: World) -> Iterator[Row]:
    """io_clifor_gen: customers, the template customers and the suppliers."""
    last = _last_dates(world.documents)
    return (party_row(party, world.company, last.get(party.code)) for party in world.parties)


def agent_link_row(kind: int, code: str, agent: str, company: str) -> Row:
    """io_clifor_age: one customer-agent link."""
    return {"CHIAVE": row_key(company, kind, code, agent), "TIPO_CLIFOR": kind, "COD_CLIFOR": code, "COD_AGE": agent}


def agent_links(world: World) -> Iterator[Row]:
    """io_clifor_age: every customer to its agent; the template customers to every agent."""
    for party in world.customers:
        for agent in ([a.code for a in world.agents] if party.template else [party.agent]):
            yield agent_link_row(party.kind, party.code, agent, world.company)


def destinations(world: World) -> Iterator[Row]:
    """io_clifor_dest: the customer's own address (001) and any other delivery points."""
    for party in world.customers:
        for dest in party.destinations:
            yield {"CHIAVE": row_key(world.company, party.kind, party.code, dest.code), "TIPO_CLIFOR": party.kind,
                   "COD_CLIFOR": party.code, "PREFERENZIALE": 1 if dest.preferred else 0, "COD_DEST": dest.code,
                   "RAG_SOC_DEST": dest.name, "INDIRIZZO": dest.street, "CAP": dest.city.postcode,
                   "CITTA": dest.city.name, "PROVINCIA": dest.city.province, "STAMPA_PREF_DOC": "DDT",
                   "TELEFONO": dest.phone, "MAIL": party.email if dest.preferred else None,
                   "NOTE_DEST": dest.note}


def notes(world: World) -> Iterator[Row]:
    """io_clifor_note: notes on about four customers in ten, some on several lines."""
    rng = random.Random(f"{world.seed}:notes")
    texts = reference()
    for party in world.regular_customers:
        if rng.random() >= 0.4:
            continue
        for number in range(1, rng.randint(1, 3) + 1):
            yield {"CHIAVE": row_key(world.company, party.kind, party.code, number), "TIPO_CLIFOR": party.kind,
                   "COD_CLIFOR": party.code, "PROGRESSIVO": number, "TIPO_NOTA": rng.choice(texts["note_kinds"]),
                   "NOTA": rng.choice(texts["notes"])}


def blocks(world: World) -> Iterator[Row]:
    """io_clifor_blo: a few blocked customers (at least one)."""
    rng = random.Random(f"{world.seed}:blocks")
    regular = world.regular_customers
    blocked = rng.sample(regular, max(1, len(regular) // 30)) if regular else []
    for party in sorted(blocked, key=lambda p: p.code):
        code, kind, text = rng.choice(reference()["block_reasons"])
        yield {"CHIAVE": row_key(world.company, party.kind, party.code, code), "TIPO_CLIFOR": party.kind,
               "COD_CLIFOR": party.code, "COD_BLOCCO": code, "TIPO_BLOCCO": kind, "NOTA_BLOCCO": text,
               "DATA_BLOCCO": world.as_of - timedelta(days=rng.randrange(1, 90))}


def contacts(world: World) -> Iterator[Row]:
    """io_clifor_detcon: the owner or a buyer for about half the customers."""
    rng = random.Random(f"{world.seed}:contacts")
    texts = reference()
    number = 0
    for party in world.regular_customers:
        if rng.random() >= 0.5:
            continue
        domain = party.email.split("@")[1]
        for position in range(rng.randint(1, 2)):
            number += 1
            owner = party.owner if position == 0 else None
            surname = owner.surname if owner else rng.choice(italy()["surnames"])
            name = owner.name if owner else rng.choice(italy()["first_names"]["M" if rng.random() < 0.6 else "F"])
            yield {"CHIAVE": row_key(world.company, party.kind, party.code, number), "TIPO_CLIFOR": party.kind,
                   "COD_CLIFOR": party.code, "ID_CONTATTO": number,
                   "TIPO_CONTATTO": "Titolare" if owner else rng.choice(texts["contact_roles"]),
                   "PREF": 1 if position == 0 else 0, "COGNOME": surname, "NOME": name,
                   "INDIRIZZO": party.street, "CAP": party.city.postcode, "CITTA": party.city.name,
                   "PR": party.city.province, "ORARIO_LAVORO": rng.choice(texts["working_hours"]),
                   "TELEFONO1": party.phone, "CELLULARE1": party.mobile,
                   "EMAIL1": f"{slug(name)}.{slug(surname)}@{domain}",
                   "NOTE": "Preferisce essere contattato via e-mail.\nNon chiamare il sabato." if position else None}


def visits(world: World) -> Iterator[Row]:
    """io_clifor_girovisita: each customer's weekday in its agent's round, in visiting order."""
    rng = random.Random(f"{world.seed}:visits")
    sequence: dict[tuple[str, int], int] = {}
    for party in world.regular_customers:
        weekday = rng.randint(1, 5)
        sequence[(party.agent, weekday)] = sequence.get((party.agent, weekday), 0) + 1
        days_back = (world.as_of.isoweekday() - weekday) % 7 + 7 * rng.randint(0, 3)
        last_visit = world.as_of - timedelta(days=days_back)
        yield {"CHIAVE": row_key(world.company, party.code, party.agent, "001"), "COD_CLIFOR": party.code,
               "COD_AGE": party.agent, "COD_DEST": "001", "GG_VISITA": weekday,
               "SEQUENZA": sequence[(party.agent, weekday)], "GG_ULT_VISITA": last_visit.isoweekday(),
               "DAT_ULT_VISITA": last_visit}


def operator_links(world: World) -> Iterator[Row]:
    """io_clifor_oper: each customer to its agent as CRM operator."""
    for party in world.regular_customers:
        yield {"CHIAVE": row_key(world.company, party.kind, party.code, party.agent), "TIPO_CLIFOR": party.kind,
               "COD_CLIFOR": party.code, "COD_OPERATORE": party.agent}
