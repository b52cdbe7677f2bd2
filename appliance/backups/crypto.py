"""Backup encryption: AES-256-GCM in chunks, the key derived from a passphrase with scrypt.

The archive holds the license, the connector key and the console secret, so a copy on a
share must be unreadable without the passphrase. The stream is cut into chunks of 1 MiB,
each sealed on its own (nonce = random prefix + chunk number; the chunk number and a
last-chunk flag are authenticated), so an archive of any size is encrypted with little
memory, and a reordered, cut or altered archive is refused instead of restored.

Layout: MAGIC, salt (16 bytes), nonce prefix (8 bytes), then per chunk a 4-byte length
and the sealed bytes (data + 16-byte tag). The last chunk has the flag set (it may be empty).
"""

from __future__ import annotations

import hashlib
import os
import struct
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from appliance.backups.errors import BackupError

MAGIC = b"AMBACKUP-AESGCM1"
CHUNK = 1 << 20
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 15, 8, 1


def read_passphrase(path: Path | None) -> bytes | None:
    """The passphrase in `backup_passphrase_file` (first line, spaces trimmed), or None without one."""
    if path is None:
        return None
    try:
        text = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise BackupError(f"Cannot read the backup passphrase file {path} ({exc.strerror}). Fix "
                          f"backup_passphrase_file in appliance.toml or make the file readable.") from None
    phrase = text[0].strip() if text else ""
    if not phrase:
        raise BackupError(f"The backup passphrase file {path} is empty. Write a passphrase on its first line.")
    return phrase.encode("utf-8")


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def _key(passphrase: bytes, salt: bytes) -> bytes:
    return hashlib.scrypt(passphrase, salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 << 20, dklen=32)


def _aad(header: bytes, number: int, last: bool) -> bytes:
    return header + struct.pack(">IB", number, 1 if last else 0)


class EncryptingWriter:
    """A write-only file object that seals what is written into `target`; `close()` writes the last chunk."""

    def __init__(self, target: BinaryIO, passphrase: bytes):
        salt, self._prefix = os.urandom(16), os.urandom(8)
        self._header = MAGIC + salt + self._prefix
        self._aes = AESGCM(_key(passphrase, salt))
        self._target, self._buffer, self._number = target, bytearray(), 0
        target.write(self._header)

    def write(self, data) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def flush(self) -> None:
        self._target.flush()

    def close(self) -> None:
        self._seal(bytes(self._buffer), last=True)
        self._buffer.clear()
        self._target.flush()

    def _seal(self, data: bytes, last: bool) -> None:
        nonce = self._prefix + struct.pack(">I", self._number)
        sealed = self._aes.encrypt(nonce, data, _aad(self._header, self._number, last))
        self._target.write(struct.pack(">I", len(sealed)) + sealed)
        self._number += 1


class DecryptingReader:
    """A read-only file object over an encrypted archive; a wrong passphrase or damage raises BackupError."""

    def __init__(self, source: BinaryIO, passphrase: bytes | None, name: str):
        self._source, self._name = source, name
        magic = source.read(len(MAGIC))
        salt, self._prefix = source.read(16), source.read(8)
        if magic != MAGIC or len(self._prefix) != 8:
            raise BackupError(f"{name} is not an encrypted appliance backup.")
        if passphrase is None:
            raise BackupError(f"{name} is encrypted: set backup_passphrase_file to the file holding its passphrase "
                              f"(in appliance.toml, or APPLIANCE_BACKUP_PASSPHRASE_FILE on a new server).")
        self._header = magic + salt + self._prefix
        self._aes = AESGCM(_key(passphrase, salt))
        self._buffer, self._number, self._done = b"", 0, False

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._buffer) < size):
            self._buffer += self._open_next()
        if size < 0:
            size = len(self._buffer)
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def _open_next(self) -> bytes:
        head = self._source.read(4)
        if len(head) != 4:
            raise BackupError(f"{self._name} is cut short: the archive is incomplete. Use another backup.")
        sealed = self._source.read(struct.unpack(">I", head)[0])
        nonce = self._prefix + struct.pack(">I", self._number)
        for last in (False, True):
            try:
                data = self._aes.decrypt(nonce, sealed, _aad(self._header, self._number, last))
            except InvalidTag:
                continue
            self._number += 1
            self._done = last
            return data
        raise BackupError(f"{self._name} cannot be decrypted: wrong passphrase (backup_passphrase_file) or a "
                          f"damaged archive.")
