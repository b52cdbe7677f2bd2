"""The local CA and the server certificate, parsed with cryptography; renewal with an injected clock;
imports refused rule by rule with the old certificate kept; the CLI."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from appliance.cli import main
from appliance.tls.files import TlsFiles
from appliance.tls.importing import CertificateRefusedError, import_certificate, load_pem
from appliance.tls.lifecycle import ensure_certificate
from appliance.tls.names import machine_names, parse_names
from appliance.tls.status import tls_status
from tests.tls.certs import NOW, authority, key_pem, leaf, pem, pfx, rsa_key

NAMES = parse_names(["server01", "server01.corp.example", "localhost", "127.0.0.1", "192.168.1.20", "fd00::20",
                     "vpn.example"])


@pytest.fixture
def tls_settings(make_settings):
    return make_settings(project="ROSSI", tls_names="vpn.example,10.8.0.1")


def san(cert):
    alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    return set(alt.get_values_for_type(x509.DNSName)), {str(ip) for ip in alt.get_values_for_type(x509.IPAddress)}


def test_init_makes_an_ecdsa_ca_and_a_server_certificate_that_follow_the_ats_rules(tls_settings):
    outcome = ensure_certificate(tls_settings, now=NOW)
    assert outcome.action == "created"
    files = TlsFiles.of(tls_settings.paths)
    ca, server = files.load_ca(), files.load_leaf()

    assert isinstance(ca.public_key(), ec.EllipticCurvePublicKey) and ca.public_key().curve.name == "secp256r1"
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert (ca.not_valid_after_utc - NOW).days == 3650
    common = ca.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert "ROSSI" in common and socket.gethostname() in common

    dns, ips = san(server)
    machine = machine_names(["vpn.example", "10.8.0.1"])
    assert {"localhost", "vpn.example"} <= dns and {"127.0.0.1", "10.8.0.1"} <= ips
    assert set(machine.all()) <= dns | ips  # host name, FQDN and every non-loopback address
    eku = server.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.SERVER_AUTH]
    assert isinstance(server.signature_hash_algorithm, hashes.SHA256)
    assert isinstance(server.public_key(), ec.EllipticCurvePublicKey) and server.public_key().key_size == 256
    assert (server.not_valid_after_utc - NOW).days == 397
    assert not server.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    server.verify_directly_issued_by(ca)
    assert files.load_chain()[1] == ca


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX; Windows uses the folder's ACL")
def test_private_keys_are_readable_only_by_the_owner(tls_settings):
    ensure_certificate(tls_settings, now=NOW)
    files = TlsFiles.of(tls_settings.paths)
    assert os.stat(files.ca_key).st_mode & 0o777 == 0o600
    assert os.stat(files.server_key).st_mode & 0o777 == 0o600
    assert os.stat(files.folder).st_mode & 0o077 == 0


def test_renewal_follows_the_injected_clock(tls_settings):
    first = ensure_certificate(tls_settings, now=NOW, names=NAMES).certificate
    kept = ensure_certificate(tls_settings, now=NOW + timedelta(days=366), names=NAMES)
    assert kept.action == "kept" and kept.certificate == first
    due = ensure_certificate(tls_settings, now=NOW + timedelta(days=367), names=NAMES)
    assert due.action == "renewed" and "expires on" in due.reason
    assert due.certificate.not_valid_after_utc > first.not_valid_after_utc
    ca_before = TlsFiles.of(tls_settings.paths).load_ca()
    assert due.certificate.issuer == ca_before.subject  # the same CA: iPads need nothing new


def test_a_new_address_renews_the_certificate(tls_settings):
    ensure_certificate(tls_settings, now=NOW, names=NAMES)
    moved = parse_names([*NAMES.all(), "192.168.5.9"])
    outcome = ensure_certificate(tls_settings, now=NOW + timedelta(days=1), names=moved)
    assert outcome.action == "renewed" and "192.168.5.9" in outcome.reason
    assert "192.168.5.9" in san(outcome.certificate)[1]
    fewer = parse_names(["localhost", "127.0.0.1"])  # an address gone for a moment renews nothing
    assert ensure_certificate(tls_settings, now=NOW + timedelta(days=2), names=fewer).action == "kept"


def test_health_states_follow_the_expiry(tls_settings):
    ensure_certificate(tls_settings, now=NOW, names=NAMES)
    url = "https://server01:8471"
    assert tls_status(tls_settings, https_url=url, now=NOW)["state"] == "ok"
    assert tls_status(tls_settings, https_url=url, now=NOW + timedelta(days=370))["state"] == "expiring"
    expired = tls_status(tls_settings, https_url=url, now=NOW + timedelta(days=398))
    assert expired["state"] == "expired" and expired["days_left"] < 0
    off = tls_status(tls_settings, now=NOW + timedelta(days=398))  # no listener (https_port 0, serve --get)
    assert off["state"] == "off" and off["certificate_state"] == "expired"


# -- imports ------------------------------------------------------------------------------------

@pytest.fixture
def company_ca():
    root, root_key = authority("Company Root")
    inter, inter_key = authority("Company Issuing CA", root, root_key)
    return root, root_key, inter, inter_key


def test_an_imported_certificate_with_its_chain_is_served_and_never_renewed(tls_settings, company_ca):
    root, _, inter, inter_key = company_ca
    cert, key = leaf(inter, inter_key)
    import_certificate(tls_settings, key, cert, [inter, root], now=NOW, trusted=[])
    files = TlsFiles.of(tls_settings.paths)
    assert files.load_chain() == [cert, inter]  # the root is not sent: clients must already trust it
    outcome = ensure_certificate(tls_settings, now=NOW + timedelta(days=390), names=NAMES)
    assert outcome.action == "kept" and "imported" in outcome.reason
    assert tls_status(tls_settings, now=NOW)["source"] == "imported"


def refusal(company_ca, case: str, tmp_path):
    """(key, certificate, other certificates, words of the message) for one broken rule."""
    root, root_key, inter, inter_key = company_ca
    if case == "key_mismatch":
        cert, _ = leaf(inter, inter_key)
        return ec.generate_private_key(ec.SECP256R1()), cert, [inter], "does not belong to the certificate"
    if case == "chain_incomplete":
        cert, key = leaf(inter, inter_key)
        return key, cert, [], "chain is incomplete"
    if case == "SHA-256 signature":  # cryptography no longer signs with SHA-1: openssl does
        return (*sha1_self_signed(tmp_path), [], "signed with sha1")
    options, message = {
        "expired": ({"start": NOW - timedelta(days=400)}, "expired on"),
        "key size": ({"key": rsa_key(1024)}, "RSA 1024 bits"),
        "serverAuth missing": ({"eku": ()}, "extended key usage serverAuth"),
        "serverAuth not among usages": ({"eku": (ExtendedKeyUsageOID.CLIENT_AUTH,)}, "serverAuth missing"),
        "825 days": ({"days": 900}, "valid for 900 days"),
        "no names": ({"names": ()}, "subjectAltName: none"),
    }[case]
    cert, key = leaf(inter, inter_key, **options)
    return key, cert, [inter], message


def sha1_self_signed(folder):
    key = ec.generate_private_key(ec.SECP256R1())
    (folder / "sha1.key").write_bytes(key_pem(key))
    subprocess.run(["openssl", "req", "-new", "-x509", "-sha1", "-key", str(folder / "sha1.key"), "-subj",
                    "/CN=shop.example", "-days", "30", "-addext", "subjectAltName=DNS:shop.example",
                    "-addext", "extendedKeyUsage=serverAuth", "-out", str(folder / "sha1.crt")],
                   check=True, capture_output=True)
    return key, x509.load_pem_x509_certificate((folder / "sha1.crt").read_bytes())


@pytest.mark.parametrize("case", ["key_mismatch", "chain_incomplete", "expired", "key size", "SHA-256 signature",
                                  "serverAuth missing", "serverAuth not among usages", "825 days", "no names"])
def test_a_refused_import_names_the_rule_and_keeps_the_old_certificate(tls_settings, company_ca, case, tmp_path):
    ensure_certificate(tls_settings, now=NOW, names=NAMES)
    files = TlsFiles.of(tls_settings.paths)
    before = (files.server_cert.read_bytes(), files.server_key.read_bytes())
    key, cert, others, message = refusal(company_ca, case, tmp_path)
    with pytest.raises(CertificateRefusedError) as refused:
        import_certificate(tls_settings, key, cert, others, now=_today() if case == "SHA-256 signature" else NOW,
                           trusted=[company_ca[0]])  # the root is among the system's roots
    assert message in str(refused.value)
    assert (files.server_cert.read_bytes(), files.server_key.read_bytes()) == before


def test_import_from_the_cli_pfx_with_password_on_stdin(tls_settings, company_ca, tmp_path, monkeypatch, capsys):
    root, _, inter, inter_key = company_ca
    cert, key = leaf(inter, inter_key, start=_today() - timedelta(days=1))
    (tmp_path / "server.pfx").write_bytes(pfx(cert, key, [inter, root], b"s3cret pfx"))
    monkeypatch.setattr(sys, "stdin", _Stdin(b"s3cret pfx\n"))
    assert main(["tls", "import", str(tmp_path / "server.pfx"), "--password-stdin",
                 "--data-dir", str(tls_settings.data_dir)]) == 0
    out = capsys.readouterr().out
    assert "shop.example, 10.0.0.5" in out and "imported" in out
    assert TlsFiles.of(tls_settings.paths).load_leaf() == cert


def test_import_from_the_cli_refuses_a_wrong_pfx_password(tls_settings, company_ca, tmp_path, monkeypatch, capsys):
    root, _, inter, inter_key = company_ca
    cert, key = leaf(inter, inter_key)
    (tmp_path / "server.pfx").write_bytes(pfx(cert, key, [inter, root], b"right"))
    monkeypatch.setattr(sys, "stdin", _Stdin(b"wrong\n"))
    assert main(["tls", "import", str(tmp_path / "server.pfx"), "--password-stdin",
                 "--data-dir", str(tls_settings.data_dir)]) == 2
    assert "wrong password" in capsys.readouterr().err


def test_import_pem_with_key_and_chain_files(tls_settings, company_ca, tmp_path, capsys):
    root, _, inter, inter_key = company_ca
    cert, key = leaf(inter, inter_key, start=_today() - timedelta(days=1))
    (tmp_path / "server.crt").write_bytes(pem(cert))
    (tmp_path / "server.key").write_bytes(key_pem(key))
    (tmp_path / "chain.crt").write_bytes(pem(inter, root))
    assert main(["tls", "import", str(tmp_path / "server.crt"), "--key", str(tmp_path / "server.key"),
                 "--chain", str(tmp_path / "chain.crt"), "--data-dir", str(tls_settings.data_dir)]) == 0
    assert TlsFiles.of(tls_settings.paths).load_chain() == [cert, inter]
    key2, leaf2, others = load_pem(pem(cert), key_pem(key), pem(inter))
    assert leaf2 == cert and others == [inter]


def test_tls_init_and_show_and_paths_from_the_cli(tls_settings, capsys):
    data = ["--data-dir", str(tls_settings.data_dir)]
    tls_settings.paths.config_file.write_text('tls_names = ["vpn.example"]\n', encoding="utf-8")
    assert main(["tls", "init", *data]) == 0
    out = capsys.readouterr().out
    assert "Server certificate created" in out and "Sha256 fingerprint:" in out
    assert main(["tls", "init", *data]) == 0
    assert "Server certificate kept" in capsys.readouterr().out
    assert main(["tls", "init", "--renew", *data]) == 0
    assert "Server certificate renewed: renewal asked for" in capsys.readouterr().out
    assert main(["tls", "show", "--json", *data]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["source"] == "local CA" and "vpn.example" in shown["names"]
    assert main(["paths", *data]) == 0
    line = next(l for l in capsys.readouterr().out.splitlines() if l.startswith("ca_cert"))
    assert line.split()[-1] == str(tls_settings.paths.ca_cert)


def test_tls_show_without_a_certificate_says_how_to_make_one(tls_settings, capsys):
    assert main(["tls", "show", "--data-dir", str(tls_settings.data_dir)]) == 2
    assert "appliance tls init" in capsys.readouterr().err


def _today():
    from datetime import datetime, timezone
    return datetime.now(timezone.utc)


class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)
