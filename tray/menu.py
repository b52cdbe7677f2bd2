"""The tray menu as plain data: which entries, with which label, enabled or not.

The pystray menu (tray.app) is built once from KEYS; each item asks this model for its
label and state when the menu is shown, so the menu always matches the last /health.
"""

from __future__ import annotations

from dataclasses import dataclass

from tray.status import TrayStatus
from tray.texts import TrayWords

SEPARATOR = "-"

# Every entry in menu order; SEPARATOR draws a line.
KEYS = ("status", SEPARATOR, "open_console", "open_exchange", "open_logs", SEPARATOR, "import_now",
        "toggle_watching", SEPARATOR, "about", "quit")


@dataclass(frozen=True)
class Entry:
    """One menu entry: `key` names its action in tray.actions."""

    key: str
    label: str
    enabled: bool = True
    default: bool = False  # what a click on the icon does (Windows)


def menu_entries(status: TrayStatus, language: str = "en") -> dict[str, Entry]:
    """The entries for a status, by key (separators left out), in the language."""
    up, words = status.up, TrayWords(language)
    entries = [
        Entry("status", status.line, enabled=False),
        Entry("open_console", words("open_console"), enabled=up, default=True),
        Entry("open_exchange", words("open_exchange")),
        Entry("open_logs", words("open_logs")),
        Entry("import_now", words("import_now"), enabled=up and not status.paused),
        Entry("toggle_watching", words("resume" if status.paused else "pause"), enabled=up),
        Entry("about", words("about")),
        Entry("quit", words("quit")),
    ]
    return {entry.key: entry for entry in entries}
