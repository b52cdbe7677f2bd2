"""Helpers for loading files through the real pipeline into a real SQLite file."""

from __future__ import annotations

import pytest

from appliance.ingest.pipeline import import_batch


@pytest.fixture
def gestionale(tmp_path):
    folder = tmp_path / "exchange" / "gestionale"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def load(store, settings):
    """Import files (one batch) and return the outcomes."""

    def run(*paths, force=False, hooks=None, with_settings=None):
        return import_batch(store, with_settings or settings, list(paths), force=force, hooks=hooks)

    return run


@pytest.fixture
def table(store):
    """All rows of a table as dicts keyed by _key (tombstones included)."""

    def read(name, live_only=False):
        where = " WHERE _deleted = 0" if live_only else ""
        return {r["_key"]: r for r in store.query(f'SELECT * FROM "{name}"{where}')}

    return read
