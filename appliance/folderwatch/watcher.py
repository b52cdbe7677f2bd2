"""The watcher thread: turns file events and scans into settled batches for the workers.

watchdog's callbacks only put paths on a queue (heavy work in a callback loses events).
One thread drains that queue, checks that the exchange folder and its subfolders are
there, rescans everything at start and every `rescan_seconds` (the OS misses events, on
network drives above all), asks each folder's settle tracker for a batch and hands it to
the worker of the folder's kind. A folder that disappears is no longer watched, its state
says so and nothing is deleted; when it is back, it is watched and rescanned again.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from appliance.clock import utc_now_text
from appliance.folderwatch import names
from appliance.folderwatch.batch import Batch, FolderHandler
from appliance.folderwatch.folders import FolderSpec, folder_identity, relative_parts, scan
from appliance.folderwatch.settle import Clock, SettleTracker, can_open
from appliance.folderwatch.worker import Worker

log = logging.getLogger("appliance.watch")

# Folder states shown by /health.
WATCHING = "watching"  # OS events plus periodic rescans
POLLING = "polling"  # the OS refused a watch: rescans every few seconds instead
MISSING = "missing"  # the folder is not there: nothing is done until it is back
STOPPED = "stopped"  # the watcher is not running
UNEXPECTED_SHOWN = 20
PENDING_SHOWN = 20


class _Enqueue(FileSystemEventHandler):
    """watchdog callback: put the paths an event names on the queue, nothing else."""

    def __init__(self, folder: str, events: queue.Queue, root: Path):
        self.folder = folder
        self.events = events
        self.root = os.fsdecode(root)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.event_type in ("deleted", "moved") and os.fsdecode(event.src_path) == self.root:
            # The watched folder itself went away: its watch is dead even if a new folder gets the same
            # inode at once (emptied and re-created), so the watcher must watch it anew.
            self.events.put(("gone", self.folder, self.root))
            return
        if event.is_directory:
            # A folder created or moved in is scanned whole; any other folder event (a file inside
            # changed) is left to that file's own event, or a copy of 500 files would scan 500 times.
            if event.event_type in ("created", "moved"):
                self.events.put(("folder", self.folder, getattr(event, "dest_path", "") or event.src_path))
            return
        self.events.put(("path", self.folder, event.src_path))
        if getattr(event, "dest_path", ""):
            self.events.put(("path", self.folder, event.dest_path))


@dataclass
class _Folder:
    spec: FolderSpec
    path: Path
    tracker: SettleTracker
    state: str = STOPPED
    watch: ObservedWatch | None = None
    identity: tuple[int, int] | None = None
    next_poll_scan: float = 0.0
    reported: set[str] = field(default_factory=set)
    last_batch_at: str | None = None
    last_batch: str | None = None


class Watcher:
    """Watches the exchange folder's subfolders and feeds one worker per kind."""

    def __init__(self, exchange: Path, specs: Sequence[FolderSpec], *, settle_seconds: float,
                 rescan_seconds: float, clock: Clock = time.monotonic, poll_seconds: float = 0.5,
                 opener: Callable[[Path], bool] = can_open, observer_factory: Callable[[], Any] = Observer):
        self.exchange = Path(exchange)
        self.clock = clock
        self.settle_seconds = settle_seconds
        self.rescan_seconds = rescan_seconds
        self.poll_seconds = poll_seconds
        self._events: queue.Queue = queue.Queue()
        self._folders = {
            spec.name: _Folder(spec, self.exchange / spec.name,
                               SettleTracker(spec.name, settle_seconds, clock, keeps_files=spec.keeps_files,
                                             opener=opener))
            for spec in specs}
        self.workers = {kind: Worker(kind, self._batch_done) for kind in dict.fromkeys(s.kind for s in specs)}
        self._observer_factory = observer_factory
        self._observer = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._rescan_requested = threading.Event()
        self._next_rescan = 0.0
        self._exchange_present: bool | None = None  # None until the first look (in start)
        self._state_lock = threading.Lock()
        self._published: dict = {}
        self.ticks = 0
        self._publish()

    # -- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        """Start the workers and the OS observer, look at every folder once, start the watcher thread."""
        for worker in self.workers.values():
            worker.start()
        self._observer = self._observer_factory()
        self._observer.start()
        self._next_rescan = self.clock() + self.rescan_seconds  # the first check of each folder scans it
        self._check_folders()  # before the thread starts, so the state is true as soon as start returns
        self._publish()
        self._thread = threading.Thread(target=self._run, name="appliance-watcher", daemon=True)
        self._thread.start()

    def stop(self, grace: float) -> bool:
        """Stop watching, then give the running batches up to `grace` seconds to finish.

        Returns True when every worker finished; False when a batch was still running
        (its transaction never commits, so its files are simply imported again at the next start).
        """
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join()
        deadline = time.monotonic() + grace
        finished = all([worker.stop(max(0.0, deadline - time.monotonic())) for worker in self.workers.values()])
        for folder in self._folders.values():
            folder.state = STOPPED
        self._publish()
        return finished

    def rescan_now(self) -> None:
        """Ask for a full rescan at the next tick (the tray's "import now")."""
        self._rescan_requested.set()

    def set_handler(self, folder: str, handler: FolderHandler) -> None:
        """Give a folder its handler (the catalog replaces the media placeholders)."""
        self._folders[folder].spec.handler = handler

    def handler(self, folder: str) -> FolderHandler:
        return self._folders[folder].spec.handler

    # -- what /health shows --------------------------------------------------------------

    def state(self) -> dict:
        """Exchange folder presence, each folder's state and each worker's state."""
        with self._state_lock:
            published = self._published
        folders = {name: {**info, "work": self._folders[name].spec.handler.health()}
                   for name, info in published["folders"].items()}
        workers = {kind: worker.state() for kind, worker in self.workers.items()}
        return {**published, "folders": folders, "workers": workers}

    def _publish(self) -> None:
        present = self._exchange_present
        if present is None:  # not started (`serve --get`): look now, without watching
            present = folder_identity(self.exchange) is not None
        exchange_state = "present" if present else "missing"
        snapshot = {
            "exchange": {"path": str(self.exchange), "state": exchange_state},
            "folders": {name: {
                "path": str(folder.path),
                "state": folder.state,
                "kind": folder.spec.kind,
                "pending": folder.tracker.pending_count(),
                "pending_files": {path.relative_to(folder.path).as_posix(): size
                                  for path, size in folder.tracker.pending(PENDING_SHOWN).items()},
                "in_progress": folder.tracker.in_flight(),
                "unexpected": sorted(folder.reported)[:UNEXPECTED_SHOWN],
                "last_batch": folder.last_batch,
                "last_batch_at": folder.last_batch_at,
            } for name, folder in self._folders.items()},
        }
        with self._state_lock:
            self._published = snapshot

    # -- the thread ----------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._tick()
            except Exception:  # the watcher must outlive a surprise; the next tick starts afresh
                log.exception("watcher: unexpected error; continuing")
                self._stop.wait(self.poll_seconds)
        for folder in self._folders.values():
            self._unwatch(folder)

    def _tick(self) -> None:
        self._drain_events()
        self._check_folders()
        now = self.clock()
        if now >= self._next_rescan or self._rescan_requested.is_set():
            self._rescan_requested.clear()
            self._next_rescan = now + self.rescan_seconds
            for folder in self._folders.values():
                if folder.state in (WATCHING, POLLING):
                    self._scan(folder)
        for folder in self._folders.values():
            if folder.state == POLLING and now >= folder.next_poll_scan:
                self._scan(folder)
            if folder.state in (WATCHING, POLLING):
                self._hand_on(folder)
        self.ticks += 1
        self._publish()

    def _drain_events(self) -> None:
        try:
            item = self._events.get(timeout=self.poll_seconds)
        except queue.Empty:
            return
        while True:
            self._handle_event(item)
            try:
                item = self._events.get_nowait()
            except queue.Empty:
                return

    def _handle_event(self, item: tuple) -> None:
        kind, name, payload, *rest = item
        folder = self._folders[name]
        if kind == "done":
            retry, failed = rest
            folder.tracker.done(payload, retry, failed=failed)
        elif kind == "gone":
            folder.identity = None  # the next look at the folders watches and scans it again
        elif folder.state in (WATCHING, POLLING):
            self._consider(folder, Path(payload), whole_folder=kind == "folder")

    def _batch_done(self, batch: Batch, retry: Iterable[Path], failed: bool) -> None:
        """Called on a worker thread: hand the news to the watcher thread through the queue."""
        self._events.put(("done", batch.folder, batch, list(retry), failed))

    # -- single paths --------------------------------------------------------------------

    def _consider(self, folder: _Folder, path: Path, *, whole_folder: bool = False) -> None:
        """Route one path from an event to the folder's tracker, or report or skip it."""
        if path.is_dir():
            parts = relative_parts(folder.path, path)
            if whole_folder and folder.spec.recursive and parts and not any(names.is_ignored(p) for p in parts):
                for found in scan(path, recursive=True):
                    self._consider(folder, found)
            return
        verdict = self._verdict(folder, path)
        if verdict == "report":
            self._report_once(folder, path)
        elif verdict == "note":
            folder.tracker.note(path)

    @staticmethod
    def _verdict(folder: _Folder, path: Path) -> str:
        """`skip`, `report` (once, then leave alone) or `note` (track it) for a file of the folder."""
        parts = relative_parts(folder.path, path)
        if not parts or any(names.is_ignored(part) for part in parts):
            return "skip"
        if not folder.spec.recursive and len(parts) > 1:
            return "skip"
        verdict = folder.spec.classify(path.name)
        if verdict == "ignored":
            return "skip"
        if verdict == "unexpected" or (verdict == "conflict" and folder.spec.keeps_files):
            return "report"
        return "note"

    def _report_once(self, folder: _Folder, path: Path) -> None:
        relative = path.relative_to(folder.path).as_posix()
        if not path.exists():
            folder.reported.discard(relative)  # gone: reported again should it come back
            return
        if relative in folder.reported:
            return
        folder.reported.add(relative)
        original = names.conflict_original(path.name)
        if original is None:
            log.warning("%s/%s is not an io_*.dat file: left alone", folder.spec.name, relative)
        else:
            log.warning("%s/%s is a Dropbox conflicted copy of %s: left alone, not used", folder.spec.name,
                        relative, original)

    # -- whole folders -------------------------------------------------------------------

    def _check_folders(self) -> None:
        present = folder_identity(self.exchange) is not None
        if present != self._exchange_present:
            if present:
                log.info("exchange folder %s is present", self.exchange)
            else:
                log.warning("exchange folder %s is missing: nothing is imported until it is back; "
                            "all data is kept", self.exchange)
            self._exchange_present = present
        for folder in self._folders.values():
            identity = folder_identity(folder.path) if present else None
            if identity is None:
                if folder.state != MISSING:
                    self._lose(folder, quiet=not present)
            elif folder.state == MISSING or folder.state == STOPPED or identity != folder.identity:
                self._watch(folder, identity)

    def _watch(self, folder: _Folder, identity: tuple[int, int]) -> None:
        resumed = folder.state == MISSING and folder.identity is not None
        self._unwatch(folder)
        folder.identity = identity
        try:
            folder.watch = self._observer.schedule(_Enqueue(folder.spec.name, self._events, folder.path), str(folder.path),
                                                   recursive=folder.spec.recursive)
            folder.state = WATCHING
        except OSError as exc:
            folder.state = POLLING
            log.warning("cannot watch %s (%s): scanning it every few seconds instead", folder.path,
                        exc.strerror or exc)
        log.info("%s %s", "resumed watching" if resumed else "watching", folder.path)
        self._scan(folder)

    def _lose(self, folder: _Folder, quiet: bool) -> None:
        self._unwatch(folder)
        if not quiet:
            log.warning("%s is missing: stopped watching it; all data is kept and watching resumes when "
                        "it is back", folder.path)
        folder.tracker.forget()
        folder.state = MISSING

    def _unwatch(self, folder: _Folder) -> None:
        if folder.watch is None:
            return
        try:
            self._observer.unschedule(folder.watch)
        except KeyError:  # already gone: watchdog drops a watch whose folder was deleted
            pass
        folder.watch = None

    def _scan(self, folder: _Folder) -> None:
        """Full rescan: note every file; report names that are not expected here."""
        folder.next_poll_scan = self.clock() + max(2.0, self.settle_seconds)
        try:
            found = list(scan(folder.path, folder.spec.recursive))
        except OSError as exc:  # vanished mid-scan: the next folder check notices
            log.debug("scan of %s interrupted: %s", folder.path, exc)
            return
        wanted = []
        for path in found:
            verdict = self._verdict(folder, path)
            if verdict == "report":
                self._report_once(folder, path)
            elif verdict == "note":
                wanted.append(path)
        present_names = {p.relative_to(folder.path).as_posix() for p in found}
        folder.reported &= present_names  # reported again if it comes back later
        folder.tracker.rescan(wanted)

    def _hand_on(self, folder: _Folder) -> None:
        batch = folder.tracker.poll()
        if batch is None:
            return
        folder.last_batch = batch.describe()
        folder.last_batch_at = utc_now_text()
        log.info("ready: %s", batch.describe())
        self.workers[folder.spec.kind].submit(folder.spec.handler, batch)
