"""`appliance demo`: a ready-to-try appliance on a generated export, served on this machine."""

from __future__ import annotations

from datetime import date

from appliance.cli import add_command
from appliance.settings import Settings
from appliance.store.db import open_store

DEMO_SETTLE_SECONDS = 1.0


def register(subparsers, common) -> None:
    sub = add_command(
        subparsers, common, "demo", run,
        help="Try the appliance: generate a realistic ERP export, import it and serve it.",
        description="Create (or reuse) a demo data dir (default ~/appliance-demo, never the production one) "
                    "with an exchange folder holding a generated export of an Italian wholesaler (customers, "
                    "agents, articles, price lists, catalog images, a report), add two demo users, then run "
                    "the service on it: the watcher imports the export and /health, the device API and the "
                    "console answer on --host/--port. Ctrl-C stops it.",
        example="appliance demo\nappliance demo --port 9000 --no-serve")
    sub.add_argument("--no-serve", action="store_true",
                     help="prepare and import the export, print the guide, and exit without serving")


def demo_settings(settings: Settings) -> Settings:
    """The demo's own defaults where nothing was configured: its folder, project code, short settle time."""
    from appliance.demo.setup import default_demo_dir

    changes = {}
    if settings.sources["data_dir"] == "default":
        data_dir = default_demo_dir()
        changes.update(data_dir=data_dir)
        if settings.sources["exchange"].startswith("default"):
            changes.update(exchange=data_dir / "exchange")
    if settings.sources["project"] == "default":
        changes["project"] = "demo"
    if settings.sources["settle_seconds"] == "default":
        changes["settle_seconds"] = DEMO_SETTLE_SECONDS
    return settings.replace(**changes) if changes else settings


def run(args, settings) -> int:
    from appliance.demo.setup import import_export_now, prepare_demo
    from appliance.logs import setup_logging

    settings = demo_settings(settings)
    setup_logging(settings, console=args.no_serve is False)
    store = open_store(settings)
    info = prepare_demo(settings, store, today=date.today())
    if args.no_serve:
        outcomes = import_export_now(store, settings)
        store.close()
        print(guide(settings, info, url=None, imported=len([o for o in outcomes if o.ok])))
        return 0 if all(o.ok for o in outcomes) else 1
    from appliance.service import run_service

    def ready(service, url: str) -> None:
        print(guide(settings, info, url=url, app_url=_app_url(service, url)), flush=True)

    return run_service(settings, store=store, on_ready=ready)


def _app_url(service, url: str) -> str:
    """The agents' app: over HTTPS when the HTTPS listener runs (the device API refuses plain HTTP then)."""
    from appliance.web.https import https_url

    return (https_url(None, service.https_port) if service.https_port else url) + "/app/"


def guide(settings: Settings, info, *, url: str | None, imported: int | None = None,
          app_url: str | None = None) -> str:
    """What the demo prepared and what to try."""
    lines = ["", "AppManager appliance - demo", ""]
    if url:
        lines += [f"  Status        {url}/health",
                  f"  Agents' app   {app_url or url + '/app/'}  (on the iPad: open it in Safari, "
                  "Share > Add to Home Screen;"
                  " docs/app.md)",
                  f"  Console       {url}/admin",
                  f"  Device API    {url}/api/openapi.json",
                  f"  Connector     {url}/v1/progetti/{settings.project}/exportPaginazione/codaOrdini"]
    lines += [f"  Exchange      {info.exchange}  (drop io_*.dat files into gestionale/)",
              f"  Data          {settings.data_dir}"]
    if imported is not None:
        lines.append(f"  Imported      {imported} files")
    lines += ["", "  Demo users (evaluation mode, no license needed; they sign in to the app and the device API):"]
    lines += [f"    {u['username']:10} password {u['password']:14} {u['display_name']}" for u in info.users]
    lines += ["", "  Try:"]
    if url:
        user = info.users[0]
        lines += [f"    curl {url}/health",
                  f"    curl -X POST {url}/api/v1/login -H 'Content-Type: application/json' -d "
                  f"'{{\"username\": \"{user['username']}\", \"password\": \"{user['password']}\", "
                  f"\"device_id\": \"ipad-demo-1\", \"device_name\": \"iPad demo\", \"app_version\": \"1.0\"}}'"]
    data = f"--data-dir {settings.data_dir}"
    lines += [f"    appliance imports {data}",
              f"    appliance users list {data}",
              f"    copy an edited io_art.dat into {info.exchange / 'gestionale'} and watch `appliance imports`",
              ""]
    if url:
        lines.append("  Press Ctrl-C to stop.")
    return "\n".join(lines)
