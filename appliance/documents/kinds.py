"""The kinds of documents a device uploads, and their record shapes from connector_api.json.

A device sends each document in the shape the connector later receives it
(`TestataOrdineExport`, `TestataCf`, ...), plus `guid`, the id the app generated for
it. The fields the server owns (ids, agent and operator code, user, project, import
time) are set from the session and ignored when a device sends them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record type: its JSON type (string, number, datetime, list<T>) and whether null is allowed."""

    name: str
    json_type: str
    nullable: bool
    note: str = ""

    @property
    def item_type(self) -> str | None:
        """For list<T> fields, T."""
        return self.json_type[5:-1] if self.json_type.startswith("list<") else None


@dataclass(frozen=True)
class Kind:
    """A document kind: the URL name, the record type, its queue and the fields a device must fill."""

    name: str
    record: str
    queue: str
    required: tuple[str, ...]
    one_of: tuple[tuple[str, ...], ...] = ()  # at least one field of each group must be filled


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("orders", "TestataOrdineExport", "orders", (), (("cod_clifor", "clienti"),)),
    Kind("customers", "TestataCf", "customers", (), (("ragione_sociale", "cod_cliente"),)),
    Kind("customer-notes", "TestataCfNote", "customer_notes", ("cod_cliente", "nota")),
    Kind("leads", "TestataLeadsExport", "leads", (), (("descrizione1", "cod_lead"),)),
    Kind("lead-notes", "TestataLeadsNoteExport", "lead_notes", ("cod_lead", "nota")),
    Kind("activities", "TestataAttivita", "activities", ("cod_tipo_attivita",), (("cod_lead", "cod_attivita"),)),
)}

# Fields of nested records a device must fill.
REQUIRED_IN = {"RigaOrdineExport": ("qta",), "Clienti": ("ragione_sociale",)}
ONE_OF_IN = {"RigaOrdineExport": (("codice_articolo", "descrizione_riga"),)}

# Set by the server from the session; a device's values for them are ignored.
SERVER_FIELDS = frozenset({"id", "unique_id", "data_import", "utente", "cod_agente", "cod_operatore", "cod_prog",
                           "cod_cliente_utente"})
GUID_FIELD = "guid"
ORDER_GUID_FIELD = "guid_test_ord"


@lru_cache(maxsize=1)
def record_types() -> dict[str, dict[str, FieldSpec]]:
    """Every record type of connector_api.json: name -> {field name -> FieldSpec}."""
    text = resources.files("appliance.exchange").joinpath("data/connector_api.json").read_text("utf-8")
    data = json.loads(text)["record_types"]
    return {name: {f["name"]: FieldSpec(f["name"], f["json_type"], f["nullable"], f.get("note_en", ""))
                   for f in spec["fields"]} for name, spec in data.items()}


def kind_named(name: str) -> Kind | None:
    return KINDS.get(name)
