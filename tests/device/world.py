"""A small, hand-made ERP export that covers every kind of scope.

Agents A1 and A2. Customers C1, C2 (agent A1), C3 (agent A2); template customers T1 (no
agent: everyone's) and T2 (linked to A2 only: his). Supplier C1 (TIPO_CLIFOR 1) has the
same code as customer C1 and is nobody's customer. Price rows: general ones (empty
customer) and per-customer ones. Leads L1 (operator OP2) and L2 (OP9). Agent A2 has
catalog K1 with article ART1 only; A1 has no catalog.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from appliance.demo.datfile import write_rows

CUSTOMERS = {"C1": "A1", "C2": "A1", "C3": "A2"}
TEMPLATES = {"T1": None, "T2": "A2"}
ARTICLES = ("ART1", "ART2", "ART3")


def key(*parts: object) -> str:
    return "_".join(str(p) for p in parts)


def parties(extra: dict[str, str] | None = None) -> list[dict]:
    rows = [{"CHIAVE": key(1, 0, code), "TIPO_CLIFOR": 0, "COD_CLIFOR": code, "RAG_SOC": f"Cliente {code}",
             "FLG_NEW_CLIFOR": 0} for code in {**CUSTOMERS, **(extra or {})}]
    rows += [{"CHIAVE": key(1, 0, code), "TIPO_CLIFOR": 0, "COD_CLIFOR": code, "RAG_SOC": f"Modello {code}",
              "PARTITA_IVA": "99999999999", "FLG_NEW_CLIFOR": -1} for code in TEMPLATES]
    rows.append({"CHIAVE": key(1, 1, "C1"), "TIPO_CLIFOR": 1, "COD_CLIFOR": "C1", "RAG_SOC": "Fornitore C1",
                 "FLG_NEW_CLIFOR": 0})
    return rows


def links(customers: dict[str, str]) -> list[dict]:
    rows = [{"CHIAVE": key(1, 0, code, agent), "TIPO_CLIFOR": 0, "COD_CLIFOR": code, "COD_AGE": agent}
            for code, agent in customers.items()]
    rows += [{"CHIAVE": key(1, 0, code, agent), "TIPO_CLIFOR": 0, "COD_CLIFOR": code, "COD_AGE": agent}
             for code, agent in TEMPLATES.items() if agent]
    rows.append({"CHIAVE": key(1, 1, "C1", "A2"), "TIPO_CLIFOR": 1, "COD_CLIFOR": "C1", "COD_AGE": "A2"})
    return rows


def destinations(codes) -> list[dict]:
    rows = [{"CHIAVE": key(1, 0, code, "001"), "TIPO_CLIFOR": 0, "COD_CLIFOR": code, "COD_DEST": "001",
             "RAG_SOC_DEST": f"Sede {code}", "PREFERENZIALE": 1} for code in codes]
    rows.append({"CHIAVE": key(1, 1, "C1", "001"), "TIPO_CLIFOR": 1, "COD_CLIFOR": "C1", "COD_DEST": "001",
                 "RAG_SOC_DEST": "Magazzino del fornitore", "PREFERENZIALE": 1})
    return rows


def prices(price: Decimal = Decimal("12.34500000")) -> list[dict]:
    rows = [{"CHIAVE": key("GEN", art), "TIPO_LISTINO": "GEN", "COD_ART": art, "COD_LISTINO": "L01",
             "TIPO_CLIFOR": 0, "PREZZO": price, "QUANTITA_INIZIO": Decimal("0.00000001"), "PRIORITA": 10}
            for art in ARTICLES]
    rows += [{"CHIAVE": key("CLI", code, "ART1"), "TIPO_LISTINO": "CLI", "COD_ART": "ART1", "TIPO_CLIFOR": 0,
              "COD_CLIFOR": code, "PREZZO": Decimal("9.5"), "PRIORITA": 50} for code in ("C1", "C3", "T1")]
    rows.append({"CHIAVE": key("FOR", "C1", "ART1"), "TIPO_LISTINO": "FOR", "COD_ART": "ART1", "TIPO_CLIFOR": 1,
                 "COD_CLIFOR": "C1", "PREZZO": Decimal("7"), "PRIORITA": 50})
    return rows


def articles() -> list[dict]:
    return [{"CHIAVE": key(1, art), "COD_ART": art, "DES_ART": f"Articolo {art}", "UM1": "PZ",
             "PREZZO_MIN_VEN": Decimal("5.00"), "SCONTO_MAX_VEN": Decimal("20"), "QTA_MIN_VEND": Decimal("2")}
            for art in ARTICLES]


def write_world(folder: Path, customers: dict[str, str] | None = None) -> Path:
    """Write the export into `folder`; `customers` overrides which agent each regular customer has."""
    customers = customers or CUSTOMERS
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "io_clifor_gen": parties(customers),
        "io_clifor_age": links(customers),
        "io_clifor_dest": destinations(list(customers) + list(TEMPLATES)),
        "io_clifor_blo": [{"CHIAVE": key(1, 0, "C2", "B1"), "TIPO_CLIFOR": 0, "COD_CLIFOR": "C2", "COD_BLOCCO": 7,
                           "NOTA_BLOCCO": "Insoluti"}],
        "io_listini_full": prices(),
        "io_art": articles(),
        "io_art_ultven": [{"CHIAVE": key("V", code), "COD_ART": "ART1", "PROG": 1, "COD_CLFOR": code,
                           "PRZ": Decimal("10.10")} for code in ("C1", "C3")],
        "io_art_ultacq": [{"CHIAVE": key("A", "S9"), "COD_ART": "ART1", "PROG": 1, "COD_CLFOR": "S9",
                           "PRZ": Decimal("6.20")}],
        "io_leads": [{"CHIAVE": key(1, lead), "COD_LEAD": lead, "DESCRIZIONE1": f"Lead {lead}"} for lead in ("L1", "L2")],
        "io_lead_accessi": [{"CHIAVE": key(1, op, lead), "COD_OPERATORE": op, "COD_LEAD": lead, "FLG_VISUALIZZA": "-1",
                             "FLG_MODIFICA": "-1"} for op, lead in (("OP2", "L1"), ("OP9", "L2"))],
        "io_cataloghi_agente": [{"CHIAVE": key(1, "K1", "A2"), "COD_CATALOGO": "K1", "COD_AGENTE": "A2"}],
        "io_citta": [{"CHIAVE": "MI", "CODICE": "MI", "DESCRIZIONE": "Milano"}],
    }
    for table, rows in tables.items():
        write_rows(folder / f"{table}.dat", table, rows)
    write_rows(folder / "io_cataloghi_art.dat", "io_taglie_cataloghi_art",
               [{"CHIAVE": key(1, "K1", "ART1"), "COD_CATALOGO": "K1", "COD_ARTICOLO": "ART1"}])
    return folder
