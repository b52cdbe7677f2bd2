"""`appliance serve`: run the service (watch the exchange folder, serve HTTP) in the foreground."""

from __future__ import annotations

import sys

from appliance.cli import add_command
from appliance.store.db import open_store


def register(subparsers, common) -> None:
    sub = add_command(
        subparsers, common, "serve", run,
        help="Run the service: watch the exchange folder, import what arrives and serve HTTP.",
        description="Run the service in the foreground until Ctrl-C or SIGTERM: watch the exchange folder, "
                    "import each complete export, and serve /health and the APIs on --host/--port. "
                    "With --get, answer one request in-process and exit (a smoke test).",
        example="appliance serve --exchange D:\\Dropbox\\Exchange --host 0.0.0.0\n"
                "appliance serve --get /health")
    sub.add_argument("--https-port", dest="https_port", metavar="N",
                     help="HTTPS port for the iPads (0 turns HTTPS off); env APPLIANCE_HTTPS_PORT")
    sub.add_argument("--get", metavar="PATH",
                     help="answer one GET request in-process, print the body and exit 0 if the status "
                          "is 2xx, else 1; nothing is watched and no port is opened")


def run(args, settings) -> int:
    if args.get:
        return get_once(settings, args.get)
    from appliance.service import run_service

    return run_service(settings, on_ready=_print_ready)


def get_once(settings, path: str) -> int:
    """Build the app as the service would, answer one request in-process, print the body."""
    from appliance.service import Service
    from appliance.web.app import call, create_app

    store = open_store(settings)
    try:
        status, body = call(create_app(Service(settings, store)), path)
    finally:
        store.close()
    sys.stdout.write(body.decode("utf-8", "replace") + "\n")
    return 0 if 200 <= status < 300 else 1


def _print_ready(service, url: str) -> None:
    if service.https_port:
        print(f"Serving HTTPS for the iPads on port {service.https_port} (CA: {url}/ca.crt)")
    print(f"Serving on {url} (status: {url}/health)\n"
          f"Watching {service.settings.exchange}\n"
          f"Data in {service.settings.data_dir}\n"
          f"Press Ctrl-C to stop.", flush=True)
