"""Rows of the CRM files: leads, their notes, contacts, access rights, quotations and discounts,
and the marketing campaigns.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from typing import Iterator

from appliance.demo.catalog import Article
from appliance.demo.datfile import row_key
from appliance.demo.italian_ids import coordinate
from appliance.demo.people import Lead, slug
from appliance.demo.wordlists import province_name, reference
from appliance.demo.world import World

Row = dict[str, object]
YES, NO = "-1", "0"
MILLI = Decimal("0.001")
CENT = Decimal("0.01")
QUOTATION_STATUS = "OFF"


def leads(world: World) -> Iterator[Row]:
    """io_leads: every lead."""
    price_lists = {code: name for code, name, _ in reference()["price_lists"]}
    for lead in world.leads:
        contacted = lead.status[0] != "NEW"
        yield {"CHIAVE": row_key(world.company, lead.code), "COD_LEAD": lead.code, "DESCRIZIONE1": lead.name,
               "INDIRIZZO": lead.street, "CITTA": lead.city.name, "CAP": lead.city.postcode,
               "PROVINCIA": lead.city.province, "DES_PROVINCIA": province_name(lead.city.province), "NAZIONE": "Italia",
               "DES_NOTE": f"Segnalato da {lead.agent}.", "PARTITA_IVA": lead.vat, "TELEFONO": lead.phone,
               "EMAIL": lead.email, "LATITUDINE": coordinate(lead.city.latitude),
               "LONGITUDINE": coordinate(lead.city.longitude), "FLG_MOD_NEL_DISP": -1,
               "COD_STATUS": lead.status[0], "STATUS": lead.status[1], "COD_CATEGORIA": lead.category[1],
               "CATEGORIA": lead.category[2], "COD_ZONA": lead.city.province,
               "ZONA": f"{province_name(lead.city.province)} e provincia",
               "DATA_ULT_OFFERTA": lead.created + timedelta(days=3) if lead.status[0] == QUOTATION_STATUS else None,
               "DATA_CREAZIONE": lead.created, "COD_LISTINO": lead.price_list,
               "LISTINO": price_lists[lead.price_list], "FLG_PRIVACY": YES,
               "DES_PRIVACY": "Consenso al trattamento dei dati", "FLG_CONTATTATO": YES if contacted else NO,
               "DES_CONTATTATO": "Contattato", "FLG_NON_INTERESSATO": YES if lead.status[0] == "PER" else NO,
               "DES_NON_INTERESSATO": "Non interessato"}


def lead_notes(world: World) -> Iterator[Row]:
    """io_lead_note: one to three notes per lead."""
    rng = random.Random(f"{world.seed}:lead-notes")
    texts = reference()
    for lead in world.leads:
        for number in range(1, rng.randint(1, 3) + 1):
            yield {"CHIAVE": row_key(world.company, lead.code, number), "COD_LEAD": lead.code,
                   "PROGRESSIVO": number, "TIPO_NOTA": rng.choice(texts["lead_note_kinds"]),
                   "NOTA": rng.choice(texts["lead_notes"])}


def lead_access(world: World) -> Iterator[Row]:
    """io_lead_accessi: the lead's agent may edit it, the sales director may see it."""
    director, _ = reference()["director"]
    for lead in world.leads:
        for operator, may_edit in ((lead.agent, YES), (director, NO)):
            yield {"CHIAVE": row_key(world.company, operator, lead.code), "COD_OPERATORE": operator,
                   "COD_LEAD": lead.code, "FLG_VISUALIZZA": YES, "FLG_MODIFICA": may_edit}


def operator_hierarchy(world: World) -> Iterator[Row]:
    """io_lead_acccrm: the sales director sees and edits every agent's CRM data."""
    director, _ = reference()["director"]
    for agent in world.agents:
        yield {"CHIAVE": row_key(world.company, director, agent.code), "COD_OPERATORE": director,
               "COD_OPERATORE_FIGLIO": agent.code, "FLG_VISUALIZZA": YES, "FLG_MODIFICA": YES}


def lead_contacts(world: World) -> Iterator[Row]:
    """io_lead_detcon: the person to talk to at each lead."""
    for lead in world.leads:
        person = lead.contact
        yield {"CHIAVE": row_key(world.company, lead.code, 1), "COD_LEAD": lead.code, "COD_CONTATTO": "1",
               "TIPO_CONTATTO": "Titolare", "COGNOME": person.surname, "NOME": person.name,
               "INDIRIZZO": lead.street, "CAP": lead.city.postcode, "CITTA": lead.city.name,
               "PROVINCIA": lead.city.province, "TELEFONO": lead.phone,
               "EMAIL": f"{slug(person.name)}.{slug(person.surname)}@{lead.email.split('@')[1]}"}


