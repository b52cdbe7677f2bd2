"""An X display for the tray's real icon: Xvfb, and a minimal system tray that records dock requests.

Bare Xvfb has no system tray, so pystray's xorg backend would have nowhere to dock. The
TrayHost owns the `_NET_SYSTEM_TRAY_S0` selection (the freedesktop system tray protocol)
and records the windows that ask to be docked: proof that a real icon window was made.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from typing import Iterator

import pytest

SYSTEM_TRAY_REQUEST_DOCK = 0


@contextmanager
def xvfb() -> Iterator[str]:
    """A private Xvfb server; yields its DISPLAY name (`:N`)."""
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is missing: install it with `apt-get install xvfb` (the tray's icon test needs it)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as ready:
            number = ready.readline().strip()  # written once the server accepts clients
        assert number, f"Xvfb did not start (exit code {server.poll()})"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


class TrayHost:
    """The system tray of a display: owns its selection, collects the ids of windows asking to dock."""

    def __init__(self, display_name: str):
        from Xlib import X, display

        self._X = X
        self.display = display.Display(display_name)
        screen = self.display.screen()
        self.window = screen.root.create_window(0, 0, 1, 1, 0, screen.root_depth)
        self.opcode = self.display.intern_atom("_NET_SYSTEM_TRAY_OPCODE")
        selection = self.display.intern_atom(f"_NET_SYSTEM_TRAY_S{self.display.get_default_screen()}")
        self.window.set_selection_owner(selection, X.CurrentTime)
        self.display.flush()
        self.docked: list[int] = []

    def dock_requests(self) -> list[int]:
        """Read the events that arrived; returns the ids of every window that asked to dock so far."""
        while self.display.pending_events():
            event = self.display.next_event()
            if event.type == self._X.ClientMessage and event.client_type == self.opcode:
                _, data = event.data
                if data[1] == SYSTEM_TRAY_REQUEST_DOCK:
                    self.docked.append(data[2])
        return self.docked

    def window_property(self, window_id: int, name: str):
        """A property of a window (None when it has none)."""
        window = self.display.create_resource_object("window", window_id)
        found = window.get_full_property(self.display.intern_atom(name), 0)
        return None if found is None else list(found.value)

    def close(self) -> None:
        self.display.close()
