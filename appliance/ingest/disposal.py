"""Where a processed file goes: archive, rejected (with its error report) or held.

The watcher moves files out of the exchange folder once their batch committed; the
`appliance import` command leaves them in place and only keeps a copy of a held snapshot.
Moving after the commit means a crash in between leaves the file in gestionale/, where
it is simply imported again and skipped as identical.
"""

from __future__ import annotations

import logging
import shutil
from datetime import date, datetime
from pathlib import Path

from appliance.ingest.outcome import FileOutcome
from appliance.settings import Settings
from appliance.store.db import Store
from appliance.store.imports import set_stored_path

log = logging.getLogger("appliance.import")

ERRORS_SUFFIX = ".errors.txt"
HELD_REPORT = "report.txt"


def unique_path(folder: Path, name: str) -> Path:
    """`folder/name`, or a time-stamped variant if that name is taken."""
    target = folder / name
    if not target.exists():
        return target
    stem, dot, suffix = name.partition(".")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return folder / f"{stem}.{stamp}{dot}{suffix}"


def dispose(store: Store, settings: Settings, outcome: FileOutcome, *, move: bool, today: date) -> Path | None:
    """Put a processed file where it belongs; returns its new place (None if it stays).

    `move=True` (the watcher) moves the file out of the exchange folder; `move=False` (the
    CLI, which imports in place) only copies a held snapshot into held/.
    """
    if outcome.transient or not outcome.path.exists():
        return None
    paths = settings.paths
    if outcome.result == "held":
        target = held_folder(settings, outcome.held_name) / outcome.file_name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.move if move else shutil.copy2)(str(outcome.path), str(target))
        (target.parent / HELD_REPORT).write_text(outcome.report_text(), encoding="utf-8")
    elif not move:
        return None
    elif outcome.result == "rejected":
        paths.rejected.mkdir(parents=True, exist_ok=True)
        target = unique_path(paths.rejected, outcome.file_name)
        shutil.move(str(outcome.path), str(target))
        target.with_name(target.name + ERRORS_SUFFIX).write_text(outcome.report_text(), encoding="utf-8")
    else:
        folder = paths.archive / today.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        target = unique_path(folder, outcome.file_name)
        shutil.move(str(outcome.path), str(target))
    if outcome.import_id is not None:
        set_stored_path(store, outcome.import_id, target)
    return target


def held_folder(settings: Settings, name: str) -> Path:
    return settings.paths.held / name


def purge_archive(settings: Settings, today: date) -> list[Path]:
    """Delete archive days older than `archive_days`; returns the folders removed."""
    removed = []
    archive = settings.paths.archive
    if not archive.is_dir():
        return removed
    for folder in sorted(archive.iterdir()):
        try:
            day = date.fromisoformat(folder.name)
        except ValueError:
            continue
        if (today - day).days > settings.archive_days:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
            log.info("archive: removed %s (older than %d days)", folder.name, settings.archive_days)
    return removed
