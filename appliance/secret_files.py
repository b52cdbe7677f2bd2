"""Per-install secrets in the data directory's secrets/ folder (console key, connector key, tray token).

The local token is here too, with the local API's prefix, so the tray can call the service
without importing the web layer.

Each is a random token made on first use, written whole under a temporary name and then
linked into place (so two processes starting at once agree on one token and nobody reads
a half-written file), readable only by the service's account (mode 0600; on Windows the
installer sets the folder's ACL). Never logged, shown or sent in an error.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from appliance.paths import Paths

TOKEN_BYTES = 32
LOCAL_TOKEN_FILE = "local-api.token"
LOCAL_API_PREFIX = "/local/v1"  # the tray's API: import now, pause and resume watching


def secret_path(paths: Paths, name: str) -> Path:
    return paths.secrets / name


def read_secret(path: Path) -> str | None:
    """The token in a secret file, or None when there is no usable one (missing, empty, cut short)."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    return text if len(text) >= TOKEN_BYTES else None


def ensure_secret(paths: Paths, name: str) -> str:
    """The secret named `name`, made on first use."""
    path = secret_path(paths, name)
    existing = read_secret(path)
    if existing:
        return existing
    staging = _write_staging(path)
    try:
        os.link(staging, path)  # atomic and never overwrites: the first process to get here wins
    except FileExistsError:
        if read_secret(path) is None:  # a file left unusable by a crash: replace it
            os.replace(staging, path)
    except OSError:  # a file system without hard links
        if read_secret(path) is None:
            os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)
    return read_secret(path) or ""


def replace_secret(paths: Paths, name: str) -> str:
    """A new secret in place of the old one (which stops working at once); returns it."""
    path = secret_path(paths, name)
    os.replace(_write_staging(path), path)
    return read_secret(path) or ""


def _write_staging(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}.new")
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_urlsafe(TOKEN_BYTES))
    return staging


def local_token_path(paths: Paths) -> Path:
    """Where the local API's token is kept."""
    return secret_path(paths, LOCAL_TOKEN_FILE)


def ensure_local_token(paths: Paths) -> str:
    """The install's local token, written on first use (readable only by this account on Linux)."""
    return ensure_secret(paths, LOCAL_TOKEN_FILE)


def read_local_token(path: Path) -> str | None:
    """The token in the file, or None when there is no usable one."""
    return read_secret(path)
