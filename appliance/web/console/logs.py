"""Logs: the latest entries of the service's log with a level filter, and the log files to download."""

from __future__ import annotations

from bottle import static_file

from appliance.console.logfiles import LEVELS, latest_entries, log_file, log_files
from appliance.web.console.context import Console
from appliance.web.console.forms import query
from appliance.web.console.render import page
from appliance.web.inbound import query_int

SHOWN = (100, 200, 500, 1000)


def logs_page(console: Console):
    level = query("level") if query("level") in LEVELS else "INFO"
    limit = query_int("lines", SHOWN[1], low=1)
    limit = limit if limit in SHOWN else SHOWN[1]
    return page(console, "logs", title="logs.title", section="logs", level=level, levels=LEVELS, limit=limit,
                shown=SHOWN, entries=latest_entries(console.paths, level=level, limit=limit),
                files=log_files(console.paths))


def download_log(console: Console, name: str):
    path = log_file(console.paths, name)
    return static_file(path.name, root=str(path.parent), mimetype="text/plain; charset=utf-8", download=path.name)


# Menu entries of this page module: (text key under nav., path).
MENU = (("logs", "logs"),)

ROUTES = (
    # method  path                  handler       options
    ("GET",  "/logs",               logs_page,    {}),  # ?level=WARNING&lines=500
    ("GET",  "/logs/files/<name>",  download_log, {}),
)
