"""Imports: the import log with filters, one import's problems, rejected and held files, import now."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from bottle import request, static_file

from appliance.console.rejected import rejected_files, rejected_path
from appliance.console.uploads import import_upload
from appliance.errors import InvalidInputError, NotFoundError
from appliance.ingest.held import apply_held, discard_held, list_held
from appliance.store.imports import get_import, list_imports
from appliance.web.console.context import Console
from appliance.web.console.forms import act, query
from appliance.web.console.render import current_session, page
from appliance.web.inbound import query_int

log = logging.getLogger("appliance.console")

PAGE_SIZE = 50
RESULTS = ("imported", "skipped", "rejected", "held")


def imports_page(console: Console):
    result = query("result") if query("result") in RESULTS else ""
    before = query_int("before", low=1)
    rows = list_imports(console.store, limit=PAGE_SIZE + 1, result=result or None,
                        file_name=query("file") or None, before_id=before)
    gestionale = console.service.watcher.state()["folders"].get("gestionale", {})
    return page(console, "imports", title="imports.title", section="imports", rows=rows[:PAGE_SIZE],
                more=len(rows) > PAGE_SIZE, result=result, file=query("file"), before=before, results=RESULTS,
                held=list_held(console.settings), rejected=rejected_files(console.settings), gestionale=gestionale)


def import_page(console: Console, import_id: int):
    entry = get_import(console.store, import_id)
    if entry is None:
        raise NotFoundError(f"There is no import number {import_id}.")
    stored = Path(entry["stored_path"]) if entry["stored_path"] else None
    rejected = stored.name if stored and stored.parent == console.paths.rejected and stored.exists() else None
    return page(console, "import", title="import.title", section="imports", entry=entry, rejected=rejected)


def import_now(console: Console):
    log.info("console: %s asked for an import now", current_session().username)
    act(console, console.service.watcher.rescan_now, then="imports", ok="imports.scan_requested")


def upload_file(console: Console):
    upload = request.files.get("file")
    if upload is None:
        raise InvalidInputError("Choose an io_*.dat file to import.")
    act(console, lambda: import_upload(console.store, console.settings, upload.raw_filename,
                                       lambda path: upload.save(str(path)), date.today()),
        then="imports", ok="imports.uploaded", describe=lambda outcome: {"summary": outcome.summary()},
        verdict=lambda outcome: outcome.ok)


def apply_held_file(console: Console, name: str):
    act(console, lambda: apply_held(console.store, console.settings, name), then="imports",
        ok="imports.held_applied", describe=lambda outcome: {"summary": outcome.summary()},
        verdict=lambda outcome: outcome.ok)


def discard_held_file(console: Console, name: str):
    act(console, lambda: discard_held(console.settings, name), then="imports", ok="imports.held_discarded",
        describe=lambda _: {"name": name})


def download_rejected(console: Console, name: str):
    return _download(rejected_path(console.settings, name))


def download_report(console: Console, name: str):
    return _download(rejected_path(console.settings, name, report=True))


# Menu entries of this page module: (text key under nav., path).
MENU = (("imports", "imports"),)

ROUTES = (
    # method  path                               handler            options
    ("GET",  "/imports",                         imports_page,      {}),  # the log, held and rejected files
    ("GET",  "/imports/<import_id:int>",         import_page,       {}),  # one file's problems
    ("POST", "/imports/scan",                    import_now,        {}),  # "import now": rescan the exchange
    ("POST", "/imports/upload",                  upload_file,       {}),  # import an uploaded io_*.dat
    ("POST", "/imports/held/<name>/apply",       apply_held_file,   {}),
    ("POST", "/imports/held/<name>/discard",     discard_held_file, {}),
    ("GET",  "/imports/rejected/<name>",         download_rejected, {}),
    ("GET",  "/imports/rejected/<name>/report",  download_report,   {}),
)


def _download(path: Path):
    mimetype = "text/plain; charset=utf-8" if path.suffix == ".txt" else "application/octet-stream"
    return static_file(path.name, root=str(path.parent), mimetype=mimetype, download=path.name)
