"""Rules and parameters: every parameter of the registry, for the project and as per-user overrides.

The forms are built from `list_params` (PARAMS), grouped by the key's prefix, so a new
parameter appears here without new page code. The project page also holds the payment
transcoding table, the project's logo and the connector key (their actions: `transcoding`, `logo`,
`connector`).
"""

from __future__ import annotations

from bottle import request

from appliance.accounts import PARAMS, get_user, list_params, list_users, unset_param
from appliance.connector.key import key_path
from appliance.console.parameters import save_params
from appliance.orders.paytrans import list_transcodings
from appliance.web.console.context import Console
from appliance.web.console.forms import act, form
from appliance.web.console.render import page


def _limits() -> dict:
    """Each parameter's range, for the forms (read at render time: the registry is complete by then)."""
    return {definition.key: (definition.minimum, definition.maximum) for definition in PARAMS}


def rules_page(console: Console):
    return page(console, "rules", title="rules.title", section="rules", groups=_groups(list_params(console.store)),
                limits=_limits(), users=list_users(console.store, console.settings, console.now()), username=None,
                transcodings=list_transcodings(console.store), key_file=str(key_path(console.paths)),
                has_logo=console.paths.logo.is_file())


def save_rules(console: Console):
    _save(console, None, then="rules")


def user_rules_page(console: Console, username: str):
    user = get_user(console.store, username)
    rows = [row for row in list_params(console.store, user["username"]) if row["user_override"]]
    return page(console, "rules", title="rules.user_title", section="rules", groups=_groups(rows), limits=_limits(),
                users=[], username=user["username"], transcodings=None, key_file=None, has_logo=False)


def save_user_rules(console: Console, username: str):
    _save(console, get_user(console.store, username)["username"], then=f"rules/users/{username}")


# Menu entries of this page module: (text key under nav., path).
MENU = (("rules", "rules"),)

ROUTES = (
    # method  path                       handler          options
    ("GET",  "/rules",                   rules_page,      {}),
    ("POST", "/rules",                   save_rules,      {}),  # save a group, or reset one parameter
    ("GET",  "/rules/users/<username>",  user_rules_page, {}),
    ("POST", "/rules/users/<username>",  save_user_rules, {}),
)


def _save(console: Console, username: str | None, *, then: str) -> None:
    reset = form("reset")
    if reset:
        act(console, lambda: unset_param(console.store, reset, username), then=then, ok="rules.was_reset",
            describe=lambda _: {"key": reset})
    submitted = {key: form("p:" + key) for key in request.forms.getall("key")}
    act(console, lambda: save_params(console.store, submitted, username, console.now()), then=then,
        ok="rules.saved", describe=lambda keys: {"keys": ", ".join(keys) or "–"})


def _groups(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """Parameters grouped by the part of the key before the first dot, in registry order."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["key"].partition(".")[0], []).append(row)
    return list(groups.items())
