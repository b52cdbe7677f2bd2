"""What the watcher hands on: settled files in batches, and the handlers that take them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Protocol


@dataclass(frozen=True)
class ReadyFile:
    """A settled file, with the size and time it had when it was found ready."""

    path: Path
    size: int
    mtime_ns: int

    def unchanged(self) -> bool:
        """True while the file on disk still has the size and time it was handed over with."""
        try:
            now = self.path.stat()
        except OSError:
            return False
        return (now.st_size, now.st_mtime_ns) == (self.size, self.mtime_ns)


@dataclass(frozen=True)
class Batch:
    """Every ready file of one folder once it has been quiet for the settle time."""

    folder: str
    files: tuple[ReadyFile, ...]
    removed: tuple[Path, ...] = ()

    @property
    def paths(self) -> list[Path]:
        return [f.path for f in self.files]

    def describe(self) -> str:
        """`gestionale/: 3 files` for logs and /health."""
        text = f"{self.folder}/: {len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        return text + (f", {len(self.removed)} removed" if self.removed else "")


class FolderHandler(Protocol):
    """Does the work for one watched folder; called on that folder's worker thread."""

    def handle(self, batch: Batch) -> Iterable[Path]:
        """Process one batch. Returns the paths to look at again (left in place to be retried)."""

    def health(self) -> dict:
        """What /health shows about this folder's work."""
