"""Apple's App Transport Security rules on a server certificate, each a pass/fail with its fix.

ATS (what an iPad demands of an HTTPS server): the name the client typed in subjectAltName
(the common name is ignored), EKU serverAuth, an RSA key of 2048 bits or more or an ECDSA
key of 256 or more, a SHA-256 (or stronger) signature, and, for a root the user installed,
at most 825 days of validity. The protocol rules (TLS 1.2+, forward secrecy) need a live
connection: `probe` checks those.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from appliance.messages import days
from appliance.tls.authority import san_names
from appliance.tls.names import name_matches

MAX_LEAF_DAYS = 825
STRONG_HASHES = (hashes.SHA256, hashes.SHA384, hashes.SHA512)


@dataclass(frozen=True)
class Check:
    """One rule's result: `fix` says what to do when it failed."""

    rule: str
    passed: bool
    detail: str
    fix: str = ""

    def as_dict(self) -> dict:
        return {"rule": self.rule, "passed": self.passed, "detail": self.detail, "fix": self.fix}


def certificate_checks(cert: x509.Certificate, now: datetime, name: str | None = None) -> list[Check]:
    """The ATS certificate rules; with `name`, also whether that name is covered."""
    return [san_check(cert, name), eku_check(cert), key_check(cert), hash_check(cert), lifetime_check(cert),
            expiry_check(cert, now)]


def san_check(cert: x509.Certificate, name: str | None) -> Check:
    names = san_names(cert)
    listed = ", ".join(names.all()) or "none"
    if name is None:
        return Check("names in subjectAltName", bool(names.all()), f"subjectAltName: {listed}",
                     "Use a certificate whose subjectAltName lists the server's names and addresses.")
    return Check(f"{name} in subjectAltName", name_matches(name, names), f"subjectAltName: {listed}",
                 f"Add {name} to tls_names (appliance.toml) and restart the service, which renews the "
                 f"certificate; an imported certificate must be reissued with that name.")


def eku_check(cert: x509.Certificate) -> Check:
    try:
        usages = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        ok = ExtendedKeyUsageOID.SERVER_AUTH in usages
    except x509.ExtensionNotFound:
        ok = False
    return Check("extended key usage serverAuth", ok, "serverAuth present" if ok else "serverAuth missing",
                 "Use a certificate issued for TLS servers (extended key usage serverAuth).")


def key_check(cert: x509.Certificate) -> Check:
    key = cert.public_key()
    if isinstance(key, ec.EllipticCurvePublicKey):
        ok, detail = key.key_size >= 256, f"ECDSA {key.key_size} bits"
    elif isinstance(key, rsa.RSAPublicKey):
        ok, detail = key.key_size >= 2048, f"RSA {key.key_size} bits"
    else:
        ok, detail = False, f"{type(key).__name__} key"
    return Check("key size", ok, detail, "Use an ECDSA key of 256 bits or more or an RSA key of 2048 bits or more.")


def hash_check(cert: x509.Certificate) -> Check:
    algorithm = cert.signature_hash_algorithm
    ok = isinstance(algorithm, STRONG_HASHES)
    return Check("SHA-256 signature", ok, f"signed with {algorithm.name if algorithm else 'no hash'}",
                 "Have the certificate reissued with a SHA-256 signature.")


def lifetime_check(cert: x509.Certificate) -> Check:
    days = (cert.not_valid_after_utc - cert.not_valid_before_utc).days
    return Check(f"validity at most {MAX_LEAF_DAYS} days", days <= MAX_LEAF_DAYS, f"valid for {days} days",
                 f"iOS refuses longer-lived certificates from a root the user installed; reissue it with at "
                 f"most {MAX_LEAF_DAYS} days.")


def expiry_check(cert: x509.Certificate, now: datetime) -> Check:
    now = now.astimezone(timezone.utc)
    if now < cert.not_valid_before_utc:
        return Check("within validity", False, f"not valid before {cert.not_valid_before_utc:%Y-%m-%d %H:%M} UTC",
                     "Check this server's clock, or use a certificate that is already valid.")
    left = cert.not_valid_after_utc - now
    if left.total_seconds() <= 0:
        return Check("within validity", False, f"expired on {cert.not_valid_after_utc:%Y-%m-%d}",
                     "Renew it: `appliance tls init --renew` (local CA) or import a new certificate.")
    return Check("within validity", True, f"expires on {cert.not_valid_after_utc:%Y-%m-%d} ({days(left.days)} left)")


def days_left(cert: x509.Certificate, now: datetime) -> int:
    """Whole days until the certificate expires (negative once expired)."""
    return (cert.not_valid_after_utc - now.astimezone(timezone.utc)).days
