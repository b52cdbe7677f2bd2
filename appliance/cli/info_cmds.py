"""Commands that show where things are and how the appliance is configured."""

from __future__ import annotations

from appliance.cli import add_command
from appliance.settings import describe


def register(subparsers, common) -> None:
    add_command(subparsers, common, "paths", run_paths,
                help="Print the data directory, its folders and the exchange folder.",
                example="appliance paths --data-dir D:\\ApplianceData")
    add_command(subparsers, common, "config", run_config,
                help="Print every setting with its value and where the value came from.",
                description="Print every setting, its value, its source (default, appliance.toml, environment "
                            "or flag) and how to set it. Settings are read in this order, later ones winning: "
                            "defaults, <data-dir>/appliance.toml, APPLIANCE_* environment variables, flags.",
                example="APPLIANCE_SETTLE_SECONDS=30 appliance config")


def run_paths(args, settings) -> int:
    paths = settings.paths
    rows = [("exchange", settings.exchange), ("database", paths.database), ("config file", paths.config_file),
            ("log file", paths.log_file), ("license", paths.license_file),
            ("ca_cert", paths.ca_cert)]
    rows += [(name, folder) for name, folder in paths.folders().items()]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")
    return 0


def run_config(args, settings) -> int:
    rows = describe(settings)
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    print(f"{'SETTING'.ljust(widths[0])}  {'VALUE'.ljust(widths[1])}  {'SOURCE'.ljust(widths[2])}  SET WITH")
    for name, value, source, how in rows:
        print(f"{name.ljust(widths[0])}  {value.ljust(widths[1])}  {source.ljust(widths[2])}  {how}")
    return 0
