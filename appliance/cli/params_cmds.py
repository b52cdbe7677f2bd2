"""`appliance params list | set | unset`: the project's parameters and users' overrides."""

from __future__ import annotations

import json

from appliance.accounts import list_params, set_param, unset_param
from appliance.cli import add_command
from appliance.cli._common import add_group, print_table
from appliance.store.db import open_store


def register(subparsers, common) -> None:
    actions = add_group(subparsers, common, "params", "Parameters of the project and per-user overrides.",
                        "appliance params list")
    listing = add_command(actions, common, "list", run_list,
                          "List the parameters with their values and where each comes from.",
                          "appliance params list --user mrossi")
    listing.add_argument("--user", metavar="NAME", help="show the values in force for this user")
    listing.add_argument("--json", action="store_true", help="print JSON")
    change = add_command(actions, common, "set", run_set,
                         "Set a parameter for the project, or for one user where overrides are allowed.",
                         "appliance params set app.show_stock false --user mrossi")
    change.add_argument("key", metavar="KEY")
    change.add_argument("value", metavar="VALUE")
    change.add_argument("--user", metavar="NAME", help="set the user's override instead of the project's value")
    unset = add_command(actions, common, "unset", run_unset,
                        "Remove a value: the project's returns to the default, a user's to the project's.",
                        "appliance params unset app.show_stock --user mrossi")
    unset.add_argument("key", metavar="KEY")
    unset.add_argument("--user", metavar="NAME", help="remove the user's override")


def run_list(args, settings) -> int:
    rows = list_params(open_store(settings), args.user)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print_table([{**row, "per_user": row["user_override"]} for row in rows],
                    ["key", "value", "source", "default", "per_user", "help"])
    return 0


def run_set(args, settings) -> int:
    value = set_param(open_store(settings), args.key, args.value, args.user)
    target = f" for user {args.user}" if args.user else ""
    print(f"{args.key} = {json.dumps(value)}{target}")
    return 0


def run_unset(args, settings) -> int:
    removed = unset_param(open_store(settings), args.key, args.user)
    target = f"user {args.user}'s value" if args.user else "the project's value"
    print(f"{args.key}: {target} removed" if removed else f"{args.key}: {target} was not set")
    return 0
