"""Administrators of the console: list, add, new password, disable and enable."""

from __future__ import annotations

from appliance.console.admins import add_admin, list_admins, set_admin_active, set_admin_password
from appliance.web.console.context import Console
from appliance.web.console.forms import act, form, secret_field
from appliance.web.console.render import current_session, page


def admins_page(console: Console):
    return page(console, "admins", title="admins.title", section="admins", admins=list_admins(console.store))


def add_admin_action(console: Console):
    act(console, lambda: add_admin(console.store, console.settings, form("username"), secret_field("password"),
                                   now=console.now()),
        then="admins", ok="admins.added", describe=lambda admin: {"username": admin["username"]},
        keep=("username",))


def admin_password(console: Console, username: str):
    own = current_session()
    keep = own.token_hash if own.username.lower() == username.lower() else None
    act(console, lambda: set_admin_password(console.store, console.settings, username, secret_field("password"),
                                            keep_session=keep, now=console.now()),
        then="admins", ok="admins.password_set", describe=lambda _: {"username": username})


def admin_disable(console: Console, username: str):
    act(console, lambda: set_admin_active(console.store, username, False, console.now()), then="admins",
        ok="admins.disabled", describe=lambda admin: {"username": admin["username"]})


def admin_enable(console: Console, username: str):
    act(console, lambda: set_admin_active(console.store, username, True, console.now()), then="admins",
        ok="admins.enabled", describe=lambda admin: {"username": admin["username"]})


# Menu entries of this page module: (text key under nav., path).
MENU = (("admins", "admins"),)

ROUTES = (
    # method  path                            handler           options
    ("GET",  "/admins",                       admins_page,      {}),
    ("POST", "/admins",                       add_admin_action, {}),
    ("POST", "/admins/<username>/password",   admin_password,   {}),  # your own keeps you signed in
    ("POST", "/admins/<username>/disable",    admin_disable,    {}),
    ("POST", "/admins/<username>/enable",     admin_enable,     {}),
)
