"""The command line: backup, backups, paths."""

from __future__ import annotations

import json

from appliance.cli import main


def run(settings, *words) -> int:
    return main([*words, "--data-dir", str(settings.data_dir), "--exchange", str(settings.exchange)])


def test_backup_to_a_folder_then_backups_lists_the_ones_in_backup_dir(api, world, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("APPLIANCE_BACKUP_DIR", str(tmp_path / "second-disk"))
    assert run(api.settings, "backup", "--to", str(tmp_path / "usb")) == 0
    printed = capsys.readouterr().out
    assert "restore drill: passed" in printed and str(tmp_path / "usb") in printed
    assert run(api.settings, "backup") == 0
    capsys.readouterr()
    assert run(api.settings, "backups", "--json") == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["reason"] == "manual" and listed["drill"]["ok"] is True
    assert (tmp_path / "second-disk" / listed["name"]).is_file()
    assert len(list((tmp_path / "usb").glob("appliance-backup-*.tar.zst"))) == 1


def test_paths_names_the_backups_and_the_journal(api, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("APPLIANCE_BACKUP_DIR", str(tmp_path / "elsewhere"))
    assert run(api.settings, "paths") == 0
    lines = dict(line.split(None, 1) for line in capsys.readouterr().out.splitlines() if line.strip())
    assert lines["backups"].strip() == str(tmp_path / "elsewhere")
    assert lines["journal"].strip() == str(api.settings.data_dir / "journal")


def test_a_wrong_backup_at_is_refused_with_the_fix(api, capsys, monkeypatch):
    monkeypatch.setenv("APPLIANCE_BACKUP_AT", "25:00")
    assert run(api.settings, "backups") == 2
    assert "backup_at" in capsys.readouterr().err
