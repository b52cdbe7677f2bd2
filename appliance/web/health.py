"""`GET /health`: the route; the report and its problem rules are in `appliance/health.py`."""

from __future__ import annotations

from bottle import Bottle

from appliance.health import health_report, license_section


def install(app: Bottle, service) -> None:
    """Add the /health route and the license section."""
    service.add_health("license", lambda: license_section(service))
    app.route("/health", "GET", lambda: health_report(service))
