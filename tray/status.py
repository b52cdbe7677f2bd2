"""What the tray shows, read from a /health report: a colour, one status line and the details.

green: healthy. amber: something waits for an operator (held or rejected files, a failed
batch, a missing subfolder), the license is in grace or evaluation, or watching is paused.
red: the service does not answer, the license does not allow device logins (expired,
invalid, not yet valid, clock turned back), or the exchange folder is missing.
The HTTPS certificate turns it amber 30 days before it expires and red once expired.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from appliance.messages import days
from tray.texts import TrayWords

GREEN, AMBER, RED = "green", "amber", "red"
PRODUCT = "AppManager"
LICENSE_RED = {"expired", "invalid", "not_yet_valid", "clock_rollback"}
# /health's problems about the certificate; the tray words them from the tls section instead.
CERTIFICATE_PROBLEMS = ("the HTTPS certificate ", "the imported HTTPS certificate ")
LICENSE_AMBER = {"grace", "evaluation"}
TOOLTIP_LIMIT = 127  # Windows cuts a tray icon's tooltip after 127 characters


@dataclass(frozen=True)
class TrayStatus:
    """The state the icon, its tooltip and its menu show."""

    colour: str
    line: str  # the tooltip: one line
    reasons: tuple[str, ...] = ()  # every reason for amber or red, worst first
    up: bool = False
    paused: bool = False
    version: str | None = None
    license: str = "unknown"
    exchange: str | None = None


def service_down(reason: str, language: str = "en") -> TrayStatus:
    """The status while the service does not answer."""
    text = TrayWords(language)("down", reason=reason)
    return TrayStatus(RED, _line(text), (text,))


def tray_status(health: dict, language: str = "en") -> TrayStatus:
    """The status shown for a /health report; the tooltip lists every reason, worst first."""
    words = TrayWords(language)
    red, amber = [], []
    license = health.get("license") or {}
    state = license.get("state", "unknown")
    if state in LICENSE_RED:
        red.append(words.say(license.get("message")) or f"license {state}")
    elif state in LICENSE_AMBER:
        amber.append(words.say(license.get("message")) or words("license_in", state=state))
    exchange = health.get("exchange") or {}
    for problem in health.get("problems", []):
        if problem.startswith("license ") and state in LICENSE_RED:
            continue  # said above, in the license's own words
        if problem.startswith(CERTIFICATE_PROBLEMS):
            continue  # said below, from the tls section
        missing = exchange.get("state") == "missing" and problem.startswith("exchange folder")
        (red if missing else amber).append(words.say(problem))
    tls_red, tls_amber = tls_reasons(health.get("tls") or {}, words)
    red.extend(tls_red)
    amber.extend(tls_amber)
    paused = bool((health.get("watching") or {}).get("paused"))
    if paused:
        amber.insert(0, words("paused"))
    amber.extend(words.say(warning) for warning in license.get("warnings") or [])
    reasons = tuple(red + amber)
    colour = RED if red else AMBER if amber else GREEN
    return TrayStatus(colour, _line("; ".join(reasons) if reasons else _healthy_line(health, words)), reasons,
                      up=True, paused=paused, version=health.get("version"), license=license_text(license),
                      exchange=exchange.get("path"))


def tls_reasons(tls: dict, words: TrayWords) -> tuple[list[str], list[str]]:
    """(red, amber) reasons from the HTTPS certificate: red once expired, amber 30 days before."""
    state, until = tls.get("state"), (tls.get("expires_at") or "")[:10]
    if state == "expired":
        return [words.say(f"the HTTPS certificate expired on {until}: iPads cannot connect until it is renewed")], []
    if state == "expiring":
        return [], [words.say(f"the HTTPS certificate expires on {until} ({days(tls.get('days_left'))} left)")]
    if state == "missing":
        return [], [words.say("HTTPS is on but has no certificate: iPads cannot connect")]
    return [], []


def license_text(license: dict) -> str:
    """`valid until 2027-01-31, ACME S.p.A.`: the license in a few words."""
    text = license.get("state", "unknown").replace("_", " ")
    if license.get("expires_at"):
        text += f" until {license['expires_at'][:10]}"
    if license.get("customer"):
        text += f", {license['customer']}"
    return text


def _healthy_line(health: dict, words: TrayWords) -> str:
    last = health.get("last_import")
    if not last:
        return words("ok_none")
    when = _local_time(last.get("time"))
    return words("ok_last", file=last["file"], result=words.result(last["result"])) + (
        words("ok_at", time=when) if when else "")


def _local_time(stamp: str | None) -> str:
    """`14:05` in this server's time zone for an ISO time, or "" when there is none."""
    try:
        return datetime.fromisoformat(stamp or "").astimezone().strftime("%H:%M")
    except ValueError:
        return ""


def _line(text: str) -> str:
    line = f"{PRODUCT}: {text}"
    return line if len(line) <= TOOLTIP_LIMIT else line[:TOOLTIP_LIMIT - 3] + "..."
