"""The console's stylesheet and script, read from the package (no CDN, no build step)."""

from __future__ import annotations

from importlib import resources

from bottle import HTTPResponse

from appliance.errors import NotFoundError
from appliance.web.console.context import Console
from appliance.web.console.guard import PUBLIC

TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}


def asset(console: Console, name: str):
    source = resources.files("appliance.web").joinpath("static", "console", name)
    suffix = "." + name.rpartition(".")[2]
    if "/" in name or suffix not in TYPES or not source.is_file():
        raise NotFoundError(f"There is no console file '{name}'.")
    return HTTPResponse(source.read_bytes(), headers={"Content-Type": TYPES[suffix],
                                                      "Cache-Control": "public, max-age=86400"})


ROUTES = (
    # method  path               handler  options
    ("GET",  "/static/<name>",   asset,   {"access": PUBLIC}),
)
