"""The project's logo (on the Rules page): upload it, and see the stored copy the app prints."""

from __future__ import annotations

from bottle import HTTPResponse, request

from appliance.catalog.logo import MAX_UPLOAD_BYTES, store_logo
from appliance.web.console.context import Console
from appliance.web.console.forms import act
from appliance.web.console.guard import Refusal


def upload_logo(console: Console):
    upload = request.files.get("logo")
    data = upload.file.read(MAX_UPLOAD_BYTES + 1) if upload is not None else b""
    act(console, lambda: store_logo(console.paths.logo, data), then="rules#logo", ok="logo.saved",
        describe=lambda stored: stored)


def show_logo(console: Console):
    try:
        data = console.paths.logo.read_bytes()
    except FileNotFoundError:
        raise Refusal(404, "error.not_found") from None
    return HTTPResponse(data, headers={"Content-Type": "image/png"})


ROUTES = (
    # method  path              handler      options
    ("POST", "/rules/logo",     upload_logo, {}),  # a refused file keeps the previous logo
    ("GET",  "/rules/logo.png", show_logo,   {}),
)
