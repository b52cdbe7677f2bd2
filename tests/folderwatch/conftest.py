"""Fixtures: a real exchange folder in a temp dir and a running watcher with recording handlers."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from appliance.folderwatch import Watcher, exchange_folders
from tests.folderwatch.helpers import FakeClock, wait_for, wait_ticks

SETTLE = 10.0


class Recorder:
    """A folder handler that records each batch (and what each file held when it was handed over)."""

    def __init__(self, gate: threading.Event | None = None):
        self.batches = []
        self.contents: list[dict[str, bytes]] = []
        self.gate = gate
        self.started = threading.Event()

    def handle(self, batch):
        self.started.set()
        if self.gate is not None:
            self.gate.wait(10)
        self.contents.append({p.name: p.read_bytes() for p in batch.paths})
        self.batches.append(batch)
        return []

    def health(self):
        return {"batches": len(self.batches)}


class Running:
    """A started watcher over a temp exchange folder, with the clock and the recorders."""

    def __init__(self, exchange: Path, **options):
        self.exchange = exchange
        self.clock = FakeClock()
        self.erp, self.multimedia, self.reports = Recorder(), Recorder(), Recorder()
        self.watcher = Watcher(exchange, exchange_folders(self.erp, self.multimedia, self.reports),
                               settle_seconds=SETTLE, rescan_seconds=3600, clock=self.clock, poll_seconds=0.02,
                               **options)

    @property
    def gestionale(self) -> Path:
        return self.exchange / "gestionale"

    def folder(self, name: str = "gestionale") -> dict:
        return self.watcher.state()["folders"][name]

    def wait_seen(self, path: Path, folder: str = "gestionale") -> None:
        """Wait until the watcher has seen the file as it is now on disk (its final size)."""
        name = path.relative_to(self.exchange / folder).as_posix()
        size = path.stat().st_size
        wait_for(lambda: self.folder(folder)["pending_files"].get(name, -1) == size,
                 what=f"the watcher to see {folder}/{name} with {size} bytes")

    def wait_ticks(self, count: int = 3) -> None:
        wait_ticks(self.watcher, count)

    def settle(self) -> None:
        self.clock.advance(SETTLE)


def make_exchange(root: Path) -> Path:
    exchange = root / "exchange"
    for name in ("gestionale", "multimedia", "reports"):
        (exchange / name).mkdir(parents=True)
    return exchange


@pytest.fixture
def running(tmp_path):
    run = Running(make_exchange(tmp_path))
    run.watcher.start()
    wait_for(lambda: run.folder()["state"] == "watching", what="watching gestionale/")
    yield run
    assert run.watcher.stop(grace=10)
