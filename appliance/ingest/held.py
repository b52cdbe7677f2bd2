"""Held snapshots: files that would delete too much of a table, waiting for an operator.

Each lives in `held/<name>/` with the file under its own name and `report.txt`; `<name>`
is the arrival time and the file's stem, e.g. `20261129-061500-io_art`.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from appliance.errors import NotFoundError
from appliance.ingest.disposal import HELD_REPORT, held_folder
from appliance.ingest.outcome import FileOutcome
from appliance.ingest.pipeline import import_batch
from appliance.settings import Settings
from appliance.store.db import Store

log = logging.getLogger("appliance.import")


@dataclass(frozen=True)
class HeldFile:
    """One held snapshot."""

    name: str
    path: Path
    size: int
    held_at: datetime
    report: str


def list_held(settings: Settings) -> list[HeldFile]:
    """Every held snapshot, oldest first."""
    held = []
    root = settings.paths.held
    if not root.is_dir():
        return held
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        files = [p for p in folder.iterdir() if p.name != HELD_REPORT and p.is_file()]
        if not files:
            continue
        report_file = folder / HELD_REPORT
        report = report_file.read_text(encoding="utf-8") if report_file.exists() else ""
        stat = files[0].stat()
        held.append(HeldFile(folder.name, files[0], stat.st_size,
                             datetime.fromtimestamp(folder.stat().st_mtime), report))
    return held


def _find(settings: Settings, name: str) -> HeldFile:
    for item in list_held(settings):
        if item.name == name:
            return item
    raise NotFoundError(f"no held file named '{name}'. `appliance held list` shows the held files.")


def apply_held(store: Store, settings: Settings, name: str) -> FileOutcome:
    """Import a held snapshot even though it deletes many rows; removes it when applied."""
    item = _find(settings, name)
    (outcome,) = import_batch(store, settings, [item.path], force=True)
    if outcome.ok:
        shutil.rmtree(held_folder(settings, name), ignore_errors=True)
        log.info("held file %s applied by an operator: %s", name, outcome.summary())
    return outcome


def discard_held(settings: Settings, name: str) -> None:
    """Drop a held snapshot without applying it."""
    _find(settings, name)
    shutil.rmtree(held_folder(settings, name))
    log.info("held file %s discarded by an operator", name)
