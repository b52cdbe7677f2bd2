"""Recovery from a data folder that stops being writable, with the service running as an unprivileged user.

As root, permissions are not enforced, so the service runs in a forked process that drops to the
`nobody` account after building itself (its code is already loaded: the interpreter's own folder
may not be readable by that account). The data folder is made read-only and writable again
under it, as a permissions change or a backup tool would.
"""

from __future__ import annotations

import multiprocessing
import os
import pwd
import shutil
import signal
import stat
import tempfile
import time
from pathlib import Path

import pytest
import requests

from appliance.accounts import add_user
from appliance.licensing import install_license
from appliance.store.db import open_store
from tests.console.server import USER_PASSWORD, Vendor, console_settings
from tests.folderwatch.helpers import free_port, wait_for
from tests.service.conftest import make_exchange

UNPRIVILEGED = pwd.getpwnam("nobody")


def serve_as_nobody(settings, port: int, ready) -> None:
    """The child: build the service as root, drop to `nobody`, serve until SIGTERM."""
    from appliance.service import Service
    from appliance.web.app import call, create_app
    from appliance.web.server import HttpServer

    store = open_store(settings)
    service = Service(settings, store, poll_seconds=0.05)
    app = create_app(service)
    server = HttpServer(app, "127.0.0.1", port)
    call(app, "/health")  # loads what the first request would load, while the code is readable
    os.setgroups([])
    os.setgid(UNPRIVILEGED.pw_gid)
    os.setuid(UNPRIVILEGED.pw_uid)
    service.start()
    server.start()
    ready.put(server.port)
    stopping = multiprocessing.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    stopping.wait()
    server.stop()
    service.stop(grace=5)


def set_writable(folder: Path, writable: bool) -> None:
    """chmod -R u+w / a-w, as root does it for the test."""
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        os.chmod(path, mode | stat.S_IWUSR if writable else mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


@pytest.fixture
def unprivileged_service():
    if os.geteuid() != 0:
        pytest.fail("this test drops privileges: run the suite as root (as CI does)")
    base = Path(tempfile.mkdtemp(prefix="appliance-ro-"))
    os.chmod(base, 0o755)
    vendor = Vendor(base / "vendor")
    settings = console_settings(base / "data", vendor, settle_seconds=0.3, rescan_minutes=60.0)
    make_exchange(settings)
    store = open_store(settings)
    install_license(store, settings, vendor.license())
    add_user(store, settings, "mrossi", USER_PASSWORD, profile="orders", agent_code="A01")
    store.close()
    for path in [base, *base.rglob("*")]:
        os.chown(path, UNPRIVILEGED.pw_uid, UNPRIVILEGED.pw_gid)
    context = multiprocessing.get_context("fork")
    ready = context.Queue()
    child = context.Process(target=serve_as_nobody, args=(settings, free_port(), ready), daemon=True)
    child.start()
    port = ready.get(timeout=30)
    yield settings, f"http://127.0.0.1:{port}"
    set_writable(settings.paths.data_dir, True)
    child.terminate()
    child.join(15)
    if child.is_alive():
        child.kill()
        child.join(5)
    shutil.rmtree(base, ignore_errors=True)


def login(url: str, device: str) -> requests.Response:
    return requests.post(url + "/api/v1/login", json={"username": "mrossi", "password": USER_PASSWORD,
                                                      "device_id": device}, timeout=8)


def test_a_read_only_data_folder_is_reported_and_recovered_from(unprivileged_service):
    settings, url = unprivileged_service
    assert login(url, "IPAD-1").status_code == 200
    set_writable(settings.paths.data_dir, False)
    refused = [login(url, f"IPAD-{n % 2}") for n in range(12)]  # every request thread opens its connection
    assert {reply.status_code for reply in refused} == {503}
    assert "data folder is not writable" in refused[0].json()["detail"]
    health = wait_for(lambda: (body := requests.get(url + "/health", timeout=10).json())["data_dir"]["problem"]
                      and body, what="/health to report the folder")
    assert health["status"] == "degraded"
    assert any(p.startswith("the data folder is not writable: ") for p in health["problems"])

    (settings.exchange / "gestionale" / "io_zone.dat").write_bytes(b"CHIAVE|NOME\r\nN|Nord\r\nS|Sud\r\n")
    wait_for(lambda: requests.get(url + "/health", timeout=10).json()["workers"]["erp"]["failing"],
             timeout=30, what="the ERP batch to fail while the folder is read-only")

    set_writable(settings.paths.data_dir, True)
    wait_for(lambda: requests.get(url + "/health", timeout=10).json()["data_dir"]["writable"], timeout=15,
             what="/health to see the folder writable again")
    replies = [login(url, f"IPAD-{n % 2}") for n in range(40)]
    assert [reply.status_code for reply in replies] == [200] * 40
    started = time.monotonic()
    wait_for(lambda: (requests.get(url + "/health", timeout=10).json()["last_import"] or {}).get("result")
             == "imported", timeout=30, what="the waiting ERP batch imported")
    assert time.monotonic() - started < 20  # long before the next full rescan (an hour here)
    # The import log is written inside the batch; the worker marks the batch done when it returns.
    health = wait_for(lambda: (body := requests.get(url + "/health", timeout=10).json())["status"] == "ok"
                      and body, timeout=10, what="/health to be ok once the batch is done")
    assert health["problems"] == []
    assert health["workers"]["erp"]["failing"] is False
