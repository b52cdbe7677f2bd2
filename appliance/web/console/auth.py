"""First-run setup, sign-in, sign-out and the language switch."""

from __future__ import annotations

import math
from datetime import timedelta

from bottle import redirect, request, response

from appliance.console.admins import has_admin
from appliance.console.sessions import end_session, greet, open_session
from appliance.console.setup import SetupRefused, create_first_admin
from appliance.console.signin import sign_in
from appliance.errors import ApplianceError
from appliance.web.console.context import Console
from appliance.web.console.forms import form, local_target, query, secret_field
from appliance.web.console.guard import PUBLIC, SETUP
from appliance.web.console.i18n import LANGUAGES
from appliance.web.console.render import LANG_COOKIE, PREFIX, SESSION_COOKIE, page, set_cookie, url

SETUP_STATUS = {"bad_setup_code": 403, "throttled": 429, "done": 409}


def setup_page(console: Console):
    if has_admin(console.store):
        redirect(url("sign-in"), 303)
    console.setup.issue(str(console.paths.log_file))
    return _setup_form(console)


def setup_submit(console: Console):
    if secret_field("password") != secret_field("password_again"):
        return _setup_form(console, status=400, error_key="setup.passwords_differ")
    try:
        admin = create_first_admin(console.store, console.settings, console.setup, form("code"), form("username"),
                                   secret_field("password"), _address(), console.now())
    except SetupRefused as refusal:
        return _setup_form(console, status=SETUP_STATUS.get(refusal.reason, 403), error_key=f"setup.{refusal.reason}")
    except ApplianceError as error:
        return _setup_form(console, status=error.status, error_text=str(error))
    token = _start_session(console, admin["id"])
    greet(console.store, token, "setup.created", username=admin["username"])
    redirect(url(""), 303)


def sign_in_page(console: Console):
    if not has_admin(console.store):
        redirect(url("setup"), 303)
    notice = "sign_in.expired" if query("expired") else "sign_in.signed_out" if query("signed_out") else None
    return page(console, "sign_in", title="sign_in.title", notice=notice, error=None, username="",
                next=query("next"))


def sign_in_submit(console: Console):
    result = sign_in(console.store, console.settings, form("username"), secret_field("password"), _address(),
                     console.now())
    if not result.ok:
        if result.retry_after:
            response.set_header("Retry-After", str(result.retry_after))
        return page(console, "sign_in", title="sign_in.title", status=429 if result.retry_after else 401,
                    notice=None, error=result.reason, minutes=math.ceil(result.retry_after / 60),
                    username=form("username"), next=form("next"))
    _start_session(console, result.admin["id"])
    redirect(local_target(form("next")), 303)


def sign_out(console: Console):
    end_session(console.store, request.get_cookie(SESSION_COOKIE))
    response.delete_cookie(SESSION_COOKIE, path=PREFIX)
    redirect(url("sign-in", signed_out=1), 303)


def set_language(console: Console):
    if form("lang") in LANGUAGES:
        set_cookie(LANG_COOKIE, form("lang"), max_age=int(timedelta(days=365).total_seconds()))
    redirect(local_target(form("back")), 303)


ROUTES = (
    # method  path          handler         options
    ("GET",  "/setup",      setup_page,     {"access": SETUP}),    # first run: create the first administrator
    ("POST", "/setup",      setup_submit,   {"access": SETUP}),
    ("GET",  "/sign-in",    sign_in_page,   {"access": PUBLIC}),
    ("POST", "/sign-in",    sign_in_submit, {"access": PUBLIC}),
    ("POST", "/sign-out",   sign_out,       {}),
    ("POST", "/language",   set_language,   {"access": PUBLIC}),   # the EN / IT switch
)


def _setup_form(console: Console, *, status: int = 200, error_key: str | None = None,
                error_text: str | None = None) -> str:
    return page(console, "setup", title="setup.title", status=status, error_key=error_key, error_text=error_text,
                log_file=str(console.paths.log_file), username=form("username"))


def _start_session(console: Console, admin_id: int) -> str:
    token = open_session(console.store, admin_id, idle_minutes=console.settings.console_idle_minutes,
                         now=console.now())
    set_cookie(SESSION_COOKIE, token)
    return token


def _address() -> str:
    return request.environ.get("REMOTE_ADDR", "")
