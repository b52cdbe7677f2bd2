"""Verifying a license file, in a fixed order, each failure with its own message.

1. armor and base64 (`armor.unarmor`);  2. the key id is trusted;  3. the Ed25519
signature over the payload bytes;  4. the payload JSON (`payload.decode_payload`);
5. the project matches this appliance;  6. the machine matches, when the license names
one. The checks that depend on the time (clock, not_before, expiry and grace) are
`state.py`'s, because their outcome changes while the file stays the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from appliance.licensing.armor import unarmor
from appliance.licensing.errors import LicenseError
from appliance.licensing.fingerprint import same_fingerprint
from appliance.licensing.payload import LicensePayload, decode_payload

PROJECT_SETTING_HOW = "`project = \"{code}\"` in appliance.toml, APPLIANCE_PROJECT={code} or --project {code}"


@dataclass(frozen=True)
class SignedLicense:
    """A license whose signature, project and machine have been checked."""

    kid: str
    payload: LicensePayload


def verify_license(data: str | bytes, keys: Mapping[str, Ed25519PublicKey], *,
                   project: str, fingerprint: Callable[[], str]) -> SignedLicense:
    """Check a license file against the trusted keys, this project and this machine.

    `fingerprint` gives this server's fingerprint; it is asked only when the license
    is bound to a machine. Raises LicenseError with the code of the first check that fails.
    """
    envelope = unarmor(data)
    key = keys.get(envelope.kid)
    if key is None:
        raise LicenseError(
            "unknown_key",
            f"The license is signed with key '{envelope.kid}', which this appliance does not trust. "
            "Ask the vendor for a license signed with a current key, or update the appliance if the "
            "vendor has changed keys since it was installed.")
    try:
        key.verify(envelope.sig, envelope.payload)
    except InvalidSignature:
        raise LicenseError(
            "bad_signature",
            f"The license signature does not match its key '{envelope.kid}': the file was changed after "
            "it was signed, or signed with another key. Ask the vendor to send the file again, unchanged."
        ) from None
    payload = decode_payload(envelope.payload)
    check_project(payload, project)
    check_machine(payload, fingerprint)
    return SignedLicense(envelope.kid, payload)


def check_project(payload: LicensePayload, project: str) -> None:
    """The license must be for this appliance's project code."""
    if not project:
        raise LicenseError(
            "wrong_project",
            f"This appliance has no project code yet and the license is for project '{payload.project}'. "
            f"Set it with {PROJECT_SETTING_HOW.format(code=payload.project)}, then install the license again.")
    if payload.project != project:
        raise LicenseError(
            "wrong_project",
            f"The license is for project '{payload.project}', but this appliance runs project '{project}'. "
            f"Install the license issued for project '{project}', or, if the project code is wrong, "
            f"set it with {PROJECT_SETTING_HOW.format(code=payload.project)}.")


def check_machine(payload: LicensePayload, fingerprint: Callable[[], str]) -> None:
    """A license bound to a machine works only on that machine."""
    if not payload.machine:
        return
    this_server = fingerprint()
    if not same_fingerprint(payload.machine, this_server):
        raise LicenseError(
            "wrong_machine",
            f"The license is bound to the server with fingerprint {payload.machine}, but this server's "
            f"fingerprint is {this_server}. Send this fingerprint (`appliance fingerprint`) to the vendor "
            "and ask for a license bound to it.")
