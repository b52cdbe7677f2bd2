"""A first pass over a file: size, MD5 and the text encoding, decided before parsing.

No source states the encoding of the ERP's files, and the newline substitute `§` is not
ASCII. "auto" takes UTF-8 (with or without BOM) when the whole file is valid UTF-8 and
Windows-1252 otherwise; the decision needs the whole file, because a Windows-1252 byte may
first appear after a million valid lines. The same pass computes the MD5 used to skip a
file identical to the last one applied, so the file is read once before parsing.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

CHUNK = 1 << 20
UTF8_BOM = codecs.BOM_UTF8


@dataclass(frozen=True)
class FileFacts:
    """What the first pass learned about a file."""

    size: int
    mtime_ns: int
    md5: str
    encoding: str  # utf-8 | cp1252
    bom: bool


def inspect_file(path: Path, encoding_setting: str = "auto",
                 on_chunk: Callable[[int], None] | None = None) -> FileFacts:
    """Read the file once: MD5, size, and the encoding to parse it with.

    Raises OSError if the file cannot be read (vanished, locked).
    """
    digest = hashlib.md5(usedforsecurity=False)
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    utf8_ok = encoding_setting in ("auto", "utf-8")
    first = b""
    with open(path, "rb") as handle:
        stat = os.fstat(handle.fileno())
        while chunk := handle.read(CHUNK):
            if not first:
                first = chunk[:3]
            digest.update(chunk)
            if utf8_ok and encoding_setting == "auto":
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
            if on_chunk:
                on_chunk(len(chunk))
        if utf8_ok and encoding_setting == "auto":
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8_ok = False
    if encoding_setting == "auto":
        encoding = "utf-8" if utf8_ok else "cp1252"
    else:
        encoding = encoding_setting
    return FileFacts(size=stat.st_size, mtime_ns=stat.st_mtime_ns, md5=digest.hexdigest(),
                     encoding=encoding, bom=first.startswith(UTF8_BOM))
