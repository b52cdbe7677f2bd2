"""What every console page shares: the service, the per-install secret, the setup code, the clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable

from appliance.clock import moment
from appliance.console.setup import SetupCode


@dataclass
class Console:
    """The console of one service. `clock` gives the time for sessions and throttling (tests move it)."""

    service: Any
    secret: bytes
    setup: SetupCode = field(default_factory=SetupCode)
    clock: Callable[[], datetime] = moment
    menu: tuple[tuple[str, str], ...] = ()  # (text key, path) of each menu entry, from the page modules

    @property
    def store(self):
        return self.service.store

    @property
    def settings(self):
        return self.service.settings

    @property
    def paths(self):
        return self.service.settings.paths

    def now(self) -> datetime:
        return self.clock()
