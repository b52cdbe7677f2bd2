"""Errors about license files; each names what is wrong and what to do."""

from __future__ import annotations

from appliance.errors import ApplianceError


class LicenseError(ApplianceError):
    """A license file cannot be used. `code` says why, for programs; the message, for people.

    Codes: malformed, unknown_key, bad_signature, bad_payload, wrong_project,
    wrong_machine, not_yet_valid, expired, clock_rollback.
    """

    status = 400
    title = "License not usable"

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
