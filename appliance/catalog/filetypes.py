"""Which files the catalog and the reports show: extensions, media types and kinds.

The table is fixed rather than taken from `mimetypes`, whose answers depend on the
platform (on Windows they come from the registry, where other programs change them).
"""

from __future__ import annotations

from dataclasses import dataclass

IMAGE, VIDEO, PDF = "image", "video", "pdf"


@dataclass(frozen=True)
class FileType:
    """One supported extension: its kind (image | video | pdf) and its media type."""

    extension: str
    kind: str
    mime: str


_TYPES = {t.extension: t for t in (
    FileType("jpg", IMAGE, "image/jpeg"),
    FileType("jpeg", IMAGE, "image/jpeg"),
    FileType("png", IMAGE, "image/png"),
    FileType("gif", IMAGE, "image/gif"),
    FileType("avi", VIDEO, "video/x-msvideo"),
    FileType("mov", VIDEO, "video/quicktime"),
    FileType("mpg", VIDEO, "video/mpeg"),
    FileType("mpeg", VIDEO, "video/mpeg"),
    FileType("m4v", VIDEO, "video/x-m4v"),
    FileType("mp4", VIDEO, "video/mp4"),
    FileType("pdf", PDF, "application/pdf"),
)}

# What each exchange subfolder may hold.
ACCEPTED = {
    "multimedia": frozenset(_TYPES),
    "reports": frozenset({"pdf"}),
}


def extension_of(name: str) -> str:
    """The extension of a file name, lower case, without the dot ('' when there is none)."""
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def file_type(name: str, area: str) -> FileType | None:
    """The type of a file name if `area` (multimedia | reports) shows it, else None."""
    extension = extension_of(name)
    return _TYPES[extension] if extension in ACCEPTED[area] else None


def accepted_text(area: str) -> str:
    """The accepted extensions of an area, for messages: `jpg, jpeg, png, ...`."""
    return ", ".join(e for e in _TYPES if e in ACCEPTED[area])


def mime_of_cache_name(name: str) -> str:
    """The media type of a file the catalog wrote into the cache (JPEG or PNG)."""
    return "image/png" if name.endswith(".png") else "image/jpeg"
