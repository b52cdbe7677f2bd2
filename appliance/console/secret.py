"""The per-install secret of the console, kept in the data directory's secrets/ folder.

It keys the CSRF tokens. It is made once, on first use, readable only by the service's
account, and never shown, logged or sent.
"""

from __future__ import annotations

from appliance.paths import Paths
from appliance.secret_files import ensure_secret

FILE_NAME = "console.key"


def console_secret(paths: Paths) -> bytes:
    """The install's console secret, created on first use."""
    return ensure_secret(paths, FILE_NAME).encode("ascii")
