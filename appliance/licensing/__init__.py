"""The License Manager, offline: the license file, its states and seats.

What other parts of the appliance call (all take the Store; `now` is an aware datetime,
None for the real clock):

    license_status(store, settings, now=None) -> dict
        The license state for /health, the console and the CLI: state (valid | grace |
        expired | not_yet_valid | clock_rollback | invalid | evaluation), message (what
        it means and the fix), login_allowed, customer, project, expires_at,
        last_grace_day, modules, devices_per_user, seats per profile ({licensed,
        active, available, without_seat}), warnings. The ERP import and the connector
        API never ask: they work in every state.

Administration (CLI and console): install_license, machine_fingerprint, PROFILES, MODULES.
Users, devices, sessions, the device login and the parameters are in `appliance.accounts`.
"""

from appliance.licensing.errors import LicenseError
from appliance.licensing.fingerprint import machine_fingerprint
from appliance.licensing.install import install_license
from appliance.licensing.profiles import MODULES, PROFILES
from appliance.licensing.status import license_status

__all__ = ["LicenseError", "MODULES", "PROFILES", "install_license", "license_status", "machine_fingerprint"]
