"""What the iPads are shown: folders and items, built from the files and, in record mode, the index file.

Filesystem mode (no index file): the folder tree as it is, each file once, its title,
article and position taken from its name (`naming`). Record mode (`io_catalogo.dat` in
multimedia/, `io_reports.dat` in reports/): the files sit flat in the root and each row
puts one into a virtual folder L1..L4 with a title, an article and a position; a file
may be listed in several places. Rows naming a missing file, files in subfolders and
files no row names are reported. A report row may name an agent or an operator who
alone may see it; without one, everyone may.

Each entry and folder carries a digest of what a device shows of it, so that only
what really changed gets a new change number.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from appliance.catalog.filetypes import IMAGE, file_type
from appliance.catalog.indexfile import IndexRow
from appliance.catalog.naming import parse_media_name
from appliance.exchange.problems import Report

FILESYSTEM, RECORD = "filesystem", "record"
FolderPath = tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """One item in one folder."""

    key: str
    file_id: int
    folder: FolderPath
    title: str
    article: str | None
    sort: int | None
    agent: str = ""
    operator: str = ""
    digest: str = ""


@dataclass(frozen=True)
class Folder:
    """One folder: its path, its name and the image whose thumbnail previews it."""

    path: FolderPath
    cover_file_id: int | None
    digest: str = ""

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def parent(self) -> FolderPath | None:
        return self.path[:-1] or None


@dataclass
class Listing:
    mode: str
    entries: dict[str, Entry] = field(default_factory=dict)
    folders: dict[FolderPath, Folder] = field(default_factory=dict)


def build_listing(area: str, files: dict[str, dict], rows: list[IndexRow] | None, index_name: str,
                  report: Report) -> Listing:
    """The listing of an area. `files`: the live stored files by path; `rows`: the index file's rows or None."""
    if rows is None:
        listing = Listing(FILESYSTEM)
        for path, stored in files.items():
            named = parse_media_name(path.rpartition("/")[2])
            _add(listing, Entry("fs:" + path, stored["id"], _folder_of(path), named.title, named.article,
                                named.sort), stored)
    else:
        listing = Listing(RECORD)
        _record_entries(listing, area, files, rows, index_name, report)
    _add_folders(listing, files)
    return listing


def _folder_of(path: str) -> FolderPath:
    head = path.rpartition("/")[0]
    return tuple(head.split("/")) if head else ()


def _record_entries(listing: Listing, area: str, files: dict[str, dict], rows: list[IndexRow], index_name: str,
                    report: Report) -> None:
    root_files = {path: stored for path, stored in files.items() if "/" not in path}
    by_lower: dict[str, list[str]] = {}
    for path in root_files:
        by_lower.setdefault(path.lower(), []).append(path)
    listed: set[str] = set()
    seen: dict[str, int] = {}
    for row in rows:
        path = row.file_name if row.file_name in root_files else _single(by_lower.get(row.file_name.lower()))
        if path is None:
            report.error(index_name, row.line, "NOMEFILE", row.file_name, _missing(area, row.file_name))
            continue
        key = "rec:" + json.dumps([path, row.operator, row.agent, *row.levels], ensure_ascii=False)
        if key in seen:
            report.warning(index_name, row.line, "NOMEFILE", row.file_name,
                           f"listed twice in the same folder (line {seen[key]} too): this line is used")
        seen[key] = row.line
        listed.add(path)
        title = row.title or parse_media_name(path).title
        _add(listing, Entry(key, root_files[path]["id"], row.levels, title, row.article or None, row.sort,
                            row.agent, row.operator), root_files[path])
    for path in sorted(files):
        if "/" in path:
            report.warning(path, 0, None, None, f"in a subfolder: with {index_name} present, {area}/ is flat and "
                                                f"{index_name} names files in its root only; not shown")
        elif path not in listed:
            report.warning(path, 0, None, None, f"not named in {index_name}: not shown")


def _single(paths: list[str] | None) -> str | None:
    return paths[0] if paths and len(paths) == 1 else None


def _missing(area: str, name: str) -> str:
    if not name:
        return "the file name is empty"
    if "/" in name or "\\" in name:
        return f"names a file in a subfolder; files listed here sit in the root of {area}/"
    if file_type(name, area) is None:
        return f"names a file of a type {area}/ does not show; the row is left out"
    return f"there is no file {name} in {area}/; the row is left out until the file is there"


def _add(listing: Listing, entry: Entry, stored: dict) -> None:
    shown = [entry.file_id, entry.folder, entry.title, entry.article, entry.sort, entry.agent, entry.operator,
             served_hash(stored), stored["thumb_hash"]]
    listing.entries[entry.key] = Entry(**{**entry.__dict__, "digest": _digest(shown)})


def served_hash(stored: dict) -> str:
    """The hash of what the download url gives: the scaled copy when there is one, else the file."""
    return stored["scaled_hash"] or stored["hash"]


def _add_folders(listing: Listing, files_by_path: dict[str, dict]) -> None:
    files = {stored["id"]: stored for stored in files_by_path.values()}
    images: dict[FolderPath, list[Entry]] = {}
    paths: set[FolderPath] = set()
    for entry in listing.entries.values():
        paths.update(entry.folder[:depth] for depth in range(1, len(entry.folder) + 1))
        stored = files[entry.file_id]
        if stored["kind"] == IMAGE and stored["thumb"]:
            images.setdefault(entry.folder, []).append(entry)
    children: dict[FolderPath, list[FolderPath]] = {}
    for path in sorted(paths):
        children.setdefault(path[:-1], []).append(path)
    covers: dict[FolderPath, int | None] = {}
    for path in sorted(paths, key=len, reverse=True):
        covers[path] = _cover(images.get(path), [covers[child] for child in children.get(path, ())])
    for path in sorted(paths):
        cover = covers[path]
        thumb = files[cover]["thumb_hash"] if cover is not None else None
        listing.folders[path] = Folder(path, cover, _digest([list(path), cover, thumb]))


def _cover(images: list[Entry] | None, child_covers: list[int | None]) -> int | None:
    """The first image of the folder with a thumbnail, else the cover of its first subfolder that has one."""
    if images:
        return min(images, key=lambda e: (e.sort is None, e.sort or 0, e.title.lower(), e.key)).file_id
    return next((cover for cover in child_covers if cover is not None), None)


def _digest(values: list) -> str:
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()
