"""waitress serving the app in a background thread, stopped cleanly from any thread."""

from __future__ import annotations

import threading

from waitress import create_server
from waitress.wasyncore import close_all


class HttpServer:
    """One waitress server. Port 0 picks a free port; `url` tells which one."""

    def __init__(self, app, host: str, port: int, *, threads: int = 8):
        self._map: dict = {}
        self._server = create_server(app, host=host, port=port, threads=threads, map=self._map,
                                     ident="appliance")
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
