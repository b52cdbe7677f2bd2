"""`appliance tls init | show | check | import`: the HTTPS certificate the iPads see."""

from __future__ import annotations

import argparse
import ipaddress
import json
import socket
import sys
from pathlib import Path

from cryptography.hazmat.primitives import hashes

from appliance.cli import add_command
from appliance.cli._common import add_group
from appliance.errors import InvalidInputError
from appliance.tls.files import TlsFiles
from appliance.tls.importing import import_certificate, load_pem, load_pfx
from appliance.tls.lifecycle import ensure_certificate, is_local
from appliance.tls.names import machine_names, name_matches
from appliance.tls.probe import check_server
from appliance.tls.status import tls_status

PFX_SUFFIXES = (".pfx", ".p12")


def register(subparsers, common) -> None:
    actions = add_group(subparsers, common, "tls", "Make, show, check or import the HTTPS certificate.",
                        "appliance tls show")
    init = add_command(actions, common, "init", run_init,
                       "Make the local CA and the server certificate (the service does this at first start).",
                       "appliance tls init\nappliance tls init --renew")
    init.add_argument("--renew", action="store_true", help="issue a new server certificate even if not due")
    show = add_command(actions, common, "show", run_show,
                       "Print the server certificate: subject, names, issuer, expiry, fingerprint.",
                       "appliance tls show")
    show.add_argument("--json", action="store_true", help="print it as JSON")
    check = add_command(actions, _data_dir_only(), "check", run_check,
                        "Connect to the running service as an iPad would and check every ATS rule; exit 0 "
                        "only when all pass.", "appliance tls check --host server.example.local --port 8471")
    check.add_argument("--host", dest="check_host", metavar="NAME",
                       help="the name or address the iPads use (default: this machine's host name)")
    check.add_argument("--port", dest="check_port", type=int, metavar="N", help="HTTPS port (default: https_port)")
    check.add_argument("--cafile", type=Path, metavar="FILE",
                       help="trust anchor (default: the local CA, or the system's roots for an imported certificate)")
    imported = add_command(actions, common, "import", run_import,
                           "Use your own certificate (PFX/PKCS#12, or PEM certificate + key + chain).",
                           "appliance tls import server.pfx --password-stdin < password.txt\n"
                           "appliance tls import server.crt --key server.key --chain intermediate.crt")
    imported.add_argument("file", type=Path, metavar="FILE", help="a .pfx/.p12 file, or a PEM certificate")
    imported.add_argument("--key", type=Path, metavar="FILE", help="the PEM private key (with a PEM certificate)")
    imported.add_argument("--chain", type=Path, metavar="FILE", help="PEM intermediate certificates")
    imported.add_argument("--password-stdin", action="store_true", help="read the PFX password from stdin")


def _data_dir_only() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument_group("settings").add_argument(
        "--data-dir", dest="data_dir", metavar="DIR", help="data directory; env APPLIANCE_DATA_DIR")
    return parent


def run_init(args, settings) -> int:
    settings.paths.ensure()
    outcome = ensure_certificate(settings, force=args.renew)
    print(f"Server certificate {outcome.action}: {outcome.reason}.")
    print(f"CA certificate for the iPads: {TlsFiles.of(settings.paths).ca_cert}")
    return run_show(argparse.Namespace(json=False), settings)


def run_show(args, settings) -> int:
    files = TlsFiles.of(settings.paths)
    if not files.has_server_certificate():
        raise InvalidInputError("There is no server certificate yet: run `appliance tls init` (or start the "
                                "service), or import one with `appliance tls import FILE`.")
    leaf = files.load_leaf()
    status = tls_status(settings)
    facts = {"subject": leaf.subject.rfc4514_string(), "names": status["names"],
             "issuer": leaf.issuer.rfc4514_string(), "source": status["source"],
             "valid_from": leaf.not_valid_before_utc.isoformat(timespec="seconds"),
             "expires_at": status["expires_at"], "days_left": status["days_left"],
             "state": status["certificate_state"],
             "sha256_fingerprint": leaf.fingerprint(hashes.SHA256()).hex(":").upper(),
             "ca_cert": str(files.ca_cert) if files.ca_cert.is_file() else None}
    if args.json:
        print(json.dumps(facts, indent=2))
        return 0
    for label, value in facts.items():
        value = ", ".join(value) if isinstance(value, list) else value
        print(f"{label.replace('_', ' ').capitalize() + ':':<20}{value}")
    return 0


def run_check(args, settings) -> int:
    name = args.check_host or socket.gethostname()
    port = args.check_port or settings.https_port
    if not port:
        raise InvalidInputError("HTTPS is off (https_port = 0): set https_port, or give --port N.")
    files = TlsFiles.of(settings.paths)
    cafile = args.cafile
    if cafile is None and files.has_server_certificate() and is_local(files, files.load_leaf()):
        cafile = files.ca_cert
    checks = check_server(_address(name, settings), port, name, cafile)
    for check in checks:
        print(f"{'PASS' if check.passed else 'FAIL'}  {check.rule}: {check.detail}")
        if not check.passed:
            print(f"      fix: {check.fix}")
    failed = sum(not c.passed for c in checks)
    print(f"\n{len(checks) - failed} of {len(checks)} rules pass" + ("." if not failed else f"; {failed} fail."))
    return 0 if not failed else 1


def _address(name: str, settings) -> str:
    """Where to connect: this machine's own names are reached on the listening address."""
    if not name_matches(name, machine_names(settings.tls_names)):
        return name
    try:
        listening = ipaddress.ip_address(settings.host)
    except ValueError:
        return settings.host
    return "127.0.0.1" if listening.is_unspecified else str(listening)


def run_import(args, settings) -> int:
    data = _read(args.file, "certificate")
    if args.file.suffix.lower() in PFX_SUFFIXES:
        password = sys.stdin.buffer.read().rstrip(b"\r\n") if args.password_stdin else None
        key, leaf, others = load_pfx(data, password)
    else:
        if args.key is None:
            raise InvalidInputError("A PEM certificate needs its private key: add --key FILE (or import a .pfx).")
        key, leaf, others = load_pem(data, _read(args.key, "key"), _read(args.chain, "chain") if args.chain else b"")
    settings.paths.ensure()
    import_certificate(settings, key, leaf, others)
    print("Certificate imported; the running service serves it within a minute.")
    return run_show(argparse.Namespace(json=False), settings)


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"Cannot read the {what} file {path} ({exc.strerror}).") from None
