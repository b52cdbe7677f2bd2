"""`appliance tls check`: connect to the running service as an iPad would and check every ATS rule.

The protocol rules need the live server: TLS 1.2 or newer negotiated, TLS 1.0/1.1 refused,
forward secrecy (TLS 1.3, or ECDHE when a client offers only TLS 1.2), a server refusing
TLS 1.2 clients without ECDHE suites, and a chain that verifies against the trust anchor
(the local CA, or the system's roots for an imported certificate). The certificate rules
come from `rules` and are applied to the certificate the server actually sent.
"""

from __future__ import annotations

import socket
import ssl
import warnings
from datetime import datetime, timezone
from pathlib import Path

from cryptography import x509

from appliance.tls.rules import Check, certificate_checks

TIMEOUT = 10.0
NON_FS_CIPHERS = "kRSA:!aNULL:@SECLEVEL=0"  # RSA key exchange: no forward secrecy


def check_server(address: str, port: int, name: str, cafile: Path | None, *,
                 now: datetime | None = None) -> list[Check]:
    """Every rule, as seen by a client connecting to address:port and asking for `name`."""
    now = now or datetime.now(timezone.utc)
    try:
        version, cipher, der = _handshake(address, port, name, _client(cafile))
    except ssl.SSLCertVerificationError as exc:
        checks = [Check("chain verifies", False, exc.verify_message or str(exc),
                        "Install the right certificate (`appliance tls init --renew`) or check with the right CA "
                        "(--cafile).")]
        version, cipher, der = _handshake(address, port, name, _client(None, verify=False))
    else:
        anchor = f"the CA in {cafile}" if cafile else "the system's trusted roots"
        checks = [Check("chain verifies", True, f"verified against {anchor}")]
    checks.insert(0, Check("TLS 1.2 or newer", version in ("TLSv1.2", "TLSv1.3"), f"negotiated {version}",
                           "Set the server's minimum protocol to TLS 1.2."))
    checks.insert(1, _old_versions_refused(address, port, name))
    checks.insert(2, _forward_secrecy(address, port, name, version, cipher))
    checks.extend(certificate_checks(x509.load_der_x509_certificate(der), now, name))
    return checks


def _client(cafile: Path | None, *, verify: bool = True) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    elif cafile:
        context.load_verify_locations(cafile=str(cafile))
    else:
        context.load_default_certs()
    return context


def _unverified(minimum: ssl.TLSVersion, maximum: ssl.TLSVersion, ciphers: str | None = None) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    if ciphers:
        context.set_ciphers(ciphers)
    with warnings.catch_warnings():  # asking for TLS 1.0/1.1 on purpose: to see the server refuse them
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version, context.maximum_version = minimum, maximum
    return context


def _handshake(address: str, port: int, name: str, context: ssl.SSLContext) -> tuple[str, str, bytes]:
    """(protocol version, cipher name, server certificate DER) of one handshake."""
    with socket.create_connection((address, port), timeout=TIMEOUT) as raw:
        with context.wrap_socket(raw, server_hostname=name) as tls:
            return tls.version() or "", tls.cipher()[0], tls.getpeercert(binary_form=True)


def _refused(address: str, port: int, name: str, context: ssl.SSLContext) -> tuple[bool, str]:
    try:
        version, cipher, _ = _handshake(address, port, name, context)
    except ssl.SSLError as exc:
        return True, f"refused ({exc.reason or exc})"
    except (ConnectionError, TimeoutError) as exc:
        return True, f"refused ({exc})"
    return False, f"accepted {version} with {cipher}"


def _old_versions_refused(address: str, port: int, name: str) -> Check:
    context = _unverified(ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1, "DEFAULT:@SECLEVEL=0")
    refused, detail = _refused(address, port, name, context)
    return Check("TLS 1.0 and 1.1 refused", refused, f"a TLS 1.0/1.1 client was {detail}",
                 "Set the server's minimum protocol to TLS 1.2.")


def _forward_secrecy(address: str, port: int, name: str, version: str, cipher: str) -> Check:
    ecdhe_12 = _unverified(ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_2)
    try:
        _, cipher_12, _ = _handshake(address, port, name, ecdhe_12)
    except ssl.SSLError as exc:
        return Check("forward secrecy", False, f"a TLS 1.2 client was refused ({exc.reason})",
                     "Offer ECDHE suites for TLS 1.2 (iPads with older iOS use them).")
    static_refused, static_detail = _refused(address, port, name, _unverified(
        ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_2, NON_FS_CIPHERS))
    ok = "ECDHE" in cipher_12 and static_refused
    detail = f"{version} with {cipher}; TLS 1.2 with {cipher_12}; a client without ECDHE was {static_detail}"
    return Check("forward secrecy", ok, detail, "Offer only ECDHE suites for TLS 1.2.")
