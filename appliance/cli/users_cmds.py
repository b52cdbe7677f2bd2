"""`appliance users ...`: device users, their passwords and their devices."""

from __future__ import annotations

import json
import sys

from appliance.accounts import add_user, disable_user, forget_device, list_devices, list_users, set_password, set_user
from appliance.accounts.users import EDITABLE
from appliance.cli import add_command
from appliance.cli._common import add_group, print_table
from appliance.errors import InvalidInputError
from appliance.licensing import PROFILES
from appliance.store.db import open_store


def register(subparsers, common) -> None:
    actions = add_group(subparsers, common, "users", "Device users: add, change, disable, devices.",
                        "appliance users list")
    add = add_command(actions, common, "add", run_add, "Add a device user (it takes a seat of its profile).",
                      "echo 'the password' | appliance users add mrossi --password-stdin --agent A01 "
                      "--profile orders")
    add.add_argument("name", metavar="NAME")
    _password_option(add)
    add.add_argument("--agent", default="", metavar="CODE", help="the ERP agent code (what the user may see)")
    add.add_argument("--operator", default="", metavar="CODE", help="the ERP operator code")
    add.add_argument("--customer", default="", metavar="CODE", help="the ERP customer code, for customer users")
    add.add_argument("--display-name", default="", metavar="TEXT", help="the name the app shows")
    add.add_argument("--email", default="", metavar="ADDRESS")
    add.add_argument("--profile", default="orders", choices=list(PROFILES), help="application profile")
    add.add_argument("--disabled", action="store_true", help="add the user disabled (no seat taken)")

    listing = add_command(actions, common, "list", run_list, "List the users with profile, seat and devices.",
                          "appliance users list")
    listing.add_argument("--json", action="store_true", help="print JSON")

    change = add_command(actions, common, "set", run_set, "Change a user: " + ", ".join(EDITABLE) + ".",
                         "appliance users set mrossi display_name='Mario Rossi' profile=crm active=true")
    change.add_argument("name", metavar="NAME")
    change.add_argument("changes", nargs="+", metavar="KEY=VALUE")

    passwd = add_command(actions, common, "passwd", run_passwd,
                         "Give a user a new password (its devices must log in again).",
                         "echo 'the new password' | appliance users passwd mrossi --password-stdin")
    passwd.add_argument("name", metavar="NAME")
    _password_option(passwd)

    disable = add_command(actions, common, "disable", run_disable,
                          "Disable a user: frees its seat and ends its sessions.", "appliance users disable mrossi")
    disable.add_argument("name", metavar="NAME")

    devices = add_command(actions, common, "devices", run_devices, "List a user's devices.",
                          "appliance users devices mrossi")
    devices.add_argument("name", metavar="NAME")

    forget = add_command(actions, common, "forget-device", run_forget,
                         "Unbind a device from a user (ends its sessions, frees the slot).",
                         "appliance users forget-device mrossi 6F1C2B7E-0D4A-4C8E-9B1A-2E3F4A5B6C7D")
    forget.add_argument("name", metavar="NAME")
    forget.add_argument("device_id", metavar="DEVICE_ID")


def run_add(args, settings) -> int:
    password = read_password()
    user = add_user(open_store(settings), settings, args.name, password, profile=args.profile,
                    active=not args.disabled, display_name=args.display_name, email=args.email,
                    agent_code=args.agent, operator_code=args.operator, customer_code=args.customer)
    print(f"user {user['username']} added (profile {user['profile']}, {'active' if user['active'] else 'disabled'})")
    return 0


def run_list(args, settings) -> int:
    users = list_users(open_store(settings), settings)
    if args.json:
        print(json.dumps(users, indent=2, ensure_ascii=False))
    else:
        print_table(users, ["username", "display_name", "profile", "active", "seat", "agent_code",
                            "operator_code", "customer_code", "devices"])
    return 0


def run_set(args, settings) -> int:
    changes = {}
    for item in args.changes:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InvalidInputError(f"'{item}' is not KEY=VALUE (e.g. profile=crm).")
        changes[key.strip()] = value
    user = set_user(open_store(settings), settings, args.name, changes)
    print(f"user {user['username']} changed: " + ", ".join(f"{k}={user[EDITABLE[k]]}" for k in changes))
    return 0


def run_passwd(args, settings) -> int:
    set_password(open_store(settings), settings, args.name, read_password())
    print(f"password of {args.name} changed; its devices must log in again")
    return 0


def run_disable(args, settings) -> int:
    user = disable_user(open_store(settings), args.name)
    print(f"user {user['username']} disabled; its seat is free and its sessions ended")
    return 0


def run_devices(args, settings) -> int:
    print_table(list_devices(open_store(settings), args.name),
                ["device_id", "name", "app_version", "first_seen", "last_seen", "last_sync"])
    return 0


def run_forget(args, settings) -> int:
    forget_device(open_store(settings), args.name, args.device_id)
    print(f"device {args.device_id} of {args.name} forgotten")
    return 0


def read_password() -> str:
    """The password from the first line of standard input."""
    line = sys.stdin.readline()
    password = line.rstrip("\r\n")
    if not password:
        raise InvalidInputError("No password on standard input. Pipe it in, e.g.: "
                                "echo 'the password' | appliance users add NAME --password-stdin")
    return password


def _password_option(parser) -> None:
    parser.add_argument("--password-stdin", action="store_true", required=True,
                        help="read the password from the first line of standard input (never a command argument)")
