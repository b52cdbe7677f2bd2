"""Keeps the running HTTPS listener's certificate current.

At start `prepare()` makes or renews the certificate and returns the server context. Then
`follow(reload)` runs every minute from the service's routine: at most once an hour (or
at once when the files changed, e.g. after `appliance tls import` from the CLI) it renews
a certificate that is due and hands the listener a new context, so iPads get the new
certificate on their next connection without a restart.
"""

from __future__ import annotations

import logging
import ssl
import time
from datetime import datetime, timezone
from typing import Callable

from appliance.tls.context import server_context
from appliance.tls.files import TlsFiles
from appliance.tls.lifecycle import ensure_certificate

log = logging.getLogger("appliance.tls")

RECHECK_SECONDS = 3600.0


class CertificateKeeper:
    """Makes, renews and reloads the server certificate of one service."""

    def __init__(self, settings, *, now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
                 monotonic: Callable[[], float] = time.monotonic):
        self.settings = settings
        self.files = TlsFiles.of(settings.paths)
        self._now, self._monotonic = now, monotonic
        self._checked_at = 0.0
        self._loaded: tuple[float, float] | None = None

    def prepare(self) -> ssl.SSLContext:
        """The server context, with a certificate made or renewed first if needed."""
        ensure_certificate(self.settings, now=self._now())
        return self._load()

    def follow(self, reload: Callable[[ssl.SSLContext], None]) -> bool:
        """Renew when due and reload when the files changed; True when a new context was handed over."""
        if self._monotonic() - self._checked_at >= RECHECK_SECONDS:
            ensure_certificate(self.settings, now=self._now())
            self._checked_at = self._monotonic()
        if self._stamp() == self._loaded:
            return False
        reload(self._load())
        log.info("HTTPS now serves the certificate in %s", self.files.server_cert)
        return True

    def _load(self) -> ssl.SSLContext:
        stamp = self._stamp()
        context = server_context(self.files)
        self._loaded, self._checked_at = stamp, self._monotonic()
        return context

    def _stamp(self) -> tuple[float, float]:
        return self.files.server_cert.stat().st_mtime_ns, self.files.server_key.stat().st_mtime_ns
