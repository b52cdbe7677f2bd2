"""The agents' app: the offline-first web app for the iPad, served as it is under `/app/`.

The files live in `static/app/` (ES modules, no build step). Only the files found there
are served; a path is looked up in that list, never joined onto the disk. The service
worker's text names the shell version (a hash of every file) and the list of files, so
any change of the app makes browsers install the new version and drop the old one.
docs/app.md describes the app.
"""

from __future__ import annotations

import functools
import hashlib
import json
from importlib import resources

from bottle import Bottle, HTTPResponse, redirect

from appliance.errors import NotFoundError

PREFIX = "/app/"
SERVICE_WORKER = "sw.js"
TYPES = {"html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
         "webmanifest": "application/manifest+json", "png": "image/png", "svg": "image/svg+xml",
         "json": "application/json"}
# The page's own rules: nothing from elsewhere, images from blobs the app made itself.
POLICY = ("default-src 'self'; img-src 'self' blob: data:; object-src 'self' blob:; frame-src 'self' blob:; "
          "worker-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'")


def install(app: Bottle, service) -> None:
    """Add the /app/ routes."""
    app.route("/app", "GET", lambda: redirect(PREFIX))
    app.route(PREFIX, "GET", lambda: serve("index.html"))
    app.route(PREFIX + "<name:path>", "GET", serve)


def serve(name: str):
    """One file of the app; the service worker and the page are never cached by HTTP (the worker caches them)."""
    files = shell_files()
    if name not in files:
        raise NotFoundError(f"The app has no file '{name}'.")
    body = files[name]
    if name == SERVICE_WORKER:
        body = body.replace(b"__SHELL_VERSION__", shell_version().encode()) \
                   .replace(b"__SHELL_FILES__", json.dumps(sorted(files)).encode())
    headers = {"Content-Type": TYPES[name.rpartition(".")[2]], "Cache-Control": "no-cache",
               "X-Content-Type-Options": "nosniff"}
    if name.endswith(".html"):
        headers["Content-Security-Policy"] = POLICY
    return HTTPResponse(body, headers=headers)


@functools.cache
def shell_files() -> dict[str, bytes]:
    """Every servable file of static/app/ by its path under /app/ (read once: the package does not change)."""
    root = resources.files("appliance.web").joinpath("static", "app")
    found: dict[str, bytes] = {}

    def walk(folder, prefix: str) -> None:
        for entry in folder.iterdir():
            if entry.is_dir():
                walk(entry, prefix + entry.name + "/")
            elif entry.name.rpartition(".")[2] in TYPES and not entry.name.startswith("."):
                found[prefix + entry.name] = entry.read_bytes()

    walk(root, "")
    return found


@functools.cache
def shell_version() -> str:
    """A short hash of every file of the app: it changes whenever any of them does."""
    digest = hashlib.sha256()
    for name, body in sorted(shell_files().items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(body).digest())
    return digest.hexdigest()[:12]
