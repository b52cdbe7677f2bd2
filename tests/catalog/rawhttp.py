"""A bare HTTP/1.1 client on a socket: sends the path exactly as written, reads to the end of the connection.

`requests` normalises paths (it drops `../` segments) and stops reading at Content-Length;
the path-safety tests need the raw path on the wire, and the range tests need every byte
the server sent.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass


@dataclass
class RawReply:
    status: int
    headers: dict[str, str]
    body: bytes


def raw_get(base_url: str, path: str, headers: dict[str, str] | None = None) -> RawReply:
    """GET `path` (bytes on the wire as given) with `Connection: close`; everything read until the server closes."""
    host, port = base_url.removeprefix("http://").split(":")
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    parsed = dict(line.split(": ", 1) for line in header_lines)
    return RawReply(int(status_line.split()[1]), {k.lower(): v for k, v in parsed.items()}, body)
