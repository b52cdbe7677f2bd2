"""Documents from the devices as an operator reads them: what each is about, its lines, its payload."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from appliance.clock import iso
from appliance.errors import InvalidInputError
from appliance.store.db import Store
from appliance.store.documents import upload_body

# The fields that say what a document is about, first filled one wins.
SUBJECT_FIELDS = {
    "orders": ("cod_clifor",),
    "customers": ("ragione_sociale", "cod_cliente"),
    "customer-notes": ("cod_cliente",),
    "leads": ("descrizione1", "cod_lead"),
    "lead-notes": ("cod_lead",),
    "activities": ("des_oggetto", "cod_tipo_attivita"),
}
# Order line fields shown in the console's line table, in this order.
LINE_FIELDS = ("id", "codice_articolo", "descrizione_riga", "qta", "cod_um_1", "prezzo", "sconto_1", "sconto_2",
               "data_consegna_riga", "note")


def subject(kind: str, document: dict) -> str:
    """What a document is about: the customer, lead or object it names (a new customer's name for orders)."""
    for name in SUBJECT_FIELDS.get(kind, ()):
        if document.get(name):
            return str(document[name])
    new_customers = document.get("clienti") or []
    return str(new_customers[0].get("ragione_sociale") or "") if new_customers else ""


def header_fields(document: dict) -> dict:
    """The document's own filled fields without its nested records (lines, new customers)."""
    return {name: value for name, value in document.items()
            if value not in (None, "", [], {}) and not isinstance(value, (list, dict))}


def raw_payload(store: Store, upload_id: int) -> str:
    """The request body the document came in, indented when it is JSON."""
    body = upload_body(store, upload_id).decode("utf-8", "replace")
    try:
        return json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except ValueError:
        return body


def day_range(first: str, last: str) -> tuple[str | None, str | None]:
    """ISO UTC bounds for the local days `first`..`last` (YYYY-MM-DD, either may be empty)."""
    def start(text: str, extra: int) -> str | None:
        if not text:
            return None
        try:
            day = date.fromisoformat(text) + timedelta(days=extra)
        except ValueError:
            raise InvalidInputError(f"'{text}' is not a date (YYYY-MM-DD).") from None
        return iso(datetime.combine(day, time()).astimezone())
    return start(first, 0), start(last, 1)
