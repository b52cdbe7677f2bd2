"""What each menu entry does. Every action returns the message to show, or raises TrayError.

Opening things goes through a Desktop (the browser and file manager of this machine);
everything that touches the service goes through the ServiceClient (HTTP on 127.0.0.1).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from appliance import __version__
from tray.client import ServiceClient, TrayError
from tray.desktop import Desktop
from tray.status import TrayStatus


@dataclass
class Places:
    """Where things are for this installation (from the appliance's settings)."""

    console_url: str
    exchange: Path
    logs: Path
    data_dir: Path


class TrayActions:
    """The actions of the menu entries, by key."""

    def __init__(self, client: ServiceClient, desktop: Desktop, places: Places):
        self.client = client
        self.desktop = desktop
        self.places = places

    def action(self, key: str) -> Callable[[TrayStatus], str]:
        """The action of a menu key (`quit` is the app's own)."""
        return getattr(self, key)

    def open_console(self, status: TrayStatus) -> str:
        self.desktop.open_url(self.places.console_url)
        return f"Opening the console at {self.places.console_url}"

    def open_exchange(self, status: TrayStatus) -> str:
        return self._open_folder(Path(status.exchange) if status.exchange else self.places.exchange, "exchange")

    def open_logs(self, status: TrayStatus) -> str:
        return self._open_folder(self.places.logs, "logs")

    def import_now(self, status: TrayStatus) -> str:
        self.client.import_now()
        return "Import requested: the exchange folder is scanned now; complete files are imported."

    def toggle_watching(self, status: TrayStatus) -> str:
        if status.paused:
            self.client.resume_watching()
            return "Watching resumed: files that arrived meanwhile are imported."
        self.client.pause_watching()
        return "Watching paused: new files wait in the exchange folder until you resume."

    def about(self, status: TrayStatus) -> str:
        service = f"service {status.version}" if status.up else "service not answering"
        return (f"AppManager appliance {__version__} ({service})\n"
                f"License: {status.license}\n"
                f"Data: {self.places.data_dir}")

    def _open_folder(self, folder: Path, what: str) -> str:
        if not folder.is_dir():
            raise TrayError(f"The {what} folder {folder} is missing.")
        self.desktop.open_folder(folder)
        return f"Opening {folder}"
