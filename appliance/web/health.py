"""`GET /health`: the route; the report and its problem rules are in `appliance/health.py`.

The LAN gets `{"status": ...}` only; the whole document goes to this machine, the tray's
token and console sessions (`health_access`).
"""

from __future__ import annotations

from bottle import Bottle

from appliance.health import health_report, license_section
from appliance.web.health_access import sees_detail


def install(app: Bottle, service) -> None:
    """Add the /health route and the license section."""
    service.add_health("license", lambda: license_section(service))
    app.route("/health", "GET", lambda: health_answer(app, service))


def health_answer(app: Bottle, service) -> dict:
    """The /health document, or only its status for a caller that may not see the detail."""
    report = health_report(service)
    return report if sees_detail(app, service) else {"status": report["status"]}
