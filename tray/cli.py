"""`appliance-tray`: the tray icon for the service on this machine (same settings as the service)."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from appliance import __version__
from appliance.errors import ConfigError
from appliance.secret_files import local_token_path
from appliance.settings import Settings, load_settings
from tray.actions import Places, TrayActions
from tray.app import POLL_SECONDS, TrayApp
from tray.client import ServiceClient
from tray.desktop import Desktop, SystemDesktop

LOG_FILE = "appliance-tray.log"  # in the user's temp folder when there is no console (Windows)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="appliance-tray",
        description="Show the appliance's state in the notification area: green, amber or red, with a menu to "
                    "open the console, the exchange and logs folders, import now and pause watching. It reads the "
                    "service's port and folders from the same data directory as the service.",
        epilog="Example:\n  appliance-tray\n  appliance-tray --data-dir D:\\Appliance --port 8470",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"appliance-tray {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="the service's data directory (default: the per-OS one)")
    parser.add_argument("--port", metavar="PORT", help="the service's HTTP port (default: from its settings)")
    parser.add_argument("--poll-seconds", type=float, default=POLL_SECONDS, metavar="N",
                        help=f"ask /health every N seconds (default {POLL_SECONDS:g})")
    return parser


def build_app(settings: Settings, *, desktop: Desktop | None = None, poll_seconds: float = POLL_SECONDS) -> TrayApp:
    """The tray for the service these settings describe, on 127.0.0.1 whatever address it listens on."""
    base_url = f"http://127.0.0.1:{settings.port}"
    client = ServiceClient(base_url, local_token_path(settings.paths))
    places = Places(console_url=f"{base_url}/admin/", exchange=settings.exchange, logs=settings.paths.logs,
                    data_dir=settings.data_dir)
    return TrayApp(client, TrayActions(client, desktop or SystemDesktop(), places), poll_seconds=poll_seconds)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `appliance-tray` and `python -m tray`."""
    args = build_parser().parse_args(argv)
    _setup_logging()
    try:
        settings = load_settings({"data_dir": args.data_dir, "port": args.port})
    except ConfigError as error:
        logging.getLogger("appliance.tray").error("%s", error)
        return 2
    except OSError as error:  # appliance.toml not readable by this account
        logging.getLogger("appliance.tray").error("cannot read the appliance's settings: %s; ask an administrator "
                                                  "to grant this account read access to it", error)
        return 2
    app = build_app(settings, poll_seconds=args.poll_seconds)
    signal.signal(signal.SIGTERM, lambda signum, frame: app.stop())
    app.run()
    return 0


def _setup_logging() -> None:
    """Log to the console, or without one (the windowless Windows build) to a file in the user's temp folder."""
    if sys.stderr is not None:
        handler: logging.Handler = logging.StreamHandler()
    else:
        handler = logging.FileHandler(Path(tempfile.gettempdir()) / LOG_FILE, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("appliance.tray")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
