"""Reading `multimedia/io_catalogo.dat` and `reports/io_reports.dat` with the ERP file checks.

Both files are read by the same reader as the files of gestionale/ (layout from the
package's layouts.json, encoding detection, header mapping by name, line and value
checks, the same messages), but they stay where they are. Names longer than the
documented 25 characters are kept whole with a warning that cites the layout's own
doc issue. Rows with errors are reported and left out; a file whose header cannot be
used gives no rows at all (None), and the caller keeps the last good ones.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from appliance.exchange.encoding import inspect_file
from appliance.exchange.layouts import layout_for_file
from appliance.exchange.problems import Report
from appliance.exchange.reader import FileChangedError, FileReader, RowSplitter

LEVELS = ("L1", "L2", "L3", "L4")


@dataclass(frozen=True)
class IndexRow:
    """One row: which file, shown where (folder levels), with which title, article and position."""

    line: int
    file_name: str
    title: str
    article: str
    levels: tuple[str, ...]
    sort: int | None
    agent: str = ""
    operator: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "IndexRow":
        return cls(**{**data, "levels": tuple(data["levels"])})


def read_index_file(path: Path, encoding: str, report: Report) -> list[IndexRow] | None:
    """The good rows of an index file, or None when the file cannot be used (reported)."""
    layout = layout_for_file(path.name.lower())
    try:
        facts = inspect_file(path, encoding)
        reader = FileReader(path, facts, layout, layout.name, report)
        if reader.plan is None:
            return None
        splitter = RowSplitter(reader.plan)
        columns = [f.name for _, f in reader.plan.known_columns]
        return [_row(number, dict(zip(columns, splitter.split(text)[1])))
                for number, _, _, text in reader.rows()]
    except (OSError, FileChangedError) as exc:
        report.error(path.name, 0, None, None, f"could not be read to the end ({exc}); it is read again when "
                                               f"it changes")
        return None


def _row(line: int, values: dict[str, str]) -> IndexRow:
    sort = values.get("ORDINAMENTO") or ""
    return IndexRow(
        line=line,
        file_name=values.get("NOMEFILE", "").strip(),
        title=values.get("TITOLO", "").strip(),
        article=values.get("COD_ART", "").strip(),
        levels=tuple(level for level in (values.get(name, "").strip() for name in LEVELS) if level),
        sort=int(sort) if sort else None,
        agent=values.get("COD_AGENTE", "").strip(),
        operator=values.get("COD_OPERATORE", "").strip(),
    )
