"""`appliance paytrans list | set FROM TO | remove FROM`: the payment transcoding table."""

from __future__ import annotations

import json

from appliance.cli import add_command
from appliance.cli._common import add_group, print_table
from appliance.orders.paytrans import list_transcodings, remove_transcoding, set_transcoding
from appliance.store.db import open_store


def register(subparsers, common) -> None:
    actions = add_group(subparsers, common, "paytrans", "Payment transcoding: the payment code used instead of a "
                        "customer's on orders holding perishable articles.", "appliance paytrans list")
    listing = add_command(actions, common, "list", run_list, "List the payment codes and their replacements.",
                          "appliance paytrans list")
    listing.add_argument("--json", action="store_true", help="print JSON")
    change = add_command(actions, common, "set", run_set, "Replace payment code FROM with TO on orders with "
                         "perishable articles.", "appliance paytrans set RB60 RB30")
    change.add_argument("from_code", metavar="FROM")
    change.add_argument("to_code", metavar="TO")
    remove = add_command(actions, common, "remove", run_remove, "Stop replacing payment code FROM.",
                         "appliance paytrans remove RB60")
    remove.add_argument("from_code", metavar="FROM")


def run_list(args, settings) -> int:
    rows = list_transcodings(open_store(settings))
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print_table(rows, ["from_code", "to_code", "changed_at"])
    return 0


def run_set(args, settings) -> int:
    entry = set_transcoding(open_store(settings), args.from_code, args.to_code)
    print(f"{entry['from_code']} -> {entry['to_code']}")
    return 0


def run_remove(args, settings) -> int:
    remove_transcoding(open_store(settings), args.from_code)
    print(f"{args.from_code.strip()}: removed")
    return 0
