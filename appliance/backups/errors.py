"""Errors of backups, restores and the journal."""

from __future__ import annotations

from appliance.errors import ApplianceError


class BackupError(ApplianceError):
    """A backup that cannot be made, read or trusted; the message says why and what to do."""

    status = 422
    title = "Backup error"


class ServiceRunningError(ApplianceError):
    """A restore asked for while the service runs on the same data directory."""

    status = 409
    title = "The service is running"


class SchemaTooNewError(ApplianceError):
    """The database was migrated by a newer version than this one."""

    status = 500
    title = "Database from a newer version"
