"""Rows of the files that describe the past: document headers and lines, article history per
customer, last sale prices, payment due items and monthly turnover.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Iterator

from appliance.demo.datfile import row_key
from appliance.demo.documents import Document, DocumentLine, due_items
from appliance.demo.world import World

Row = dict[str, object]
LAST_SALES_KEPT = 3
TURNOVER_MONTHS = 24
# Food service sells more in summer and at Christmas.
SEASON = (0.8, 0.8, 0.9, 1.0, 1.1, 1.3, 1.4, 1.3, 1.0, 0.9, 1.0, 1.4)


def document_headers(world: World) -> Iterator[Row]:
    """io_clifor_testdoc: one header per past document."""
    for doc in world.documents:
        invoice_date, invoice_number = doc.invoice or (None, None)
        yield {"CHIAVE": row_key(world.company, doc.registration), "TIPO_CLIFOR": doc.customer.kind,
               "COD_CLIFOR": doc.customer.code, "COD_TIPODOC": doc.kind.code, "COD_STIPODOC": doc.kind.subcode,
               "FLGDAEVADERE": -1 if doc.to_fulfil else 0, "DATADOC": doc.issued, "NUMREG": doc.registration,
               "TIPODOC": doc.kind.erp_type, "TIPO": doc.kind.name, "SOTTOTIPO": doc.kind.subname,
               "NUM_DOC": str(doc.number), "COD_VALUTA": "EUR", "VALUTA": "EUR", "TOTALEDOC": doc.total,
               "TIPOSTATO_DOC": doc.status[0], "DESSTATO_DOC": doc.status[1], "DATA_FATTURA": invoice_date,
               "NUM_FATTURA": invoice_number, "DATA_CONFERMA": doc.issued if doc.kind.code == 1 else None,
               "DES_DOC": f"{doc.kind.name} n. {doc.number} del {doc.issued:%d/%m/%Y}"}


def document_lines(world: World) -> Iterator[Row]:
    """io_clifor_righdoc: the lines of every past document."""
    for doc in world.documents:
        for line in doc.lines:
            yield {"CHIAVE": row_key(world.company, doc.registration, line.number), "NUM_REG": doc.registration,
                   "DATA_DOC": doc.issued, "PRG_RIGA": line.number, "COD_RIGA": line.article.code,
                   "DES_RIGA": line.article.description, "COD_UM": line.article.unit, "QTA": line.quantity,
                   "PRZ_LORDO": line.gross_price, "PRZ_NETTO": line.net_price, "COD_VALUTA": "EUR",
                   "IMPORTO": line.amount, "SC_1": line.discounts[0], "SC_2": line.discounts[1],
                   "DATA_CONFERMA": doc.issued if doc.kind.code == 1 else None, "TIPO_CLIFOR": doc.customer.kind,
                   "COD_CLIFOR": doc.customer.code}


def _lines_by_date(world: World) -> list[tuple[Document, DocumentLine]]:
    return [(doc, line) for doc in world.documents for line in doc.lines]


def article_history(world: World) -> Iterator[Row]:
    """io_stoart: per customer and article, how often it was bought and the last purchase."""
    history: dict[tuple[str, str], list[tuple[Document, DocumentLine]]] = {}
    for doc, line in _lines_by_date(world):
        history.setdefault((doc.customer.code, line.article.code), []).append((doc, line))
    for (customer, article_code), bought in sorted(history.items()):
        doc, line = bought[-1]
        article = line.article
        factor = article.factor
        yield {"CHIAVE": row_key(world.company, customer, article_code), "COD_CLIFOR": customer,
               "COD_ART": article_code, "DESC_ARTICOLO": article.description, "NUM_RIGHE": len(bought),
               "ULT_NUM_REG": doc.registration, "ULT_PROG_RIGA": line.number, "ULT_QTA": line.quantity,
               "ULT_PRZ": line.net_price, "ULT_UM": article.unit,
               "ULT_QTA2": line.quantity * factor if factor else None,
               "ULT_PRZ2": line.net_price / factor if factor else None, "ULT_UM2": article.second_unit,
               "COD_DEST": doc.destination, "ULT_SC_PER1": line.discounts[0], "ULT_SC_PER2": line.discounts[1],
               "ULT_DATA": doc.issued}


def sale_prices(world: World) -> Iterator[Row]:
    """io_art_ultven: the last three sales of every article sold, newest first."""
    sales: dict[str, list[tuple[Document, DocumentLine]]] = {}
    for doc, line in _lines_by_date(world):
        sales.setdefault(line.article.code, []).append((doc, line))
    for article_code, sold in sorted(sales.items()):
        for number, (doc, line) in enumerate(reversed(sold[-LAST_SALES_KEPT:]), start=1):
            yield {"CHIAVE": row_key(world.company, article_code, number), "COD_ART": article_code,
                   "PROG": number, "VALUTA": "EUR", "PRZ": line.net_price, "DATA_DOC": doc.issued,
                   "NUM_DOC": doc.number, "COD_CLFOR": doc.customer.code}


def payments_due(world: World) -> Iterator[Row]:
    """io_clifor_scadoc: the instalments of every invoice, open or paid."""
    for item in due_items(world.seed, world.documents, world.as_of):
        doc = item.document
        invoice_date, invoice_number = doc.invoice
        yield {"CHIAVE": row_key(world.company, doc.registration, item.instalment), "NUM_REG": doc.registration,
               "COD_RATA": str(item.instalment), "DAT_SCAD": item.due, "IMPORTO": item.amount,
               "DES_TIPO": item.payment_type, "DES_STATO": "Aperta" if item.open else "Chiusa",
               "DES_OPERAZIONE": f"Incasso fattura {invoice_number}",
               "DES_BANCA_AGENZIA": f"{doc.customer.bank} - Filiale di {doc.customer.city.name}",
               "DES_SCAD": f"Rata {item.instalment}/{item.of} scad. {item.due:%d/%m/%Y}",
               "COD_CLIFOR": doc.customer.code, "TIPO_CLIFOR": doc.customer.kind, "DATA_DOC": invoice_date,
               "NUM_DOC": invoice_number, "COD_VALUTA": "EUR"}


def turnover(world: World) -> Iterator[Row]:
    """io_clifor_fatt: two years of monthly turnover per customer, with the food-service season."""
    rng = random.Random(f"{world.seed}:turnover")
    for party in world.regular_customers:
        base = rng.uniform(400, 6000)
        year, month = world.as_of.year, world.as_of.month
        for _ in range(TURNOVER_MONTHS):
            amount = Decimal(str(round(base * SEASON[month - 1] * rng.uniform(0.7, 1.3), 2)))
            yield {"CHIAVE": row_key(world.company, party.kind, party.code, year, f"{month:02d}"),
                   "TIPO_CLIFOR": party.kind, "COD_CLIFOR": party.code, "ANNO": year, "MESE": month,
                   "COD_VALUTA": "EUR", "FATTURATO": amount}
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
