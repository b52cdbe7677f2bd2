"""Every `appliance` command has its place in the console: the same action (state changes) or page.

The table is checked against the CLI's own parser and the console's routes, so a new CLI
command without a console counterpart, or a counterpart that no longer exists, fails here.
"""

from __future__ import annotations

import argparse

from appliance.cli import build_parser
from appliance.web.console.guard import OPERATOR

# CLI command that changes state -> the console route (method, path) that does the same.
ACTIONS = {
    "import":              ("POST", "/admin/imports/upload"),                   # Imports: import a file
    "held apply":          ("POST", "/admin/imports/held/<name>/apply"),        # Imports: Apply
    "held discard":        ("POST", "/admin/imports/held/<name>/discard"),      # Imports: Discard
    "license install":     ("POST", "/admin/license"),                          # License: verify and install
    "users add":           ("POST", "/admin/users"),                            # Users: add a user
    "users set":           ("POST", "/admin/users/<username>"),                 # User: details and profile
    "users passwd":        ("POST", "/admin/users/<username>/password"),        # User: set password
    "users disable":       ("POST", "/admin/users/<username>/disable"),         # User: disable
    "users forget-device": ("POST", "/admin/users/<username>/forget-device"),   # User: forget a device
    "params set":          ("POST", "/admin/rules"),                            # Rules: save (project or user)
    "params unset":        ("POST", "/admin/rules"),                            # Rules: reset
    "admin add":           ("POST", "/admin/admins"),                           # Administrators: add
    "admin passwd":        ("POST", "/admin/admins/<username>/password"),
    "admin disable":       ("POST", "/admin/admins/<username>/disable"),
    "admin enable":        ("POST", "/admin/admins/<username>/enable"),
    "documents validate":  ("POST", "/admin/documents/<document_id:int>/validate"),     # Document: validate
    "documents reject":    ("POST", "/admin/documents/<document_id:int>/reject"),       # Document: reject
    "documents reprocess": ("POST", "/admin/documents/<document_id:int>/reprocess"),    # Document: rules again
    "documents queue-again": ("POST", "/admin/documents/<document_id:int>/queue-again"),
    "paytrans set":        ("POST", "/admin/rules/paytrans"),                           # Rules: payment transcoding
    "paytrans remove":     ("POST", "/admin/rules/paytrans/remove"),
    "connector-key":       ("POST", "/admin/rules/connector-key/rotate"),  # --rotate; the key is read on the server
    "tls import":          ("POST", "/admin/ipads/import"),                     # iPads: use your own certificate
}

# CLI command that only shows something -> the console page that shows it.
PAGES = {
    "imports":       "/admin/imports",            # the import log, one import's problems at /admin/imports/<id>
    "held list":     "/admin/imports",
    "license show":  "/admin/license",
    "fingerprint":   "/admin/license",
    "users list":    "/admin/users",
    "users devices": "/admin/users/<username>",
    "params list":   "/admin/rules",
    "admin list":    "/admin/admins",
    "paths":         "/admin/",                   # the dashboard shows the exchange folder; Logs the log files
    "documents list": "/admin/documents",
    "documents show": "/admin/documents/<document_id:int>",
    "paytrans list":  "/admin/rules",
    "tls show":       "/admin/ipads",             # the certificate: state, expiry, names, issuer
    "tls check":      "/admin/ipads",             # the ATS self-check, run when the page opens
}

# Commands with no console counterpart, and why.
ELSEWHERE = {
    "check": "validates files on the server's disk without storing anything; the console's import is the real one",
    "config": "settings are read at start from appliance.toml, the environment and flags; a running console "
              "cannot change them",
    "serve": "runs the service, console included",
    "demo": "builds a demo installation of its own",
    "service install": "registers the appliance with Windows' service manager: an administrator's shell on the "
                       "server, with the service account's password",
    "service uninstall": "removes the Windows service: an administrator's shell on the server",
    "service start": "the console runs inside the service, so it cannot start it",
    "service stop": "the console runs inside the service; stopping it from there would end the console too",
    "tls init": "the service makes and renews its certificate by itself at start and every hour; --renew is for "
                "an administrator's shell on the server",
}


def cli_commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[str]:
    """Every leaf command of the parser, e.g. 'users add'."""
    groups = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    if not groups:
        return [" ".join(prefix)]
    return [name for sub, parser_ in groups[0].choices.items() for name in cli_commands(parser_, prefix + (sub,))]


def test_every_cli_command_has_a_console_counterpart_or_a_reason():
    commands = cli_commands(build_parser())
    listed = [*ACTIONS, *PAGES, *ELSEWHERE]
    assert len(listed) == len(set(listed)), "a command is listed twice"
    missing = [c for c in commands if c not in listed]
    assert not missing, f"CLI commands without a console counterpart: {missing}. Add the console action or page, " \
                        "then list it in ACTIONS or PAGES (or say in ELSEWHERE why it has none)."
    gone = [c for c in listed if c not in commands and c not in ELSEWHERE]
    assert not gone, f"listed commands the CLI no longer has: {gone}"


def test_every_counterpart_is_a_route_of_the_console(console_server):
    routes = {(route.method, route.rule): route for route in console_server.app.routes}
    for command, (method, path) in ACTIONS.items():
        route = routes.get((method, path))
        assert route is not None, f"{command}: the console has no {method} {path}"
        assert route.config.get("access", OPERATOR) == OPERATOR, f"{command}: {path} must need a signed-in operator"
    for command, path in PAGES.items():
        assert ("GET", path) in routes, f"{command}: the console has no page {path}"
