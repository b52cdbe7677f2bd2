"""A ready-to-try installation: a demo data dir, an exchange folder with a generated export, users.

`prepare_demo` is idempotent: a second run reuses the folder, the data and the users.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from appliance.demo.generator import generate_export
from appliance.demo.media import generate_media
from appliance.settings import Settings
from appliance.store.db import Store
from appliance.store.imports import any_import

log = logging.getLogger("appliance.demo")

EXCHANGE_FOLDERS = ("gestionale", "multimedia", "reports", "appmanager")
# Demo-only credentials, printed on purpose so that anyone trying the demo can log in.
DEMO_USERS = (
    {"username": "agente1", "password": "demo-agente1", "display_name": "Agente demo (AG01)",
     "agent_code": "AG01", "profile": "orders"},
    {"username": "ufficio", "password": "demo-ufficio", "display_name": "Ufficio vendite (all customers)",
     "profile": "orders"},
)


def default_demo_dir() -> Path:
    """Where the demo lives unless --data-dir says otherwise: never the production data dir."""
    return Path.home() / "appliance-demo"


@dataclass(frozen=True)
class DemoInfo:
    """What the demo prepared, for the guide printed to the user."""

    exchange: Path
    generated: list[Path]
    users: tuple[dict, ...]


def prepare_demo(settings: Settings, store: Store, *, today: date | None = None) -> DemoInfo:
    """Create the exchange folders, write a fresh export if there is none yet, add demo users."""
    exchange = settings.exchange
    for name in EXCHANGE_FOLDERS:
        (exchange / name).mkdir(parents=True, exist_ok=True)
    generated: list[Path] = []
    already_loaded = any_import(store)
    has_files = any((exchange / "gestionale").glob("io_*.dat"))
    if not already_loaded and not has_files:
        generated = generate_export(exchange / "gestionale", as_of=today or date.today())
        generated += generate_media(exchange / "multimedia", exchange / "reports")
        log.info("demo: wrote %d files into %s", len(generated), exchange)
    _add_users(store, settings)
    return DemoInfo(exchange, generated, DEMO_USERS)


def import_export_now(store: Store, settings: Settings, *, today: date | None = None) -> list:
    """Import every io_*.dat waiting in gestionale/ in one batch and archive them, as the watcher would."""
    from appliance.ingest.disposal import dispose
    from appliance.ingest.pipeline import import_batch

    files = sorted((settings.exchange / "gestionale").glob("io_*.dat"))
    outcomes = import_batch(store, settings, files) if files else []
    for outcome in outcomes:
        dispose(store, settings, outcome, move=True, today=today or date.today())
    return outcomes


def _add_users(store: Store, settings: Settings) -> None:
    from appliance.accounts import add_user, list_users

    existing = {user["username"] for user in list_users(store, settings)}
    for user in DEMO_USERS:
        if user["username"] not in existing:
            details = {k: v for k, v in user.items() if k not in ("username", "password", "profile")}
            add_user(store, settings, user["username"], user["password"], profile=user["profile"], **details)
