"""Domain errors. Each carries the HTTP status it maps to and a message that names the fix."""

from __future__ import annotations


class ApplianceError(Exception):
    """Base of every error the appliance reports to a person; `str(err)` is the message."""

    status = 500
    title = "Internal error"

    def __init__(self, message: str, *, errors: list[dict] | None = None):
        super().__init__(message)
        self.errors = errors or []


class ConfigError(ApplianceError):
    """A setting is missing or invalid; the message says which and how to fix it."""

    status = 500
    title = "Configuration error"


class NotFoundError(ApplianceError):
    status = 404
    title = "Not found"


class InvalidInputError(ApplianceError):
    status = 400
    title = "Invalid request"


class ConflictError(ApplianceError):
    status = 409
    title = "Conflict"
