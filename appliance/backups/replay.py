"""Journal entries in and out: what the device API writes, and re-submitting them through the intake.

`replay` sends each entry whose documents the database lacks through the same
`accept` / `accept_batch` as the device API, as the user and device that sent it and
with the time it was received, so a replayed order is stored (and processed) as it was
the first time, and an entry whose guids are all stored is skipped: replaying twice
stores nothing twice. Entries the intake refuses again (a bad document, a guid another
user holds) are counted and left.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from appliance.backups.journal import read_entries
from appliance.documents.intake import Upload, Uploader, accept, accept_batch
from appliance.documents.kinds import GUID_FIELD
from appliance.errors import ApplianceError
from appliance.clock import iso
from appliance.orders.processing import Processor
from appliance.store.documents import stored_guids

log = logging.getLogger("appliance.journal")

UPLOADER_FIELDS = ("user_id", "username", "device_id", "agent_code", "operator_code", "customer_code")


def upload_entry(uploader: Uploader, route: str, kind: str | None, body: bytes, parsed: Any, at: datetime) -> dict:
    """The journal entry of one upload (`kind` None for a batch)."""
    return {"at": iso(at), **{name: getattr(uploader, name) for name in UPLOADER_FIELDS}, "route": route,
            "kind": kind, "guids": _guids(kind, parsed), "body": body.decode("utf-8")}


def _guids(kind: str | None, parsed: Any) -> list[str]:
    documents = [parsed] if kind else [item.get("document") for item in _items(parsed) if isinstance(item, dict)]
    return [str(d[GUID_FIELD]) for d in documents if isinstance(d, dict) and d.get(GUID_FIELD)]


def _items(parsed: Any) -> list:
    items = parsed.get("documents") if isinstance(parsed, dict) else None
    return items if isinstance(items, list) else []


@dataclass
class Replayed:
    """What a replay did: entries read, skipped (all stored), stored anew, refused by the intake."""

    entries: int = 0
    skipped: int = 0
    stored: int = 0
    refused: int = 0

    def as_dict(self) -> dict:
        return {"entries": self.entries, "skipped": self.skipped, "stored": self.stored, "refused": self.refused}


def replay(store, settings, folder: Path, *, since: datetime | None = None) -> Replayed:
    """Re-submit the journal's entries (received at or after `since`) that the database lacks."""
    result = Replayed()
    processor = Processor(store, settings)
    for entry in read_entries(folder, since):
        result.entries += 1
        guids = entry.get("guids") or []
        if guids and len(stored_guids(store, guids)) == len(set(guids)):
            result.skipped += 1
            continue
        stored, refused = _submit(store, settings, entry, processor)
        result.stored += stored
        result.refused += refused
    if result.stored or result.refused:
        log.info("document journal replayed: %d entries, %d document(s) stored again, %d refused, %d already stored",
                 result.entries, result.stored, result.refused, result.skipped)
    return result


def _submit(store, settings, entry: dict, processor: Processor) -> tuple[int, int]:
    uploader = Uploader(**{name: entry.get(name) or ("" if name != "user_id" else 0) for name in UPLOADER_FIELDS})
    body = entry["body"].encode("utf-8")
    at = datetime.fromisoformat(entry["at"])
    upload = Upload(body, entry.get("route") or "")
    try:
        parsed = json.loads(entry["body"], parse_float=Decimal)
        if entry.get("kind"):
            accepted = accept(store, settings.project, uploader, entry["kind"], parsed, upload, now=at,
                              processor=processor)
            return int(accepted.created), 0
        outcomes = accept_batch(store, settings.project, uploader, _items(parsed), upload, now=at,
                                processor=processor)
    except (ApplianceError, ValueError) as error:
        log.warning("journal entry of %s from %s not stored again: %s", entry.get("at"), entry.get("username"), error)
        return 0, 1
    stored = sum(1 for o in outcomes if o.status == 201)
    return stored, sum(1 for o in outcomes if o.problem is not None)
