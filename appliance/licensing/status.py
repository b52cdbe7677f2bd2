"""`license_status`: the one summary of the license for /health, the console, the CLI and logins."""

from __future__ import annotations

from datetime import datetime, timedelta

from appliance.licensing.profiles import licensed_modules
from appliance.licensing.state import LicenseState, current_license
from appliance.settings import Settings
from appliance.store.db import Store
from appliance.store.users import active_users


def license_status(store: Store, settings: Settings, now: datetime | None = None) -> dict:
    """The license state now, as plain data.

    Keys: state (valid | grace | expired | not_yet_valid | clock_rollback | invalid |
    evaluation), message (what it means and what to do), login_allowed, license_id,
    customer, project, kid, issued_at, not_before, expires_at, last_grace_day,
    grace_days, machine, modules (what the license grants), devices_per_user, seats
    ({pool: {licensed, active, available, without_seat}}; one pool per profile, or the
    single pool "evaluation"), warnings (list of texts).
    """
    current = current_license(store, settings, now)
    return describe(current, current.plan.allocate(active_users(store)))


def describe(current: LicenseState, pools: dict) -> dict:
    """Shape a LicenseState and its seat allocation as license_status does."""
    payload = current.payload
    status = {
        "state": current.state,
        "message": current.message,
        "login_allowed": current.login_refusal is None,
        "license_id": None, "customer": None, "project": None, "kid": None, "issued_at": None,
        "not_before": None, "expires_at": None, "last_grace_day": None, "grace_days": None, "machine": None,
        "modules": licensed_modules(current.licensed_modules),
        "devices_per_user": current.devices_per_user,
        "seats": {name: pool.as_dict() for name, pool in pools.items()},
        "warnings": [],
    }
    if payload:
        status.update({
            "license_id": payload.license_id, "customer": payload.customer, "project": payload.project,
            "kid": current.license.kid, "issued_at": payload.issued_at.isoformat(),
            "not_before": payload.not_before.isoformat(),
            "expires_at": payload.expires_at.isoformat() if payload.expires_at else None,
            "last_grace_day": (payload.grace_until - timedelta(days=1)).date().isoformat()
            if payload.grace_until else None,
            "grace_days": payload.grace_days, "machine": payload.machine,
        })
    for name, pool in pools.items():
        if pool.without_seat:
            count = len(pool.without_seat)
            status["warnings"].append(
                f"{count} active {'user' if count == 1 else 'users'} of '{name}' {'has' if count == 1 else 'have'} "
                f"no seat ({pool.licensed} licensed) and {'is' if count == 1 else 'are'} refused at login: "
                f"{', '.join(pool.without_seat)}. Disable users or get more seats.")
    return status
