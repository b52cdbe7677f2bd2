"""The connector key: the `authKey` ERP connectors send, one per installation (and so per project).

It lives in the data directory's secrets/ folder, readable only by the service's
account, is made on first use and replaced by `appliance connector-key --rotate`. The
service reads it again when the file changes, so a rotation applies at once. It is
compared in constant time and never logged or put in an error.
"""

from __future__ import annotations

import hmac
import threading
from pathlib import Path

from appliance.errors import ApplianceError
from appliance.paths import Paths
from appliance.secret_files import ensure_secret, replace_secret, secret_path

FILE_NAME = "connector.key"


def key_path(paths: Paths) -> Path:
    return secret_path(paths, FILE_NAME)


def connector_key(paths: Paths) -> str:
    """The installation's key, made on first use."""
    return ensure_secret(paths, FILE_NAME)


def rotate_key(paths: Paths) -> str:
    """Replace the key with a new one (the old one stops working at once); returns it."""
    return replace_secret(paths, FILE_NAME)


class KeyCheck:
    """Checks offered keys against the key file, re-reading it when it changes."""

    def __init__(self, paths: Paths):
        self.paths = paths
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._key = connector_key(paths).encode("ascii")

    def matches(self, offered: str | None) -> bool:
        """Whether `offered` is the key (constant time; False for none)."""
        key = self._current()
        return bool(offered) and hmac.compare_digest(offered.encode("utf-8", "replace"), key)

    def _current(self) -> bytes:
        try:
            stat = key_path(self.paths).stat()
        except FileNotFoundError:
            return self._key
        stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if stamp != self._stamp:
            with self._lock:
                self._key = connector_key(self.paths).encode("ascii")
                self._stamp = stamp
        return self._key


class ConnectorKeyError(ApplianceError):
    """A connector request without this installation's key."""

    status = 401
    title = "Unauthorized"


def require_key(check: KeyCheck, offered: str | None, where: str) -> None:
    """Raise ConnectorKeyError unless `offered` is the key (`where` says how to send it)."""
    if not check.matches(offered):
        raise ConnectorKeyError(f"Send this installation's connector key {where}; `appliance connector-key` prints "
                                f"it on the server.", errors=[{"field": "authKey" if "authKey" in where
                                                               else "Authorization", "reason": "missing or wrong key"}])
