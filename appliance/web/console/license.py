"""The license: state, details, seats and modules, this server's fingerprint, and installing a new file.

An uploaded file goes through `install_license`, which verifies everything before it
replaces the installed license; a bad file changes nothing.
"""

from __future__ import annotations

from bottle import request

from appliance.errors import InvalidInputError
from appliance.licensing import PROFILES, install_license, license_status, machine_fingerprint
from appliance.web.console.context import Console
from appliance.web.console.forms import act
from appliance.web.console.render import page

MAX_LICENSE_BYTES = 256 * 1024


def license_page(console: Console):
    return page(console, "license", title="license.title", section="license", profiles=PROFILES,
                license=license_status(console.store, console.settings, console.now()),
                fingerprint=machine_fingerprint())


def upload_license(console: Console):
    data = _uploaded_bytes("license")
    act(console, lambda: install_license(console.store, console.settings, data, console.now()), then="license",
        ok="license.installed")


# Menu entries of this page module: (text key under nav., path).
MENU = (("license", "license"),)

ROUTES = (
    # method  path         handler         options
    ("GET",  "/license",   license_page,   {}),
    ("POST", "/license",   upload_license, {}),  # verified first; a bad file replaces nothing
)


def _uploaded_bytes(field: str) -> bytes:
    upload = request.files.get(field)
    data = upload.file.read(MAX_LICENSE_BYTES + 1) if upload is not None else b""
    if not data or len(data) > MAX_LICENSE_BYTES:
        raise InvalidInputError("Choose the license file (.lic) the vendor sent; it is a small text file.")
    return data
