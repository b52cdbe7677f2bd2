"""Writing the legacy order files into `<exchange>/appmanager/`, each exactly once, atomically.

A part queued while `export.legacy_files` is on is `pending`. Its file is written under a
temporary name the connector's `AM_ORD_*.DAT` pattern does not match
(`~AM_ORD_..._<process id>-<random>.tmp`), flushed to disk, claimed in the database
(`renaming`, with both names), renamed, and marked `written`. A crash leaves either a
pending part (written again from the start) or a claimed one (its temporary file renamed
at the next call, or already renamed): a file the connector may have imported is never
written twice. Threads of one process take turns; two processes (the service and the
CLI) may run this at once: the claim decides.

Writing happens after the commit that queued the parts, at every start and every minute
(the service's routine); a failure (the exchange folder unreachable) is logged once and
retried until it succeeds, which is logged too.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
from decimal import Decimal
from pathlib import Path

from appliance.clock import iso, moment
from appliance.connector.legacy_format import file_name, render
from appliance.settings import Settings
from appliance.store.connector import claim_legacy, legacy_rows, legacy_waiting, legacy_written
from appliance.store.db import Row, Store
from appliance.store.documents import advance, document_row

log = logging.getLogger("appliance.connector")
FOLDER = "appmanager"
_TAKING_TURNS = threading.Lock()
_failing: dict[Path, bool] = {}  # folders whose last write failed: the next failure is not logged again


def legacy_folder(settings: Settings) -> Path:
    return settings.exchange / FOLDER


def write_pending(store: Store, settings: Settings) -> int:
    """Write every legacy file still to write (finishing claimed ones first); returns how many were written."""
    if not legacy_waiting(store):
        return 0
    with _TAKING_TURNS:
        return _write_all(store, legacy_folder(settings))


def _write_all(store: Store, folder: Path) -> int:
    written = 0
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for row in legacy_rows(store, "renaming"):
            _finish(store, folder, row["id"], row["legacy_temp"], row["legacy_file"])
        for row in legacy_rows(store, "pending"):
            written += _write(store, folder, row)
    except OSError as error:
        if not _failing.get(folder):
            log.error("legacy order files could not be written into %s (%s); tried again every minute until "
                      "it works", folder, error.strerror or error)
        _failing[folder] = True
        return written
    if _failing.pop(folder, False):
        log.info("legacy order files can be written into %s again", folder)
    return written


def _write(store: Store, folder: Path, row: Row) -> int:
    name = file_name(row["queue_id"], row["unique_id"])
    temp = f"~{name[:-4]}_{os.getpid()}-{secrets.token_hex(4)}.tmp"
    rendered = render(json.loads(row["record"], parse_float=Decimal))
    with open(folder / temp, "wb") as handle:
        handle.write(rendered.data)
        handle.flush()
        os.fsync(handle.fileno())
    with store.write() as conn:
        claimed = claim_legacy(conn, row["id"], name, temp)
        if claimed:
            status = document_row(conn, row["document_id"])["status"]
            advance(conn, row["document_id"], "legacy_file", status, iso(moment()), "appliance",
                    {"file": name, "warnings": rendered.warnings})
    if not claimed:  # another process is writing this one
        (folder / temp).unlink(missing_ok=True)
        return 0
    for warning in rendered.warnings:
        log.warning("legacy order file %s: %s", name, warning)
    _finish(store, folder, row["id"], temp, name)
    return 1


def _finish(store: Store, folder: Path, export_id: int, temp: str, name: str) -> None:
    try:
        os.replace(folder / temp, folder / name)
    except FileNotFoundError:  # renamed already (before a crash, or by another process)
        pass
    with store.write() as conn:
        legacy_written(conn, export_id)
    log.info("legacy order file written: %s", name)
