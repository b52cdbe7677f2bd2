"""A legacy order file checked field by field against legacy_order_file.json."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from tests.connector.erp import order

LEGACY = json.loads((Path(__file__).resolve().parents[2] / "appliance" / "exchange" / "data" /
                     "legacy_order_file.json").read_text(encoding="utf-8"))
FIELDS = [f["name"] for f in sorted(LEGACY["fields"], key=lambda f: f["position"])]
TYPES = {f["name"]: f["type"] for f in LEGACY["fields"]}
SHAPES = {"date": re.compile(r"(\d{2})(\d{2})(\d{4})"), "decimal": re.compile(r"-?\d+(,\d+)?"),
          "integer": re.compile(r"-?\d+")}

LINES = [{"codice_articolo": "ART1", "descrizione_riga": "Zucchine | romanesche\r\nextra", "qta": Decimal("3.50"),
          "qta_2": 7, "prezzo": Decimal("1.2500"), "prezzo_2": Decimal("0.6"), "cod_um_1": "KG", "cod_um_2": "CS",
          "tipo_um": "1", "sconto_1": Decimal("5"), "sconto_2": Decimal("2.5"), "sconto_importo": Decimal("0.10"),
          "mag_perc_1": Decimal("1"), "mag_importo": Decimal("0.05"), "codice_confezione": "CF6",
          "note": "prima riga\nseconda", "data_consegna_riga": "2026-03-09"},
         {"descrizione_riga": "Trasporto", "qta": 1, "prezzo": Decimal("12")}]


def parse(data: bytes) -> list[dict[str, str]]:
    text = data.decode(LEGACY["rules"].get("encoding") or "cp1252")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = []
    for line in text.split("\r\n")[:-1]:
        values = line.split("|")
        assert len(values) == LEGACY["rules"]["field_count"] == 52  # FILLER20 last, no separator after it
        rows.append(dict(zip(FIELDS, values)))
    return rows


def test_a_legacy_file_matches_the_layout_field_by_field(erp):
    erp.param("export.legacy_files", True)
    uploaded = erp.upload("orders", order("ord-legacy-0001", LINES, data_consegna="2026-03-10", cod_destinazione="001",
                                          cod_cond_pag="RB60", note="ordine"))
    (name,) = erp.legacy_files()
    assert name == f"AM_ORD_0000000001_{uploaded['id']}.DAT"
    rows = parse((erp.appmanager / name).read_bytes())
    assert len(rows) == 2
    for row in rows:
        for field, value in row.items():
            kind, level = TYPES[field], next(f["level"] for f in LEGACY["fields"] if f["name"] == field)
            if level == "filler":
                assert value == "", field
            elif value:
                assert kind == "string" or SHAPES[kind].fullmatch(value), (field, value)
            assert "|" not in value and "\r" not in value and "\n" not in value and len(value) <= 4000
    first, second = rows
    order_fields = [f["name"] for f in LEGACY["fields"] if f["level"] == "order"]
    assert {f: first[f] for f in order_fields} == {f: second[f] for f in order_fields}  # repeated on every line
    assert {f: first[f] for f in order_fields} == {
        "COD_DITTA": "1", "COD_EXT_ORD": "ord-legacy-0001", "T_DAT_ORDINE": "02032026",
        "NR_ORD_ORIG": str(uploaded["id"]), "T_COD_CLIFOR": "C1", "T_COD_AGENTE": "A1", "T_DAT_CONS_TES": "10032026",
        "T_COD_DEST": "001", "T_COD_COND_PAG": "RB60", "T_COD_COND_PAG_DEP": "", "T_COD_OPERATORE": ""}
    assert {f: first[f] for f in FIELDS if f.startswith(("R_", "TIPO_UM", "T_DAT_CONS_RIG"))} == {
        "R_DES_NOTE": "prima riga§seconda", "R_IND_TIPO_RIGA": "0", "R_COD_ART": "ART1",
        "R_DES_RIGA_ORD": "Zucchine _ romanesche§extra", "R_CDA_UM1": "KG", "R_CDA_UM2": "CS", "R_QTA_1": "3,50",
        "R_QTA_2": "7", "R_PREZZO_1": "1,2500", "R_PREZZO_2": "0,6", "TIPO_UM": "1", "R_IND_TIPO_OM": "0",
        "R_SCONTO_1": "5", "R_SCONTO_2": "2,5", "R_SCONTO_3": "", "R_SCONTO_4": "", "R_SCONTO_5": "",
        "R_SCONTO_6": "", "R_SCONTO_IMP": "0,10", "R_MAG_PERC1": "1", "R_MAG_PERC2": "", "R_MAG_IMP": "0,05",
        "R_COD_CONF": "CF6", "R_QTA_COLLI": "", "T_DAT_CONS_RIG": "09032026"}
    assert (second["R_IND_TIPO_RIGA"], second["R_COD_ART"], second["R_DES_RIGA_ORD"], second["T_DAT_CONS_RIG"],
            second["R_QTA_1"], second["R_PREZZO_1"]) == ("2", "", "Trasporto", "10032026", "1", "12")
