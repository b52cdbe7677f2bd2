"""Settings: precedence, validation with messages naming the fix, per-OS default data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.errors import ConfigError
from appliance.paths import default_data_dir
from appliance.settings import SETTINGS, load_settings


def test_defaults_then_file_then_environment_then_flags(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "appliance.toml").write_text('port = 9001\nsettle_seconds = 3\nproject = "ic.file"\n')
    env = {"APPLIANCE_PORT": "9002", "APPLIANCE_PROJECT": "ic.env"}
    settings = load_settings({"data_dir": str(data), "port": "9003"}, env)
    assert settings.port == 9003 and settings.sources["port"] == "--port"
    assert settings.project == "ic.env" and settings.sources["project"] == "APPLIANCE_PROJECT"
    assert settings.settle_seconds == 3.0 and settings.sources["settle_seconds"].endswith("appliance.toml")
    assert settings.archive_days == 30 and settings.sources["archive_days"] == "default"


def test_data_dir_from_environment_and_exchange_default_inside_it(tmp_path):
    settings = load_settings({}, {"APPLIANCE_DATA_DIR": str(tmp_path / "d")})
    assert settings.data_dir == tmp_path / "d"
    assert settings.exchange == tmp_path / "d" / "exchange"
    assert settings.paths.database == tmp_path / "d" / "appliance.db"


def test_per_os_default_data_dir_is_shared_by_service_and_cli():
    assert default_data_dir("win32", {"PROGRAMDATA": r"C:\ProgramData"}) == Path(r"C:\ProgramData") / "Appliance"
    assert default_data_dir("linux", {}) == Path("/var/lib/appliance")


@pytest.mark.parametrize("env, words", [
    ({"APPLIANCE_PORT": "abc"}, ["port", "APPLIANCE_PORT", "not a whole number"]),
    ({"APPLIANCE_PORT": "70000"}, ["port", "above the maximum"]),
    ({"APPLIANCE_ENCODING": "latin9"}, ["encoding", "auto, utf-8, cp1252"]),
    ({"APPLIANCE_MAX_DELETE_RATIO": "1.5"}, ["max_delete_ratio", "above the maximum"]),
    ({"APPLIANCE_SETTLE_SECONDS": "-1"}, ["settle_seconds", "below the minimum"]),
])
def test_bad_values_name_the_setting_the_source_and_the_rule(tmp_path, env, words):
    with pytest.raises(ConfigError) as err:
        load_settings({"data_dir": str(tmp_path)}, env)
    for word in words:
        assert word in str(err.value)


def test_unknown_key_in_the_file_suggests_the_right_name(tmp_path):
    (tmp_path / "appliance.toml").write_text("setle_seconds = 5\n")
    with pytest.raises(ConfigError, match="Did you mean 'settle_seconds'"):
        load_settings({"data_dir": str(tmp_path)}, {})


def test_invalid_toml_names_the_file(tmp_path):
    (tmp_path / "appliance.toml").write_text("port = \n")
    with pytest.raises(ConfigError, match="appliance.toml is not valid TOML"):
        load_settings({"data_dir": str(tmp_path)}, {})


def test_lists_and_choices_are_parsed(tmp_path):
    settings = load_settings({"data_dir": str(tmp_path)},
                             {"APPLIANCE_INCREMENTAL_LAYOUTS": "io_stoart, io_clifor_righdoc",
                              "APPLIANCE_ENCODING": "CP1252"})
    assert settings.incremental_layouts == ("io_stoart", "io_clifor_righdoc")
    assert settings.encoding == "cp1252"


def test_every_setting_has_help_and_the_required_ones_exist():
    names = {s.name for s in SETTINGS}
    for required in ("data_dir", "exchange", "project", "host", "port", "settle_seconds", "rescan_minutes",
                     "archive_days", "encoding", "max_delete_ratio", "incremental_layouts"):
        assert required in names
    assert all(s.help.strip() for s in SETTINGS)
