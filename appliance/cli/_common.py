"""Helpers shared by the command modules."""

from __future__ import annotations

from appliance.settings import Settings
from appliance.store.db import Store
from appliance.store.migrations import migrate


def open_store(settings: Settings) -> Store:
    """Create the data folders, open the database and apply pending migrations."""
    settings.paths.ensure()
    store = Store(settings.paths.database, busy_timeout=settings.busy_timeout_seconds)
    migrate(store)
    return store
