"""Certificates for import tests, made with cryptography: a root, an intermediate and leaves with
whatever flaw a test needs."""

from __future__ import annotations

import ipaddress
from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)


def name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


def authority(label: str, issuer=None, issuer_key=None):
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(name(label))
            .issuer_name(issuer.subject if issuer else name(label)).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(NOW - timedelta(days=1))
            .not_valid_after(NOW + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(issuer_key or key, hashes.SHA256()))
    return cert, key


def leaf(issuer, issuer_key, *, key=None, days: int = 397, start=None, names=("shop.example", "10.0.0.5"),
         eku=(ExtendedKeyUsageOID.SERVER_AUTH,), digest=None):
    key = key or ec.generate_private_key(ec.SECP256R1())
    start = start or NOW - timedelta(days=1)
    alt = [x509.IPAddress(ipaddress.ip_address(n)) if n[0].isdigit() else x509.DNSName(n) for n in names]
    builder = (x509.CertificateBuilder().subject_name(name(names[0] if names else "server"))
               .issuer_name(issuer.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(start + timedelta(days=days)))
    if alt:
        builder = builder.add_extension(x509.SubjectAlternativeName(alt), critical=False)
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(list(eku)), critical=False)
    return builder.sign(issuer_key, digest or hashes.SHA256()), key


def rsa_key(bits: int):
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def pem(*certs) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


def key_pem(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def pfx(cert, key, chain, password: bytes) -> bytes:
    return pkcs12.serialize_key_and_certificates(b"server", key, cert, list(chain),
                                                 serialization.BestAvailableEncryption(password))
