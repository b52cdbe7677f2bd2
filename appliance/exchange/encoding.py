"""A first pass over a file: size, MD5 and the text encoding, decided before parsing.

No source states the encoding of the ERP's files, and the newline substitute `§` is not
ASCII. "auto" takes UTF-8 (with or without BOM) when the whole file is valid UTF-8 and
Windows-1252 otherwise; the decision needs the whole file, because a Windows-1252 byte may
first appear after a million valid lines. A file that is mostly UTF-8 (it has lines with
valid UTF-8 accented letters) but also lines with bytes that are not UTF-8 is neither:
reading it as Windows-1252 would turn every accented letter into garbage, silently. Its
facts say `mixed`, with the numbers of the lines holding the bad bytes, and the import
rejects it naming them (or, with `encoding_mixed = replace`, reads it as UTF-8 and
reports those lines). The same pass computes the MD5 used to skip a
file identical to the last one applied, so the file is read once before parsing.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

CHUNK = 1 << 20
SHOWN_LINES = 20
UTF8_BOM = codecs.BOM_UTF8


@dataclass(frozen=True)
class FileFacts:
    """What the first pass learned about a file."""

    size: int
    mtime_ns: int
    md5: str
    encoding: str  # utf-8 | cp1252
    bom: bool
    bad_lines: tuple[int, ...] = ()  # mixed files: the first lines whose bytes are not UTF-8
    bad_line_count: int = 0

    @property
    def mixed(self) -> bool:
        """Mostly UTF-8, with some lines that are not."""
        return self.bad_line_count > 0


def inspect_file(path: Path, encoding_setting: str = "auto",
                 on_chunk: Callable[[int], None] | None = None, *, md5: bool = True) -> FileFacts:
    """Read the file once: MD5, size, and the encoding to parse it with. Without `md5`, the facts
    hold no MD5 (""): `file_md5` takes it later.

    Raises OSError if the file cannot be read (vanished, locked).
    """
    digest = hashlib.md5(usedforsecurity=False) if md5 else None
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    utf8_ok = encoding_setting in ("auto", "utf-8")
    first = b""
    # The MD5 of a chunk is computed by another thread while this one checks it (hashlib lets go
    # of the interpreter lock for large buffers): the pass costs the longer of the two, not both.
    with open(path, "rb") as handle, ThreadPoolExecutor(max_workers=1) as hasher:
        stat = os.fstat(handle.fileno())
        hashing = None
        while chunk := handle.read(CHUNK):
            if not first:
                first = chunk[:3]
            if hashing:
                hashing.result()
            hashing = hasher.submit(digest.update, chunk) if digest else None
            if utf8_ok and encoding_setting == "auto" and not (chunk.isascii() and not decoder.getstate()[0]):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
            if on_chunk:
                on_chunk(len(chunk))
        if hashing:
            hashing.result()
        if utf8_ok and encoding_setting == "auto":
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8_ok = False
    bad: tuple[list[int], int] = ([], 0)
    if encoding_setting == "auto":
        encoding = "utf-8" if utf8_ok else "cp1252"
        if not utf8_ok:
            utf8_letters, *bad = _line_survey(path)
            encoding = "utf-8" if utf8_letters else "cp1252"
            bad = bad if utf8_letters else ([], 0)
    else:
        encoding = encoding_setting
    return FileFacts(size=stat.st_size, mtime_ns=stat.st_mtime_ns, md5=digest.hexdigest() if digest else "",
                     encoding=encoding, bom=first.startswith(UTF8_BOM), bad_lines=tuple(bad[0]),
                     bad_line_count=bad[1])


def file_md5(path: Path, facts: FileFacts) -> str | None:
    """The MD5 of a file inspected without it; None when the file is no longer the one `facts`
    describe (its size or modification time changed since).

    Raises OSError if the file cannot be read.
    """
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
        stat = os.fstat(handle.fileno())
    if stat.st_size != facts.size or stat.st_mtime_ns != facts.mtime_ns:
        return None
    return digest.hexdigest()


def _line_survey(path: Path) -> tuple[int, list[int], int]:
    """For a file that is not all UTF-8: lines with valid non-ASCII UTF-8, the first lines that are not UTF-8
    (at most SHOWN_LINES) and how many there are. Read line by line: only files that failed the fast check."""
    utf8_letters, bad, count = 0, [], 0
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
                utf8_letters += 1
            except UnicodeDecodeError:
                count += 1
                if len(bad) < SHOWN_LINES:
                    bad.append(number)
    return utf8_letters, bad, count
