"""The registry of ERP file layouts, built from the package's copy of layouts.json.

A layout names a file (`io_art.dat`), its table (`io_art`), its key (CHIAVE or a composite
key) and its typed fields. Columns are matched by header name, never by position:
connectors of different versions send different column sets and orders. Fields that only
the AMHelper client library knows are registered too (as text unless the docs give a
rename with a type), so files written with AMHelper load without warnings.
"""

from __future__ import annotations

import difflib

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

FIELD_TYPES = ("string", "integer", "decimal", "date", "datetime")
MAX_TEXT = 4000
TABLE_NAME = re.compile(r"io_[a-z0-9_]+")
COLUMN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# Other file names real connectors use for a documented layout (file -> layout file).
ALIASES = {
    "io_cataloghi.dat": "io_taglie_cataloghi.dat",
    "io_cataloghi_art.dat": "io_taglie_cataloghi_art.dat",
}

# AMHelper-only fields that the discrepancies name as renames of a typed documented field.
AMHELPER_RENAMES = {
    "io_art": {"FLG_LOCK_UM_DEFAULT": "FLG_MOD_UM_DEFAULT"},
    "io_art_ultacq": {"COD_VALUTA": "VALUTA"},
    "io_art_ultven": {"COD_VALUTA": "VALUTA"},
    "io_clifor_detcon": {"COGNOME_NOME": "COGNOME"},
    "io_clifor_testdoc": {"DATA_DOC": "DATADOC", "DATA_FATT": "DATA_FATTURA", "NUM_FATT": "NUM_FATTURA"},
    "io_condpag": {"SCONTO": "SCONTO1"},
    "io_custom_fields": {"POSIZIONE_NOME": "ORIENTAMENTO_NOME", "POSIZIONE_VALORE": "ORIENTAMENTO_VALORE"},
    "io_taglie_estensioni": {"TIPO": "COD_TIPO"},
}

# AMHelper-only fields whose type the newer docs give.
AMHELPER_TYPES = {
    ("io_catalogo", "ORDINAMENTO"): ("integer", 9),
    ("io_taglie_cataloghi", "FLG_MOD_PREZZO"): ("integer", 2),
    ("io_taglie_cataloghi", "FLG_MOD_SCONTI"): ("integer", 2),
}

# Deviations the docs themselves list (`doc_issues`) that files really show: tolerated with a
# warning that cites the doc issue instead of rejecting the file.
DATE_ONLY_DATETIME_OK = {("io_catalogo", "DAT_ULT_MOD")}
# Old docs name the TIPO_DATO codes; newer docs number them.
TIPO_DATO_NAMES = {"string": "0", "date": "1", "datetime": "2", "number": "3", "integer": "3",
                   "decimal": "4", "currency": "4"}
CODE_NAMES = {("io_custom_fields", "TIPO_DATO"): TIPO_DATO_NAMES}


@dataclass(frozen=True)
class Field:
    """One typed column of a layout."""

    name: str
    type: str = "string"
    max_length: int | None = None  # characters (string) or digits (integer)
    precision: tuple[int, int] | None = None  # decimal: (total digits, fractional digits)
    note: str = ""
    documented: bool = True  # False for fields only AMHelper knows

    @property
    def length_text(self) -> str:
        if self.precision:
            return f"{self.precision[0]},{self.precision[1]}"
        return str(self.max_length) if self.max_length else ""


@dataclass(frozen=True)
class Layout:
    """One file layout: which file, which table, which key and which fields."""

    name: str  # table name, e.g. io_art
    file_name: str
    title: str
    key: tuple[str, ...]
    fields: tuple[Field, ...]
    group: str = ""
    folder: str = "gestionale"
    documented: bool = True  # False for AMHelper-only and unknown layouts
    known: bool = True  # False for files with no registered layout (all text)
    doc_issues: tuple[str, ...] = ()
    discrepancies: tuple[str, ...] = ()
    alias_of: str | None = None
    _by_name: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self._by_name.update({f.name: f for f in self.fields})

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)

    @property
    def column_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def doc_issue_about(self, *words: str) -> str | None:
        """The first doc issue mentioning all the words (to cite in a warning)."""
        for issue in self.doc_issues:
            if all(w.lower() in issue.lower() for w in words):
                return issue
        return None


def _field_from_spec(spec: dict) -> Field:
    ftype = spec["type"]
    if ftype not in FIELD_TYPES:
        raise ValueError(f"unknown field type {ftype!r} in layouts.json")
    precision = tuple(spec["precision"]) if ftype == "decimal" and spec.get("precision") else None
    max_length = spec.get("max_length") if ftype in ("string", "integer") else None
    return Field(spec["name"], ftype, max_length, precision, spec.get("note_en", ""))


