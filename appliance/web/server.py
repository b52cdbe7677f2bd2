"""The listeners: waitress for HTTP and cheroot for HTTPS, each in a background thread, stopped cleanly.

waitress' own defaults stop accepting at 100 open connections and keep an idle one for
120 s: 100 idle sockets (a crowd of iPads on a flaky Wi-Fi, or a hostile client) would
stall every API for two minutes. CONNECTIONS fits 200 iPads plus connectors and the
console with room to spare (below the 1,024 descriptors waitress' select loop can
watch), and idle or stalled clients are dropped after 30 s.
"""

from __future__ import annotations

import logging
import socket
import ssl
import threading

from cheroot import wsgi
from cheroot.server import HTTPConnection
from cheroot.ssl import Adapter
from cheroot.ssl.builtin import BuiltinSSLAdapter
from waitress import create_server
from waitress.wasyncore import close_all

log = logging.getLogger("appliance.web")


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


class HttpsServer:
    """The HTTPS listener: cheroot (a WSGI server with TLS through Python's ssl) serving the same app.

    waitress has no TLS, so HTTPS gets its own listener next to it. The client's own
    address reaches the app as REMOTE_ADDR, as on HTTP. `reload(context)` puts a renewed
    certificate in force for new connections without a restart.
    """

    def __init__(self, app, host: str, port: int, context: ssl.SSLContext, *, threads: int = 8,
                 timeout: float = 10.0):
        self._server = wsgi.Server((host, port), app, numthreads=threads, server_name="appliance",
                                   timeout=timeout)
        self._server.ssl_adapter = _ContextAdapter(context)
        self._server.ConnectionClass = _TlsConnection
        self._server.error_log = _log_cheroot
        self._server.prepare()  # binds now, so `port` is known and a busy port fails at once
        self.host, self.port = self._server.bind_addr[:2]
        self._thread = threading.Thread(target=self._server.serve, name="appliance-https", daemon=True)
        self._stopped = False

    @property
    def url(self) -> str:
        return f"https://{self.host}:{self.port}"

    def reload(self, context: ssl.SSLContext) -> None:
        """Serve new connections with `context` (a renewed or imported certificate)."""
        self._server.ssl_adapter.context = context

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Close the listening socket and the connections, end the worker threads (idempotent)."""
        if self._stopped:
            return
        self._stopped = True
        self._server.stop()
        if self._thread.is_alive():
            self._thread.join(timeout)


def _log_cheroot(msg: str = "", level: int = logging.INFO, traceback: bool = False) -> None:
    """cheroot's messages go to the log, not stderr; a client dropping a handshake is routine (DEBUG)."""
    log.log(logging.DEBUG if level <= logging.INFO else level, "https: %s", msg, exc_info=traceback)


class _ContextAdapter(BuiltinSSLAdapter):
    """cheroot's adapter for Python's ssl, given a ready context (its own __init__ wants file names).

    cheroot wraps each new connection on its one accept thread, which also hands every kept-alive
    connection to the workers: a handshake done there makes all other clients wait for it, for up to
    the listener's timeout when a client connects and stays silent (measured: 50 iPads' first pages
    waited in line behind each other's handshakes). So `wrap` only wraps, and the handshake happens
    in the worker thread that serves the connection (`_TlsConnection`).
    """

    def __init__(self, context: ssl.SSLContext):
        Adapter.__init__(self, None, None)
        self._server_env = {}
        self.context = context

    def wrap(self, sock):
        """The connection wrapped for TLS, its handshake still to come; the environ entries for HTTPS."""
        wrapped = self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return wrapped, {"wsgi.url_scheme": "https", "HTTPS": "on"}


PLAIN_HTTP_REPLY = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n"
                    "Content-Length: {length}\r\n\r\n{text}")
PLAIN_HTTP_TEXT = "This port speaks HTTPS only: use https:// in the address."


class _TlsConnection(HTTPConnection):
    """A cheroot connection that completes its TLS handshake in the worker thread, before its first request."""

    handshake_done = False

    def communicate(self):
        """Serve one request (cheroot's own), after the handshake on the connection's first turn."""
        if not self.handshake_done:
            self.handshake_done = self._handshake()
            if not self.handshake_done:
                return False
        return super().communicate()

    def _handshake(self) -> bool:
        try:
            self.socket.do_handshake()
            return True
        except ssl.SSLError as refused:
            if "http request" in str(refused).lower():
                self._answer_plain_http()
            log.debug("https: handshake with %s refused: %s", self.remote_addr, refused)
        except OSError as dropped:  # a timeout or a client gone during the handshake is routine
            log.debug("https: handshake with %s dropped: %s", self.remote_addr, dropped)
        return False

    def _answer_plain_http(self) -> None:
        """Tell a browser or client that sent plain HTTP to the HTTPS port what to do, in plain HTTP."""
        reply = PLAIN_HTTP_REPLY.format(length=len(PLAIN_HTTP_TEXT), text=PLAIN_HTTP_TEXT).encode("ascii")
        try:
            # The TLS layer never started: the reply goes on the TCP socket beneath it.
            socket.socket.sendall(self.socket, reply)
        except OSError:
            pass
