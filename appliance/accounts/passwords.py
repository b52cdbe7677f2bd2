"""Password hashing with scrypt and a per-user salt.

Stored form: `scrypt$<log2 n>$<r>$<p>$<salt, base64>$<hash, base64>`, so the cost can
be raised later without breaking existing hashes (a successful login rehashes at the
current cost). The cost comes from the `password_hash_cost` setting; tests lower it,
nothing skips it. A login for an unknown user is checked against a dummy hash of the
same cost, so it takes as long as a wrong password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata

from appliance.errors import InvalidInputError

SCHEME = "scrypt"
BLOCK_SIZE = 8
PARALLELISM = 1
SALT_BYTES = 16
HASH_BYTES = 32
MIN_LENGTH = 8
MAX_LENGTH = 1024


def check_new_password(password: str) -> str:
    """The password to store, or InvalidInputError saying what a password needs."""
    if len(password) < MIN_LENGTH:
        raise InvalidInputError(f"The password is too short: use at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise InvalidInputError(f"The password is too long: use at most {MAX_LENGTH} characters.")
    if any(unicodedata.category(ch) == "Cc" for ch in password):
        raise InvalidInputError("The password contains control characters (such as a tab or a line break); "
                                "use letters, digits, spaces and punctuation.")
    return password


def hash_password(password: str, cost: int) -> str:
    """A new salted hash of `password` at scrypt cost 2**cost."""
    salt = os.urandom(SALT_BYTES)
    digest = _scrypt(password, salt, cost, BLOCK_SIZE, PARALLELISM)
    return _encode(cost, BLOCK_SIZE, PARALLELISM, salt, digest)


def verify_password(password: str, encoded: str) -> bool:
    """Whether `password` matches the stored hash (constant-time comparison)."""
    cost, block_size, parallelism, salt, expected = _decode(encoded)
    actual = _scrypt(password, salt, cost, block_size, parallelism)
    return hmac.compare_digest(actual, expected)


def dummy_hash(cost: int) -> str:
    """A hash no password matches, costing as much to check as a real one."""
    return _encode(cost, BLOCK_SIZE, PARALLELISM, os.urandom(SALT_BYTES), os.urandom(HASH_BYTES))


def needs_rehash(encoded: str, cost: int) -> bool:
    """Whether a stored hash was made with other parameters than today's."""
    stored_cost, block_size, parallelism, _, _ = _decode(encoded)
    return (stored_cost, block_size, parallelism) != (cost, BLOCK_SIZE, PARALLELISM)


def _scrypt(password: str, salt: bytes, cost: int, block_size: int, parallelism: int) -> bytes:
    # NFC: the same password typed on an iPad and on a PC may arrive composed differently.
    secret = unicodedata.normalize("NFC", password).encode("utf-8")
    n = 2 ** cost
    return hashlib.scrypt(secret, salt=salt, n=n, r=block_size, p=parallelism, dklen=HASH_BYTES,
                          maxmem=256 * block_size * (n + parallelism + 2))


def _encode(cost: int, block_size: int, parallelism: int, salt: bytes, digest: bytes) -> str:
    b64 = lambda raw: base64.b64encode(raw).decode("ascii")  # noqa: E731
    return f"{SCHEME}${cost}${block_size}${parallelism}${b64(salt)}${b64(digest)}"


def _decode(encoded: str) -> tuple[int, int, int, bytes, bytes]:
    scheme, cost, block_size, parallelism, salt, digest = encoded.split("$")
    if scheme != SCHEME:
        raise ValueError(f"unknown password hash scheme '{scheme}'")
    return int(cost), int(block_size), int(parallelism), base64.b64decode(salt), base64.b64decode(digest)
