"""Reading what a page sent, and answering an action: do it, leave a message, go back (303).

An action that fails with a domain error (a message that names the fix) goes back to
the form with that message and, where asked, the non-secret values the operator typed.
"""

from __future__ import annotations

from typing import Any, Callable

from bottle import redirect, request

from appliance.console.sessions import set_flash
from appliance.errors import ApplianceError
from appliance.web.console.context import Console
from appliance.web.console.render import PREFIX, current_session, url


def form(name: str) -> str:
    """A form field as text ('' when absent)."""
    return (request.forms.getunicode(name, default="") or "").strip()


def secret_field(name: str) -> str:
    """A password field, exactly as typed."""
    return request.forms.getunicode(name, default="") or ""


def query(name: str) -> str:
    return (request.query.getunicode(name, default="") or "").strip()


def flash(console: Console, kind: str, key: str | None = None, *, params: dict | None = None,
          text: str | None = None, kept: dict | None = None) -> None:
    """Leave a message for the next page: a text key with params, or a ready text (domain messages)."""
    session = current_session()
    if session is not None:
        set_flash(console.store, session, {"kind": kind, "key": key, "text": text, "params": params or {},
                                           "form": kept or {}})


def act(console: Console, action: Callable[[], Any], *, then: str, ok: str, back: str | None = None,
        keep: tuple[str, ...] = (), describe: Callable[[Any], dict] | None = None,
        verdict: Callable[[Any], bool] | None = None) -> None:
    """Run `action` and go to `then` with the message `ok` (params from `describe(result)`; shown as a
    failure when `verdict(result)` is false). A domain error goes to `back` (default `then`) with its
    message and the fields named in `keep`."""
    try:
        result = action()
    except ApplianceError as error:
        flash(console, "error", text=str(error), kept={name: form(name) for name in keep})
        redirect(url(back if back is not None else then), 303)
    kind = "ok" if verdict is None or verdict(result) else "error"
    flash(console, kind, ok, params=describe(result) if describe else None)
    redirect(url(then), 303)


def local_target(target: str, default: str = "") -> str:
    """`target` if it is a console path (where to go after sign-in), else `default`."""
    if target.startswith(PREFIX) and not target.startswith("//") and "\\" not in target and "//" not in target:
        return target
    return url(default)
