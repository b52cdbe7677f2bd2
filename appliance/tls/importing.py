"""The operator's own certificate: PKCS#12 (PFX) or PEM certificate + key + chain.

Every rule is checked before anything is written, so a refused certificate leaves the
one in force untouched. Refusals name the rule: the key does not match, the chain is
incomplete, the certificate is expired (or not yet valid), or it breaks an ATS rule.
"""

from __future__ import annotations

import logging
import ssl
import warnings
from datetime import datetime, timezone

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from appliance.errors import InvalidInputError
from appliance.tls.authority import issued_by
from appliance.tls.files import TlsFiles
from appliance.tls.rules import certificate_checks

log = logging.getLogger("appliance.tls")


class CertificateRefusedError(InvalidInputError):
    """A certificate that cannot be used; the message names the rule and the fix."""

    title = "Certificate refused"

    def __init__(self, message: str, rule: str):
        super().__init__(message, errors=[{"field": "certificate", "reason": rule}])
        self.rule = rule


def load_pfx(data: bytes, password: bytes | None):
    """(key, leaf, other certificates) from a PKCS#12 file."""
    try:
        key, leaf, others = pkcs12.load_key_and_certificates(data, password or None)
    except ValueError:
        raise CertificateRefusedError("The PFX file cannot be opened: wrong password or not a PKCS#12 file. "
                                      "Give the password with --password-stdin.", "unreadable") from None
    if key is None or leaf is None:
        raise CertificateRefusedError("The PFX file must hold the certificate and its private key.", "unreadable")
    return key, leaf, list(others)


def load_pem(cert_data: bytes, key_data: bytes, chain_data: bytes = b""):
    """(key, leaf, other certificates) from PEM text: certificate(s), key, optional chain."""
    try:
        certs = x509.load_pem_x509_certificates(cert_data + b"\n" + chain_data)
    except ValueError:
        raise CertificateRefusedError("The certificate file holds no PEM certificate (-----BEGIN CERTIFICATE-----).",
                                      "unreadable") from None
    try:
        key = serialization.load_pem_private_key(key_data, password=None)
    except (ValueError, TypeError):
        raise CertificateRefusedError("The key file holds no unencrypted PEM private key "
                                      "(decrypt it first, e.g. `openssl pkey -in key.pem -out plain.pem`).",
                                      "unreadable") from None
    return key, certs[0], certs[1:]


def validate(key, leaf: x509.Certificate, others: list[x509.Certificate], now: datetime,
             trusted: list[x509.Certificate] | None = None) -> list[x509.Certificate]:
    """The chain to serve (leaf first), or CertificateRefusedError naming the rule broken."""
    if _public(key.public_key()) != _public(leaf.public_key()):
        raise CertificateRefusedError("The private key does not belong to the certificate: give the key the "
                                      "certificate was issued for.", "key_mismatch")
    for check in certificate_checks(leaf, now):
        if not check.passed:
            rule = "expired" if check.rule == "within validity" else "ats"
            raise CertificateRefusedError(f"The certificate breaks the rule '{check.rule}' ({check.detail}). "
                                          f"{check.fix}", rule)
    return complete_chain(leaf, others, system_roots() if trusted is None else trusted)


def complete_chain(leaf: x509.Certificate, others: list[x509.Certificate],
                   trusted: list[x509.Certificate]) -> list[x509.Certificate]:
    """Leaf and intermediates up to a root (given, or among `trusted`); refused when a link is missing."""
    chain, current = [leaf], leaf
    while not _self_signed(current):
        issuer = next((c for c in others if c not in chain and issued_by(current, c)), None)
        if issuer is None:
            if any(issued_by(current, root) for root in trusted):
                return chain
            raise CertificateRefusedError(
                f"The chain is incomplete: no certificate of the issuer '{current.issuer.rfc4514_string()}'. "
                f"Add the intermediate certificates (the CA's bundle) with --chain FILE or inside the PFX.",
                "chain_incomplete")
        if _self_signed(issuer):
            return chain  # the root itself is not served: the client must already trust it
        chain.append(issuer)
        current = issuer
    return chain


def import_certificate(settings, key, leaf: x509.Certificate, others: list[x509.Certificate], *,
                       now: datetime | None = None, trusted: list[x509.Certificate] | None = None,
                       ) -> x509.Certificate:
    """Validate an operator's certificate and put it in force (the service picks it up within a minute)."""
    now = now or datetime.now(timezone.utc)
    chain = validate(key, leaf, others, now, trusted)
    TlsFiles.of(settings.paths).save_server(chain, key)
    log.info("imported server certificate %s (issuer %s, until %s)", leaf.subject.rfc4514_string(),
             leaf.issuer.rfc4514_string(), f"{leaf.not_valid_after_utc:%Y-%m-%d}")
    return leaf


def system_roots() -> list[x509.Certificate]:
    """The operating system's trusted roots, as Python's ssl finds them."""
    context = ssl.create_default_context()
    roots = []
    with warnings.catch_warnings():  # some old roots have serial numbers RFC 5280 forbids: still roots
        warnings.simplefilter("ignore")
        for der in context.get_ca_certs(binary_form=True):
            try:
                roots.append(x509.load_der_x509_certificate(der))
            except ValueError:  # a root cryptography cannot parse cannot be the issuer we look for either
                continue
    return roots


def _self_signed(cert: x509.Certificate) -> bool:
    return cert.issuer == cert.subject and issued_by(cert, cert)


def _public(public_key) -> bytes:
    return public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def load_upload(data: bytes, key_data: bytes = b"", password: bytes | None = None):
    """(key, leaf, others) from what an operator uploads: a PFX, or PEM text (its key inside or in `key_data`)."""
    if b"-----BEGIN" not in data:
        return load_pfx(data, password)
    return load_pem(data, key_data or data)
