"""`appliance connector-key [--rotate]`: the key ERP connectors send (`authKey`, or a bearer token)."""

from __future__ import annotations

from appliance.cli import add_command
from appliance.connector.key import connector_key, key_path, rotate_key


def register(subparsers, common) -> None:
    command = add_command(subparsers, common, "connector-key", run_key,
                          "Print the key ERP connectors send (made on first use); the key alone is the last line.",
                          "appliance connector-key --rotate")
    command.add_argument("--rotate", action="store_true",
                         help="replace it with a new key (connectors with the old one get 401 at once)")


def run_key(args, settings) -> int:
    settings.paths.ensure()
    key = rotate_key(settings.paths) if args.rotate else connector_key(settings.paths)
    print(f"connector key ({'new, ' if args.rotate else ''}kept in {key_path(settings.paths)}):")
    print(key)
    return 0
