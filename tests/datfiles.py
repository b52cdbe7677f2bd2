"""Writing io_*.dat files for tests, in the exact file format or deliberately not."""

from __future__ import annotations

import hashlib
from pathlib import Path

CITTA_HEADER = ["CHIAVE", "COD_DITTA", "CODICE", "DESCRIZIONE", "CAP", "PROVINCIA", "DAT_ULT_MOD"]


def write_dat(path: Path, header: list[str] | str, rows: list[list[str] | str], *, encoding: str = "utf-8",
              newline: str = "\r\n", final_newline: bool = True, bom: bool = False) -> Path:
    """Write a pipe-delimited file: a header row, then rows (lists of fields or ready lines)."""
    lines = ["|".join(header) if isinstance(header, list) else header]
    lines += ["|".join(r) if isinstance(r, list) else r for r in rows]
    text = newline.join(lines) + (newline if final_newline else "")
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def citta_rows(count: int, start: int = 0, suffix: str = "") -> list[list[str]]:
    """Rows of io_citta.dat: CHIAVE C<n>, a name and a postcode."""
    return [[f"C{i}", "1", f"{i:05d}", f"Città {i}{suffix}", f"{i % 100000:05d}", "MI", "01011900000000"]
            for i in range(start, start + count)]


def md5_of(path: Path) -> str:
    """The file's MD5, as the import log records it."""
    return hashlib.md5(path.read_bytes()).hexdigest()
