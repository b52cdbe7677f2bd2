"""`appliance service install|uninstall|start|stop`: the appliance as a Windows service (through WinSW)."""

from __future__ import annotations

import sys
from pathlib import Path

from appliance.cli import add_command
from appliance.cli._common import add_group
from appliance.errors import InvalidInputError
from appliance.winservice import ServiceAccount, ServiceDefinition, WinswControl
from appliance.winservice.control import WRAPPER_NAME

LOCALSYSTEM_WARNING = ("warning: the service runs as LocalSystem, which cannot read a user's Dropbox folder or "
                       "mapped drives; if the exchange folder is one of those, install it with "
                       "--account DOMAIN\\user --password-stdin")


def register(subparsers, common) -> None:
    actions = add_group(subparsers, common, "service", "The Windows service: install, uninstall, start, stop.",
                        "appliance service install --account CORP\\appliance --password-stdin")
    install = add_command(
        actions, common, "install", run_install,
        help="Register the Windows service that runs `appliance serve` at boot, as the given account.",
        description="Register the Windows service (automatic start, restarted after a failure) that runs "
                    "`appliance serve --data-dir DIR`. Run it as the account that can read the exchange folder: "
                    "LocalSystem cannot see a user's Dropbox folder or mapped drives. That account is granted "
                    "'Log on as a service'. The password is read from stdin or a file, never from the command line.",
        example="echo 'the password' | appliance service install --account CORP\\appliance --password-stdin")
    install.add_argument("--account", metavar="DOMAIN\\USER",
                         help="the account the service runs as (.\\user for a local one; default LocalSystem)")
    secret = install.add_mutually_exclusive_group()
    secret.add_argument("--password-stdin", action="store_true", help="read the account's password from stdin")
    secret.add_argument("--password-file", metavar="FILE", help="read the account's password from FILE")
    commands = [install]
    for name, run, text in (("uninstall", run_uninstall, "Remove the Windows service (the data is kept)."),
                            ("start", run_start, "Start the Windows service."),
                            ("stop", run_stop, "Stop the Windows service; waits for the import in progress.")):
        commands.append(add_command(actions, common, name, run, help=text, example=f"appliance service {name}"))
    for command in commands:
        command.add_argument("--wrapper", metavar="EXE",
                             help=f"the service wrapper (default: {WRAPPER_NAME} next to appliance.exe)")
    install.add_argument("--executable", metavar="EXE",
                         help="the appliance executable the service runs (default: this appliance.exe)")


def run_install(args, settings) -> int:
    account = ServiceAccount.parse(args.account)
    password = _password(args, account)
    definition = ServiceDefinition.for_settings(settings, _executable(args), account)
    said = _control(args).install(definition, password)
    print(said or f"{definition.id} installed")
    print(f"The service runs `{definition.executable} serve --data-dir {definition.data_dir}` as "
          f"{definition.runs_as} and starts at boot. Start it now: appliance service start")
    if account is None:
        print(LOCALSYSTEM_WARNING, file=sys.stderr)
    return 0


def run_uninstall(args, settings) -> int:
    print(_control(args).uninstall() or "uninstalled")
    print(f"The data in {settings.data_dir} is kept.")
    return 0


def run_start(args, settings) -> int:
    print(_control(args).start() or "started")
    return 0


def run_stop(args, settings) -> int:
    print(_control(args).stop() or "stopped")
    return 0


def _control(args) -> WinswControl:
    if args.wrapper:
        return WinswControl(Path(args.wrapper))
    if not getattr(sys, "frozen", False):
        raise InvalidInputError(f"Windows services are installed from the installed appliance.exe (with "
                                f"{WRAPPER_NAME} next to it); from elsewhere pass --wrapper PATH.")
    return WinswControl(Path(sys.executable).with_name(WRAPPER_NAME))


def _executable(args) -> Path:
    if args.executable:
        return Path(args.executable).absolute()
    if not getattr(sys, "frozen", False):
        raise InvalidInputError("Pass --executable with the path of appliance.exe: the service runs the installed "
                                "executable, not Python.")
    return Path(sys.executable)


def _password(args, account: ServiceAccount | None) -> str | None:
    if account is None or not account.needs_password:
        if args.password_stdin or args.password_file:
            raise InvalidInputError(f"{account.name if account else 'LocalSystem'} has no password: leave out "
                                    f"--password-stdin/--password-file.")
        return None
    if args.password_file:
        text = Path(args.password_file).read_text(encoding="utf-8")
    elif args.password_stdin:
        text = sys.stdin.read()
    else:
        raise InvalidInputError(f"The service account {account.name} needs its password: pass --password-stdin "
                                f"(or --password-file FILE).")
    password = text.rstrip("\r\n")
    if not password:
        raise InvalidInputError("The password read is empty.")
    return password