def _quoted(world: World) -> list[Lead]:
    return [lead for lead in world.leads if lead.status[0] == QUOTATION_STATUS]


def _quotation_key(world: World, lead: Lead) -> str:
    return row_key(world.company, "OFF", lead.code, 1)


def _quotation_lines(world: World, lead: Lead) -> list[tuple[int, Article, int, Decimal]]:
    rng = random.Random(f"{world.seed}:quotation:{lead.code}")
    picked = rng.sample(world.articles, min(rng.randint(2, 5), len(world.articles)))
    return [(10 * (n + 1), article, rng.randint(1, 10), (article.price * Decimal("0.95")).quantize(MILLI))
            for n, article in enumerate(picked)]


def quotations(world: World) -> Iterator[Row]:
    """io_lead_testoff: one quotation per lead whose status says an offer was sent."""
    terms = {code: name for code, name, *_ in reference()["payment_terms"]}
    price_lists = {code: name for code, name, _ in reference()["price_lists"]}
    opportunity = reference()["opportunities"][0]
    for lead in _quoted(world):
        sent = lead.created + timedelta(days=3)
        total = sum((price * quantity for _, _, quantity, price in _quotation_lines(world, lead)), Decimal(0))
        yield {"CHIAVE": _quotation_key(world, lead), "COD_LEAD": lead.code, "ANNO": str(sent.year),
               "SERIE": "OF", "NUMERO": lead.code[2:], "REVISIONE": "0", "DATA": sent,
               "REFERENTE": f"{lead.contact.name} {lead.contact.surname}", "RIFERIMENTO": "Visita commerciale",
               "OGGETTO": "Offerta prodotti per la ristorazione", "COD_OPPORTUNITA": opportunity[0],
               "DES_OPPORTUNITA": opportunity[1], "GG_VALIDITA": 30, "COD_TIPO_OPERAZIONE": "VEN",
               "DES_TIPO_OPERAZIONE": "Vendita", "COD_LISTINO": lead.price_list,
               "DES_LISTINO": price_lists[lead.price_list], "COD_PAGAMENTO": "BB30", "DES_PAGAMENTO": terms["BB30"],
               "DATA_CONSEGNA": sent + timedelta(days=10), "GG_CONSEGNA": 10, "DES_CONSEGNA": "Franco destino",
               "RILASCIATO": YES, "STAMPATO": YES, "CONFERMATO": NO, "RIFIUTATO": NO, "EVASO": NO,
               "ANNULLATO": NO, "CHIUSO": NO, "NOTE": "Prezzi IVA esclusa.\nTrasporto incluso sopra i 300 euro.",
               "COD_VALUTA": "EUR", "TOTALE_OFFERTA": total.quantize(CENT)}


def quotation_lines(world: World) -> Iterator[Row]:
    """io_lead_righoff: the lines of each quotation."""
    for lead in _quoted(world):
        header = _quotation_key(world, lead)
        for number, article, quantity, price in _quotation_lines(world, lead):
            yield {"CHIAVE": row_key(header, number), "CHIAVE_TESTATA": header, "COD_LEAD": lead.code,
                   "PRG_RIGA": number, "COD_RIGA": article.code, "DES_RIGA": article.description,
                   "COD_UM": article.unit, "QTA": quantity, "PRZ_LORDO": article.price, "PRZ_NETTO": price,
                   "COD_VALUTA": "EUR", "IMPORTO": (price * quantity).quantize(CENT), "SC_1": 5}


def lead_discounts(world: World) -> Iterator[Row]:
    """io_lead_sconti: an opening discount on one article class for each quoted lead."""
    classes = reference()["article_classes"]
    for lead in _quoted(world):
        article_class, name = classes[0]
        yield {"CHIAVE": row_key(world.company, lead.code, article_class), "COD_LEAD": lead.code,
               "CLASSE_ARTICOLO": article_class, "DES_CLASSE_ARTICOLO": name, "DATA_INIZIO": lead.created,
               "DATA_FINE": lead.created + timedelta(days=90), "SCONTO1": 5, "TIPO_SCONTO1": "C", "PRIORITA": 10}


def campaigns(world: World) -> Iterator[Row]:
    """io_campagne: the marketing campaigns."""
    for code, name in reference()["campaigns"]:
        yield {"CHIAVE": row_key(world.company, code), "COD_CAMPAGNA": code, "DES_CAMPAGNA": name}


def campaign_operators(world: World) -> Iterator[Row]:
    """io_campagne_operatore: every agent takes part in every campaign."""
    for code, _ in reference()["campaigns"]:
        for agent in world.agents:
            yield {"CHIAVE": row_key(world.company, code, agent.code), "COD_CAMPAGNA": code,
                   "COD_OPERATORE": agent.code}
