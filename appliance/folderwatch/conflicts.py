"""Dropbox conflicted copies: never imported; rejected with a report that names the original."""

from __future__ import annotations

from appliance.folderwatch import names
from appliance.folderwatch.batch import ReadyFile
from appliance.ingest.outcome import FileOutcome


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


def conflict_outcome(item: ReadyFile, original: str, reason: str) -> FileOutcome:
    """A `rejected` outcome for a conflicted copy, whose report says what to do with it."""
    outcome = FileOutcome(path=item.path, result="rejected",
                          message=f"{reason}; not imported ({original} is imported as usual)")
    outcome.report.error(
        item.path.name, 0, None, None,
        f"Dropbox keeps such a copy when two versions of {original} meet (saved on two computers at "
        f"the same time, or names Windows cannot tell apart). If this copy holds the data you want, "
        f"rename it to {original} and put it back into gestionale/")
    return outcome
