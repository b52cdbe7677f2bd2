"""Users and devices: seats per profile, the users, one user's details, devices and access log."""

from __future__ import annotations

from appliance.accounts import (add_user, disable_user, forget_device, get_user, list_devices, list_users, set_password,
                                set_user)
from appliance.licensing import PROFILES, license_status
from appliance.store.console import recent_sign_ins
from appliance.store.sessions import access_log
from appliance.web.console.context import Console
from appliance.web.console.forms import act, form, query, secret_field
from appliance.web.console.render import page

DETAILS = ("display_name", "email", "agent_code", "operator_code", "customer_code")
ACCESS_LOG_ROWS = 200


def users_page(console: Console):
    return page(console, "users", title="users.title", section="users", profiles=PROFILES,
                users=list_users(console.store, console.settings, console.now()),
                seats=license_status(console.store, console.settings, console.now())["seats"])


def add_user_action(console: Console):
    username = form("username")
    act(console, lambda: add_user(console.store, console.settings, username, secret_field("password"),
                                  profile=form("profile"), active=form("active") == "true", now=console.now(),
                                  **{name: form(name) for name in DETAILS}),
        then=f"users/{username}", back="users", ok="users.added", describe=lambda user: user,
        keep=("username", "profile", *DETAILS))


def user_page(console: Console, username: str):
    user = get_user(console.store, username)
    return page(console, "user", title="user.title", section="users", user=user, profiles=PROFILES,
                devices=list_devices(console.store, user["username"]),
                access=access_log(console.store, username=user["username"], limit=50))


def edit_user(console: Console, username: str):
    changes = {name: form(name) for name in (*DETAILS, "profile")}
    act(console, lambda: set_user(console.store, console.settings, username, changes, console.now()),
        then=f"users/{username}", ok="user.saved")


def reset_password(console: Console, username: str):
    act(console, lambda: set_password(console.store, console.settings, username, secret_field("password"),
                                      console.now()), then=f"users/{username}", ok="user.password_set")


def disable(console: Console, username: str):
    act(console, lambda: disable_user(console.store, username, console.now()), then=f"users/{username}",
        ok="user.disabled")


def enable(console: Console, username: str):
    act(console, lambda: set_user(console.store, console.settings, username, {"active": True}, console.now()),
        then=f"users/{username}", ok="user.enabled")


def forget(console: Console, username: str):
    device_id = form("device_id")
    act(console, lambda: forget_device(console.store, username, device_id), then=f"users/{username}",
        ok="user.device_forgotten", describe=lambda _: {"device": device_id})


def access_log_page(console: Console):
    return page(console, "access_log", title="access.title", section="access", username=query("user"),
                attempts=access_log(console.store, username=query("user") or None, limit=ACCESS_LOG_ROWS),
                sign_ins=recent_sign_ins(console.store, ACCESS_LOG_ROWS))


# Menu entries of this page module: (text key under nav., path).
MENU = (("users", "users"), ("access", "access-log"))

ROUTES = (
    # method  path                                 handler          options
    ("GET",  "/users",                             users_page,      {}),  # seats, users, add a user
    ("POST", "/users",                             add_user_action, {}),
    ("GET",  "/users/<username>",                  user_page,       {}),  # details, devices, logins
    ("POST", "/users/<username>",                  edit_user,       {}),
    ("POST", "/users/<username>/password",         reset_password,  {}),
    ("POST", "/users/<username>/disable",          disable,         {}),
    ("POST", "/users/<username>/enable",           enable,          {}),
    ("POST", "/users/<username>/forget-device",    forget,          {}),
    ("GET",  "/access-log",                        access_log_page, {}),  # device logins and console sign-ins
)
