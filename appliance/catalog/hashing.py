"""Content hashes of catalog files: SHA-256, read in chunks so memory stays flat."""

from __future__ import annotations

import hashlib
from pathlib import Path

CHUNK = 1 << 20


def file_hash(path: Path) -> str:
    """The SHA-256 of a file's content, in hex. Raises OSError if it cannot be read."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def bytes_hash(data: bytes) -> str:
    """The SHA-256 of bytes in memory, in hex."""
    return hashlib.sha256(data).hexdigest()
