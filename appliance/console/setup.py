"""First run: with no administrator yet, the console asks for a one-time setup code.

The code proves that whoever creates the first administrator can read the service's
log on the server: it is made when the setup page is first opened, written to the log
(never shown in a page), kept in memory only as a hash, and works once. A restart makes
a new one. Wrong codes are throttled like wrong passwords.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
from datetime import datetime

from appliance.accounts.passwords import check_new_password
from appliance.accounts.users import check_username
from appliance.clock import moment
from appliance.console.admins import add_admin, has_admin
from appliance.console.signin import SETUP_NAME, record_attempt, throttle_remaining
from appliance.errors import ApplianceError
from appliance.settings import Settings
from appliance.store.db import Store

log = logging.getLogger("appliance.console")

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: read from a log, typed by hand
GROUPS, GROUP_LENGTH = 3, 4


class SetupRefused(ApplianceError):
    """The setup code is wrong, used, or guessed too often; `reason` says which."""

    status = 403
    title = "Setup refused"

    def __init__(self, reason: str, message: str, retry_after: int = 0):
        super().__init__(message)
        self.reason = reason
        self.retry_after = retry_after


class SetupCode:
    """The one-time code of this process; `issue()` writes it to the log the first time."""

    def __init__(self):
        self._digest: bytes | None = None
        self._used = False
        self._lock = threading.Lock()

    def issue(self, log_file: str) -> None:
        """Make the code and log it, unless this process already did."""
        with self._lock:
            if self._digest is not None or self._used:
                return
            raw = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
            self._digest = _digest(raw)
        shown = "-".join(raw[i:i + GROUP_LENGTH] for i in range(0, len(raw), GROUP_LENGTH))
        log.warning("Console setup code: %s. Enter it at /admin/setup to create the first administrator; "
                    "it works once (log file: %s).", shown, log_file)

    def redeem(self, submitted: str) -> bool:
        """Use the code up if `submitted` is it; False otherwise."""
        wanted = _digest(_normal(submitted))
        with self._lock:
            if self._digest is None or not hmac.compare_digest(self._digest, wanted):
                return False
            self._digest, self._used = None, True
            return True


def create_first_admin(store: Store, settings: Settings, setup: SetupCode, code: str, username: str,
                       password: str, address: str, now: datetime | None = None) -> dict:
    """Check the setup code, then add the first administrator; raises SetupRefused or an input error."""
    now = moment(now)
    if has_admin(store):
        raise SetupRefused("done", "The console already has an administrator: sign in instead.")
    retry_after = throttle_remaining(store, SETUP_NAME, address, now)
    if retry_after:
        raise SetupRefused("throttled", "Too many wrong setup codes.", retry_after)
    check_username(username)
    check_new_password(password)  # input mistakes must not use the code up
    if not setup.redeem(code):
        record_attempt(store, settings, SETUP_NAME, address, "bad_setup_code", now)
        raise SetupRefused("bad_setup_code", "The setup code is not right.")
    admin = add_admin(store, settings, username, password, first=True, now=now)
    log.info("console: first administrator %s created from %s", admin["username"], address)
    return admin


def _normal(text: str) -> str:
    return "".join(ch for ch in str(text or "").upper() if ch.isalnum())


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()
