"""The running tray: polls /health, keeps the pystray icon, its tooltip and its menu current.

pystray is imported only here, when the icon is built: importing it picks a backend and,
on Linux, needs a display. Menu clicks run their action on a short-lived thread, so a
slow answer (pausing waits for the import in progress) never freezes the menu; the
outcome is shown as a notification where the backend has them (Windows), and logged.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable

from tray.actions import TrayActions
from tray.client import ServiceClient, TrayError
from tray.icon_image import icon_image
from tray.menu import KEYS, SEPARATOR, Entry, menu_entries
from tray.status import TrayStatus, service_down, tray_status
from tray.texts import TrayWords

log = logging.getLogger("appliance.tray")

POLL_SECONDS = 5.0
NAME = "appliance-tray"
TITLE = "AppManager appliance"


class TrayApp:
    """The tray's state (the last status) and what follows from it: icon, tooltip, menu."""

    def __init__(self, client: ServiceClient, actions: TrayActions, *, poll_seconds: float = POLL_SECONDS,
                 language: str = "en"):
        self.client = client
        self.actions = actions
        self.poll_seconds = poll_seconds
        self.language = language
        self.status: TrayStatus = service_down("not asked yet", language)
        self._last_failure: str | None = None
        self.docking = DockingNotice()
        self.icon: Any = None  # the pystray icon once built
        self._stop = threading.Event()
        self._done: list[threading.Thread] = []

    # -- state -------------------------------------------------------------------------------

    def refresh(self) -> TrayStatus:
        """Ask /health and show the result; returns the new status."""
        try:
            status = tray_status(self.client.health(), self.language)
        except TrayError as error:
            status = service_down(str(error), self.language)
        changed = status != self.status
        self.status = status
        if changed:
            log.info("tray: %s (%s)", status.colour, status.line)
            self._show()
        return status

    def entry(self, key: str) -> Entry:
        """The menu entry for a key, for the current status."""
        return menu_entries(self.status, self.language)[key]

    def click(self, key: str) -> threading.Thread:
        """Run an entry's action on its own thread (Quit stops the tray); returns the thread."""
        worker = threading.Thread(target=self._perform, args=(key,), name=f"tray-{key}", daemon=True)
        self._done.append(worker)
        worker.start()
        return worker

    def perform(self, key: str) -> str:
        """Run an entry's action now; returns the message shown for it."""
        if key == "quit":
            self.stop()
            return TrayWords(self.language)("closed")
        try:
            message = self.actions.action(key)(self.status)
        except TrayError as error:
            message = str(error)
        if key in ("import_now", "toggle_watching"):
            self.refresh()
        return message

    def _perform(self, key: str) -> None:
        message = self.perform(key)
        log.info("tray %s: %s", key, message)
        self._notify(message)

    # -- the pystray icon ----------------------------------------------------------------------

    def build_icon(self):
        """The pystray icon with its menu (needs a pystray backend: a display, or PYSTRAY_BACKEND)."""
        import pystray

        def item(key: str):
            if key == SEPARATOR:
                return pystray.Menu.SEPARATOR
            return pystray.MenuItem(lambda _: self.entry(key).label, _clicked(self, key),
                                    enabled=lambda _: self.entry(key).enabled, default=self.entry(key).default)

        logging.getLogger("pystray._base").addFilter(self.docking)
        self.icon = pystray.Icon(NAME, icon_image(self.status.colour, paused=self.status.paused),
                                 title=self.status.line, menu=pystray.Menu(*(item(key) for key in KEYS)))
        return self.icon

    def run(self) -> None:
        """Show the icon and poll /health until Quit or `stop` (blocks; pystray needs the main thread)."""
        icon = self.build_icon()
        icon.run(setup=self._start_polling)

    @property
    def stopped(self) -> bool:
        """True once Quit or `stop` was asked."""
        return self._stop.is_set()

    def stop(self) -> None:
        """Stop polling and remove the icon, which ends `run` (also from a signal handler)."""
        self._stop.set()
        if self.icon is not None:
            self.icon.stop()

    def _start_polling(self, icon) -> None:
        """pystray's setup callback: show the icon, poll on a daemon thread (pystray's own thread is not one)."""
        icon.visible = True
        threading.Thread(target=self._poll, name="tray-poll", daemon=True).start()
        if self._stop.is_set():  # stopped before the loop ran: pystray ignored that stop
            icon.stop()

    def _poll(self) -> None:
        while not self._stop.is_set():
            try:
                self.refresh()
                self._dock_if_needed()
                self._last_failure = None
            except Exception as error:  # the tray must outlive a surprise in a backend; the next poll starts afresh
                self._report_failure(error)
            self._stop.wait(self.poll_seconds)

    def _dock_if_needed(self) -> None:
        """Ask to dock again while the icon has no tray to sit in (Linux: a desktop whose tray starts later).

        pystray's xorg backend docks only when the icon is shown or changed, and forgets its tray when the
        tray goes away; setting the same image again is such a change. Other backends have no such state.
        """
        if self.icon is None or getattr(self.icon, "_systray_manager", False) is not None:
            self.docking.told = False  # docked (or not the xorg backend): a later loss is told again
            return
        self.icon.icon = self.icon.icon

    def _report_failure(self, error: Exception) -> None:
        """Log a failure once with its traceback, not at every poll while it lasts (no tray host on Linux)."""
        text = f"{type(error).__name__}: {error}"
        if text != self._last_failure:
            log.warning("tray: showing the status failed (%s); retried every %g s", text, self.poll_seconds,
                        exc_info=self._last_failure is None)
        self._last_failure = text

    def _show(self) -> None:
        if self.icon is None:
            return
        self.icon.icon = icon_image(self.status.colour, paused=self.status.paused)
        self.icon.title = self.status.line
        if self.icon.visible and self.icon.HAS_MENU:  # a hidden icon's menu is built when it is shown
            self.icon.update_menu()

    def _notify(self, message: str) -> None:
        if self.icon is not None and self.icon.visible and self.icon.HAS_NOTIFICATION and not self._stop.is_set():
            self.icon.notify(message, TITLE)


class DockingNotice(logging.Filter):
    """pystray's xorg backend logs "Failed to dock icon" with a traceback at every update while the desktop
    has no system tray; keep the first of a run of them, as one line that says what happens next."""

    MESSAGE = "Failed to dock icon"

    def __init__(self):
        super().__init__()
        self.told = False

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage() != self.MESSAGE:
            return True
        if self.told:
            return False
        self.told = True
        record.msg, record.args = "no system tray on this desktop yet: the icon docks as soon as one appears", ()
        record.exc_info, record.exc_text, record.levelno, record.levelname = None, None, logging.WARNING, "WARNING"
        return True


def _clicked(app: TrayApp, key: str) -> Callable[[Any, Any], threading.Thread]:
    """The pystray callback of a menu item: pystray passes (icon, item); returns the action's thread."""

    def on_click(icon, item) -> threading.Thread:
        return app.click(key)

    return on_click
