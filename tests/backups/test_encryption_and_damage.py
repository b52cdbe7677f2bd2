"""Encrypted archives need their passphrase; damaged ones are refused with the reason, the data untouched."""

from __future__ import annotations

import hashlib

import pytest

from appliance.backups.crypto import MAGIC
from appliance.backups.errors import BackupError
from appliance.backups.restore import restore
from appliance.backups.verify import unpack_and_check
from appliance.backups.work import backup_and_drill
from tests.backups.conftest import upload


def encrypted(settings, tmp_path, phrase: str):
    secret = tmp_path / f"phrase-{len(phrase)}.txt"
    secret.write_text(phrase + "\n", encoding="utf-8")
    return settings.replace(backup_passphrase_file=secret)


def fingerprint(settings) -> str:
    return hashlib.sha256(settings.paths.database.read_bytes()).hexdigest()


def test_an_encrypted_backup_opens_only_with_its_passphrase(api, world, tmp_path):
    upload(api)
    settings = encrypted(api.settings, tmp_path, "correct horse battery")
    backup, drill = backup_and_drill(settings, reason="manual")

    assert drill["ok"] and backup.path.name.endswith(".tar.zst.aes")
    assert backup.path.read_bytes().startswith(MAGIC) and b"appliance.db" not in backup.path.read_bytes()
    assert unpack_and_check(backup.path, tmp_path / "ok", b"correct horse battery").manifest["encrypted"] is True
    with pytest.raises(BackupError, match="wrong passphrase"):
        unpack_and_check(backup.path, tmp_path / "wrong", b"incorrect horse")
    with pytest.raises(BackupError, match="is encrypted: set backup_passphrase_file"):
        unpack_and_check(backup.path, tmp_path / "none", None)


def test_restore_refuses_a_wrong_passphrase_and_keeps_the_current_data(api, world, tmp_path):
    backup, _ = backup_and_drill(encrypted(api.settings, tmp_path, "correct horse battery"), reason="manual")
    api.stop()
    before = fingerprint(api.settings)
    with pytest.raises(BackupError, match="wrong passphrase"):
        restore(encrypted(api.settings, tmp_path, "nope"), backup.path)
    assert fingerprint(api.settings) == before
    assert not list(api.settings.data_dir.glob("before-restore-*"))


@pytest.mark.parametrize("damage", ["flipped", "cut"])
def test_restore_refuses_a_damaged_archive_with_the_reason_and_keeps_the_current_data(api, world, tmp_path, damage):
    upload(api)
    backup, _ = backup_and_drill(api.settings, reason="manual")
    data = bytearray(backup.path.read_bytes())
    if damage == "flipped":
        for offset in range(len(data) // 2, len(data) // 2 + 64):
            data[offset] ^= 0x5A
    else:
        del data[len(data) // 2:]
    backup.path.write_bytes(bytes(data))
    api.stop()
    before = fingerprint(api.settings)

    with pytest.raises(BackupError) as refused:
        restore(api.settings, backup.path)

    assert backup.path.name in str(refused.value)
    assert any(word in str(refused.value) for word in ("damaged", "SHA-256", "cut short", "missing", "unexpected entry",
                                                       "integrity check", "manifest")), str(refused.value)
    assert fingerprint(api.settings) == before
    assert not list(api.settings.data_dir.glob("before-restore-*"))
    assert not list(api.settings.paths.work.glob("restore-*"))
