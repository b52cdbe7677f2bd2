"""Backups on a real appliance: the device tests' running service (real SQLite, waitress on 127.0.0.1)
with its small ERP export loaded, plus helpers to upload orders and read the database."""

from __future__ import annotations

import os
import time
import uuid

import pytest

from tests.device.conftest import api, device_settings, signer, world  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def rome_time(monkeypatch):
    """Days, weeks and backup_at are local: pin the zone."""
    monkeypatch.setenv("TZ", "Europe/Rome")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def order(guid: str | None = None) -> dict:
    return {"guid": guid or f"ord-{uuid.uuid4()}", "cod_clifor": "C1", "cod_ditta": "1", "data_ordine": "2026-03-02",
            "righe": [{"codice_articolo": "ART1", "qta": 3, "prezzo": 12.5, "sconto_1": 5}]}


def upload(api, guid: str | None = None, user: str = "mrossi") -> str:
    document = order(guid)
    reply = api.post("/api/v1/documents/orders", user, json=document)
    assert reply.status_code in (200, 201), reply.text
    return document["guid"]


def stored_count(store, guid: str) -> int:
    return store.scalar("SELECT count(*) FROM documents WHERE guid = ?", (guid,))


def private(path) -> bool:
    return os.name == "nt" or (path.stat().st_mode & 0o077) == 0
