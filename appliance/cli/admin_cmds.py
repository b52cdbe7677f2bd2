"""`appliance admin ...`: administrators of the web console (not device users)."""

from __future__ import annotations

from appliance.cli import add_command
from appliance.cli._common import add_group, print_table
from appliance.cli.users_cmds import _password_option, read_password
from appliance.console.admins import add_admin, list_admins, set_admin_active, set_admin_password
from appliance.store.db import open_store


def register(subparsers, common) -> None:
    actions = add_group(subparsers, common, "admin", "Administrators of the web console at /admin.",
                        "echo 'the password' | appliance admin add anna --password-stdin")
    add = add_command(actions, common, "add", run_add,
                      "Add a console administrator (for scripted installs; no setup code needed).",
                      "echo 'the password' | appliance admin add anna --password-stdin")
    add.add_argument("name", metavar="NAME")
    _password_option(add)
    add_command(actions, common, "list", run_list, "List the console administrators.", "appliance admin list")
    passwd = add_command(actions, common, "passwd", run_passwd,
                         "Give an administrator a new password (its console sessions end).",
                         "echo 'the new password' | appliance admin passwd anna --password-stdin")
    passwd.add_argument("name", metavar="NAME")
    _password_option(passwd)
    for name, active, text in (("disable", False, "Disable an administrator (the last active one cannot be)."),
                               ("enable", True, "Enable a disabled administrator.")):
        sub = add_command(actions, common, name, run_set_active, text, f"appliance admin {name} anna")
        sub.add_argument("name", metavar="NAME")
        sub.set_defaults(active=active)


def run_add(args, settings) -> int:
    admin = add_admin(open_store(settings), settings, args.name, read_password())
    print(f"console administrator {admin['username']} added; sign in at /admin")
    return 0


def run_list(args, settings) -> int:
    print_table(list_admins(open_store(settings)), ["username", "active", "created_at", "last_sign_in_at"])
    return 0


def run_passwd(args, settings) -> int:
    set_admin_password(open_store(settings), settings, args.name, read_password())
    print(f"password of console administrator {args.name} changed")
    return 0


def run_set_active(args, settings) -> int:
    admin = set_admin_active(open_store(settings), args.name, args.active)
    print(f"console administrator {admin['username']} {'enabled' if admin['active'] else 'disabled'}")
    return 0
