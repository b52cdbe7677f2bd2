"""Opening a URL or a folder for the person at the server, on whatever OS the tray runs on.

The tray's only OS-specific part besides pystray's own backends: on Windows a folder opens
in Explorer through `os.startfile`; elsewhere through `open` (macOS) or `xdg-open`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import webbrowser
from pathlib import Path
from typing import Protocol


class Desktop(Protocol):
    """What the tray asks of the desktop."""

    def open_url(self, url: str) -> None:
        """Show the URL in the default browser."""

    def open_folder(self, path: Path) -> None:
        """Show the folder in the file manager."""


class SystemDesktop:
    """The desktop of the machine the tray runs on."""

    def open_url(self, url: str) -> None:
        """Show the URL in the default browser."""
        webbrowser.open(url)

    def open_folder(self, path: Path) -> None:
        """Show the folder in Explorer (Windows) or the desktop's file manager."""
        if sys.platform == "win32":
            os.startfile(path)  # noqa: the Windows-only call
        else:
            subprocess.Popen(["open" if sys.platform == "darwin" else "xdg-open", str(path)])
