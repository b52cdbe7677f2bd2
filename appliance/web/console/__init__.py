"""The operator's console at /admin/: server-rendered pages in English and Italian.

`install(app, service)` (listed in WEB_MODULES) mounts the console's sub-app. The
Console object it builds is kept in `app.config["appliance.console"]`.
"""

from __future__ import annotations

from bottle import Bottle, redirect

from appliance.console.secret import console_secret
from appliance.web.console.app import build_app
from appliance.web.console.context import Console
from appliance.web.console.render import PREFIX


def install(app: Bottle, service) -> None:
    """Mount the console at /admin/ (and send /admin there)."""
    console = Console(service, console_secret(service.settings.paths))
    app.config["appliance.console"] = console
    app.route("/admin", "GET", lambda: redirect(PREFIX, 308))
    app.mount(PREFIX, build_app(console))
