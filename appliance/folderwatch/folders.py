"""The watched subfolders of the exchange folder: what each holds and how to scan it."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from appliance.folderwatch import names
from appliance.folderwatch.batch import FolderHandler

ERP = "erp"
MEDIA = "media"


@dataclass
class FolderSpec:
    """One subfolder: its name, the worker kind that handles it and how its files are treated."""

    name: str
    kind: str  # one worker thread per kind, so media work never waits behind an ERP import
    handler: FolderHandler
    recursive: bool
    keeps_files: bool  # files stay in place (media) instead of being moved out (gestionale)
    classify: Callable[[str], str]


def exchange_folders(erp: FolderHandler, multimedia: FolderHandler, reports: FolderHandler) -> list[FolderSpec]:
    """The three folders the appliance watches (appmanager/ is written by the appliance itself)."""
    return [
        FolderSpec("gestionale", ERP, erp, recursive=False, keeps_files=False, classify=names.classify_erp),
        FolderSpec("multimedia", MEDIA, multimedia, recursive=True, keeps_files=True,
                   classify=names.classify_media),
        FolderSpec("reports", MEDIA, reports, recursive=True, keeps_files=True, classify=names.classify_media),
    ]


def relative_parts(root: Path, path: Path) -> tuple[str, ...] | None:
    """The parts of `path` below `root`, or None when it is not below it."""
    try:
        return path.relative_to(root).parts
    except ValueError:
        return None


def scan(root: Path, recursive: bool) -> Iterator[Path]:
    """Every regular file in the folder (and its subfolders), skipping ignored folders."""
    if not recursive:
        with os.scandir(root) as entries:
            for entry in entries:
                if entry.is_file(follow_symlinks=False):
                    yield Path(entry.path)
        return
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [d for d in subfolders if not names.is_ignored(d)]
        for name in files:
            yield Path(folder) / name


def folder_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of a directory, or None when there is none: tells a restored folder from the old one."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(found.st_mode):
        return None
    return found.st_dev, found.st_ino
