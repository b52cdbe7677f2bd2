"""Backups: the list with each restore test's result, back up now, download, how to restore."""

from __future__ import annotations

from bottle import redirect, static_file

from appliance.backups.records import find_backup, list_backups
from appliance.web.console.context import Console
from appliance.web.console.forms import flash
from appliance.web.console.guard import Refusal
from appliance.web.console.render import page, url


def backups_page(console: Console):
    settings = console.settings
    return page(console, "backups", title="backups.title", section="backups",
                entries=[e.as_dict() for e in list_backups(settings.backup_dir)], folder=str(settings.backup_dir),
                running=console.service.backups.running, settings=settings)


def back_up_now(console: Console):
    started = console.service.backups.start("manual")
    flash(console, "ok" if started else "error", "backups.started" if started else "backups.busy")
    redirect(url("backups"), 303)


def download_backup(console: Console, name: str):
    entry = find_backup(console.settings.backup_dir, name)
    if entry is None:
        raise Refusal(404, "error.not_found")
    return static_file(entry.path.name, root=str(entry.path.parent), mimetype="application/octet-stream",
                       download=entry.path.name)


MENU = (("backups", "backups"),)

ROUTES = (
    # method  path                     handler          options
    ("GET",  "/backups",               backups_page,    {}),
    ("POST", "/backups",               back_up_now,     {}),  # runs in the background
    ("GET",  "/backups/files/<name>",  download_backup, {}),  # only names in the list: no path from the URL
)
