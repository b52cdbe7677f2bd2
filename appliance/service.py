"""The running appliance: one process with the folder watcher, its workers and the HTTP server.

`Service` holds what the parts share: settings, the database, the watcher with one
worker per kind of work (ERP files; media), the start time, and the sections other
modules add to /health. `run_service` runs it in the foreground until SIGTERM or
Ctrl-C, then stops cleanly: no new batch starts, the import in progress gets
`shutdown_grace_seconds` to finish, and an import still running after that is
abandoned, which rolls its transaction back (its files stay in gestionale/ and are
imported again at the next start).
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from pathlib import Path
from typing import Any, Callable

from appliance.backups.errors import ServiceRunningError
from appliance.backups.journal import Journal
from appliance.backups.lock import ServiceLock
from appliance.backups.replay import replay
from appliance.backups.upgrade import guard_upgrade
from appliance.backups.work import BackupWork
from appliance.catalog.handlers import CatalogWork
from appliance.clock import moment
from appliance.connector.legacy_files import write_pending
from appliance.data_dir import DataDirMonitor
from appliance.folderwatch import Watcher, exchange_folders
from appliance.ingest.held import list_held
from appliance.ingest.rejections import waiting_count
from appliance.ingest.watched import ErpFiles
from appliance.logs import setup_logging
from appliance.orders.processing import Processor
from appliance.parameters import register_all
from appliance.routine import Routine
from appliance.settings import Settings
from appliance.store.db import Store, open_store
from appliance.tls.keeper import CertificateKeeper
from appliance.tls.status import tls_status
from appliance.web.app import create_app
from appliance.web.https import https_url
from appliance.web.server import HttpServer, HttpsServer

log = logging.getLogger("appliance.service")

HealthContributor = Callable[[], Any]


def _license_unknown() -> dict:
    return {"state": "unknown"}


class Service:
    """The appliance's parts for one run. Build it, `start()` it, `stop()` it."""

    def __init__(self, settings: Settings, store: Store, *, clock: Callable[[], float] = time.monotonic,
                 poll_seconds: float = 0.5, routine_seconds: float = 60.0):
        register_all()  # the order rules, prices, connector and catalog read their parameters
        self.settings = settings
        self.store = store
        self.paths = settings.paths
        self.started_at = moment()
        self._started = time.monotonic()
        self.erp = ErpFiles(store, settings, clock=clock)
        self.processor = Processor(store, settings)  # what intake does with each new document
        self._clock, self._poll_seconds = clock, poll_seconds
        self.catalog = CatalogWork(store, settings)
        self.watcher = self._new_watcher()
        self.catalog.index_at_start(self.watcher)
        self._sections: dict[str, HealthContributor] = {"license": _license_unknown}
        self.add_health("catalog", self.catalog.health)
        self.data_dir = DataDirMonitor(settings.paths.data_dir, store, self._data_dir_back)
        self.add_health("data_dir", self.data_dir.health)
        self.backups = BackupWork(settings, started_at=self.started_at)
        self.add_health("backups", self.backups.health)
        self.journal = Journal(self.paths.journal, max_bytes=settings.journal_max_bytes, keep_days=settings.journal_days)
        self.https_port: int | None = None  # set while the HTTPS listener runs
        self.http_port: int | None = None  # the HTTP listener's port once it listens
        self.running = False
        self.watching_paused = False
        self._watching_lock = threading.Lock()
        self.routine = Routine([("legacy order files", lambda: write_pending(store, settings)),
                                ("catalog parameters", self._follow_catalog_parameters),
                                ("backups", self.backups.run_if_due)], every=routine_seconds)

    def _data_dir_back(self) -> None:
        if self.running and not self.watching_paused:
            self.watcher.rescan_now()  # the batch that failed meanwhile is handed over again

    def _follow_catalog_parameters(self) -> bool:
        with self._watching_lock:
            if not self.running or self.watching_paused:
                return False
            return self.catalog.follow_parameters(self.watcher)

    def _new_watcher(self, previous: Watcher | None = None) -> Watcher:
        """A watcher of the exchange folder; with `previous`, its folders keep that one's handlers."""
        specs = exchange_folders(self.erp, self.catalog.handler("multimedia"), self.catalog.handler("reports"))
        for spec in specs if previous is not None else ():
            spec.handler = previous.handler(spec.name)
        return Watcher(self.settings.exchange, specs, settle_seconds=self.settings.settle_seconds,
                       rescan_seconds=self.settings.rescan_minutes * 60, clock=self._clock,
                       poll_seconds=self._poll_seconds)

    # -- /health ---------------------------------------------------------------------------

    def add_health(self, name: str, contributor: HealthContributor) -> None:
        """Add a section to /health (or replace one: `license` starts as {"state": "unknown"})."""
        self._sections[name] = contributor

    def health_sections(self) -> dict[str, Any]:
        """Every added section; one that fails shows its error instead of breaking /health."""
        sections = {}
        for name, contributor in self._sections.items():
            try:
                sections[name] = contributor()
            except Exception as exc:  # a broken section must not hide the rest of the status
                log.exception("health section %s failed", name)
                sections[name] = {"error": str(exc) or type(exc).__name__}
        return sections

    def tls_health(self) -> dict:
        """The `tls` section of /health: certificate state, expiry, names, the HTTPS URL."""
        url = https_url(None, self.https_port) if self.https_port else None
        return tls_status(self.settings, https_url=url)

    def uptime_seconds(self) -> float:
        return time.monotonic() - self._started

    def waiting_files(self) -> dict[str, int]:
        """Rejected files still waiting (not replaced by a later file, not dismissed) and held snapshots:
        work for an operator."""
        return {"rejected": waiting_count(self.store, self.settings), "held": len(list_held(self.settings))}

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Purge old archive days, then start watching and working."""
        self.erp.purge()
        self.watcher.start()
        self.running = True
        self.routine.start()
        self.data_dir.start()
        log.info("watching %s (settle %gs, full rescan every %g min)", self.settings.exchange,
                 self.settings.settle_seconds, self.settings.rescan_minutes)

    def set_watching(self, watching: bool) -> bool:
        """Pause (False) or resume (True) watching the exchange folder; HTTP keeps serving.

        Pausing stops the watcher and waits up to `shutdown_grace_seconds` for the import in
        progress, which is never cut short; files that arrive meanwhile wait in the exchange
        folder. Resuming starts a fresh watcher (same folder handlers), whose first scan finds
        them. Returns False when that cannot be done now: the service is not running, or the
        import started before the pause is still running.
        """
        with self._watching_lock:
            if not self.running:
                return False
            if watching != self.watching_paused:
                return True
            if not watching:
                self.watcher.stop(self.settings.shutdown_grace_seconds)
            elif any(worker.busy for worker in self.watcher.workers.values()):
                return False
            else:
                self.watcher = self._new_watcher(previous=self.watcher)
                self.watcher.start()
            self.watching_paused = not watching
            log.info("watching %s", "resumed" if watching else "paused: files wait in the exchange folder")
            return True

    def stop(self, grace: float | None = None) -> bool:
        """Stop watching; give the batch in progress `grace` seconds (default: the setting).

        Returns True when nothing was left running.
        """
        grace = self.settings.shutdown_grace_seconds if grace is None else grace
        if not self.running:
            return True
        self.running = False
        self.routine.stop()
        self.data_dir.stop()
        finished = self.watcher.stop(grace)
        self.journal.close()
        if not finished:
            log.warning("the import in progress did not finish within %gs: it is abandoned and rolled back; "
                        "its files stay in gestionale/ and are imported again at the next start", grace)
        return finished


def run_service(settings: Settings, *, store: Store | None = None,
                on_ready: Callable[[Service, str], None] | None = None,
                stop_event: threading.Event | None = None) -> int:
    """Run the service in the foreground until SIGTERM, Ctrl-C or `stop_event`; returns the exit code.

    `on_ready(service, url)` is called once the HTTP server listens and the watcher runs. The
    service lock is held throughout, so `appliance restore` knows it must wait.
    """
    setup_logging(settings)
    lock = ServiceLock(settings.paths.service_lock)
    if not lock.acquire():
        raise ServiceRunningError(f"Another appliance service is already running on {settings.data_dir}; stop it "
                                  f"first (`appliance service stop` on Windows).")
    try:
        return _run_locked(settings, store, on_ready, stop_event)
    finally:
        lock.release()


def _run_locked(settings: Settings, store: Store | None, on_ready, stop_event) -> int:
    if store is None:
        guard_upgrade(settings)
        store = open_store(settings)
    replay(store, settings, settings.paths.journal)  # uploads journaled but not committed when the process died
    service = Service(settings, store)
    app = create_app(service)
    server = HttpServer(app, settings.host, settings.port)
    service.http_port = server.port
    secure = https_listener(service, app, settings.https_port) if settings.https_port else None
    stop = stop_event or threading.Event()
    restore = _stop_on_signals(stop)
    try:
        service.start()
        server.start()
        log.info("serving on %s (appliance data in %s)", server.url, settings.data_dir)
        if secure is not None:
            secure.start()
            log.info("serving HTTPS on %s for the iPads", secure.url)
        if on_ready is not None:
            on_ready(service, server.url)
        while not stop.wait(0.5):  # a timed wait lets Ctrl-C through on Windows
            pass
        log.info("stopping")
    finally:
        if secure is not None:
            secure.stop()
        server.stop()
        service.stop()
        store.close()
        restore()
    log.info("stopped")
    return 0


def https_listener(service: Service, app, port: int) -> HttpsServer:
    """The HTTPS listener on `port` (0: a free one), its certificate made or renewed first and then
    kept current by the service's routine. Call before `service.start()`."""
    keeper = CertificateKeeper(service.settings)
    listener = HttpsServer(app, service.settings.host, port, keeper.prepare())
    service.https_port = listener.port
    service.routine.tasks.append(("TLS certificate", lambda: keeper.follow(listener.reload)))
    return listener


def _stop_on_signals(stop: threading.Event) -> Callable[[], None]:
    """Make SIGTERM and Ctrl-C set `stop` (a second one stops at once); returns the undo."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    names = [n for n in ("SIGTERM", "SIGINT", "SIGBREAK") if hasattr(signal, n)]
    previous = {n: signal.getsignal(getattr(signal, n)) for n in names}

    def on_signal(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt  # asked twice: stop now, the transaction rolls back
        log.info("%s received: finishing the import in progress, then stopping (again to stop at once)",
                 signal.Signals(signum).name)
        stop.set()

    for name in names:
        signal.signal(getattr(signal, name), on_signal)

    def restore() -> None:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)

    return restore
