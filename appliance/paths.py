"""Where the appliance keeps its files, resolved in one place for every OS.

The service and the command line must agree on the data directory without being
told (an administrator's `appliance users add` edits the database the service
uses), so the default is one fixed per-OS location, never the working directory:
a Windows service starts in System32 and a frozen executable unpacks elsewhere.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping


def default_data_dir(platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> Path:
    """The data directory used when none is configured."""
    if platform.startswith("win"):
        base = environ.get("PROGRAMDATA") or environ.get("ALLUSERSPROFILE") or r"C:\ProgramData"
        return Path(base) / "Appliance"
    if platform == "darwin":
        return Path("/Library/Application Support/Appliance")
    return Path(environ.get("APPLIANCE_LINUX_DATA_DIR", "/var/lib/appliance"))


@dataclass(frozen=True)
class Paths:
    """Every file and folder below the data directory."""

    data_dir: Path

    @property
    def config_file(self) -> Path:
        return self.data_dir / "appliance.toml"

    @property
    def database(self) -> Path:
        return self.data_dir / "appliance.db"

    @property
    def archive(self) -> Path:
        return self.data_dir / "archive"

    @property
    def rejected(self) -> Path:
        return self.data_dir / "rejected"

    @property
    def held(self) -> Path:
        return self.data_dir / "held"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs / "appliance.log"

    @property
    def cache(self) -> Path:
        return self.data_dir / "cache"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def journal(self) -> Path:
        """The document journal: every accepted upload, written before it is answered."""
        return self.data_dir / "journal"

    @property
    def service_lock(self) -> Path:
        """Held by the running service, so `appliance restore` can tell it is running."""
        return self.data_dir / "service.lock"

    @property
    def work(self) -> Path:
        """Scratch space for staging databases; emptied at start."""
        return self.data_dir / "work"

    @property
    def logo(self) -> Path:
        """The project's logo (a PNG), printed on the app's order confirmations."""
        return self.data_dir / "logo.png"

    @property
    def license_file(self) -> Path:
        return self.data_dir / "license.lic"

    @property
    def secrets(self) -> Path:
        """Per-install secrets (console session key, connector key, local tray token)."""
        return self.data_dir / "secrets"

    @property
    def tls(self) -> Path:
        """The local certificate authority and the server certificate (private keys 0600)."""
        return self.data_dir / "tls"

    @property
    def ca_cert(self) -> Path:
        """The local CA certificate the iPads install (also served as /ca.crt)."""
        return self.tls / "ca.crt"

    def folders(self) -> dict[str, Path]:
        """The folders the appliance creates, by name (what `appliance paths` prints)."""
        return {
            "data": self.data_dir,
            "archive": self.archive,
            "rejected": self.rejected,
            "held": self.held,
            "logs": self.logs,
            "cache": self.cache,
            "backups": self.backups,
            "journal": self.journal,
            "work": self.work,
            "secrets": self.secrets,
            "tls": self.tls,
        }

    def ensure(self) -> None:
        """Create the data directory and its folders (idempotent)."""
        for folder in self.folders().values():
            folder.mkdir(parents=True, exist_ok=True)
        for private in (self.secrets, self.tls):
            try:
                os.chmod(private, 0o700)
            except OSError:  # Windows ACLs are set by the installer
                pass
