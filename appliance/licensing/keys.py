"""The vendor public keys this appliance trusts.

The keys ship inside the package (`appliance/licensing/keys/*.pub`, PEM), loaded with
importlib.resources so they are found in a frozen executable too. Several keys may be
trusted at once, so the vendor can rotate: a license names its key by `kid`, the first
16 hex digits of the SHA-256 of the raw public key. Development runs may add keys with
the `dev_trusted_key` setting; the frozen executable ignores that setting, so a
customer cannot trust a key of their own making.
"""

from __future__ import annotations

import hashlib
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from appliance.errors import ConfigError
from appliance.settings import Settings

KEYS_FOLDER = "keys"


def key_id(public_key: Ed25519PublicKey) -> str:
    """The kid of a public key: 16 hex digits of the SHA-256 of its raw bytes."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def parse_public_key(pem: bytes) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM; ValueError when it is something else."""
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


@lru_cache(maxsize=1)
def embedded_keys() -> dict[str, Ed25519PublicKey]:
    """The keys shipped in the package, by kid."""
    keys = {}
    folder = resources.files("appliance.licensing").joinpath(KEYS_FOLDER)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".pub"):
            key = parse_public_key(entry.read_bytes())
            keys[key_id(key)] = key
    return keys


def trusted_keys(settings: Settings, *, frozen: bool | None = None) -> dict[str, Ed25519PublicKey]:
    """The embedded keys plus, in development runs only, those named by `dev_trusted_key`."""
    keys = dict(embedded_keys())
    if frozen is None:
        frozen = bool(getattr(sys, "frozen", False))
    if not frozen:
        for path in settings.dev_trusted_key:
            key = _read_dev_key(Path(path), settings.sources.get("dev_trusted_key", "the settings"))
            keys[key_id(key)] = key
    return keys


def _read_dev_key(path: Path, origin: str) -> Ed25519PublicKey:
    try:
        return parse_public_key(path.read_bytes())
    except OSError as exc:
        reason = f"cannot be read ({exc.strerror or exc})"
    except ValueError:
        reason = "is not an Ed25519 public key in PEM form (a vendor.pub made by `appliance-vendor keygen`)"
    raise ConfigError(f"Setting 'dev_trusted_key' from {origin}: {path} {reason}. "
                      f"Fix the path in {origin} or remove the setting.")
