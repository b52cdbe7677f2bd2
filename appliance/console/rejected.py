"""Rejected files as the console lists them: each file with the error report written beside it, and
whether it still waits for an operator (see `ingest.rejections`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from appliance.errors import NotFoundError
from appliance.ingest.disposal import ERRORS_SUFFIX
from appliance.ingest.rejections import rejections
from appliance.settings import Settings
from appliance.store.db import Store


@dataclass(frozen=True)
class RejectedFile:
    """A file in rejected/ and its report (`NAME.errors.txt`), whose first line says why."""

    name: str
    size: int
    rejected_at: datetime
    has_report: bool
    reason: str
    state: str = "waiting"
    dismissed_by: str | None = None
    dismissed_at: str | None = None


def rejected_files(store: Store, settings: Settings) -> list[RejectedFile]:
    """Every rejected file, newest first; `state` says whether it still waits for an operator."""
    found = []
    for item in rejections(store, settings):
        report = _report_path(item.path)
        reason = _first_line(report) if report.exists() else ""
        stat = item.path.stat()
        found.append(RejectedFile(item.path.name, stat.st_size, datetime.fromtimestamp(stat.st_mtime),
                                  report.exists(), reason, item.state, item.dismissed_by, item.dismissed_at))
    return sorted(found, key=lambda item: item.rejected_at, reverse=True)


def rejected_path(store: Store, settings: Settings, name: str, *, report: bool = False) -> Path:
    """A rejected file (or its report) by name; NotFoundError for anything not listed."""
    for item in rejected_files(store, settings):
        if item.name == name and (item.has_report or not report):
            path = settings.paths.rejected / item.name
            return _report_path(path) if report else path
    raise NotFoundError(f"There is no rejected file '{name}'{' with a report' if report else ''}.")


def _report_path(path: Path) -> Path:
    return path.with_name(path.name + ERRORS_SUFFIX)


def _first_line(path: Path) -> str:
    with path.open(encoding="utf-8", errors="replace") as handle:
        return handle.readline().strip()
