"""SIGTERM stops `appliance serve` cleanly, in a real subprocess, also in the middle of an import."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from appliance.store.db import open_store
from appliance.store.erp import table_state
from appliance.store.imports import list_imports
from tests.datfiles import CITTA_HEADER, citta_rows, write_dat
from tests.folderwatch.helpers import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
ROWS = 200_000  # several seconds of import: long enough to be interrupted


class Served:
    """`python -m appliance serve` in a subprocess, started from a folder that is not the checkout."""

    def __init__(self, settings, cwd: Path, **environ):
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("APPLIANCE_")}
        env.update(PYTHONPATH=str(ROOT), APPLIANCE_SETTLE_SECONDS="0", APPLIANCE_HTTPS_PORT="0", **environ)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "appliance", "serve", "--data-dir", str(settings.data_dir),
             "--exchange", str(settings.exchange), "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for(self.health, timeout=60, what="the first good /health")

    def health(self) -> dict | None:
        assert self.process.poll() is None, self.process.communicate()
        try:
            return requests.get(f"http://127.0.0.1:{self.port}/health", timeout=5).json()
        except requests.ConnectionError:
            return None

    def terminate(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGTERM)
        _, stderr = self.process.communicate(timeout=120)
        return self.process.returncode, stderr


@pytest.fixture
def big_export(settings, tmp_path):
    """A large io_citta.dat, written elsewhere and moved into gestionale/ in one step."""
    source = write_dat(tmp_path / "staging" / "io_citta.dat", CITTA_HEADER, citta_rows(ROWS))

    def drop() -> Path:
        target = settings.exchange / "gestionale" / "io_citta.dat"
        os.replace(source, target)
        return target

    return drop


def wait_importing(served: Served) -> None:
    wait_for(lambda: served.health()["workers"]["erp"]["busy"], timeout=60, what="the import to start")


def test_sigterm_when_idle_exits_cleanly(settings, tmp_path):
    served = Served(settings, tmp_path)
    code, stderr = served.terminate()
    assert code == 0, stderr
    assert "SIGTERM received" in stderr
    assert "stopped" in stderr


def test_sigterm_during_an_import_lets_it_finish(settings, tmp_path, big_export):
    served = Served(settings, tmp_path)
    path = big_export()
    wait_importing(served)
    code, stderr = served.terminate()
    assert code == 0, stderr
    store = open_store(settings)
    assert [r["result"] for r in list_imports(store)] == ["imported"]
    assert table_state(store, "io_citta")["live_rows"] == ROWS
    assert not path.exists()  # committed, then moved to the archive before the exit
    assert list(settings.paths.archive.glob("*/io_citta.dat"))


def test_sigterm_after_the_grace_time_rolls_the_import_back(settings, tmp_path, big_export):
    served = Served(settings, tmp_path, APPLIANCE_SHUTDOWN_GRACE_SECONDS="0")
    path = big_export()
    wait_importing(served)
    code, stderr = served.terminate()
    assert code == 0, stderr
    assert "rolled back" in stderr
    store = open_store(settings)
    assert list_imports(store) == []  # as before the import: nothing half-written
    assert (table_state(store, "io_citta") or {}).get("live_rows", 0) == 0
    assert path.exists()  # still in gestionale/: the next start imports it
    store.close()

    served = Served(settings, tmp_path)
    wait_for(lambda: (served.health()["last_import"] or {}).get("result") == "imported", timeout=120,
             what="the import at the next start")
    assert served.terminate()[0] == 0
    assert table_state(open_store(settings), "io_citta")["live_rows"] == ROWS
