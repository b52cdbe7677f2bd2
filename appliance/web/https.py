"""HTTPS around the app: the CA for the iPads, the device API kept off plain HTTP, the `tls` health section.

- `GET /ca.crt` (DER) and `GET /ca.mobileconfig` (Apple profile) hand out the local CA; they
  answer on HTTP too, since an iPad needs them before it trusts the HTTPS server.
- With `device_http = refuse` and the HTTPS listener running, the device API over plain
  HTTP answers 403 problem+json with reason `https_required` and the HTTPS URL, and the
  agents' app (/app/) redirects to HTTPS. The connector API, /health and the console stay
  on HTTP (old connectors, monitoring, an operator on the server).
"""

from __future__ import annotations

import json
import socket

from bottle import Bottle, HTTPResponse, request
from cryptography.hazmat.primitives.serialization import Encoding

from appliance.errors import NotFoundError
from appliance.tls.files import TlsFiles
from appliance.tls.profile import CONTENT_TYPE as MOBILECONFIG, mobileconfig
from appliance.web.app import PROBLEM_JSON

DEVICE_PREFIX = "/api/v1/"
APP_PREFIX = "/app"

# The route table: method, path, handler.
ROUTES = (
    ("GET", "/ca.crt", "ca_certificate"),          # the local CA (DER), for iPads and browsers
    ("GET", "/ca.mobileconfig", "ca_profile"),     # the same CA as an Apple configuration profile
)


def install(app: Bottle, service) -> None:
    """Add the CA downloads, the plain-HTTP gate and the `tls` section of /health."""
    routes = CaRoutes(service)
    for method, path, handler in ROUTES:
        app.route(path, method, getattr(routes, handler))
    app.add_hook("before_request", lambda: plain_http_gate(service))
    service.add_health("tls", service.tls_health)


class CaRoutes:
    def __init__(self, service):
        self.service = service
        self.files = TlsFiles.of(service.settings.paths)

    def ca_certificate(self) -> HTTPResponse:
        der = self._ca().public_bytes(Encoding.DER)
        return HTTPResponse(der, headers={"Content-Type": "application/x-x509-ca-cert",
                                          "Content-Disposition": 'attachment; filename="appmanager-ca.crt"'})

    def ca_profile(self) -> HTTPResponse:
        body = mobileconfig(self._ca(), self.service.settings.project, socket.gethostname())
        return HTTPResponse(body, headers={"Content-Type": MOBILECONFIG,
                                           "Content-Disposition": 'attachment; filename="appmanager.mobileconfig"'})

    def _ca(self):
        if not self.files.ca_cert.is_file():
            raise NotFoundError("There is no local certificate authority yet: start the service with HTTPS on, or "
                                "run `appliance tls init`.")
        return self.files.load_ca()


def plain_http_gate(service) -> None:
    """Before each request: keep the device API and the app off plain HTTP when HTTPS serves them."""
    if service.https_port is None or service.settings.device_http == "allow":
        return
    if request.environ.get("wsgi.url_scheme") == "https":
        return
    path = request.path
    if path.startswith(DEVICE_PREFIX):
        raise _https_required(https_url(request.urlparts.hostname, service.https_port) + path)
    if path == APP_PREFIX or path.startswith(APP_PREFIX + "/"):
        query = "?" + request.query_string if request.query_string else ""
        target = https_url(request.urlparts.hostname, service.https_port) + request.fullpath + query
        raise HTTPResponse(status=308, headers={"Location": target})


def https_url(host: str | None, port: int) -> str:
    """The HTTPS address of this server under the name the client used."""
    host = host or socket.gethostname()
    if ":" in host:
        host = f"[{host}]"
    return f"https://{host}" + ("" if port == 443 else f":{port}")


def _https_required(url: str) -> HTTPResponse:
    detail = f"The device API answers only over HTTPS: use {url}"
    body = {"type": "urn:appliance:error:https-required", "title": "Forbidden", "status": 403, "detail": detail,
            "errors": [], "reason": "https_required", "https_url": url}
    return HTTPResponse(json.dumps(body), status=403, headers={"Content-Type": PROBLEM_JSON})
