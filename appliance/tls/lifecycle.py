"""Making and renewing the server certificate.

`ensure_certificate` runs at every start of the service (and from `appliance tls init`):
it makes the local CA and a server certificate when there is none, and renews a
certificate of the local CA 30 days before it expires or as soon as the machine's names or
addresses are no longer all in it (a new IP after a move, a name added to `tls_names`).
A certificate the operator imported is never replaced here: only reported.
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from cryptography import x509

from appliance.tls.authority import issue_server, issued_by, make_authority, san_names
from appliance.tls.files import TlsFiles
from appliance.tls.names import Names, machine_names

log = logging.getLogger("appliance.tls")

RENEW_BEFORE = timedelta(days=30)


@dataclass(frozen=True)
class Outcome:
    """What `ensure_certificate` did: `created`, `renewed` or `kept`, and why."""

    action: str
    reason: str
    certificate: x509.Certificate

    @property
    def changed(self) -> bool:
        return self.action != "kept"


def is_local(files: TlsFiles, leaf: x509.Certificate) -> bool:
    """Whether the server certificate was signed by this installation's CA (not imported)."""
    return files.has_authority() and issued_by(leaf, files.load_ca())


def renewal_reason(leaf: x509.Certificate, wanted: Names, now: datetime) -> str | None:
    """Why a local certificate must be renewed now, or None."""
    if leaf.not_valid_after_utc - now <= RENEW_BEFORE:
        return f"it expires on {leaf.not_valid_after_utc:%Y-%m-%d}"
    missing = wanted.missing_from(san_names(leaf))
    if missing:
        return "this machine's names changed (not in the certificate: " + ", ".join(missing) + ")"
    return None


def ensure_certificate(settings, *, now: datetime | None = None, names: Names | None = None,
                       force: bool = False) -> Outcome:
    """Make, renew (when due, or always with `force`) or keep the server certificate."""
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    files = TlsFiles.of(settings.paths)
    wanted = names or machine_names(settings.tls_names)
    if files.has_server_certificate():
        leaf = files.load_leaf()
        if not is_local(files, leaf):
            return Outcome("kept", "imported certificate (renew it where it was issued)", leaf)
        reason = "renewal asked for" if force else renewal_reason(leaf, wanted, now)
        if reason is None:
            return Outcome("kept", f"valid until {leaf.not_valid_after_utc:%Y-%m-%d}", leaf)
        return _issue(settings, files, wanted, now, "renewed", reason)
    return _issue(settings, files, wanted, now, "created", "there was no server certificate")


def _issue(settings, files: TlsFiles, wanted: Names, now: datetime, action: str, reason: str) -> Outcome:
    if not files.has_authority():
        ca_cert, ca_key = make_authority(settings.project, socket.gethostname(), now)
        files.save_authority(ca_cert, ca_key)
        log.info("made the local certificate authority %s (%s)", ca_cert.subject.rfc4514_string(), files.ca_cert)
    ca_cert, ca_key = files.load_ca(), files.load_ca_key()
    leaf, key = issue_server(ca_cert, ca_key, wanted, now)
    files.save_server([leaf, ca_cert], key)
    log.info("server certificate %s because %s: valid until %s for %s", action, reason,
             f"{leaf.not_valid_after_utc:%Y-%m-%d}", ", ".join(wanted.all()))
    return Outcome(action, reason, leaf)
