"""The local certificate authority: one ECDSA P-256 CA made once, and server certificates it signs.

The CA is valid 10 years and named after the project and the host, so an operator who
finds it in an iPad's settings knows where it came from. Server certificates follow the
ATS rules: the names in subjectAltName, EKU serverAuth, SHA-256, ECDSA P-256, and 397
days of validity (below the 825 days iOS accepts for a root the user installed).
"""

from __future__ import annotations

import ipaddress
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from appliance.tls.names import Names, parse_names

CA_DAYS = 3650
SERVER_DAYS = 397
BACKDATE = timedelta(hours=1)  # a client whose clock is a little behind still accepts a new certificate
ORGANIZATION = "AppManager appliance"


def new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def make_authority(project: str, host: str, now: datetime) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A new CA certificate and its key."""
    key = new_key()
    label = f"{project} " if project else ""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{ORGANIZATION} {label}CA ({host})"[:64]),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION)])
    subject_key = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - BACKDATE).not_valid_after(now + timedelta(days=CA_DAYS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False),
                           critical=True)
            .add_extension(subject_key, critical=False)
            .sign(key, hashes.SHA256()))
    return cert, key


def issue_server(ca_cert: x509.Certificate, ca_key, names: Names, now: datetime,
                 ) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A server certificate for `names`, signed by the CA, and its key."""
    key = new_key()
    common = next((n for n in names.dns if n != "localhost"), None) or (names.all() or ["localhost"])[0]
    alt = [x509.DNSName(n) for n in names.dns] + [x509.IPAddress(ipaddress.ip_address(ip)) for ip in names.ips]
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common[:64]),
                                     x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION)]))
            .issuer_name(ca_cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - BACKDATE).not_valid_after(now + timedelta(days=SERVER_DAYS))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=False, crl_sign=False,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False),
                           critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return cert, key


def san_names(cert: x509.Certificate) -> Names:
    """The DNS names and IP addresses in a certificate's subjectAltName (empty when it has none)."""
    try:
        alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return Names((), ())
    ips = [str(ip) for ip in alt.get_values_for_type(x509.IPAddress)]
    return parse_names(alt.get_values_for_type(x509.DNSName) + ips)


def issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Whether `issuer` signed `cert`."""
    try:
        cert.verify_directly_issued_by(issuer)
        return True
    except (ValueError, TypeError, InvalidSignature):
        return False
