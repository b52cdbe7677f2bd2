"""Where the certificates live: `<data dir>/tls/`, private keys readable only by the service account.

    ca.crt       the local CA certificate (PEM): what iPads install
    ca.key       its private key (PEM, 0600)
    server.crt   the server certificate followed by its chain (PEM)
    server.key   its private key (PEM, 0600)

Every file is written whole under a temporary name and renamed into place, so the
service never loads half a certificate and a refused import leaves the old one in force.
On Windows the installer gives the data directory an ACL for the service account only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from appliance.paths import Paths


@dataclass(frozen=True)
class TlsFiles:
    """The four files of one installation's TLS setup."""

    folder: Path

    @classmethod
    def of(cls, paths: Paths) -> "TlsFiles":
        return cls(paths.tls)

    @property
    def ca_cert(self) -> Path:
        return self.folder / "ca.crt"

    @property
    def ca_key(self) -> Path:
        return self.folder / "ca.key"

    @property
    def server_cert(self) -> Path:
        return self.folder / "server.crt"

    @property
    def server_key(self) -> Path:
        return self.folder / "server.key"

    def has_server_certificate(self) -> bool:
        return self.server_cert.is_file() and self.server_key.is_file()

    def has_authority(self) -> bool:
        return self.ca_cert.is_file() and self.ca_key.is_file()

    def load_chain(self) -> list[x509.Certificate]:
        """The server certificate first, then its chain."""
        return x509.load_pem_x509_certificates(self.server_cert.read_bytes())

    def load_leaf(self) -> x509.Certificate:
        return self.load_chain()[0]

    def load_ca(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.ca_cert.read_bytes())

    def load_ca_key(self):
        return serialization.load_pem_private_key(self.ca_key.read_bytes(), password=None)

    def save_authority(self, cert: x509.Certificate, key) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_private(self.ca_key, key_pem(key))
        write_public(self.ca_cert, cert.public_bytes(serialization.Encoding.PEM))

    def save_server(self, chain: list[x509.Certificate], key) -> None:
        """Put a server certificate (leaf first) and its key in force, the key first."""
        self.folder.mkdir(parents=True, exist_ok=True)
        staged_key = _stage(self.server_key, key_pem(key), private=True)
        staged_cert = _stage(self.server_cert, b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain))
        os.replace(staged_key, self.server_key)
        os.replace(staged_cert, self.server_cert)


def key_pem(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def write_private(path: Path, data: bytes) -> None:
    """Write a private key whole, readable only by this account."""
    os.replace(_stage(path, data, private=True), path)


def write_public(path: Path, data: bytes) -> None:
    os.replace(_stage(path, data), path)


def _stage(path: Path, data: bytes, *, private: bool = False) -> Path:
    staging = path.with_name(path.name + ".new")
    staging.unlink(missing_ok=True)
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if private else 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return staging
