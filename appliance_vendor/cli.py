"""`appliance-vendor`: keygen, issue and inspect appliance licenses.

Errors become one line on stderr and exit code 2; `inspect` exits 1 when the
signature does not verify with the given public key.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Sequence

from appliance.licensing.errors import LicenseError
from appliance_vendor.signing import (VendorError, build_payload, generate_keys, inspect_license,
                                      load_private_key, load_public_key, sign_license)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `appliance-vendor` script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except (VendorError, LicenseError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="appliance-vendor", description="Make signing keys, issue and inspect appliance licenses.",
        epilog="Example:\n  appliance-vendor keygen --out keys/2027",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    keygen = _command(commands, "keygen", run_keygen, "make a new signing key pair (vendor.key, vendor.pub)",
                      "appliance-vendor keygen --out keys/2027")
    keygen.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the two files")

    issue = _command(commands, "issue", run_issue, "sign a license file for a customer",
                     "appliance-vendor issue --key keys/2027/vendor.key --customer 'Rossi SpA' --project ROSSI \\\n"
                     "    --seats orders=25,information=5 --modules catalog,reports,crm --expires 2027-12-31 \\\n"
                     "    --out rossi.lic")
    issue.add_argument("--key", required=True, type=Path, metavar="PRIVATE", help="the vendor.key to sign with")
    issue.add_argument("--customer", required=True, help="customer name, shown by the appliance")
    issue.add_argument("--project", required=True, metavar="CODE", help="the appliance's project code")
    issue.add_argument("--seats", required=True, type=_seats, metavar="PROFILE=N,...",
                       help="seats per application profile, e.g. orders=25,information=5,crm=3")
    issue.add_argument("--modules", default=[], type=_names, metavar="NAME,...",
                       help="licensed modules besides the core ones, e.g. catalog,reports,crm")
    issue.add_argument("--expires", required=True, type=_expiry, metavar="DATE",
                       help="last valid day (YYYY-MM-DD, UTC) or 'never'")
    issue.add_argument("--not-before", type=_date, metavar="DATE", help="first valid day (default: today)")
    issue.add_argument("--grace-days", type=int, default=14, metavar="N", help="days logins still work after expiry")
    issue.add_argument("--devices-per-user", type=int, default=2, metavar="N", help="devices each user may bind")
    issue.add_argument("--machine", metavar="FP", help="bind to a server fingerprint (`appliance fingerprint`)")
    issue.add_argument("--license-id", metavar="ID", help="the license's id (default: a new UUID)")
    issue.add_argument("--out", required=True, type=Path, metavar="FILE", help="where to write the license")

    inspect = _command(commands, "inspect", run_inspect, "show what a license file says (and check its signature)",
                       "appliance-vendor inspect rossi.lic --pub keys/2027/vendor.pub")
    inspect.add_argument("file", type=Path, metavar="FILE")
    inspect.add_argument("--pub", type=Path, metavar="PUBLIC", help="vendor.pub to check the signature with")
    return parser


def run_keygen(args) -> int:
    files = generate_keys(args.out)
    print(f"kid {files.kid}")
    print(f"private key: {files.private} (keep it secret; it signs licenses)")
    print(f"public key:  {files.public} (copy it to appliance/licensing/keys/{files.kid}.pub)")
    return 0


def run_issue(args) -> int:
    key = load_private_key(args.key)
    fields = build_payload(customer=args.customer, project=args.project, seats=args.seats, modules=args.modules,
                           expires=args.expires, not_before=args.not_before, grace_days=args.grace_days,
                           devices_per_user=args.devices_per_user, machine=args.machine,
                           license_id=args.license_id)
    if args.out.exists():
        raise VendorError(f"{args.out} already exists; choose another --out file.")
    args.out.write_text(sign_license(key, fields), encoding="ascii")
    print(f"license {fields['license_id']} for {fields['customer']} (project {fields['project']}) "
          f"written to {args.out}")
    return 0


def run_inspect(args) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise VendorError(f"Cannot read {args.file} ({exc.strerror}).") from None
    public_key = load_public_key(args.pub) if args.pub else None
    kid, payload, valid = inspect_license(data, public_key)
    print(f"kid: {kid}")
    print(json.dumps({name: _plain(getattr(payload, name)) for name in payload.__dataclass_fields__},
                     indent=2, ensure_ascii=False))
    if valid is None:
        print("signature: not checked (give --pub vendor.pub)")
        return 0
    print("signature: valid" if valid else "signature: NOT valid for this public key")
    return 0 if valid else 1


def _command(commands, name, run, help, example) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=help, description=help, epilog="Example:\n  " + example,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    sub.set_defaults(run=run)
    return sub


def _seats(text: str) -> dict[str, int]:
    seats = {}
    for part in _names(text):
        profile, sep, count = part.partition("=")
        if not sep or not count.strip().isdigit():
            raise argparse.ArgumentTypeError(f"'{part}' is not PROFILE=N (e.g. orders=25)")
        seats[profile.strip()] = int(count)
    return seats


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2027-12-31") from None


def _expiry(text: str) -> date | None:
    return None if text.strip().lower() == "never" else _date(text)


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value
