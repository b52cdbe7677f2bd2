"""The `appliance` command line: a thin shell over library functions.

Each command module exposes `register(subparsers, common)` that adds its commands;
a command is a function `run(args, settings) -> int` (the exit code). Library errors
(`ApplianceError`) become one-line messages on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from typing import Sequence

from appliance import __version__
from appliance.backups.upgrade import guard_upgrade
from appliance.errors import ApplianceError
from appliance.parameters import register_all
from appliance.settings import load_settings

# Modules that add commands, in the order they appear in `appliance --help`.
COMMAND_MODULES = (
    "appliance.cli.ingest_cmds",
    "appliance.cli.info_cmds",
    "appliance.cli.license_cmds",
    "appliance.cli.users_cmds",
    "appliance.cli.params_cmds",
    "appliance.cli.serve_cmds",
    "appliance.cli.demo_cmds",
    "appliance.cli.admin_cmds",
    "appliance.cli.service_cmds",
    "appliance.cli.documents_cmds",
    "appliance.cli.paytrans_cmds",
    "appliance.cli.connector_cmds",
    "appliance.cli.tls_cmds",
    "appliance.cli.backup_cmds",
)

# Commands that run before the upgrade guard (`appliance.backups.upgrade`) or without it: the service
# guards itself at start; the others must work on a database a newer version migrated (to go back).
UNGUARDED = ("serve", "service", "restore", "backups", "paths", "config")

SETTING_FLAGS = ("data_dir", "exchange", "project", "host", "port", "https_port")


def common_options() -> argparse.ArgumentParser:
    """Options every subcommand accepts (they override appliance.toml and the environment)."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("settings")
    group.add_argument("--data-dir", dest="data_dir", metavar="DIR",
                       help="data directory (database, archive, logs); env APPLIANCE_DATA_DIR")
    group.add_argument("--exchange", dest="exchange", metavar="DIR",
                       help="exchange folder shared with the ERP connector; env APPLIANCE_EXCHANGE")
    group.add_argument("--project", dest="project", metavar="CODE", help="project code; env APPLIANCE_PROJECT")
    group.add_argument("--host", dest="host", metavar="ADDR", help="HTTP listen address; env APPLIANCE_HOST")
    group.add_argument("--port", dest="port", metavar="PORT", help="HTTP port; env APPLIANCE_PORT")
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="appliance",
        description="AppManager appliance: loads the ERP's files, serves the iPads, hands orders to the ERP.",
        epilog="Example:\n  appliance demo\n\nRun `appliance COMMAND --help` for a command's options and example.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"appliance {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_options()
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers, common)
    return parser


def add_command(subparsers, common, name: str, run, help: str, example: str, description: str | None = None):
    """Add one subcommand whose help ends with an example."""
    sub = subparsers.add_parser(
        name, parents=[common], help=help, description=description or help,
        epilog="Example:\n  " + example.strip().replace("\n", "\n  "),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub.set_defaults(run=run)
    return sub


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `appliance` script and `python -m appliance`."""
    register_all()  # every package's parameters, whichever command runs
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        settings = load_settings({name: getattr(args, name, None) for name in SETTING_FLAGS})
        if args.command not in UNGUARDED:
            guard_upgrade(settings)
        return int(args.run(args, settings) or 0)
    except ApplianceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        logging.shutdown()
