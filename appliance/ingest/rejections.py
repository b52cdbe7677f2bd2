"""Which rejected files still wait for an operator.

A rejected file stays in `rejected/` for the record, but stops asking for attention once a
later file of the same table has been imported (the connector sent a corrected one) or an
operator dismissed it; the dismissal (who, when) is written beside it as `NAME.dismissed.json`.
A dashboard that stays amber for a problem already solved teaches operators to ignore it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from appliance.errors import NotFoundError
from appliance.ingest.disposal import ERRORS_SUFFIX
from appliance.settings import Settings
from appliance.store.db import Store
from appliance.store.imports import rejected_since_replaced

DISMISSED_SUFFIX = ".dismissed.json"
SIDE_FILES = (ERRORS_SUFFIX, DISMISSED_SUFFIX)


@dataclass(frozen=True)
class Rejection:
    """One file in rejected/: `state` is "waiting", "replaced" (a later file was imported) or "dismissed"."""

    path: Path
    state: str
    dismissed_by: str | None = None
    dismissed_at: str | None = None

    @property
    def waiting(self) -> bool:
        return self.state == "waiting"


def rejections(store: Store, settings: Settings) -> list[Rejection]:
    """Every rejected file (side files left out) with its state."""
    folder = settings.paths.rejected
    try:
        files = [p for p in folder.iterdir() if p.is_file() and not p.name.endswith(SIDE_FILES)]
    except OSError:
        return []
    replaced = rejected_since_replaced(store)
    return [_rejection(path, replaced.get(str(path), False)) for path in files]


def waiting_count(store: Store, settings: Settings) -> int:
    """How many rejected files still wait for an operator."""
    return sum(1 for item in rejections(store, settings) if item.waiting)


def dismiss(settings: Settings, name: str, *, by: str, at: datetime) -> Path:
    """Record that `by` has seen the rejected file `name` and needs nothing more from it."""
    path = settings.paths.rejected / name
    if "/" in name or "\\" in name or name.endswith(SIDE_FILES) or not path.is_file():
        raise NotFoundError(f"There is no rejected file '{name}'.")
    record = path.with_name(name + DISMISSED_SUFFIX)
    record.write_text(json.dumps({"by": by, "at": at.isoformat(timespec="seconds")}), encoding="utf-8")
    return record


def _rejection(path: Path, replaced: bool) -> Rejection:
    record = path.with_name(path.name + DISMISSED_SUFFIX)
    if record.exists():
        try:
            seen = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            seen = {}
        return Rejection(path, "dismissed", seen.get("by"), seen.get("at"))
    return Rejection(path, "replaced" if replaced else "waiting")
