"""The tray menu and its actions against a real service on 127.0.0.1, without a display.

The desktop (browser, file manager) cannot exist here: a recording Desktop stands in for it.
The pystray menu itself is built with pystray's dummy backend.
"""

from __future__ import annotations

import shutil

import pytest

from appliance.secret_files import local_token_path
from tray.cli import build_app
from tray.menu import KEYS, SEPARATOR, menu_entries
from tray.status import AMBER, RED, service_down
from tests.datfiles import CITTA_HEADER, citta_rows, write_dat
from tests.folderwatch.helpers import free_port, wait_for


class RecordingDesktop:
    """Remembers what the tray asked to open."""

    def __init__(self):
        self.opened: list[tuple[str, str]] = []

    def open_url(self, url: str) -> None:
        self.opened.append(("url", url))

    def open_folder(self, path) -> None:
        self.opened.append(("folder", str(path)))


@pytest.fixture
def desktop():
    return RecordingDesktop()


@pytest.fixture
def tray(running, desktop, token):
    """The tray for the running service (its settings name the data dir and port)."""
    app = build_app(running.settings.replace(port=running.server.port), desktop=desktop)
    app.refresh()
    return app


def labels(app) -> list[str]:
    return [app.entry(key).label for key in KEYS if key != SEPARATOR]


def test_the_menu_of_a_running_service(tray, running):
    assert tray.status.up and tray.status.colour == AMBER  # no license: evaluation mode
    assert labels(tray)[1:] == ["Open console", "Open exchange folder", "Open logs folder", "Import now",
                                "Pause watching", "About", "Quit"]
    assert tray.entry("status").label == tray.status.line and not tray.entry("status").enabled
    assert all(tray.entry(key).enabled for key in KEYS if key not in (SEPARATOR, "status"))
    assert [key for key in KEYS if key != SEPARATOR and tray.entry(key).default] == ["open_console"]


def test_open_console_exchange_and_logs(tray, running, desktop):
    assert tray.perform("open_console") == f"Opening the console at {running.server.url}/admin/"
    tray.perform("open_exchange")
    tray.perform("open_logs")
    assert desktop.opened == [("url", f"{running.server.url}/admin/"),
                              ("folder", str(running.settings.exchange)),
                              ("folder", str(running.settings.paths.logs))]


def test_a_missing_exchange_folder_is_said_not_opened(tray, running, desktop):
    shutil.rmtree(running.settings.exchange)
    assert tray.perform("open_exchange") == f"The exchange folder {running.settings.exchange} is missing."
    assert desktop.opened == []


def test_pause_import_and_resume_through_the_menu(tray, running):
    running.drop("io_citta.dat", write_dat(running.settings.paths.work / "a.dat", CITTA_HEADER,
                                           citta_rows(2)).read_bytes())
    assert tray.perform("toggle_watching").startswith("Watching paused")
    assert tray.status.paused and running.service.watching_paused
    assert tray.entry("toggle_watching").label == "Resume watching"
    assert not tray.entry("import_now").enabled
    assert tray.perform("import_now") == "Watching is paused: resume it, and what arrived is imported."

    assert tray.perform("toggle_watching").startswith("Watching resumed")
    assert tray.entry("toggle_watching").label == "Pause watching"
    assert tray.perform("import_now").startswith("Import requested")
    wait_for(lambda: running.settle() or (running.health()["last_import"] or {}).get("file") == "io_citta.dat",
             timeout=30, what="the import")


def test_actions_without_a_readable_token_say_how_to_get_one(tray, running):
    local_token_path(running.settings.paths).unlink()
    message = tray.perform("import_now")
    assert message.startswith("There is no local token in ") and "start the service once" in message
    local_token_path(running.settings.paths).mkdir()  # root reads any file: a folder in its place cannot be read
    message = tray.perform("import_now")
    assert message.startswith(f"This account may not read the local token {local_token_path(running.settings.paths)}")
    assert "run the tray as an administrator" in message


def test_about_names_versions_license_and_data_dir(tray, running):
    from appliance import __version__

    about = tray.perform("about")
    assert about.splitlines() == [f"AppManager appliance {__version__} (service {__version__})",
                                  "License: evaluation", f"Data: {running.settings.data_dir}"]


def test_with_the_service_down_the_menu_turns_red_and_service_actions_are_off(make_settings, desktop, tmp_path):
    settings = make_settings(exchange=str(tmp_path / "exchange"), port=free_port())
    app = build_app(settings, desktop=desktop)
    status = app.refresh()
    assert (status.colour, status.up) == (RED, False)
    assert "service not answering" in status.line and "Connection refused" in status.line
    enabled = {key: app.entry(key).enabled for key in KEYS if key != SEPARATOR}
    assert enabled == {"status": False, "open_console": False, "open_exchange": True, "open_logs": True,
                       "import_now": False, "toggle_watching": False, "about": True, "quit": True}
    assert "service not answering" in app.perform("about")
    assert app.perform("import_now").startswith("There is no local token")  # never reaches the network


def test_quit_stops_the_tray(tray):
    assert tray.perform("quit") == "Tray closed; the service keeps running."
    assert tray.stopped


def test_menu_entries_follow_the_status_alone():
    entries = menu_entries(service_down("refused"))
    assert entries["status"].label == "AppManager: service not answering (refused)"
    assert not entries["open_console"].enabled


def test_the_pystray_menu_runs_the_model_actions(tray, running, desktop, monkeypatch):
    monkeypatch.setenv("PYSTRAY_BACKEND", "dummy")
    icon = tray.build_icon()
    import pystray._dummy

    assert type(icon) is pystray._dummy.Icon  # not a real backend: this test needs no display
    items = list(icon.menu.items)
    assert len(items) == len(KEYS)
    shown = [item.text for item in items if item.text != "- - - -"]
    assert shown == labels(tray)
    assert icon.title == tray.status.line
    assert icon.icon.size == (64, 64)
    console = items[KEYS.index("open_console")]
    assert console.default and console.enabled
    console(icon).join(timeout=10)
    assert desktop.opened[-1] == ("url", f"{running.server.url}/admin/")
    pause = items[KEYS.index("toggle_watching")]
    pause(icon).join(timeout=60)
    assert running.service.watching_paused
    assert tray.status.paused and pause.text == "Resume watching"
