"""Which file a download means, whether the caller may have it, and opening it safely.

A file is served only when a live item the caller may see shows it (index rows may
name an agent or operator) and the caller's modules include its area (`catalog` for multimedia/,
`reports` for reports/); otherwise it does not exist for him (404). Only two places are
ever opened: the area's folder inside the exchange folder and the catalog's cache. The
path comes from the index, never from the request, and it is checked again when opened:
its real location (symbolic links resolved) must lie inside that place, and the file
itself must not be a link.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from appliance.catalog.access import may_open
from appliance.catalog.filetypes import mime_of_cache_name
from appliance.catalog.images import cache_path
from appliance.errors import InvalidInputError, NotFoundError
from appliance.settings import Settings
from appliance.store.catalog_feed import Audience, file_listed_for, live_file
from appliance.store.db import Row, Store

VARIANTS = ("", "thumb")
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)


@dataclass
class ServedFile:
    """An open file to send: its handle, size, entity tag, media type, name and modification time."""

    handle: BinaryIO
    size: int
    etag: str
    mime: str
    name: str
    modified: float


def open_file(store: Store, settings: Settings, file_id: str, variant: str, *, modules: tuple[str, ...] | None,
              audience: Audience) -> ServedFile:
    """Open what `GET /api/v1/files/{file_id}?variant=` asks for, if the caller may see it."""
    if variant not in VARIANTS:
        raise InvalidInputError(f"variant is 'thumb' or left out, not '{variant[:40]}'.",
                                errors=[{"field": "variant", "reason": "unknown variant"}])
    row = _visible_file(store, file_id, modules, audience)
    root, path, etag, mime = _what_to_send(settings, row, variant)
    handle = _open_inside(root, path)
    if handle is None:
        raise _not_found(file_id)
    stat = os.fstat(handle.fileno())
    if variant == "" and not row["scaled"] and (stat.st_size, stat.st_mtime_ns) != (row["size"], row["mtime_ns"]):
        etag = f'W/"{stat.st_size:x}-{stat.st_mtime_ns:x}"'  # changed since it was indexed: re-indexed soon
    return ServedFile(handle, stat.st_size, etag, mime, _download_name(row, variant), stat.st_mtime)


def _visible_file(store: Store, file_id: str, modules: tuple[str, ...] | None, audience: Audience) -> Row:
    if not (file_id.isascii() and file_id.isdigit() and len(file_id) <= 18):
        raise _not_found(file_id)
    with store.snapshot() as conn:
        row = live_file(conn, int(file_id))
        if row is None or not may_open(modules, row["area"]):
            raise _not_found(file_id)
        if not file_listed_for(conn, row["id"], audience):
            raise _not_found(file_id)
    return row


def _what_to_send(settings: Settings, row: Row, variant: str) -> tuple[Path, Path, str, str]:
    """(the place it must lie in, its path, entity tag, media type) of the requested variant."""
    cache = _cache(settings)
    if variant == "thumb":
        if not row["thumb"]:
            raise NotFoundError(f"File {row['id']} has no thumbnail (only images have one).",
                                errors=[{"field": "variant", "reason": "no thumbnail"}])
        return cache, cache_path(cache, row["thumb"]), f'"{row["thumb_hash"]}"', "image/jpeg"
    if row["scaled"]:
        return (cache, cache_path(cache, row["scaled"]), f'"{row["scaled_hash"]}"',
                mime_of_cache_name(row["scaled"]))
    root = settings.exchange / row["area"]
    return root, root / row["path"], f'"{row["hash"]}"', row["mime"]


def _cache(settings: Settings) -> Path:
    return settings.paths.cache / "catalog"


def _open_inside(root: Path, path: Path) -> BinaryIO | None:
    """The file opened for reading if it really lies inside `root` and is no link; else None."""
    try:
        real_root = os.path.realpath(root)
        real = os.path.realpath(path)
        if os.path.commonpath([real_root, real]) != real_root or real == real_root or os.path.islink(path):
            return None
        descriptor = os.open(real, os.O_RDONLY | _NO_FOLLOW | _BINARY)
    except (OSError, ValueError):
        return None
    return os.fdopen(descriptor, "rb")


def _download_name(row: Row, variant: str) -> str:
    name = row["path"].rpartition("/")[2]
    stem = name.rpartition(".")[0] or name
    if variant == "thumb":
        return f"{stem}-thumb.jpg"
    if row["scaled"]:
        return stem + "." + row["scaled"].rpartition(".")[2]
    return name


def _not_found(file_id: str) -> NotFoundError:
    shown = file_id if len(file_id) <= 40 else file_id[:40] + "..."
    return NotFoundError(f"There is no file '{shown}' for you; the ids are in the `url` of GET /api/v1/catalog "
                         f"and GET /api/v1/reports.", errors=[{"field": "id", "reason": "unknown file"}])
