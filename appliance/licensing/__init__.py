"""The License Manager, offline: license file, seats, users, devices, sessions, parameters.

What other parts of the appliance call (all take the Store; `now` is an aware datetime,
None for the real clock):

    license_status(store, settings, now=None) -> dict
        The license state for /health, the console and the CLI: state (valid | grace |
        expired | not_yet_valid | clock_rollback | invalid | evaluation), message (what
        it means and the fix), login_allowed, customer, project, expires_at,
        last_grace_day, modules, devices_per_user, seats per profile ({licensed,
        active, available, without_seat}), warnings. The ERP import and the connector
        API never ask: they work in every state.

    authenticate(store, settings, username, password, device_id, device_name,
                 app_version, address, now=None) -> LoginResult
        The device login. `.ok`; on success `.token` (give it to the device, it is not
        stored), `.expires_at`, `.user` (username, display_name, agent_code,
        operator_code, customer_code, profile, modules, ...), `.config` (effective
        parameters), `.modules`, `.license` (state, message, expires_at); on refusal
        `.reason` (bad_credentials | user_disabled | no_seat | device_limit |
        license_expired | license_invalid | evaluation_limit | throttled), `.message`
        for the device's screen and, when throttled, `.retry_after` seconds.
        Raises InvalidInputError when device_id is missing.

    resolve_session(store, token, now=None) -> dict | None
        {user, device_id, created_at, expires_at} for a live token, else None.
    logout(store, token) -> bool
    effective_config(store, username) -> dict
        Every parameter's value for that user (a user value wins only where allowed and set).
    record_sync(store, username, device_id, now=None)
        Note a device's finished sync.

Administration (CLI and console): install_license, machine_fingerprint, add_user,
set_user, set_password, disable_user, list_users, get_user, list_devices,
forget_device, list_params, set_param, unset_param, PARAMS, PROFILES, MODULES.
"""

from appliance.licensing.devices import forget_device, list_devices, record_sync
from appliance.licensing.errors import LicenseError
from appliance.licensing.fingerprint import machine_fingerprint
from appliance.licensing.install import install_license
from appliance.licensing.login import LoginResult, authenticate
from appliance.licensing.params import PARAMS, effective_config, list_params, set_param, unset_param
from appliance.licensing.profiles import MODULES, PROFILES
from appliance.licensing.sessions import logout, resolve_session
from appliance.licensing.status import license_status
from appliance.licensing.users import (SeatLimitError, add_user, disable_user, get_user, list_users, set_password,
                                       set_user)

__all__ = [
    "LicenseError", "LoginResult", "MODULES", "PARAMS", "PROFILES", "SeatLimitError", "add_user", "authenticate",
    "disable_user", "effective_config", "forget_device", "get_user", "install_license", "license_status",
    "list_devices", "list_params", "list_users", "logout", "machine_fingerprint", "record_sync",
    "resolve_session", "set_param", "set_password", "set_user", "unset_param",
]
