"""Dropbox conflicted copies: never imported, moved to rejected/ with a report naming the original."""

from __future__ import annotations

import logging
import shutil
from datetime import datetime
from pathlib import Path

from appliance.folderwatch import names
from appliance.folderwatch.batch import ReadyFile

log = logging.getLogger("appliance.watch")

REPORT_SUFFIX = ".errors.txt"


def split_conflicts(files: list[ReadyFile]) -> tuple[list[tuple[ReadyFile, str, str]], list[ReadyFile]]:
    """Separate conflicted copies from the files to import.

    Returns ([(file, original name, reason)], [files to import]). Besides Dropbox's
    renamed copies, two files of one batch whose names differ only in letter case or
    Unicode form are a conflict too (Windows and macOS cannot hold both): the one named
    exactly in lower case is imported, the others are set aside.
    """
    conflicts, candidates = [], []
    for item in files:
        original = names.conflict_original(item.path.name)
        if original is not None:
            conflicts.append((item, original, f"a Dropbox conflicted copy of {original}"))
        else:
            candidates.append(item)
    groups: dict[str, list[ReadyFile]] = {}
    for item in candidates:
        groups.setdefault(names.same_name_key(item.path.name), []).append(item)
    keep = []
    for key, group in groups.items():
        group.sort(key=lambda f: (f.path.name != key, f.path.name))
        keep.append(group[0])
        for other in group[1:]:
            conflicts.append((other, group[0].path.name,
                              f"a second file named like {group[0].path.name} (it differs only in letter case "
                              f"or Unicode form)"))
    return conflicts, sorted(keep, key=lambda f: f.path.name)


def reject_conflict(path: Path, original: str, reason: str, rejected_dir: Path) -> Path:
    """Move a conflicted copy into rejected/ and write NAME.errors.txt beside it; returns its new path."""
    rejected_dir.mkdir(parents=True, exist_ok=True)
    target = free_name(rejected_dir, path.name)
    shutil.move(str(path), str(target))
    report = target.with_name(target.name + REPORT_SUFFIX)
    report.write_text(
        f"{path.name}: rejected: {reason}.\n"
        f"It was not imported; {original} is imported as usual.\n"
        f"Dropbox keeps such a copy when two versions of one file meet (written at the same time on two "
        f"computers, or names that Windows cannot tell apart).\n"
        f"If this copy holds the data you want, rename it to {original} and put it back into gestionale/.\n",
        encoding="utf-8")
    log.warning("%s is %s: moved to %s, not imported", path.name, reason, target)
    return target


def free_name(folder: Path, name: str) -> Path:
    """`folder/name`, or a time-stamped variant when that name is taken."""
    target = folder / name
    if not target.exists() and not target.with_name(name + REPORT_SUFFIX).exists():
        return target
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for number in range(1, 10_000):
        target = folder / f"{stamp}-{number}-{name}"
        if not target.exists():
            return target
    raise FileExistsError(f"{folder} holds too many files named like {name}; empty it")
