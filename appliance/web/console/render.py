"""Rendering console pages: SimpleTemplates read with importlib.resources, one layout, shared template functions.

Every page gets: `t` (translate), `lang`, `url(path, **query)`, `csrf_field()`, `when`
(a stored UTC time in local time), `number`, `size`, `duration`, `q` (quote a path part),
`embed(name, **values)` (another template), `detail(value, kind)` (a value of a card's details),
`field(value)` (a field of a document's record), `admin` (who is signed in), `menu` and `section` (for
the menu), `here` (this page's path), `flash` (the message left by the previous action),
`kept` (the form values it kept) and `static`.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from importlib import resources
from urllib.parse import quote, urlencode

from bottle import SimpleTemplate, request, response

from appliance import __version__
from appliance.console.sessions import ConsoleSession, clear_flash, csrf_token, new_token
from appliance.web.console.context import Console
from appliance.messages import format_decimal, format_money
from appliance.web.console.detail_values import detail_value, record_value
from appliance.web.console.i18n import Translator, choose_language

PREFIX = "/admin/"
SESSION_COOKIE = "appliance_console"
PRE_COOKIE = "appliance_console_pre"
LANG_COOKIE = "appliance_console_lang"
SESSION_KEY = "appliance.console.session"
_DATE_FORMATS = {"en": "%Y-%m-%d %H:%M", "it": "%d/%m/%Y %H:%M"}


def url(path: str = "", **query) -> str:
    """A console URL: `url("imports", result="rejected")` -> /admin/imports?result=rejected."""
    kept = {key: value for key, value in query.items() if value not in (None, "", False)}
    return PREFIX + path.lstrip("/") + ("?" + urlencode(kept) if kept else "")


def static(name: str) -> str:
    return url(f"static/{name}", v=__version__)


@lru_cache(maxsize=None)
def template(name: str) -> SimpleTemplate:
    """A template of templates/console/, compiled once."""
    source = resources.files("appliance.web").joinpath("templates", "console", name + ".tpl")
    return SimpleTemplate(source=source.read_text(encoding="utf-8"), name=name)


def page(console: Console, name: str, *, title: str, section: str = "", status: int = 200, **values) -> str:
    """A whole page: the template `name` inside the layout. `title` is a text key; `flash=None`
    leaves the previous action's message for the next page (error pages do)."""
    shared = base_values(console, section)
    shared["flash"] = values.pop("flash") if "flash" in values else take_flash(console)
    shared["kept"] = shared["flash"].get("form", {}) if shared["flash"] else {}
    values = {**shared, **values}
    response.status = status
    body = template(name).render(**values)
    return template("layout").render(body=body, title=shared["t"](title), **values)


def fragment(console: Console, name: str, **values) -> str:
    """A template without the layout (what the dashboard fetches to refresh itself)."""
    return template(name).render(**{**base_values(console, ""), **values})


def base_values(console: Console, section: str) -> dict:
    lang = language()
    session = current_session()
    token = csrf_token(console.secret, csrf_basis())
    here = request.fullpath + ("?" + request.query_string if request.query_string else "")
    values = {
        "t": Translator(lang), "lang": lang, "url": url, "static": static, "section": section, "here": here,
        "admin": session.username if session else None, "menu": console.menu, "flash": None, "kept": {},
        "version": __version__,
        "csrf_field": lambda: f'<input type="hidden" name="csrf_token" value="{token}">',
        "when": lambda text: local_time(text, lang), "clock_time": clock_time, "number": lambda n: number(n, lang),
        "size": lambda n: size(n, lang), "duration": lambda s: duration(s, lang), "q": quote_part,
        "at": lambda text: at_time(text, lang), "day": lambda text: day(text, lang),
        "money": lambda value: "–" if value is None else format_money(value, lang),
        "decimal": lambda value: "–" if value is None else format_decimal(value, lang),
    }
    values["detail"] = lambda value, kind: detail_value(value, kind, values["t"], values["when"])
    values["field"] = lambda value: record_value(value, lang, values["when"], values["day"])
    values["embed"] = lambda name, **more: template(name).render(**{**values, **more})
    return values


def language() -> str:
    return choose_language(request.get_cookie(LANG_COOKIE), request.get_header("Accept-Language"))


def current_session() -> ConsoleSession | None:
    """The session the guard found for this request (None before sign-in)."""
    return request.environ.get(SESSION_KEY)


def csrf_basis() -> str:
    """What this browser's CSRF token is derived from: its session, else its pre-session cookie."""
    session = current_session()
    if session is not None:
        return session.token
    pre = request.environ.get(PRE_COOKIE) or request.get_cookie(PRE_COOKIE)
    if not pre:
        pre = new_token()
        set_cookie(PRE_COOKIE, pre)
    request.environ[PRE_COOKIE] = pre
    return pre


def set_cookie(name: str, value: str, **options) -> None:
    """A console cookie: HttpOnly, SameSite=Strict, for /admin/ only."""
    response.set_cookie(name, value, path=PREFIX, httponly=True, samesite="Strict", **options)


def take_flash(console: Console) -> dict | None:
    """The message the previous action left, shown once."""
    session = current_session()
    if session is None or session.flash is None:
        return None
    clear_flash(console.store, session)
    return session.flash


def local_time(text: str | None, lang: str) -> str:
    """A stored ISO time (UTC or local) as the server's local time, in the language's format."""
    return _formatted(text, lang, local=True, date_only=False)


def day(text: str | None, lang: str) -> str:
    """The date of a stored ISO date or time, in the language's format (03/12/2026, 2026-12-03)."""
    return _formatted(text, lang, local=False, date_only=True)


def _formatted(text: str | None, lang: str, *, local: bool, date_only: bool) -> str:
    if not text:
        return "–"
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return str(text)
    if local and moment.tzinfo is not None:
        moment = moment.astimezone()
    form = _DATE_FORMATS[lang]
    return moment.strftime(form.split(" ")[0] if date_only else form)


def at_time(text: str | None, lang: str, today: datetime | None = None) -> str:
    """A stored time as a phrase: "at 13:32" today, else "on 02/12/2026 at 13:32" (in the language)."""
    if not text:
        return "–"
    moment = datetime.fromisoformat(str(text))
    moment = moment.astimezone() if moment.tzinfo is not None else moment
    today = (today or datetime.now().astimezone()).date()
    clock = moment.strftime("%H:%M")
    if moment.date() == today:
        return f"alle {clock}" if lang == "it" else f"at {clock}"
    day = moment.strftime("%d/%m/%Y" if lang == "it" else "%Y-%m-%d")
    return f"il {day} alle {clock}" if lang == "it" else f"on {day} at {clock}"


def clock_time(text: str) -> str:
    """A stored ISO time as the server's local time of day, to the second."""
    return datetime.fromisoformat(text).astimezone().strftime("%H:%M:%S")


def number(value, lang: str) -> str:
    if value is None:
        return "–"
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "it" else text


def duration(seconds: float | None, lang: str) -> str:
    """An uptime as "2 d 3 h" / "3 h 12 min" / "45 s" ("g" for days in Italian)."""
    if seconds is None:
        return "–"
    seconds = int(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days} {'g' if lang == 'it' else 'd'} {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min" if minutes else f"{seconds} s"


def quote_part(text: str) -> str:
    """A value made safe for one URL path segment."""
    return quote(str(text), safe="")


def size(value: int | None, lang: str) -> str:
    if value is None:
        return "–"
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            shown = number(value if unit == "B" else round(value, 1), lang)
            return f"{shown} {unit}"
        value /= 1024
    return ""
