"""Fixtures: fresh vendor keys, a license signer, an injected clock, settings and a migrated Store."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from appliance.accounts import add_user
from appliance.licensing import install_license
from appliance.settings import load_settings
from appliance.store.db import Store
from appliance.store.migrations import migrate
from appliance_vendor.signing import build_payload, generate_keys, load_private_key, sign_license

PROJECT = "ROSSI"
PASSWORD = "correct horse"
START = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)


@dataclass
class VendorKeys:
    """Two trusted key pairs (the vendor rotates) and one the appliance does not know."""

    folder: Path
    trusted: object
    second: object
    untrusted: object
    trusted_pubs: tuple[Path, ...]


@pytest.fixture(scope="session")
def vendor_keys(tmp_path_factory) -> VendorKeys:
    folder = tmp_path_factory.mktemp("vendor")
    made = {name: generate_keys(folder / name) for name in ("trusted", "second", "untrusted")}
    keys = {name: load_private_key(files.private) for name, files in made.items()}
    return VendorKeys(folder, keys["trusted"], keys["second"], keys["untrusted"],
                      (made["trusted"].public, made["second"].public))


@pytest.fixture(autouse=True)
def pinned_timezone():
    """Run in a time zone far from UTC: licensing must not depend on the server's zone."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


class Clock:
    """The injected time: tests move it instead of sleeping."""

    def __init__(self, start: datetime = START):
        self.now = start

    def advance(self, **delta) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_settings(data_dir: Path, vendor_keys: VendorKeys, **environ):
    env = {"APPLIANCE_DEV_TRUSTED_KEY": os.pathsep.join(str(p) for p in vendor_keys.trusted_pubs),
           "APPLIANCE_PASSWORD_HASH_COST": "4", "APPLIANCE_PROJECT": PROJECT, **environ}
    return load_settings({"data_dir": str(data_dir)}, environ=env)


@pytest.fixture
def settings(tmp_path, vendor_keys):
    return make_settings(tmp_path / "data", vendor_keys)


@pytest.fixture
def store(settings):
    settings.paths.ensure()
    store = Store(settings.paths.database, busy_timeout=settings.busy_timeout_seconds)
    migrate(store)
    yield store
    store.close()


@pytest.fixture
def issue(vendor_keys):
    """Sign a license: `issue(key=..., **payload fields)`; defaults give a valid license for ROSSI."""

    def sign(key=None, **fields) -> str:
        payload = build_payload(customer="Rossi SpA", project=PROJECT, seats={"orders": 3, "information": 1},
                                modules=["catalog", "reports"], expires=date(2027, 12, 31),
                                not_before=date(2026, 1, 1), license_id="LIC-1",
                                issued_at=datetime(2026, 1, 1, tzinfo=timezone.utc))
        payload.update(fields)
        return sign_license(key or vendor_keys.trusted, payload)

    return sign


@pytest.fixture
def licensed(store, settings, issue, clock):
    """Install the default license; returns a function to install another one."""

    def install(**fields):
        return install_license(store, settings, issue(**fields).encode(), now=clock.now)

    install()
    return install


@pytest.fixture
def user(store, settings, clock):
    """Add an active user: `user("mrossi", profile="orders", ...)` -> its public fields."""

    def add(name: str, password: str = PASSWORD, **fields):
        return add_user(store, settings, name, password, now=clock.now, **fields)

    return add
