"""What the Windows service runs and as whom, written as WinSW's XML configuration.

The account matters: LocalSystem cannot see a user's Dropbox folder or mapped drives, so
the service normally runs as the (domain or local) user whose Dropbox syncs the exchange
folder. WinSW grants that account "Log on as a service" at install time.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from appliance.errors import InvalidInputError

SERVICE_ID = "AppManagerAppliance"
DISPLAY_NAME = "AppManager appliance"
DESCRIPTION = ("Loads the ERP's exchange folder, serves the agents' iPads and hands their orders to the ERP. "
               "Status: http://127.0.0.1:8470/health")
BUILT_IN = {"nt authority\\localservice", "nt authority\\networkservice"}
STOP_MARGIN_SECONDS = 30  # beyond shutdown_grace_seconds, before WinSW kills the process
LOG_KEEP_FILES = 8
LOG_SIZE_KB = 10240


@dataclass(frozen=True)
class ServiceAccount:
    """`DOMAIN\\user` (`.\\user` for a local account); no password for built-in and managed accounts."""

    domain: str
    user: str

    @classmethod
    def parse(cls, text: str | None) -> "ServiceAccount | None":
        """The account named on the command line; None for LocalSystem."""
        name = (text or "").strip()
        if not name or name.lower() in ("localsystem", ".\\localsystem"):
            return None
        if "@" in name:
            raise InvalidInputError(f"Service account '{name}': give it as DOMAIN\\user (or .\\user for a local "
                                    f"account), not as user@domain.")
        domain, _, user = name.rpartition("\\")
        if not user:
            raise InvalidInputError(f"Service account '{name}' has no user name after the backslash.")
        return cls(domain or ".", user)

    @property
    def name(self) -> str:
        return f"{self.domain}\\{self.user}"

    @property
    def built_in(self) -> bool:
        return self.name.lower() in BUILT_IN

    @property
    def needs_password(self) -> bool:
        """Built-in accounts and group managed service accounts (name ending in $) have none."""
        return not self.built_in and not self.user.endswith("$")


@dataclass(frozen=True)
class ServiceDefinition:
    """The service: the executable it runs with `serve`, the data dir, the account, the stop timeout."""

    executable: Path
    data_dir: Path
    account: ServiceAccount | None  # None: LocalSystem
    stop_timeout_seconds: int
    id: str = SERVICE_ID

    @classmethod
    def for_settings(cls, settings, executable: Path, account: ServiceAccount | None) -> "ServiceDefinition":
        """The definition for these settings: stopping waits for the import in progress, then some."""
        return cls(Path(executable), settings.data_dir, account,
                   int(settings.shutdown_grace_seconds) + STOP_MARGIN_SECONDS)

    @property
    def arguments(self) -> list[str]:
        return ["serve", "--data-dir", str(self.data_dir)]

    @property
    def runs_as(self) -> str:
        return self.account.name if self.account else "LocalSystem"


def winsw_xml(definition: ServiceDefinition, password: str | None = None) -> str:
    """The WinSW (v2) configuration of the service; the password only when one is given (install time)."""
    root = ElementTree.Element("service")

    def add(tag: str, text: str | None = None, parent=root, **attributes) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, tag, attributes)
        element.text = text
        return element

    add("id", definition.id)
    add("name", DISPLAY_NAME)
    add("description", DESCRIPTION)
    add("executable", str(definition.executable))
    for argument in definition.arguments:
        add("argument", argument)
    add("workingdirectory", str(definition.data_dir))
    add("startmode", "Automatic")
    add("delayedAutoStart")  # after the network and Dropbox are up
    add("stoptimeout", f"{definition.stop_timeout_seconds} sec")  # Ctrl+C first, then this long
    add("onfailure", action="restart", delay="10 sec")
    add("onfailure", action="restart", delay="60 sec")
    add("resetfailure", "1 hour")
    add("logpath", str(definition.data_dir / "logs"))  # the wrapper's own log and the program's console output
    log = add("log", mode="roll-by-size")
    add("sizeThreshold", str(LOG_SIZE_KB), parent=log)
    add("keepFiles", str(LOG_KEEP_FILES), parent=log)
    if definition.account is not None:
        account = add("serviceaccount")
        add("domain", definition.account.domain, parent=account)
        add("user", definition.account.user, parent=account)
        if password is not None:
            add("password", password, parent=account)
        if not definition.account.built_in:
            add("allowservicelogon", "true", parent=account)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode") + "\n"
