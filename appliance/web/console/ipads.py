"""The iPads page: the addresses the iPads use, the CA to install (with QR codes), the steps, the
certificate and its ATS self-check, and importing the company's own certificate.

The profile and the CA are offered over plain HTTP: an iPad must fetch them before it
trusts the HTTPS server. The QR codes are inline SVG made by segno on the server.
"""

from __future__ import annotations

import ipaddress

import segno
from bottle import request

from appliance.errors import InvalidInputError
from appliance.tls.files import TlsFiles
from appliance.tls.importing import import_certificate, load_upload
from appliance.tls.lifecycle import is_local
from appliance.tls.probe import check_server
from appliance.web.console.context import Console
from appliance.web.console.forms import act, secret_field
from appliance.web.console.render import page
from appliance.web.https import https_url

MAX_CERTIFICATE_BYTES = 256 * 1024


def ipads_page(console: Console):
    service, settings = console.service, console.settings
    host = preferred_host(request.urlparts.hostname, service.tls_health()["names"])
    links = ipad_links(console, host)
    return page(console, "ipads", title="ipads.title", section="ipads", tls=service.tls_health(), host=host,
                links=links, qr={name: qr_svg(url) for name, url in links.items()},
                checks=self_check(console, host), device_http=settings.device_http)


def upload_certificate(console: Console):
    data, key = _uploaded("certificate"), _uploaded("key", required=False)
    password = secret_field("password").encode() or None
    act(console, lambda: import_certificate(console.settings, *load_upload(data, key, password), now=console.now()),
        then="ipads", ok="ipads.imported")


MENU = (("ipads", "ipads"),)

ROUTES = (
    # method  path            handler             options
    ("GET",  "/ipads",        ipads_page,         {}),
    ("POST", "/ipads/import", upload_certificate, {}),  # checked first: a refused one replaces nothing
)


def preferred_host(requested: str | None, names: list[str]) -> str:
    """The name to give the iPads: the one this browser used unless it is this machine's loopback, else the
    first LAN address in the certificate (iPads rarely resolve Windows host names), else its first name."""
    if requested and not _is_loopback(requested):
        return requested
    candidates = [n for n in names if not _is_loopback(n)]
    addresses = [n for n in candidates if _is_ip(n) and ":" not in n]
    return (addresses or candidates or ["localhost"])[0]


def ipad_links(console: Console, host: str) -> dict[str, str]:
    """The app over HTTPS, and the profile and CA over HTTP."""
    service = console.service
    plain = f"http://{'[' + host + ']' if ':' in host else host}:{service.http_port or console.settings.port}"
    links = {"profile": plain + "/ca.mobileconfig", "ca": plain + "/ca.crt"}
    if service.https_port:
        links = {"app": https_url(host, service.https_port) + "/app/", **links}
    return links


def qr_svg(url: str) -> str:
    """A QR code of `url` as an inline SVG element."""
    return segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#111")


def self_check(console: Console, host: str) -> list[dict]:
    """The ATS rules checked against this server's HTTPS listener, as an iPad using `host` would see them."""
    service = console.service
    files = TlsFiles.of(console.settings.paths)
    if not service.https_port or not files.has_server_certificate():
        return []
    cafile = files.ca_cert if is_local(files, files.load_leaf()) else None
    try:
        return [c.as_dict() for c in check_server("127.0.0.1", service.https_port, host, cafile, now=console.now())]
    except OSError as exc:  # the listener does not answer: say so instead of failing the page
        return [{"rule": "connection", "passed": False, "detail": str(exc), "fix": "Check the service's log."}]


def _uploaded(field: str, *, required: bool = True) -> bytes:
    upload = request.files.get(field)
    data = upload.file.read(MAX_CERTIFICATE_BYTES + 1) if upload is not None else b""
    if len(data) > MAX_CERTIFICATE_BYTES or (required and not data):
        raise InvalidInputError("Choose the certificate file: a .pfx/.p12, or a PEM file (.crt/.pem) with its key.")
    return data


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


def _is_loopback(name: str) -> bool:
    return name == "localhost" or (_is_ip(name) and ipaddress.ip_address(name).is_loopback)
