"""Vendor keys and license signing.

The private key (`vendor.key`, PKCS#8 PEM, readable by its owner only) signs; the
public key (`vendor.pub`) goes into the appliance package as
`appliance/licensing/keys/<kid>.pub`, where the appliance trusts it.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from appliance.licensing.armor import Envelope, armor, unarmor
from appliance.licensing.errors import LicenseError
from appliance.licensing.keys import key_id, parse_public_key
from appliance.licensing.payload import (DEFAULT_DEVICES_PER_USER, DEFAULT_GRACE_DAYS, LicensePayload,
                                         decode_payload, encode_payload)
from appliance.licensing.profiles import MODULES, PROFILES

PRIVATE_NAME = "vendor.key"
PUBLIC_NAME = "vendor.pub"


class VendorError(Exception):
    """A vendor command cannot do what was asked; the message says what to change."""


@dataclass(frozen=True)
class KeyFiles:
    private: Path
    public: Path
    kid: str


def generate_keys(folder: Path) -> KeyFiles:
    """Make a new key pair in `folder` (vendor.key mode 0600, vendor.pub); never overwrites."""
    folder.mkdir(parents=True, exist_ok=True)
    private_path, public_path = folder / PRIVATE_NAME, folder / PUBLIC_NAME
    for path in (private_path, public_path):
        if path.exists():
            raise VendorError(f"{path} already exists; keys are never overwritten. Choose another --out folder.")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(private_pem)
    public_path.write_bytes(public_pem(key.public_key()))
    return KeyFiles(private_path, public_path, key_id(key.public_key()))


def public_pem(public_key: Ed25519PublicKey) -> bytes:
    """A public key as PEM (what vendor.pub holds)."""
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The vendor's signing key from a vendor.key file."""
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as exc:
        raise VendorError(f"Cannot read the key {path} ({exc.strerror}). Give the vendor.key made by keygen.") \
            from None
    except (ValueError, TypeError):
        raise VendorError(f"{path} is not an unencrypted private key in PEM form. "
                          "Give the vendor.key made by keygen.") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise VendorError(f"{path} is not an Ed25519 key. Give the vendor.key made by keygen.")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """A public key from a vendor.pub file."""
    try:
        return parse_public_key(path.read_bytes())
    except OSError as exc:
        raise VendorError(f"Cannot read {path} ({exc.strerror}).") from None
    except ValueError:
        raise VendorError(f"{path} is not an Ed25519 public key in PEM form (a vendor.pub).") from None


def build_payload(*, customer: str, project: str, seats: dict[str, int], modules: list[str],
                  expires: date | None, not_before: date | None = None, grace_days: int = DEFAULT_GRACE_DAYS,
                  devices_per_user: int = DEFAULT_DEVICES_PER_USER, machine: str | None = None,
                  license_id: str | None = None, issued_at: datetime | None = None) -> dict[str, Any]:
    """The payload fields of a new license, checked the way the appliance will read them."""
    unknown_profiles = sorted(set(seats) - set(PROFILES))
    if unknown_profiles:
        raise VendorError(f"Unknown profile(s) {', '.join(unknown_profiles)} in --seats; "
                          f"use {', '.join(PROFILES)}.")
    unknown_modules = sorted(set(modules) - set(MODULES))
    if unknown_modules:
        raise VendorError(f"Unknown module(s) {', '.join(unknown_modules)} in --modules; use {', '.join(MODULES)}.")
    issued_at = (issued_at or datetime.now(timezone.utc)).astimezone(timezone.utc)
    fields = {
        "license_id": license_id or str(uuid.uuid4()),
        "customer": customer,
        "project": project,
        "issued_at": issued_at.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "not_before": (not_before or issued_at.date()).isoformat(),
        "expires_at": expires.isoformat() if expires else None,
        "grace_days": grace_days,
        "seats": dict(seats),
        "modules": list(modules),
        "devices_per_user": devices_per_user,
        "machine": machine,
    }
    try:
        decode_payload(encode_payload(fields))
    except LicenseError as exc:
        raise VendorError(str(exc)) from None
    return fields


def sign_license(private_key: Ed25519PrivateKey, fields: dict[str, Any]) -> str:
    """The license file text for payload `fields`, signed with `private_key`."""
    payload = encode_payload(fields)
    return armor(Envelope(kid=key_id(private_key.public_key()), payload=payload, sig=private_key.sign(payload)))


def inspect_license(text: str | bytes, public_key: Ed25519PublicKey | None = None) -> tuple[str, LicensePayload,
                                                                                          bool | None]:
    """Read a license without trusting it: (kid, payload, signature valid? None when no key given)."""
    envelope = unarmor(text)
    valid = None
    if public_key is not None:
        try:
            public_key.verify(envelope.sig, envelope.payload)
            valid = key_id(public_key) == envelope.kid
        except InvalidSignature:
            valid = False
    return envelope.kid, decode_payload(envelope.payload), valid
