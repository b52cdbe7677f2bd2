"""A year of past sales documents (orders, delivery notes, invoices) and what follows from them.

Document headers and lines, the per-customer article history, the last sale prices and
the payment due items are all derived from the same documents, so they agree with each
other the way an ERP's tables do.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from appliance.demo.catalog import Article
from appliance.demo.people import Party
from appliance.demo.wordlists import reference

CENT = Decimal("0.01")
MILLI = Decimal("0.001")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class DocumentKind:
    """The ERP's document type codes and names."""

    code: int
    subcode: int
    erp_type: str
    name: str
    subname: str


ORDER = DocumentKind(1, 1, "ORC", "Ordine", "Ordine cliente")
DELIVERY_NOTE = DocumentKind(2, 1, "DDT", "DDT", "DDT di vendita")
INVOICE = DocumentKind(3, 1, "FTV", "Fattura", "Fattura immediata")


@dataclass(frozen=True)
class DocumentLine:
    """One line of a past document."""

    number: int
    article: Article
    quantity: Decimal
    gross_price: Decimal
    discounts: tuple[Decimal, Decimal]
    net_price: Decimal
    amount: Decimal


@dataclass
class Document:
    """A past document of a customer."""

    kind: DocumentKind
    issued: date
    customer: Party
    destination: str
    lines: list[DocumentLine]
    registration: str = ""
    number: int = 0
    status: tuple[int, str] = (2, "Evaso")
    to_fulfil: bool = False
    invoice: tuple[date, str] | None = None

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def year(self) -> int:
        return self.issued.year


@dataclass(frozen=True)
class DueItem:
    """One instalment of an invoice."""

    document: Document
    instalment: int
    of: int
    due: date
    amount: Decimal
    payment_type: str
    open: bool


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _line(rng: random.Random, number: int, article: Article, customer: Party, list_factor: Decimal) -> DocumentLine:
    if article.unit == "KG":
        quantity = Decimal(rng.randint(4, 120)) / 2
    else:
        quantity = Decimal(rng.choice([1, 1, 2, 2, 3, 4, 5, 6, 10, 12, 20]))
    gross = (article.price * list_factor).quantize(MILLI)
    first = Decimal(customer.discounts[0]) if customer.discounts else Decimal(0)
    second = Decimal(customer.discounts[1]) if len(customer.discounts) > 1 else Decimal(0)
    net = (gross * (1 - first / HUNDRED) * (1 - second / HUNDRED)).quantize(MILLI)
    return DocumentLine(number, article, quantity, gross, (first, second), net, (quantity * net).quantize(CENT))


def _documents_of(rng: random.Random, customer: Party, articles: list[Article], as_of: date) -> list[Document]:
    factors = {code: Decimal(str(factor)) for code, _, factor in reference()["price_lists"]}
    usual = rng.sample(articles, min(12, len(articles)))
    documents = []
    for _ in range(rng.choice([0, 1, 2, 2, 3, 3, 4])):
        age = rng.randrange(1, 365)
        kind = ORDER if age < 20 else rng.choice([DELIVERY_NOTE, INVOICE, INVOICE])
        picked = rng.sample(usual, rng.randint(2, min(8, len(usual)))) if len(usual) > 1 else usual
        lines = [_line(rng, 10 * (n + 1), article, customer, factors[customer.price_list])
                 for n, article in enumerate(picked)]
        destination = rng.choice(customer.destinations).code
        documents.append(Document(kind, as_of - timedelta(days=age), customer, destination, lines))
    return documents


def _settle(document: Document, as_of: date, invoice_numbers: dict[int, int]) -> None:
    """Status and invoice of a document, given its age."""
    if document.kind is ORDER:
        document.to_fulfil = (as_of - document.issued).days < 7
        document.status = (0, "Da evadere") if document.to_fulfil else (2, "Evaso")
    elif document.kind is INVOICE:
        document.status = (2, "Contabilizzata")
        document.invoice = (document.issued, str(document.number))
    elif _month_end(document.issued) < as_of:
        invoice_numbers[document.year] = invoice_numbers.get(document.year, 0) + 1
        document.status = (2, "Fatturato")
        document.invoice = (_month_end(document.issued), f"{invoice_numbers[document.year]}/D")
    else:
        document.status = (1, "Da fatturare")


def build_documents(seed: int, customers: list[Party], articles: list[Article], as_of: date) -> list[Document]:
    """The documents of the last year for every non-template customer, numbered in date order."""
    rng = random.Random(f"{seed}:documents")
    documents = []
    for customer in customers:
        if not customer.template and articles:
            documents.extend(_documents_of(rng, customer, articles, as_of))
    documents.sort(key=lambda d: (d.issued, d.customer.code))
    numbers: dict[tuple[str, int], int] = {}
    invoice_numbers: dict[int, int] = {}
    for sequence, document in enumerate(documents, start=1):
        series = (document.kind.erp_type, document.year)
        numbers[series] = numbers.get(series, 0) + 1
        document.number = numbers[series]
        document.registration = f"{document.year}{sequence:06d}"
        _settle(document, as_of, invoice_numbers)
    return documents


def due_items(seed: int, documents: list[Document], as_of: date) -> list[DueItem]:
    """Instalments of every invoiced document, by the customer's payment terms; a few overdue."""
    rng = random.Random(f"{seed}:due")
    terms = {code: (offsets, payment_type) for code, _, _, payment_type, offsets, _ in reference()["payment_terms"]}
    items = []
    for document in documents:
        if document.invoice is None:
            continue
        invoiced, _ = document.invoice
        offsets, payment_type = terms[document.customer.payment]
        share = (document.total / len(offsets)).quantize(CENT)
        for number, offset in enumerate(offsets, start=1):
            due = invoiced + timedelta(days=offset)
            if document.customer.payment.startswith("RB"):
                due = _month_end(due)
            amount = share if number < len(offsets) else document.total - share * (len(offsets) - 1)
            still_open = due >= as_of or rng.random() < 0.05
            items.append(DueItem(document, number, len(offsets), due, amount, payment_type, still_open))
    return items
