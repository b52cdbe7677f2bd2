"""Start-up failures an operator can fix, told as one sentence with the fix instead of a traceback.

A service that cannot start (its port taken, its data folder read-only, its database file
damaged, its exchange folder on a drive that is not there) must say so in words and exit
non-zero: under the Windows service wrapper a traceback only restarts it in a loop, and what
it prints on stderr is what the wrapper's log keeps.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from peewee import DatabaseError as PeeweeDatabaseError

from appliance.errors import ApplianceError
from appliance.settings import Settings

log = logging.getLogger("appliance.startup")

PORT_IN_USE = (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", 10048))
NO_PERMISSION = (errno.EACCES, errno.EPERM, errno.EROFS)
# The exchange folder or a folder above it cannot be made: no such drive (ENOENT), a mount point or link whose
# share is gone (EEXIST: the name is there but is no folder), a file where a folder should be (ENOTDIR).
UNREACHABLE = (errno.ENOENT, errno.EEXIST, errno.ENOTDIR)
DAMAGED = ("file is not a database", "database disk image is malformed", "file is encrypted")


class StartupError(ApplianceError):
    """The service cannot start; the message names the cause and the fix."""

    status = 500
    title = "Cannot start"


@contextmanager
def explained_startup(settings: Settings) -> Iterator[None]:
    """Turn the start-up failures an operator can fix into a `StartupError` with one sentence."""
    try:
        yield
    except (OSError, sqlite3.DatabaseError, PeeweeDatabaseError) as exc:
        message = explain(exc, settings)
        if message is None:
            raise
        _log_to_files(message)
        raise StartupError(message) from None


def explain(exc: BaseException, settings: Settings) -> str | None:
    """The sentence for a failure at start, or None when it is not one an operator can fix."""
    if isinstance(exc, OSError) and exc.errno in PORT_IN_USE:
        return port_in_use(settings)
    if isinstance(exc, OSError) and exc.errno in NO_PERMISSION:
        return unwritable(settings, exc.filename)
    if isinstance(exc, (sqlite3.DatabaseError, PeeweeDatabaseError)) and any(text in str(exc) for text in DAMAGED):
        return damaged_database(settings)
    if isinstance(exc, OSError) and exc.errno in UNREACHABLE and _under(exc.filename, settings.exchange):
        return missing_exchange(settings)
    return None


def port_in_use(settings: Settings) -> str:
    source = settings.sources.get("port", "default")
    other = settings.port + 1
    return (f"Port {settings.port} on {settings.host} is already used by another program (setting port, "
            f"from {source}). Stop that program or choose a free port: --port {other} on the command line or "
            f"port = {other} in appliance.toml.")


def unwritable(settings: Settings, filename) -> str:
    where = filename or settings.data_dir
    return (f"The data folder {settings.data_dir} cannot be written ({where}: permission denied). Give the "
            f"service's account write access to it, or choose another folder: --data-dir DIR or "
            f"data_dir = \"DIR\" in appliance.toml.")


def damaged_database(settings: Settings) -> str:
    path = settings.paths.database
    return (f"The database file {path} is damaged (it is not a readable SQLite database). Stop the service, "
            f"move that file aside and restore the latest backup from {settings.paths.backups} in its place.")


def missing_exchange(settings: Settings) -> str:
    return (f"The exchange folder {settings.exchange} cannot be reached (its drive or share is not there). "
            f"Connect the drive or share, or choose the folder: --exchange DIR or exchange = \"DIR\" in "
            f"appliance.toml.")


def _log_to_files(message: str) -> None:
    """Keep the sentence in the log file too (stderr gets it once, from the command line)."""
    record = log.makeRecord(log.name, logging.ERROR, __file__, 0, message, (), None)
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler):
            handler.handle(record)


def _under(filename, folder: Path) -> bool:
    if not filename:
        return False
    try:
        return Path(filename).is_relative_to(folder) or Path(folder).is_relative_to(filename)
    except (TypeError, ValueError):
        return False
