"""The per-install secret of the console, kept in the data directory's secrets/ folder.

It keys the CSRF tokens. It is made once, on first use, readable only by the service's
account, and never shown, logged or sent.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from appliance.paths import Paths

SECRET_BYTES = 32
FILE_NAME = "console.key"


def console_secret(paths: Paths) -> bytes:
    """The install's console secret, created on first use."""
    path = paths.secrets / FILE_NAME
    existing = _read(path)
    if existing is not None:
        return existing
    paths.secrets.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use that one
        return _read(path) or _replace(path)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_bytes(SECRET_BYTES))
    return path.read_bytes()


def _read(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    return data if len(data) >= SECRET_BYTES else None


def _replace(path: Path) -> bytes:
    """A secret file too short to be one (a crash while it was written): write a new one."""
    staging = path.with_name(path.name + ".new")
    staging.write_bytes(secrets.token_bytes(SECRET_BYTES))
    os.chmod(staging, 0o600)
    os.replace(staging, path)
    return path.read_bytes()