def _amhelper_extras(table: str, documented: dict[str, Field], amhelper_fields: list[str]) -> list[Field]:
    renames = AMHELPER_RENAMES.get(table, {})
    extras = []
    for name in amhelper_fields:
        if name in documented:
            continue
        twin = documented.get(renames.get(name, ""))
        if twin is not None:
            extras.append(Field(name, twin.type, twin.max_length, twin.precision,
                                f"AMHelper name of {twin.name}", documented=False))
        elif (table, name) in AMHELPER_TYPES:
            ftype, digits = AMHELPER_TYPES[(table, name)]
            extras.append(Field(name, ftype, digits, None, "AMHelper field", documented=False))
        else:
            extras.append(Field(name, "string", None, None, "AMHelper field", documented=False))
    return extras


def _documented_layout(file_name: str, spec: dict, *, alias_of: str | None = None,
                       table_file: str | None = None) -> Layout:
    table = (table_file or file_name).removesuffix(".dat")
    base_table = file_name.removesuffix(".dat")
    fields = [_field_from_spec(f) for f in spec["fields"]]
    by_name = {f.name: f for f in fields}
    amhelper = spec.get("amhelper") or {}
    fields += _amhelper_extras(base_table, by_name, amhelper.get("fields") or [])
    key = spec["key"]
    return Layout(
        name=table,
        file_name=table_file or file_name,
        title=spec["title_en"],
        key=tuple(key) if isinstance(key, list) else (key,),
        fields=tuple(fields),
        group=spec.get("group", ""),
        folder=spec.get("folder", "gestionale"),
        doc_issues=tuple(spec.get("doc_issues", ())),
        discrepancies=tuple(spec.get("discrepancies", ())),
        alias_of=alias_of,
    )


def _amhelper_only_layout(class_name: str, spec: dict) -> Layout:
    file_name = spec.get("file_name") or "io_" + class_name.removeprefix("rec_") + ".dat"
    names = spec["fields"]
    fields = tuple(Field(n, "datetime" if n == "DAT_ULT_MOD" else "string", None, None,
                         "AMHelper field", documented=False) for n in names)
    key = ("CHIAVE",) if "CHIAVE" in names else (names[0],)
    return Layout(name=file_name.removesuffix(".dat"), file_name=file_name, title=spec["title_en"],
                  key=key, fields=fields, documented=False)


@lru_cache(maxsize=1)
def spec_data() -> dict:
    """The package's copy of layouts.json."""
    text = resources.files("appliance.exchange").joinpath("data/layouts.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def registry() -> dict[str, Layout]:
    """Every registered layout by table name: 56 documented, 19 AMHelper-only, plus aliases."""
    data = spec_data()
    layouts: dict[str, Layout] = {}
    for file_name, spec in data["files"].items():
        layout = _documented_layout(file_name, spec)
        layouts[layout.name] = layout
    for class_name, spec in data["amhelper_only_files"].items():
        layout = _amhelper_only_layout(class_name, spec)
        layouts.setdefault(layout.name, layout)
    for alias, target in ALIASES.items():
        layout = _documented_layout(target, data["files"][target], alias_of=target, table_file=alias)
        layouts[layout.name] = layout
    return layouts


def table_name_for(file_name: str) -> str | None:
    """The table a file loads into (`io_art.dat` -> `io_art`), or None if the name is not valid."""
    lower = file_name.lower()
    if not lower.endswith(".dat"):
        return None
    table = lower.removesuffix(".dat")
    return table if TABLE_NAME.fullmatch(table) else None


def layout_for_file(file_name: str) -> Layout | None:
    """The registered layout of a file name, or None for an unknown `io_*.dat`."""
    table = table_name_for(file_name)
    return registry().get(table) if table else None


def similar_known_names(table: str, limit: int = 3) -> list[str]:
    """Registered tables an unknown `table` name most likely meant (`io_clifor` -> `io_clifor_gen`, ...).

    A name that only extends a known one (`io_clifor_x` for `io_clifor`) is not similar: an ERP may add
    its own tables, and those load as custom ones. Empty when nothing is close.
    """
    known = registry()
    if table in known:
        return []
    longer = sorted((name for name in known if name.startswith(table + "_")),
                    key=lambda name: (not name.endswith("_gen"), len(name), name))
    close = difflib.get_close_matches(table, list(known), n=limit, cutoff=0.85)
    return list(dict.fromkeys(longer + close))[:limit]


def unknown_layout(table: str, header: list[str]) -> Layout:
    """A layout for an unregistered `io_*.dat`: text columns named by its header, keyed by CHIAVE."""
    return Layout(name=table, file_name=table + ".dat", title="(unknown layout)", key=("CHIAVE",),
                  fields=tuple(Field(n, "string", None, None, "", documented=False) for n in header),
                  documented=False, known=False)
