"""Taking a backup: one compressed archive per backup, named with its time, owner-only.

What goes in: the database (an online copy, see `store.backup_copy`), `appliance.toml`,
the license, the per-install secrets (connector key, console key, tray token) and the
TLS folder when there is one, and last `manifest.json`: appliance version, schema
version, time, reason, row counts per table and the SHA-256 and size of every file.
Media are not copied: they come back from the exchange folder, and the catalog's index
is in the database. The archive is a tar stream compressed with zstandard, encrypted
(see `crypto`) when `backup_passphrase_file` is set; it is written under a temporary
name in the backup folder and renamed when complete, so a listed archive is a whole one.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import tarfile
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import zstandard

from appliance import __version__
from appliance.backups.crypto import EncryptingWriter, read_passphrase
from appliance.backups.errors import BackupError
from appliance.store.backup_copy import copy_database

log = logging.getLogger("appliance.backups")

PREFIX = "appliance-backup-"
PLAIN_SUFFIX, SEALED_SUFFIX = ".tar.zst", ".tar.zst.aes"
STAMP = "%Y%m%dT%H%M%SZ"
MANIFEST = "manifest.json"
DATABASE = "appliance.db"
ZSTD_LEVEL = 3
COMPRESS_THREADS = 1  # one helper thread: the caller reads and hashes while it compresses
READ_BLOCK = 1 << 20


@dataclass(frozen=True)
class Backup:
    """A finished archive and its manifest."""

    path: Path
    manifest: dict
    seconds: float

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def archive_name(created: datetime, reason: str, encrypted: bool) -> str:
    """`appliance-backup-20261203T023000Z-scheduled.tar.zst` (`.aes` added when encrypted)."""
    stamp = created.astimezone(timezone.utc).strftime(STAMP)
    return f"{PREFIX}{stamp}-{reason}{SEALED_SUFFIX if encrypted else PLAIN_SUFFIX}"


def take_backup(settings, *, reason: str = "manual", to: Path | None = None, now: datetime | None = None) -> Backup:
    """Back up the data directory of `settings` into `to` (default: `backup_dir`); see the module doc."""
    started = time.perf_counter()
    created = now or datetime.now(timezone.utc)
    folder = Path(to or settings.backup_dir)
    _make_private_folder(folder)
    passphrase = read_passphrase(settings.backup_passphrase_file)
    target = folder / archive_name(created, reason, passphrase is not None)
    partial = folder / (".partial-" + target.name)
    with tempfile.TemporaryDirectory(prefix=".copy-", dir=folder) as scratch:
        copy = Path(scratch) / DATABASE
        counts, schema = copy_database(settings.paths.database, copy, busy_timeout=settings.busy_timeout_seconds)
        try:
            manifest = _write_archive(partial, _members(settings, copy), passphrase, {
                "format": 1, "version": __version__, "schema_version": schema,
                "created_at": created.astimezone(timezone.utc).isoformat(timespec="seconds"),
                "reason": reason, "encrypted": passphrase is not None, "tables": counts})
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    backup = Backup(target, manifest, time.perf_counter() - started)
    log.info("backup written: %s (%d bytes, %.1f s, %s)", target, backup.size, backup.seconds, reason)
    return backup


def _members(settings, database_copy: Path) -> list[tuple[str, Path]]:
    """(name in the archive, file) for every file backed up; the database first."""
    paths = settings.paths
    members = [(DATABASE, database_copy)]
    for single in (paths.config_file, paths.license_file, paths.logo):
        if single.is_file():
            members.append((single.name, single))
    for folder in (paths.secrets, paths.tls):
        if folder.is_dir():
            members += [(file.relative_to(paths.data_dir).as_posix(), file)
                        for file in sorted(folder.rglob("*")) if file.is_file()]
    return members


def _write_archive(path: Path, members: list[tuple[str, Path]], passphrase: bytes | None, manifest: dict) -> dict:
    files = {}
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as raw:
        sink = EncryptingWriter(raw, passphrase) if passphrase is not None else raw
        compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL, threads=COMPRESS_THREADS)
        with compressor.stream_writer(sink, closefd=False) as packed:
            with tarfile.open(fileobj=packed, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                for name, file in members:
                    files[name] = _add_file(tar, name, file)
                manifest = {**manifest, "files": files}
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"))
        if passphrase is not None:
            sink.close()
        raw.flush()
        os.fsync(raw.fileno())
    return manifest


class _Hashing(io.RawIOBase):
    """Reads a file and hashes what was read, so a file is read once for the archive and its hash."""

    def __init__(self, handle):
        self.handle, self.digest, self.size = handle, hashlib.sha256(), 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _add_file(tar: tarfile.TarFile, name: str, file: Path) -> dict:
    with open(file, "rb") as handle:
        info = tarfile.TarInfo(name)
        info.size = os.fstat(handle.fileno()).st_size
        info.mtime = int(os.fstat(handle.fileno()).st_mtime)
        info.mode = 0o600
        reader = _Hashing(handle)
        tar.addfile(info, reader)
    if reader.size != info.size:
        raise BackupError(f"{file} changed size while it was backed up; back up again.")
    return {"sha256": reader.digest.hexdigest(), "size": reader.size}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
    tar.addfile(info, io.BytesIO(data))


def _make_private_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"Cannot create the backup folder {folder} ({exc.strerror}). Fix backup_dir or the "
                          f"folder's permissions.") from None
    try:
        os.chmod(folder, 0o700)
    except OSError:  # a share or Windows ACLs: the installer sets those
        pass
