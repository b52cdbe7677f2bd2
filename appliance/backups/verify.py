"""Reading a backup back: unpack it into a folder and check every file against the manifest.

The same check serves the restore drill after each backup and `appliance restore`
before it touches anything: every file's SHA-256 and size match the manifest, nothing
is missing or extra, the database passes `PRAGMA integrity_check` and holds the row
counts the manifest recorded. Any difference is a BackupError naming it.
"""

from __future__ import annotations

import hashlib
import json
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import zstandard

from appliance.backups.archive import DATABASE, MANIFEST
from appliance.backups.crypto import MAGIC, DecryptingReader
from appliance.backups.errors import BackupError
from appliance.store.backup_copy import check_copy

BLOCK = 1 << 20


@dataclass(frozen=True)
class Checked:
    """An archive unpacked into `folder` and found sound."""

    folder: Path
    manifest: dict
    seconds: float


def unpack_and_check(archive: Path, folder: Path, passphrase: bytes | None) -> Checked:
    """Unpack `archive` into the empty or new `folder` and check it; BackupError says what is wrong."""
    started = time.perf_counter()
    archive = Path(archive)
    folder.mkdir(parents=True, exist_ok=True)
    found = _unpack(archive, folder, passphrase)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{archive.name} has no manifest.json: it is not a complete appliance backup.")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    _compare_files(archive.name, manifest.get("files") or {}, found)
    _check_database(archive.name, folder / DATABASE, manifest)
    return Checked(folder, manifest, time.perf_counter() - started)


def _unpack(archive: Path, folder: Path, passphrase: bytes | None) -> dict[str, dict]:
    found: dict[str, dict] = {}
    try:
        with open(archive, "rb") as raw:
            source = raw
            if raw.read(len(MAGIC)) == MAGIC:
                raw.seek(0)
                source = DecryptingReader(raw, passphrase, archive.name)
            else:
                raw.seek(0)
            with zstandard.ZstdDecompressor().stream_reader(source, closefd=False) as unpacked:
                with tarfile.open(fileobj=unpacked, mode="r|") as tar:
                    for member in tar:
                        found[member.name] = _extract(archive.name, tar, member, folder)
    except (tarfile.TarError, zstandard.ZstdError, EOFError, ValueError) as exc:
        raise BackupError(f"{archive.name} is damaged and cannot be read ({exc}). Use another backup.") from None
    except FileNotFoundError:
        raise BackupError(f"There is no backup {archive}. `appliance backups` lists them.") from None
    return found


def _extract(archive_name: str, tar: tarfile.TarFile, member: tarfile.TarInfo, folder: Path) -> dict:
    name = PurePosixPath(member.name)
    if not member.isfile() or name.is_absolute() or ".." in name.parts or not name.parts:
        raise BackupError(f"{archive_name} holds an unexpected entry '{member.name}': it is not an appliance "
                          f"backup. Use another backup.")
    target = folder.joinpath(*name.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    source = tar.extractfile(member)
    with open(target, "wb") as out:
        while block := source.read(BLOCK):
            digest.update(block)
            size += len(block)
            out.write(block)
    return {"sha256": digest.hexdigest(), "size": size}


def _compare_files(archive_name: str, listed: dict, found: dict) -> None:
    found = {name: facts for name, facts in found.items() if name != MANIFEST}
    if DATABASE not in listed:
        raise BackupError(f"{archive_name}: the manifest lists no database.")
    for name, facts in listed.items():
        if name not in found:
            raise BackupError(f"{archive_name}: {name} is listed in the manifest but missing from the archive.")
        if found[name] != {"sha256": facts.get("sha256"), "size": facts.get("size")}:
            raise BackupError(f"{archive_name}: {name} does not match its SHA-256 in the manifest (damaged).")
    extra = sorted(set(found) - set(listed))
    if extra:
        raise BackupError(f"{archive_name}: files not in the manifest: {', '.join(extra)}.")


def _check_database(archive_name: str, database: Path, manifest: dict) -> None:
    try:
        problems, counts, version = check_copy(database)
    except Exception as exc:  # sqlite3.DatabaseError and friends: the file is not a database
        raise BackupError(f"{archive_name}: the database cannot be opened ({exc}).") from None
    if problems != ["ok"]:
        raise BackupError(f"{archive_name}: the database fails its integrity check: {'; '.join(problems[:3])}.")
    expected = manifest.get("tables") or {}
    differing = sorted(t for t in set(expected) | set(counts) if expected.get(t) != counts.get(t))
    if differing:
        table = differing[0]
        raise BackupError(f"{archive_name}: table {table} has {counts.get(table)} rows, the manifest says "
                          f"{expected.get(table)}.")
    if version != manifest.get("schema_version"):
        raise BackupError(f"{archive_name}: schema version {version} differs from the manifest's "
                          f"{manifest.get('schema_version')}.")

