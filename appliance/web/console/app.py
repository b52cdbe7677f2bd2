"""The console's Bottle app: every page module's route table, behind one guard, mounted at /admin/.

Each page module has one ROUTES table of (method, path, handler, options); a handler
takes the Console first, then the path's parameters. Unknown console paths get an
HTML 404 page (the last table).
"""

from __future__ import annotations

import functools
import importlib

from bottle import Bottle

from appliance.web.app import new_app
from appliance.web.console.context import Console
from appliance.web.console.guard import Guard, Refusal

# Page modules, in the order of the menu (a module's MENU entries, if it has any).
PAGE_MODULES = (
    "appliance.web.console.auth",
    "appliance.web.console.dashboard",
    "appliance.web.console.imports",
    "appliance.web.console.data",
    "appliance.web.console.documents",
    "appliance.web.console.rules",
    "appliance.web.console.transcoding",
    "appliance.web.console.logo",
    "appliance.web.console.connector",
    "appliance.web.console.users",
    "appliance.web.console.admins",
    "appliance.web.console.license",
    "appliance.web.console.ipads",
    "appliance.web.console.backups",
    "appliance.web.console.logs",
    "appliance.web.console.assets",
)


def not_found(console: Console, rest: str) -> None:
    raise Refusal(404, "error.not_found")


NOT_FOUND_ROUTES = (
    ("GET",  "/<rest:path>", not_found, {}),
    ("POST", "/<rest:path>", not_found, {}),
)


def build_app(console: Console) -> Bottle:
    """The console sub-app for one service."""
    app = new_app()
    app.install(Guard(console))
    modules = [importlib.import_module(name) for name in PAGE_MODULES]
    console.menu = tuple(entry for module in modules for entry in getattr(module, "MENU", ()))
    tables = [module.ROUTES for module in modules] + [NOT_FOUND_ROUTES]
    for table in tables:
        for method, path, handler, options in table:
            app.route(path, method, functools.partial(handler, console), **options)
    return app
