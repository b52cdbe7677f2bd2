"""The service's log files as the console shows them: latest entries by level, and downloads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from appliance.errors import NotFoundError
from appliance.paths import Paths

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
TAIL_BYTES = 1_000_000
# The file format of appliance.logs: "%(asctime)s %(levelname)-7s %(name)s: %(message)s".
_ENTRY = re.compile(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+(\S+): ?(.*)")


@dataclass
class LogEntry:
    """One log record; `message` keeps the lines that followed it (a traceback)."""

    time: str
    level: str
    logger: str
    message: str


def latest_entries(paths: Paths, *, level: str = "INFO", limit: int = 200) -> list[LogEntry]:
    """The newest entries of the current log file at `level` or above, newest first."""
    floor = LEVELS.index(level) if level in LEVELS else 1
    entries = [e for e in _parse(_tail(paths.log_file)) if LEVELS.index(e.level) >= floor]
    return entries[::-1][:limit]


def log_files(paths: Paths) -> list[dict]:
    """The log file and its rotated predecessors: name, size, modified (local time)."""
    if not paths.logs.is_dir():
        return []
    found = sorted((p for p in paths.logs.iterdir() if p.is_file() and p.name.startswith(paths.log_file.name)),
                   key=_rotation)
    return [{"name": p.name, "size": p.stat().st_size,
             "modified": datetime.fromtimestamp(p.stat().st_mtime).isoformat(sep=" ", timespec="seconds")}
            for p in found]


def log_file(paths: Paths, name: str) -> Path:
    """The path of a listed log file, by name (nothing outside the logs folder)."""
    for item in log_files(paths):
        if item["name"] == name:
            return paths.logs / name
    raise NotFoundError(f"There is no log file '{name}'.")


def _rotation(path: Path) -> int:
    suffix = path.name.rpartition(".")[2]
    return int(suffix) if suffix.isdigit() else 0


def _tail(path: Path) -> list[str]:
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, 2)
            handle.seek(max(0, size - TAIL_BYTES))
            data = handle.read()
    except FileNotFoundError:
        return []
    lines = data.decode("utf-8", "replace").splitlines()
    return lines[1:] if len(data) < size else lines  # the first line may be cut


def _parse(lines: list[str]) -> list[LogEntry]:
    entries: list[LogEntry] = []
    for line in lines:
        match = _ENTRY.fullmatch(line)
        if match:
            entries.append(LogEntry(*match.groups()))
        elif entries:
            entries[-1].message += "\n" + line
    return entries
