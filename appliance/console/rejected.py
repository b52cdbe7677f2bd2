"""Rejected files as the console lists them: each file with the error report written beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from appliance.errors import NotFoundError
from appliance.ingest.disposal import ERRORS_SUFFIX
from appliance.settings import Settings


@dataclass(frozen=True)
class RejectedFile:
    """A file in rejected/ and its report (`NAME.errors.txt`), whose first line says why."""

    name: str
    size: int
    rejected_at: datetime
    has_report: bool
    reason: str


def rejected_files(settings: Settings) -> list[RejectedFile]:
    """Every rejected file, newest first."""
    folder = settings.paths.rejected
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if not path.is_file() or path.name.endswith(ERRORS_SUFFIX):
            continue
        report = _report_path(path)
        reason = _first_line(report) if report.exists() else ""
        stat = path.stat()
        found.append(RejectedFile(path.name, stat.st_size, datetime.fromtimestamp(stat.st_mtime), report.exists(),
                                  reason))
    return sorted(found, key=lambda item: item.rejected_at, reverse=True)


def rejected_path(settings: Settings, name: str, *, report: bool = False) -> Path:
    """A rejected file (or its report) by name; NotFoundError for anything not listed."""
    for item in rejected_files(settings):
        if item.name == name and (item.has_report or not report):
            path = settings.paths.rejected / item.name
            return _report_path(path) if report else path
    raise NotFoundError(f"There is no rejected file '{name}'{' with a report' if report else ''}.")


def _report_path(path: Path) -> Path:
    return path.with_name(path.name + ERRORS_SUFFIX)


def _first_line(path: Path) -> str:
    with path.open(encoding="utf-8", errors="replace") as handle:
        return handle.readline().strip()
