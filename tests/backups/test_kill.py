"""kill -9 of `appliance serve` between the journal write and the database commit: the order is stored
once at the next start (the journal is replayed for entries the database lacks)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import requests

from appliance.backups.journal import read_entries
from appliance.store.db import open_store
from appliance.ingest.pipeline import import_batch
from appliance.accounts import add_user
from appliance.licensing import install_license
from tests.backups.conftest import order, stored_count
from tests.device.conftest import PASSWORD, PROJECT
from tests.device.world import write_world
from tests.folderwatch.helpers import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
HOLDING = Path(__file__).with_name("serve_holding.py")


class Served:
    """A real `appliance serve` subprocess (optionally through serve_holding.py)."""

    def __init__(self, settings, signer, cwd: Path, marker: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("APPLIANCE_")}
        env.update(PYTHONPATH=str(ROOT), APPLIANCE_DEV_TRUSTED_KEY=str(signer.public_key),
                   APPLIANCE_PASSWORD_HASH_COST="4", APPLIANCE_PROJECT=PROJECT, APPLIANCE_HTTPS_PORT="0")
        start = [sys.executable, str(HOLDING), str(marker)] if marker else [sys.executable, "-m", "appliance"]
        self.log = open(cwd / f"serve-{self.port}.log", "wb")
        self.process = subprocess.Popen(
            [*start, "serve", "--data-dir", str(settings.data_dir), "--exchange", str(settings.exchange),
             "--host", "127.0.0.1", "--port", str(self.port)], cwd=cwd, env=env, stdout=self.log, stderr=self.log)
        wait_for(self.up, timeout=60, what="the first /health")

    def up(self) -> bool:
        assert self.process.poll() is None, "serve exited"
        try:
            return requests.get(self.url + "/health", timeout=5).status_code == 200
        except requests.ConnectionError:
            return False

    def token(self) -> str:
        reply = requests.post(self.url + "/api/v1/login", json={"username": "mrossi", "password": PASSWORD,
                                                                "device_id": "ipad-1"}, timeout=30)
        assert reply.status_code == 200, reply.text
        return reply.json()["token"]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(60)
        self.log.close()


def prepare(settings, signer, tmp_path) -> None:
    store = open_store(settings)
    install_license(store, settings, signer().encode())
    add_user(store, settings, "mrossi", PASSWORD, agent_code="A1")
    import_batch(store, settings, sorted(write_world(tmp_path / "export").glob("io_*.dat")))
    store.close()


def test_kill_9_between_journal_and_commit_then_restart_stores_the_order_once(device_settings, signer, tmp_path):
    settings = device_settings
    prepare(settings, signer, tmp_path)
    marker = tmp_path / "holding"
    held = Served(settings, signer, tmp_path, marker=marker)
    document = order("killed-order-0001")
    answers = []

    def send() -> None:
        try:
            answers.append(requests.post(held.url + "/api/v1/documents/orders", json=document, timeout=60,
                                         headers={"Authorization": "Bearer " + token}).status_code)
        except requests.ConnectionError as exc:
            answers.append(type(exc).__name__)

    token = held.token()
    sender = threading.Thread(target=send)
    sender.start()
    wait_for(marker.exists, timeout=60, what="the upload to reach the commit")
    os.kill(held.process.pid, signal.SIGKILL)
    held.process.wait(30)
    held.log.close()
    sender.join(60)

    assert answers == ["ConnectionError"]  # the device never saw an answer
    assert [e["guids"] for e in read_entries(settings.paths.journal)] == [["killed-order-0001"]]
    store = open_store(settings)
    assert stored_count(store, "killed-order-0001") == 0  # the transaction died with the process
    store.close()

    again = Served(settings, signer, tmp_path)
    try:
        headers = {"Authorization": "Bearer " + again.token()}
        found = requests.get(again.url + "/api/v1/documents/orders/killed-order-0001", headers=headers, timeout=30)
        assert found.status_code == 200, found.text
        retry = requests.post(again.url + "/api/v1/documents/orders", json=document, headers=headers, timeout=30)
        assert retry.status_code == 200 and retry.json()["id"] == found.json()["id"]  # the device's retry: no copy
    finally:
        again.stop()
    store = open_store(settings)
    assert stored_count(store, "killed-order-0001") == 1
    store.close()
