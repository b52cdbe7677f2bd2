"""Installing a license file: verify everything first, then replace the old file atomically.

A file that fails any check (including being expired beyond grace, not yet valid, or
judged by a clock that was moved back) is refused and the installed license stays.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime

from appliance.clock import moment
from appliance.licensing.errors import LicenseError
from appliance.licensing.fingerprint import machine_fingerprint
from appliance.licensing.keys import trusted_keys
from appliance.licensing.state import GRACE, VALID, LicenseState, current_license, latest_seen_time, time_state
from appliance.licensing.verify import verify_license
from appliance.settings import Settings
from appliance.store.db import Store

log = logging.getLogger(__name__)

INSTALLABLE_STATES = (VALID, GRACE)


def install_license(store: Store, settings: Settings, data: bytes, now: datetime | None = None) -> LicenseState:
    """Verify `data` as a license for this appliance and make it the installed one."""
    now = moment(now)
    signed = verify_license(data, trusted_keys(settings), project=settings.project,
                            fingerprint=machine_fingerprint)
    state, message = time_state(signed.payload, now, latest_seen_time(store))
    if state not in INSTALLABLE_STATES:
        raise LicenseError(state, f"The license was not installed. {message}")
    _write_atomically(settings.paths.license_file, data)
    payload = signed.payload
    log.info("license %s installed: customer %s, project %s, expires %s", payload.license_id,
             payload.customer, payload.project, payload.expires_at or "never")
    return current_license(store, settings, now)


def _write_atomically(path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(path.name + ".new")
    with open(staging, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(staging, path)
