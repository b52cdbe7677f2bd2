"""An upgrade backs up before migrating; an older version on a newer schema stops and names the way back."""

from __future__ import annotations

import pytest

from appliance.backups.errors import SchemaTooNewError
from appliance.backups.records import list_backups
from appliance.backups.upgrade import guard_upgrade
from appliance.cli import main
from appliance.store.db import open_store
from appliance.store import migrations
from appliance.store.migrations import applied_ids, registered


@pytest.fixture
def registry():
    """The migration registry; a migration a test adds is taken away afterwards."""
    registered()  # load every module's migrations first
    yield migrations._REGISTRY
    migrations._REGISTRY.pop("9999", None)


NEWER = migrations.Migration("9999", "newer feature", lambda conn: conn.execute("CREATE TABLE newer (id)"))


def test_an_upgrade_backs_up_first_and_an_older_version_stops_naming_that_backup(device_settings, registry,
                                                                                 monkeypatch, signer):
    settings = device_settings
    old_schema = registered()[-1].id
    open_store(settings).close()  # the old version; nothing to back up on a new database
    assert list_backups(settings.backup_dir) == []

    registry["9999"] = NEWER  # the new version starts: backup, then migrate
    assert guard_upgrade(settings)
    upgraded = open_store(settings)
    assert applied_ids(upgraded)[-1] == "9999"
    upgraded.close()
    (backup,) = list_backups(settings.backup_dir)
    assert backup.reason == "pre-migration" and backup.good
    assert backup.record["schema_version"] == old_schema

    del registry["9999"]  # the old version is installed again
    with pytest.raises(SchemaTooNewError) as stopped:
        guard_upgrade(settings)
    message = str(stopped.value)
    assert "newer version" in message and "schema 9999" in message
    assert f'appliance restore "{backup.path}"' in message

    monkeypatch.setenv("APPLIANCE_DEV_TRUSTED_KEY", str(signer.public_key))
    assert main(["users", "list", "--data-dir", str(settings.data_dir)]) == 2  # every command stops with it
    assert main(["restore", str(backup.path), "--data-dir", str(settings.data_dir)]) == 0
    restored = open_store(settings)
    assert applied_ids(restored)[-1] == old_schema and not restored.table_exists("newer")
    restored.close()
