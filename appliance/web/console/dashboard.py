"""The dashboard: the service at a glance; its panel refreshes itself every few seconds."""

from __future__ import annotations

from appliance.console.status import dashboard_status
from appliance.web.console.context import Console
from appliance.web.console.render import fragment, page


def dashboard_page(console: Console):
    return page(console, "dashboard", title="dashboard.title", section="dashboard",
                report=dashboard_status(console.service, console.now()))


def dashboard_panel(console: Console):
    return fragment(console, "dashboard_panel", report=dashboard_status(console.service, console.now()))


# Menu entries of this page module: (text key under nav., path).
MENU = (("dashboard", ""),)

ROUTES = (
    # method  path                handler          options
    ("GET",  "/",                 dashboard_page,  {}),
    ("GET",  "/dashboard/panel",  dashboard_panel, {"touch": False}),  # the refresh keeps no session alive
)
