"""Walking multimedia/ or reports/: the media files found, and what is left out and why.

Only regular files are taken. Symbolic links (to files or folders) are never followed
and never served, so a link cannot bring a file from outside the exchange folder into
the catalog. Hidden, temporary and system files are skipped silently, as the watcher
does; Dropbox conflicted copies and files of other types are reported and left out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from appliance.catalog.filetypes import FileType, accepted_text, extension_of, file_type
from appliance.exchange.problems import Report
from appliance.folderwatch import names

INDEX_FILES = {"multimedia": "io_catalogo.dat", "reports": "io_reports.dat"}


@dataclass(frozen=True)
class FoundFile:
    """A media file on disk: its path below the area folder ('/'-separated), size, time and type."""

    path: str
    size: int
    mtime_ns: int
    type: FileType

    @property
    def name(self) -> str:
        return self.path.rpartition("/")[2]

    @property
    def folder(self) -> tuple[str, ...]:
        head = self.path.rpartition("/")[0]
        return tuple(head.split("/")) if head else ()


@dataclass
class Scan:
    """What one walk found: media files by path, the index file if there is one, the problems."""

    area: str
    root: Path
    files: dict[str, FoundFile] = field(default_factory=dict)
    index_file: Path | None = None
    report: Report = field(default_factory=Report)


def scan_area(root: Path, area: str) -> Scan:
    """Walk an area folder (multimedia | reports) and sort what is in it."""
    found = Scan(area, root)
    index_name = INDEX_FILES[area]
    stack = [("", root)]
    while stack:
        prefix, folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:  # vanished or unreadable while walking
            found.report.warning(prefix or area + "/", 0, None, None, f"cannot be read: {exc.strerror or exc}")
            continue
        for entry in listed:
            relative = prefix + entry.name
            if names.is_ignored(entry.name):
                continue
            if entry.is_symlink():
                found.report.warning(relative, 0, None, None,
                                     "a symbolic link: links are never followed nor served; copy the file itself")
            elif entry.is_dir(follow_symlinks=False):
                stack.append((relative + "/", Path(entry.path)))
            elif entry.is_file(follow_symlinks=False):
                _take(found, entry, relative, index_name)
    return found


def _take(found: Scan, entry: os.DirEntry, relative: str, index_name: str) -> None:
    if relative.lower() == index_name:
        found.index_file = Path(entry.path)
        return
    original = names.conflict_original(entry.name)
    if original is not None:
        found.report.warning(relative, 0, None, None,
                             f"a Dropbox conflicted copy of {original}: not shown; if it is the right version, "
                             f"rename it to {original}")
        return
    kind = file_type(entry.name, found.area)
    if kind is None:
        extension = extension_of(entry.name)
        what = f"files of type .{extension}" if extension else "files without an extension"
        found.report.warning(relative, 0, None, None,
                             f"{what} are not shown in {found.area}/ (it shows {accepted_text(found.area)}): ignored")
        return
    try:
        stat = entry.stat(follow_symlinks=False)
    except OSError:  # removed while walking: the next batch reports the removal
        return
    found.files[relative] = FoundFile(relative, stat.st_size, stat.st_mtime_ns, kind)
