"""The TLS state in one place: for /health, the tray and the console's iPads page.

States: `off` (no HTTPS listener: https_port 0, or `serve --get`), `missing` (no
certificate), `ok`, `expiring` (30 days or less left: the tray turns amber), `expired`
(red). `certificate_state` is the certificate's own state even while HTTPS is off.
"""

from __future__ import annotations

from datetime import datetime, timezone

from appliance.tls.authority import san_names
from appliance.tls.files import TlsFiles
from appliance.tls.lifecycle import RENEW_BEFORE, is_local
from appliance.tls.rules import days_left

# States in which iPads cannot connect or soon will not: a problem for the operator.
PROBLEM_STATES = ("missing", "expired")


def tls_status(settings, *, https_url: str | None = None, now: datetime | None = None) -> dict:
    """state, expires_at, days_left, names, source (local CA or imported), the HTTPS URL (None: not serving)."""
    now = now or datetime.now(timezone.utc)
    files = TlsFiles.of(settings.paths)
    base = {"https_port": settings.https_port, "url": https_url, "device_http": settings.device_http}
    if not files.has_server_certificate():
        return {**base, "state": "missing" if https_url else "off", "certificate_state": "missing",
                "expires_at": None, "days_left": None, "names": [], "source": None, "issuer": None}
    leaf = files.load_leaf()
    left = days_left(leaf, now)
    if leaf.not_valid_after_utc <= now:
        state = "expired"
    elif leaf.not_valid_after_utc - now <= RENEW_BEFORE:
        state = "expiring"
    else:
        state = "ok"
    return {**base, "state": state if https_url else "off",
            "certificate_state": state,
            "expires_at": leaf.not_valid_after_utc.isoformat(timespec="seconds"),
            "days_left": left, "names": san_names(leaf).all(),
            "source": "local CA" if is_local(files, leaf) else "imported",
            "issuer": leaf.issuer.rfc4514_string()}
