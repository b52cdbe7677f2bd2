"""`appliance documents list | show | validate | reject | reprocess | queue-again`: the operator's gate."""

from __future__ import annotations

import getpass

from appliance.cli import add_command
from appliance.cli._common import add_group, print_table
from appliance.documents.canonical import write_json
from appliance.documents.kinds import KINDS
from appliance.orders.actions import list_documents, queue_again, reject, reprocess, show_document, validate
from appliance.store.db import open_store


def register(subparsers, common) -> None:
    actions = add_group(subparsers, common, "documents", "Documents received from the devices: list, check, "
                        "validate or reject them, apply changed rules again.", "appliance documents list --pending")
    listing = add_command(actions, common, "list", run_list, "List the newest documents with their status.",
                          "appliance documents list --pending --kind orders")
    listing.add_argument("--pending", action="store_true", help="only documents waiting for validation")
    listing.add_argument("--kind", choices=list(KINDS), help="only documents of this kind")
    listing.add_argument("--limit", type=int, default=100, metavar="N", help="at most N documents (default 100)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    show = add_command(actions, common, "show", run_show, "Show a document: fields, warnings, history, parts.",
                       "appliance documents show 42")
    show.add_argument("id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help="print JSON")
    for name, run, help_text in (
            ("validate", _queueing(validate, "queued for the ERP as"),
             "Release a document waiting for validation to the ERP connector."),
            ("reprocess", run_reprocess, "Apply the current order rules to a document again (before the ERP "
                                         "connector has it)."),
            ("queue-again", _queueing(queue_again, "queued again as"),
             "Queue a document again under new export ids (the ERP lost it).")):
        command = add_command(actions, common, name, run, help_text, f"appliance documents {name} 42")
        command.add_argument("id", type=int, metavar="ID")
    refuse = add_command(actions, common, "reject", run_reject, "Reject a document waiting for validation: it "
                         "never reaches the ERP; the agent sees the reason.",
                         'appliance documents reject 42 --reason "Customer closed"')
    refuse.add_argument("id", type=int, metavar="ID")
    refuse.add_argument("--reason", required=True, metavar="TEXT", help="why (the agent reads it)")


def _actor() -> str:
    return "cli:" + getpass.getuser()


def run_list(args, settings) -> int:
    rows = list_documents(open_store(settings), pending=args.pending, kind=args.kind, limit=args.limit)
    if args.json:
        print(write_json(rows))
        return 0
    print_table([{**row, "warnings": len(row["warnings"])} for row in rows],
                ["id", "kind", "guid", "username", "status", "received_at", "parts", "warnings", "reason"])
    return 0


def run_show(args, settings) -> int:
    found = show_document(open_store(settings), args.id)
    if args.json:
        print(write_json(found))
        return 0
    print(f"document {found['id']}: {found['kind']} {found['guid']} from {found['username']}, {found['status']}"
          + (f" ({found['reason']})" if found["reason"] else ""))
    for warning in found["warnings"]:
        print(f"  warning {warning['field']}: {warning['message']}")
    print("history:")
    print_table(found["steps"], ["at", "step", "status", "actor", "detail"])
    print("parts:")
    print_table(found["parts"], ["part", "guid", "unique_id", "export_id", "state", "erp_ref", "lines", "legacy_file"])
    return 0


def _queueing(action, done_text: str):
    """The command of an action that queues a document (validate, queue-again)."""

    def run(args, settings) -> int:
        done = action(open_store(settings), settings, args.id, actor=_actor())
        print(f"document {args.id} {done_text} export id(s) {', '.join(map(str, done['export_ids']))}")
        return 0

    return run


def run_reject(args, settings) -> int:
    reject(open_store(settings), args.id, args.reason, actor=_actor())
    print(f"document {args.id} rejected")
    return 0


def run_reprocess(args, settings) -> int:
    done = reprocess(open_store(settings), settings, args.id, actor=_actor())
    print(f"document {args.id} reprocessed: {done['status']}, parts {', '.join(done['parts'])}")
    return 0
