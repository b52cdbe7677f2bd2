"""What the console's dashboard shows: the /health report plus the day's figures an operator asks for.

Sections that other parts of the appliance add to /health (`service.add_health`) are
passed on as they are, so the dashboard shows them without new code.
"""

from __future__ import annotations

from datetime import datetime, timezone

from appliance.clock import iso, moment
from appliance.health import health_report
from appliance.licensing import license_status
from appliance.store.console import devices_synced_since
from appliance.store.console_documents import status_counts
from appliance.store.imports import result_counts

CORE_KEYS = ("status", "problems", "version", "started_at", "uptime_seconds", "exchange", "folders", "workers",
             "last_import", "files", "license")


def dashboard_status(service, now: datetime | None = None) -> dict:
    """Keys: now, health (the /health report), license (license_status), seats ({active, licensed}),
    imports_today ({result: count}), devices_synced_today, documents ({status: count}), sections (other
    /health sections)."""
    now = moment(now)
    store, settings = service.store, service.settings
    health = health_report(service)
    license = license_status(store, settings, now)
    pools = license["seats"].values()
    day_start = iso(start_of_local_day(now))
    return {
        "now": iso(now),
        "health": health,
        "license": license,
        "seats": {"active": sum(p["active"] for p in pools), "licensed": sum(p["licensed"] for p in pools)},
        "imports_today": result_counts(store, since=day_start),
        "devices_synced_today": devices_synced_since(store, day_start),
        "documents": status_counts(store),
        "sections": {name: value for name, value in health.items() if name not in CORE_KEYS},
    }


def start_of_local_day(now: datetime) -> datetime:
    """Midnight of `now`'s day in the server's time zone, in UTC."""
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(timezone.utc)
