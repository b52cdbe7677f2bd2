"""The legacy order file (legacy_order_file.json): headerless, pipe-delimited, one line per order line.

Each line holds the 52 documented fields in order: the order's fields (`T_...`,
`COD_DITTA`, `COD_EXT_ORD`, `NR_ORD_ORIG`) repeated on every line, the line's (`R_...`,
`TIPO_UM`, `T_DAT_CONS_RIG`), and empty fillers. Dates are `ddmmyyyy`, decimals keep
their digits with a comma, texts have every line break as one `§`, `|` as `_`, and at
most 4,000 characters. Lines end with CRLF; the file is Windows-1252, a character it
cannot hold is written as `?` and reported.

`COD_EXT_ORD` is the part's `guid_test_ord` (`<guid>-2` for a second part), `NR_ORD_ORIG`
its `unique_id`: together they identify the order, as the spec's grouping key says.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

ENCODING = "cp1252"
MAX_TEXT = 4000
_BREAKS = re.compile(r"\r\n|\r|\n")

# Legacy field -> where its value comes from: ("order" | "line", record field).
SOURCES = {
    "COD_DITTA": ("order", "cod_ditta"), "COD_EXT_ORD": ("order", "guid_test_ord"),
    "T_DAT_ORDINE": ("order", "data_ordine"), "NR_ORD_ORIG": ("order", "unique_id"),
    "T_COD_CLIFOR": ("order", "cod_clifor"), "T_COD_AGENTE": ("order", "cod_agente"),
    "T_DAT_CONS_TES": ("order", "data_consegna"), "R_DES_NOTE": ("line", "note"),
    "T_COD_DEST": ("order", "cod_destinazione"), "R_COD_ART": ("line", "codice_articolo"),
    "R_DES_RIGA_ORD": ("line", "descrizione_riga"), "R_CDA_UM1": ("line", "cod_um_1"),
    "R_CDA_UM2": ("line", "cod_um_2"), "R_QTA_1": ("line", "qta"), "R_QTA_2": ("line", "qta_2"),
    "R_PREZZO_1": ("line", "prezzo"), "R_PREZZO_2": ("line", "prezzo_2"),
    **{f"R_SCONTO_{i}": ("line", f"sconto_{i}") for i in range(1, 7)},
    "R_SCONTO_IMP": ("line", "sconto_importo"), "R_MAG_PERC1": ("line", "mag_perc_1"),
    "R_MAG_PERC2": ("line", "mag_perc_2"), "R_MAG_IMP": ("line", "mag_importo"),
    "R_COD_CONF": ("line", "codice_confezione"), "T_COD_COND_PAG": ("order", "cod_cond_pag"),
    "T_COD_COND_PAG_DEP": ("order", "cod_cond_pag_deperibilita"), "T_COD_OPERATORE": ("order", "cod_operatore"),
}


@dataclass(frozen=True)
class LegacyField:
    name: str
    type: str


@dataclass
class LegacyFile:
    """A rendered file: its bytes and what could not be written as sent."""

    data: bytes
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def legacy_fields() -> tuple[LegacyField, ...]:
    """The 52 fields of the documented layout, in order."""
    text = resources.files("appliance.exchange").joinpath("data/legacy_order_file.json").read_text("utf-8")
    return tuple(LegacyField(f["name"], f["type"]) for f in sorted(json.loads(text)["fields"],
                                                                    key=lambda f: f["position"]))


def file_name(queue_id: int, unique_id: Any) -> str:
    """`AM_ORD_<export id, 10 digits>_<unique_id>.DAT`: unique, and sorted as the queue is."""
    return f"AM_ORD_{int(queue_id):010d}_{unique_id}.DAT"


def render(order: dict) -> LegacyFile:
    """The file of one order record (a part as the connector receives it)."""
    warnings: list[str] = []
    rows = [_row(order, line, warnings) for line in order.get("righe") or ()]
    text = "".join(row + "\r\n" for row in rows)
    try:
        return LegacyFile(text.encode(ENCODING), warnings)
    except UnicodeEncodeError:
        lost = sorted({char for char in text if not _encodable(char)})
        warnings.append(f"{sum(text.count(c) for c in lost)} character(s) not in Windows-1252 written as '?': "
                        + " ".join(f"U+{ord(c):04X}" for c in lost))
        return LegacyFile(text.encode(ENCODING, errors="replace"), warnings)


def _row(order: dict, line: dict, warnings: list[str]) -> str:
    return "|".join(_text(spec.name, _value(spec.name, order, line), spec.type, warnings) for spec in legacy_fields())


def _value(name: str, order: dict, line: dict) -> Any:
    if name == "R_IND_TIPO_RIGA":
        return 0 if line.get("codice_articolo") else 2
    if name == "TIPO_UM":
        return line.get("tipo_um") if str(line.get("tipo_um") or "") in ("1", "2", "3") else 1
    if name == "R_IND_TIPO_OM":
        kind = str(line.get("ext_cod_tipo_riga_omag") or "")
        return kind if kind in ("0", "1", "2", "3") else 0
    if name == "T_DAT_CONS_RIG":
        return line.get("data_consegna_riga") or order.get("data_consegna")
    source = SOURCES.get(name)
    if source is None:
        return None  # R_QTA_COLLI (the record has no parcel count) and the fillers
    level, field_name = source
    return (order if level == "order" else line).get(field_name)


def _text(name: str, value: Any, kind: str, warnings: list[str]) -> str:
    if value is None or value == "":
        return ""
    if kind == "date":
        day = str(value)[:10]
        return day[8:10] + day[5:7] + day[0:4]
    if kind == "decimal":
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        return format(number, "f").replace(".", ",")
    text = _BREAKS.sub("§", str(value)).replace("|", "_")
    if len(text) > MAX_TEXT:
        warnings.append(f"{name} cut to {MAX_TEXT} characters (it had {len(text)})")
        text = text[:MAX_TEXT]
    return text


def _encodable(char: str) -> bool:
    try:
        char.encode(ENCODING)
        return True
    except UnicodeEncodeError:
        return False
