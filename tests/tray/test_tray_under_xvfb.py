"""The real tray icon (pystray's xorg backend) in a subprocess under Xvfb, against a real service.

On Linux the xorg backend has no menu; the menu is tested without a display in test_menu.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from tests.folderwatch.helpers import wait_for
from tests.tray.xdisplay import TrayHost, xvfb

START_TIMEOUT = 30


def test_the_icon_docks_shows_the_service_state_and_stops_on_sigterm(running, token, tmp_path):
    log = tmp_path / "tray.log"
    with xvfb() as display:
        host = TrayHost(display)
        env = {**os.environ, "DISPLAY": display}
        env.pop("PYSTRAY_BACKEND", None)
        with log.open("wb") as output:
            tray = subprocess.Popen([sys.executable, "-m", "tray", "--data-dir", str(running.settings.data_dir),
                                     "--port", str(running.server.port), "--poll-seconds", "0.2"],
                                    env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            docked = wait_for(host.dock_requests, timeout=START_TIMEOUT, what="the icon to ask for docking")
            assert host.window_property(docked[0], "_XEMBED_INFO") is not None  # an XEmbed icon window
            wait_for(lambda: "tray: amber" in log.read_text(), timeout=START_TIMEOUT, what="the first /health")
            running.service.set_watching(False)
            wait_for(lambda: "watching paused" in log.read_text(), timeout=START_TIMEOUT,
                     what="the tray to see the pause")
            tray.send_signal(signal.SIGTERM)
            assert tray.wait(timeout=START_TIMEOUT) == 0, log.read_text()
        finally:
            if tray.poll() is None:
                tray.kill()
                tray.wait()
            host.close()
    assert "Traceback" not in log.read_text().split("tray: amber", 1)[1]


def test_without_a_system_tray_it_says_so_once_and_docks_when_one_appears(running, token, tmp_path):
    log = tmp_path / "tray.log"
    with xvfb() as display:
        env = {**os.environ, "DISPLAY": display}
        env.pop("PYSTRAY_BACKEND", None)
        with log.open("wb") as output:
            tray = subprocess.Popen([sys.executable, "-m", "tray", "--data-dir", str(running.settings.data_dir),
                                     "--port", str(running.server.port), "--poll-seconds", "0.2", "--lang", "it"],
                                    env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_for(lambda: "tray: amber" in log.read_text(), timeout=START_TIMEOUT, what="the first /health")
            wait_for(lambda: "no system tray" in log.read_text(), timeout=START_TIMEOUT,
                     what="the notice that no tray is there")
            running.service.set_watching(False)  # a change the icon must show while undocked
            wait_for(lambda: "monitoraggio in pausa" in log.read_text(), timeout=START_TIMEOUT, what="the pause")
            host = TrayHost(display)
            wait_for(host.dock_requests, timeout=START_TIMEOUT, what="the icon to dock once a tray appears")
            text = log.read_text()
            assert "Traceback" not in text and text.count("no system tray") == 1, text
            tray.send_signal(signal.SIGTERM)
            assert tray.wait(timeout=START_TIMEOUT) == 0, log.read_text()
        finally:
            if tray.poll() is None:
                tray.kill()
