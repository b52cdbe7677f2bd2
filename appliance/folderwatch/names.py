"""What a file name in the exchange folder means: ignored, a Dropbox conflict, an ERP file.

Dropbox and Windows leave their own files next to the connector's (`.dropbox`,
`desktop.ini`, Office lock files `~$...`, half-written `*.tmp` and `*.part`); those are
never touched. When two versions of one file meet, Dropbox keeps one under the real name and
renames the other with a parenthesised note: `io_art (Server's conflicted copy
2026-11-28).dat`, `io_art (Case Conflict).dat`, `io_art (Unicode Encoding Conflict).dat`,
localised in the Dropbox user's language (`copia in conflitto`, `Konflikt`, `conflit`).
"""

from __future__ import annotations

import re
import unicodedata

IGNORED_NAMES = frozenset({"desktop.ini", "thumbs.db", "icon\r"})
IGNORED_PREFIXES = (".", "~$")
IGNORED_SUFFIXES = (".tmp", ".temp", ".part", ".partial")  # written first, renamed when complete

# One parenthesised note, allowing one nested pair: "(Server's conflicted copy 2026-11-28 (1))".
_NOTE = re.compile(r"\s*\((?P<note>[^()]*(?:\([^()]*\)[^()]*)*)\)")
# "confli" covers conflict, conflitto, conflit, conflicto, conflito; German writes Konflikt.
_CONFLICT_WORD = re.compile(r"confli|konflikt", re.IGNORECASE)
_ERP_NAME = re.compile(r"io_.+\.dat", re.IGNORECASE)


def is_ignored(name: str) -> bool:
    """Hidden, temporary and system files that are left alone and never reported."""
    lowered = name.lower()
    return (lowered in IGNORED_NAMES or lowered.startswith(IGNORED_PREFIXES)
            or lowered.endswith(IGNORED_SUFFIXES))


def conflict_original(name: str) -> str | None:
    """The name a Dropbox conflicted copy stands for, or None when `name` is not one."""
    for match in _NOTE.finditer(name):
        if _CONFLICT_WORD.search(match.group("note")):
            return (name[:match.start()] + name[match.end():]).strip()
    return None


def is_erp_file(name: str) -> bool:
    """True for `io_<name>.dat` (any letter case), the files the connector exports."""
    return _ERP_NAME.fullmatch(name) is not None


def same_name_key(name: str) -> str:
    """Names equal under this key collide on Windows and macOS (case and Unicode form)."""
    return unicodedata.normalize("NFC", name).casefold()


def classify_erp(name: str) -> str:
    """`ignored`, `conflict`, `erp` or `unexpected` for a file directly in gestionale/."""
    if is_ignored(name):
        return "ignored"
    if conflict_original(name) is not None:
        return "conflict"
    return "erp" if is_erp_file(name) else "unexpected"


def classify_media(name: str) -> str:
    """`ignored`, `conflict` or `media` for a file in multimedia/ or reports/."""
    if is_ignored(name):
        return "ignored"
    return "conflict" if conflict_original(name) is not None else "media"
