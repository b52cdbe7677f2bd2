"""waitress serving the app in a background thread, stopped cleanly from any thread.

waitress' own defaults stop accepting at 100 open connections and keep an idle one for
120 s: 100 idle sockets (a crowd of iPads on a flaky Wi-Fi, or a hostile client) would
stall every API for two minutes. CONNECTIONS fits 200 iPads plus connectors and the
console with room to spare (below the 1,024 descriptors waitress' select loop can
watch), and idle or stalled clients are dropped after CHANNEL_TIMEOUT seconds.
"""

from __future__ import annotations

import threading

from waitress import create_server
from waitress.wasyncore import close_all


CONNECTIONS = {"connection_limit": 600, "channel_timeout": 30, "cleanup_interval": 5}


class HttpServer:
    """One waitress server. Port 0 picks a free port; `url` tells which one."""

    def __init__(self, app, host: str, port: int, *, threads: int = 8):
        self._map: dict = {}
        self._server = create_server(app, host=host, port=port, threads=threads, map=self._map,
                                     ident="appliance", **CONNECTIONS)
        self.host = self._server.effective_host
        self.port = self._server.effective_port
        self._thread = threading.Thread(target=self._server.run, name="appliance-http", daemon=True)
        self._stopped = False

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Close the listening socket and every connection, then end the request threads (idempotent)."""
        if self._stopped:
            return
        self._stopped = True
        if self._thread.is_alive():
            # close_all must run on the server's own loop thread: the trigger hands it over.
            try:
                self._server.trigger.pull_trigger(lambda: close_all(self._map))
            except OSError:
                # The trigger is already closed: the loop is ending on its own (its map emptied).
                pass
            self._thread.join(timeout)
        if self._map:
            close_all(self._map)
        self._server.task_dispatcher.shutdown(timeout=timeout)
