"""`appliance license install FILE | show` and `appliance fingerprint`."""

from __future__ import annotations

import json
from pathlib import Path

from appliance.cli import add_command
from appliance.cli._common import add_group, print_table
from appliance.errors import InvalidInputError
from appliance.licensing import install_license, license_status, machine_fingerprint
from appliance.store.db import open_store


def register(subparsers, common) -> None:
    actions = add_group(subparsers, common, "license", "Install or show the license.", "appliance license show")
    install = add_command(actions, common, "install", run_install,
                          "Verify a license file and install it (a bad file never replaces a good one).",
                          "appliance license install rossi.lic")
    install.add_argument("file", type=Path, metavar="FILE", help="the .lic file from the vendor")
    show = add_command(actions, common, "show", run_show,
                       "Show the license: customer, project, expiry, state, seats per profile, modules.",
                       "appliance license show")
    show.add_argument("--json", action="store_true", help="print the status as JSON")
    add_command(subparsers, common, "fingerprint", run_fingerprint,
                "Print this server's fingerprint (the vendor binds a license to it).",
                "appliance fingerprint")


def run_install(args, settings) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"Cannot read {args.file} ({exc.strerror}). Give the path of the .lic file.") \
            from None
    store = open_store(settings)
    install_license(store, settings, data)
    print(f"License installed: {settings.paths.license_file}")
    print_status(license_status(store, settings))
    return 0


def run_show(args, settings) -> int:
    status = license_status(open_store(settings), settings)
    if args.json:
        print(json.dumps(status, indent=2, ensure_ascii=False))
    else:
        print_status(status)
    return 0


def run_fingerprint(args, settings) -> int:
    print(machine_fingerprint())
    return 0


def print_status(status: dict) -> None:
    """The license status as `license show` prints it."""
    lines = [("State", status["state"]), ("", status["message"])]
    if status["customer"]:
        grace = f", then {status['grace_days']} days of grace" if status["expires_at"] else ""
        lines += [("Customer", status["customer"]), ("Project", status["project"]),
                  ("License id", status["license_id"]), ("Signed by key", status["kid"]),
                  ("Valid", f"from {status['not_before']} to {status['expires_at'] or 'no end date'}{grace}"),
                  ("Bound to", status["machine"] or "any server")]
    lines += [("Devices per user", status["devices_per_user"]), ("Modules", ", ".join(status["modules"]))]
    for label, value in lines:
        print(f"{label + ':' if label else '':<18}{value}")
    print()
    print_table([{"profile": name, **seats} for name, seats in status["seats"].items()],
                ["profile", "licensed", "active", "available", "without_seat"])
    for warning in status["warnings"]:
        print(f"\nwarning: {warning}")
