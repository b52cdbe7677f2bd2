"""Per-install secrets: made once, kept, replaced on rotation, a cut-short file replaced."""

from __future__ import annotations

import os
import stat

from appliance.secret_files import ensure_secret, read_secret, replace_secret, secret_path


def test_made_once_private_and_kept(settings):
    first = ensure_secret(settings.paths, "x.key")
    assert len(first) >= 32 and ensure_secret(settings.paths, "x.key") == first
    path = secret_path(settings.paths, "x.key")
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir() if p.name.startswith("x.key")] == ["x.key"]


def test_rotation_replaces_it_and_a_cut_short_file_is_remade(settings):
    first = ensure_secret(settings.paths, "x.key")
    second = replace_secret(settings.paths, "x.key")
    assert second != first and read_secret(secret_path(settings.paths, "x.key")) == second
    secret_path(settings.paths, "x.key").write_text("short")
    third = ensure_secret(settings.paths, "x.key")
    assert third not in (first, second, "short") and len(third) >= 32
