"""Importing a file an operator uploads in the console: `appliance import FILE` from a browser.

The upload is saved in the data directory's work/ folder (never in the exchange
folder, which belongs to the connector), goes through the same pipeline as every
ERP file, and then where every processed file goes: the archive, rejected/ with
its report, or held/.
"""

from __future__ import annotations

import secrets
import shutil
from datetime import date
from pathlib import Path
from typing import Callable

from appliance.errors import InvalidInputError
from appliance.folderwatch.names import is_erp_file
from appliance.ingest.disposal import dispose
from appliance.ingest.outcome import FileOutcome
from appliance.ingest.pipeline import import_batch
from appliance.settings import Settings
from appliance.store.db import Store


def import_upload(store: Store, settings: Settings, file_name: str, save: Callable[[Path], None],
                  today: date) -> FileOutcome:
    """Save an uploaded io_*.dat file with `save(path)`, import it and file it away; returns its outcome."""
    name = Path(str(file_name or "").replace("\\", "/")).name
    if not is_erp_file(name):
        raise InvalidInputError(f"'{name}' is not an ERP file: choose an io_*.dat file, such as io_art.dat.")
    folder = settings.paths.work / "uploads" / secrets.token_hex(8)
    folder.mkdir(parents=True)
    try:
        path = folder / name
        save(path)
        (outcome,) = import_batch(store, settings, [path])
        dispose(store, settings, outcome, move=True, today=today)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return outcome
