"""What happened to each file of a batch: the contract between the pipeline and its callers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from appliance.exchange.problems import Report

RESULTS = ("imported", "skipped", "rejected", "held")
CHECK_RESULTS = ("valid", "rejected")


@dataclass
class FileOutcome:
    """The result of one file: imported | skipped | rejected | held, with counts and problems."""

    path: Path
    result: str
    message: str
    table: str | None = None
    layout: str | None = None
    report: Report = field(default_factory=Report)
    rows_read: int = 0
    rows_new: int = 0
    rows_changed: int = 0
    rows_deleted: int = 0
    rows_unchanged: int = 0
    seconds: float = 0.0
    md5: str | None = None
    import_id: int | None = None
    held_name: str | None = None  # name under held/ when the result is held
    transient: bool = False  # the file could not be read completely; leave it to be read again
    cut_short: bool = False  # rejected only for its last line, which has no line end: maybe still being written

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def ok(self) -> bool:
        """Imported, skipped or valid: nothing for an operator to do."""
        return self.result in ("imported", "skipped", "valid")

    def summary(self) -> str:
        """One line for the log and the console."""
        if self.result == "valid":
            changes = (f"; an import would add {self.rows_new}, change {self.rows_changed} and delete "
                       f"{self.rows_deleted} rows" if self.table else "")
            return f"{self.file_name}: valid ({self.rows_read} rows){changes}"
        if self.result == "imported":
            counts = (f"{self.rows_read} rows: {self.rows_new} new, {self.rows_changed} changed, "
                      f"{self.rows_deleted} deleted, {self.rows_unchanged} unchanged")
            return f"{self.file_name}: imported into {self.table} ({counts}) in {self.seconds:.2f}s"
        return f"{self.file_name}: {self.result}: {self.message}"

    def report_text(self) -> str:
        """The full report written next to a rejected or held file and printed by the CLI."""
        lines = [self.summary()]
        lines.extend(self.report.lines())
        return "\n".join(lines) + "\n"
