"""Accounts: users, their devices and sessions, passwords, the device login and the parameters.

What other parts of the appliance call (all take the Store; `now` is an aware datetime,
None for the real clock):

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

Administration (CLI and console): add_user, set_user, set_password, disable_user,
list_users, get_user, list_devices, forget_device, list_params, set_param, unset_param,
PARAMS (the registry; each package registers its own parameters, see `appliance.parameters`).
The license itself (state, seats, profiles) is in `appliance.licensing`.
"""

from appliance.accounts.devices import forget_device, list_devices, record_sync
from appliance.accounts.login import LoginResult, authenticate
from appliance.accounts.params import PARAMS, effective_config, list_params, set_param, unset_param
from appliance.accounts.sessions import logout, resolve_session
from appliance.accounts.users import (SeatLimitError, add_user, disable_user, get_user, list_users, set_password,
                                      set_user)

__all__ = [
    "LoginResult", "PARAMS", "SeatLimitError", "add_user", "authenticate", "disable_user", "effective_config",
    "forget_device", "get_user", "list_devices", "list_params", "list_users", "logout", "record_sync",
    "resolve_session", "set_param", "set_password", "set_user", "unset_param",
]
