"""A backup: what it holds, its manifest, its permissions, and a consistent copy while the service works."""

from __future__ import annotations

import hashlib
import re
import threading

from appliance import __version__
from appliance.backups.archive import take_backup
from appliance.backups.records import list_backups
from appliance.backups.verify import unpack_and_check
from appliance.backups.work import backup_and_drill
from appliance.connector.key import connector_key
from appliance.store.backup_copy import table_counts
from appliance.store.migrations import registered
from tests.backups.conftest import private, upload


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_holds_the_database_settings_license_keys_and_tls_but_not_media(api, world, tmp_path):
    settings = api.settings
    paths = settings.paths
    paths.config_file.write_text('settle_seconds = 5\n', encoding="utf-8")
    connector_key(paths)
    paths.tls.mkdir(exist_ok=True)
    (paths.tls / "server.pem").write_text("certificate", encoding="ascii")
    (paths.cache / "catalog").mkdir(parents=True)
    (paths.cache / "catalog" / "thumb.jpg").write_bytes(b"\xff\xd8 not copied")
    upload(api)

    backup, drill = backup_and_drill(settings, reason="manual")

    assert drill["ok"] is True and drill["reason"] is None
    assert re.fullmatch(r"appliance-backup-\d{8}T\d{6}Z-manual\.tar\.zst", backup.path.name)
    assert backup.path.parent == settings.backup_dir and private(backup.path)
    checked = unpack_and_check(backup.path, tmp_path / "out", None)
    manifest = checked.manifest
    secrets = {f"secrets/{file.name}" for file in paths.secrets.iterdir()}
    assert "secrets/connector.key" in secrets
    assert set(manifest["files"]) == {"appliance.db", "appliance.toml", "license.lic", "tls/server.pem"} | secrets
    for name in ("appliance.toml", "license.lic", "secrets/connector.key", "tls/server.pem"):
        assert manifest["files"][name]["sha256"] == sha256(paths.data_dir / name)
    assert manifest["version"] == __version__
    assert manifest["schema_version"] == registered()[-1].id
    assert manifest["tables"] == table_counts(api.store.connection())
    assert manifest["tables"]["documents"] == 1
    assert list_backups(settings.backup_dir)[0].record["drill"]["ok"] is True


def test_a_backup_taken_while_imports_and_uploads_run_is_consistent(api, world, tmp_path):
    stop = threading.Event()
    uploaded, imports = [], []

    def keep_uploading():
        while not stop.is_set():
            uploaded.append(upload(api))

    def keep_importing():
        while not stop.is_set():
            imports.extend(api.load(world, force=True))

    workers = [threading.Thread(target=keep_uploading), threading.Thread(target=keep_importing)]
    for worker in workers:
        worker.start()
    try:
        taken = []
        while len(taken) < 3 or not uploaded or not imports:
            taken.append(take_backup(api.settings, reason="manual", to=tmp_path / f"b{len(taken)}"))
    finally:
        stop.set()
        for worker in workers:
            worker.join()

    documents = [backup.manifest["tables"]["documents"] for backup in taken]
    assert documents == sorted(documents) and documents[-1] <= len(uploaded)
    for number, backup in enumerate(taken):
        checked = unpack_and_check(backup.path, tmp_path / f"check{number}", None)  # integrity + counts
        assert checked.manifest["tables"] == backup.manifest["tables"]
