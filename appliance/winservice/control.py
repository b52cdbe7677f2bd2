"""Installing, removing, starting and stopping the Windows service, through the WinSW wrapper.

ServiceControl is the small interface the `appliance service` commands use. WinswControl
runs the wrapper program (WinSW v2.12 renamed AppManagerService.exe, installed next to
appliance.exe); WinSW reads its configuration from the XML file of the same name beside
it, so that is where `install` writes it. The account's password is in that file only
while `install` runs (WinSW hands it to the SCM, which keeps it); the file is then
rewritten without it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Callable, Protocol

from appliance.errors import ApplianceError
from appliance.winservice.definition import ServiceDefinition, winsw_xml

WRAPPER_NAME = "AppManagerService.exe"
COMMAND_TIMEOUT = 180  # stopping waits for the import in progress


class ServiceError(ApplianceError):
    """The service manager refused or failed a step; the message has the wrapper's own words."""

    status = 500
    title = "Service manager error"


class ServiceControl(Protocol):
    """What the `appliance service` commands need from the OS."""

    def install(self, definition: ServiceDefinition, password: str | None) -> str:
        """Register the service (automatic start); returns what the OS said."""

    def uninstall(self) -> str:
        """Remove the service (stop it first)."""

    def start(self) -> str:
        """Start the service."""

    def stop(self) -> str:
        """Stop the service and wait until it has stopped."""


Runner = Callable[..., subprocess.CompletedProcess]


class WinswControl:
    """ServiceControl through the WinSW wrapper at `wrapper`."""

    def __init__(self, wrapper: Path, run: Runner = subprocess.run):
        self.wrapper = Path(wrapper)
        self.config = self.wrapper.with_suffix(".xml")
        self._run = run

    def install(self, definition: ServiceDefinition, password: str | None) -> str:
        self.config.write_text(winsw_xml(definition, password), encoding="utf-8")
        try:
            return self._wrapper("install")
        finally:
            if password is not None:
                self.config.write_text(winsw_xml(definition), encoding="utf-8")

    def uninstall(self) -> str:
        return self._wrapper("uninstall")

    def start(self) -> str:
        return self._wrapper("start")

    def stop(self) -> str:
        return self._wrapper("stopwait")  # WinSW v2: stop and wait until the service has stopped

    def _wrapper(self, command: str) -> str:
        if not self.wrapper.is_file():
            raise ServiceError(f"The service wrapper {self.wrapper} is missing: reinstall the appliance, or pass "
                               f"--wrapper with the path of {WRAPPER_NAME}.")
        if command != "install" and not self.config.is_file():
            raise ServiceError(f"{self.config} is missing: the service is not installed "
                               f"(appliance service install).")
        done = self._run([str(self.wrapper), command], capture_output=True, text=True, timeout=COMMAND_TIMEOUT,
                         cwd=self.wrapper.parent)
        said = "\n".join(part.strip() for part in (done.stdout, done.stderr) if part and part.strip())
        if done.returncode != 0:
            raise ServiceError(f"{WRAPPER_NAME} {command} failed (exit code {done.returncode}): {said or 'no output'}")
        return said
