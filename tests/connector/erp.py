"""A running appliance seen from the ERP's side: uploads from agents, pulls and acknowledgements from connectors.

The ERP data is the device tests' small export (tests/device/world.py) with articles that
have families, perishability codes and descriptions, and customers with payment codes:

| article | family | perishability | description |
| --- | --- | --- | --- |
| ART1 | FRU | P62 | Zucchine |
| ART2 | SEC | (none) | Albicocche secche |
| ART3 | FRU | P62 | Mele |
| ART4 | SEC | (none) | Biscotti |

Customer C1 pays RB60, C3 pays RB90.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import requests

from appliance.accounts import set_param
from appliance.connector.key import connector_key
from appliance.demo.datfile import write_rows
from appliance.documents.canonical import write_json
from tests.device.conftest import PROJECT, DeviceApi
from tests.device.world import parties, write_world

SPEC = json.loads((Path(__file__).resolve().parents[2] / "appliance" / "exchange" / "data" /
                   "connector_api.json").read_text(encoding="utf-8"))
ARTICLES = {"ART1": ("FRU", "P62", "Zucchine"), "ART2": ("SEC", "", "Albicocche secche"),
            "ART3": ("FRU", "P62", "Mele"), "ART4": ("SEC", "", "Biscotti")}
PAYMENT = {"C1": "RB60", "C3": "RB90"}
QUEUE_PATHS = {"orders": "codaOrdini", "customers": "codaClienti", "customer-notes": "codaClienteNote",
               "leads": "codaLeads", "lead-notes": "codaLeadNote", "activities": "codaAttivita"}


def write_erp_world(folder: Path) -> Path:
    """The device tests' export with this module's articles and payment codes."""
    write_world(folder)
    write_rows(folder / "io_art.dat", "io_art", [
        {"CHIAVE": f"1_{code}", "COD_ART": code, "COD_FAM": family, "COD_DEPERIBILITA": perishable or None,
         "DES_ART": description, "UM1": "PZ"} for code, (family, perishable, description) in ARTICLES.items()])
    rows = parties()
    for row in rows:
        if row["TIPO_CLIFOR"] == 0 and row["COD_CLIFOR"] in PAYMENT:
            row["COD_CONDPAG"] = PAYMENT[row["COD_CLIFOR"]]
    write_rows(folder / "io_clifor_gen.dat", "io_clifor_gen", rows)
    return folder


def order(guid: str = "ord-0001-aaaa", lines: list | None = None, **fields) -> dict:
    """An order of customer C1; lines are (article, qty, extra fields) or ready dicts."""
    rows = []
    for line in lines if lines is not None else [("ART1", 3), ("ART2", 10)]:
        if isinstance(line, dict):
            rows.append(line)
        else:
            rows.append({"codice_articolo": line[0], "qta": line[1], **(line[2] if len(line) > 2 else {})})
    return {"guid": guid, "cod_clifor": "C1", "cod_ditta": "1", "data_ordine": "2026-03-02", "righe": rows, **fields}


class Erp:
    """The appliance plus what an ERP integrator and the agents do with it."""

    def __init__(self, api: DeviceApi):
        self.api = api
        self.store = api.store
        self.settings = api.settings
        self.url = api.url

    @property
    def key(self) -> str:
        return connector_key(self.settings.paths)

    @property
    def appmanager(self) -> Path:
        return self.settings.exchange / "appmanager"

    def param(self, key: str, value) -> None:
        set_param(self.store, key, str(value).lower() if isinstance(value, bool) else str(value))

    def upload(self, kind: str, document: dict, user: str = "mrossi") -> dict:
        reply = self.api.post(f"/api/v1/documents/{kind}", user, data=write_json(document).encode("utf-8"),
                              headers={"Content-Type": "application/json"})
        assert reply.status_code in (200, 201), reply.text
        return reply.json()

    def pull(self, path: str, params: list[tuple[str, str]] | dict | None = None, project: str = PROJECT,
             **kwargs) -> requests.Response:
        """GET the compatible API; `params` in the order given, empty values included."""
        if params is None:
            params = {"authKey": self.key, "format": "json"}
        return requests.get(f"{self.url}/v1/progetti/{project}/exportPaginazione/{path}", params=params, timeout=30,
                            **kwargs)

    def amhelper(self, kind: str, last_id: int = 0, *, path: str | None = None, limit: int | None = None,
                 count: int = 0) -> requests.Response:
        """The request AMHelper makes for a queue: its parameters, in its order, the null ones sent empty."""
        spec = next(q for q in SPEC["queues"].values() if q["path_amhelper"].endswith("/" + QUEUE_PATHS[kind]))
        sends = spec["amhelper_sends"]
        values = {"authKey": self.key, "format": "json", "offset": "0", "count": str(count), "lastID": str(last_id),
                  "limit": str(limit if limit is not None else sends["limit"]), "lastDateImport": "",
                  "statusExport": ""}
        params = [(name, values[name]) for name in sends
                  if not (name == "limit" and limit is None and not isinstance(sends[name], int))]
        return self.pull(path or QUEUE_PATHS[kind], params)

    def records(self, kind: str, last_id: int = 0) -> list[dict]:
        """Every record of a queue after `last_id`, paging as a connector does (numbers as Decimal)."""
        found = []
        while True:
            reply = self.amhelper(kind, last_id)
            assert reply.status_code == 200, reply.text
            body = json.loads(reply.text, parse_float=Decimal)
            page = body[SPEC["queues"][_queue(kind)]["list_key"]]
            if not page:
                return found
            found += page
            last_id = page[-1]["id"]

    def plain(self, kind: str, key: str | None = None, **params) -> requests.Response:
        return requests.get(f"{self.url}/api/connector/v1/{kind}", params=params, timeout=30,
                            headers={"Authorization": "Bearer " + (key or self.key)})

    def ack(self, kind: str, body, key: str | None = None) -> requests.Response:
        return requests.post(f"{self.url}/api/connector/v1/{kind}/ack", json=body, timeout=30,
                             headers={"Authorization": "Bearer " + (key or self.key)})

    def status(self, user: str = "mrossi", **params) -> dict:
        reply = self.api.get("/api/v1/documents/orders", user, params=params)
        assert reply.status_code == 200, reply.text
        return reply.json()

    def document_id(self, guid: str) -> int:
        return self.store.scalar("SELECT id FROM documents WHERE guid = ?", (guid,))

    def legacy_files(self) -> list[str]:
        return sorted(p.name for p in self.appmanager.iterdir()) if self.appmanager.exists() else []


def _queue(kind: str) -> str:
    return {"customer-notes": "customer_notes", "lead-notes": "lead_notes"}.get(kind, kind)
