"""The command line for ERP files, run in-process and as a real subprocess."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from appliance.cli import build_parser, main
from tests.datfiles import CITTA_HEADER, citta_rows, write_dat

REPO = Path(__file__).resolve().parents[2]


def all_commands(parser: argparse.ArgumentParser, prefix=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield prefix + (name,), sub
                yield from all_commands(sub, prefix + (name,))


def test_every_command_has_help_with_an_example_and_accepts_data_dir():
    commands = list(all_commands(build_parser()))
    assert len(commands) >= 8
    for name, sub in commands:
        assert "Example:" in (sub.epilog or ""), f"`appliance {' '.join(name)}` has no example"
        assert any("--data-dir" in a.option_strings for a in sub._actions), f"{name} lacks --data-dir"


def test_import_in_place_exit_codes_and_report(tmp_path, capsys):
    data = str(tmp_path / "data")
    good = write_dat(tmp_path / "in" / "io_citta.dat", CITTA_HEADER, citta_rows(3))
    bad = write_dat(tmp_path / "in" / "io_nazioni.dat", ["CHIAVE", "CODICE"], [["IT", "IT", "x"]])
    assert main(["import", "--data-dir", data, str(good)]) == 0
    assert good.exists()  # imported in place, not moved
    out = capsys.readouterr()
    assert "io_citta.dat: imported into io_citta (3 rows: 3 new" in out.out

    assert main(["import", "--data-dir", data, str(good), str(bad)]) == 1
    out = capsys.readouterr()
    assert "io_citta.dat: skipped" in out.out
    assert "io_nazioni.dat: rejected" in out.err
    assert "ERROR io_nazioni.dat, line 2: line 2 has 3 fields, the header has 2" in out.err
    assert bad.exists()


def test_check_stores_nothing(tmp_path, capsys):
    data = tmp_path / "data"
    good = write_dat(tmp_path / "io_citta.dat", CITTA_HEADER, citta_rows(3))
    assert main(["check", "--data-dir", str(data), str(good)]) == 0
    assert "io_citta.dat: valid (3 rows)" in capsys.readouterr().out
    assert not (data / "appliance.db").exists()
    bad = write_dat(tmp_path / "io_clifor_scadoc.dat", ["CHIAVE", "DAT_SCAD"], [["K", "30022026"]])
    assert main(["check", "--data-dir", str(data), str(bad)]) == 1
    assert "30022026 is not a date" in capsys.readouterr().err


def test_check_on_a_loaded_database_says_what_an_import_would_change(tmp_path, capsys):
    data = str(tmp_path / "data")
    path = write_dat(tmp_path / "io_citta.dat", CITTA_HEADER, citta_rows(3))
    main(["import", "--data-dir", data, str(path)])
    write_dat(path, CITTA_HEADER, citta_rows(2) + citta_rows(1, 10))
    capsys.readouterr()
    assert main(["check", "--data-dir", data, str(path)]) == 0
    assert "an import would add 1, change 0 and delete 1 rows" in capsys.readouterr().out


def test_imports_lists_the_log_and_shows_one_entry(tmp_path, capsys):
    data = str(tmp_path / "data")
    path = write_dat(tmp_path / "io_clifor_scadoc.dat", ["CHIAVE", "DAT_SCAD"], [["K", "30022026"]])
    main(["import", "--data-dir", data, str(path)])
    capsys.readouterr()
    assert main(["imports", "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert "io_clifor_scadoc.dat" in out and "rejected" in out
    assert main(["imports", "--data-dir", data, "--id", "1"]) == 0
    assert "error: line 2, DAT_SCAD '30022026': 30022026 is not a date" in capsys.readouterr().out


def test_held_commands_and_force(tmp_path, capsys):
    data = str(tmp_path / "data")
    path = write_dat(tmp_path / "io_citta.dat", CITTA_HEADER, citta_rows(10))
    main(["import", "--data-dir", data, str(path)])
    write_dat(path, CITTA_HEADER, citta_rows(1))
    assert main(["import", "--data-dir", data, str(path)]) == 1
    assert "would delete 9 of 10 rows" in capsys.readouterr().err
    assert main(["held", "list", "--data-dir", data]) == 0
    listing = capsys.readouterr().out
    name = listing.splitlines()[1].split()[0]
    assert name.endswith("-io_citta")
    assert main(["held", "apply", "--data-dir", data, name]) == 0
    assert "9 deleted" in capsys.readouterr().out
    assert main(["held", "list", "--data-dir", data]) == 0
    assert "no held files" in capsys.readouterr().out
    assert main(["held", "discard", "--data-dir", data, "nothing-here"]) == 2
    assert "no held file named 'nothing-here'" in capsys.readouterr().err

    write_dat(path, CITTA_HEADER, citta_rows(10, 100))
    assert main(["import", "--data-dir", data, "--force", str(path)]) == 0


def test_paths_and_config(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["paths", "--data-dir", str(data), "--exchange", str(tmp_path / "x")]) == 0
    out = capsys.readouterr().out
    assert f"database     {data / 'appliance.db'}" in out and f"exchange     {tmp_path / 'x'}" in out
    assert main(["config", "--data-dir", str(data), "--port", "9999"]) == 0
    out = capsys.readouterr().out
    assert any(line.split()[:3] == ["port", "9999", "--port"] for line in out.splitlines())


def test_bad_setting_is_a_one_line_error(tmp_path, capsys):
    assert main(["paths", "--data-dir", str(tmp_path), "--port", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: Setting 'port' from --port: 'x' is not a whole number")


def test_python_dash_m_runs_and_logs_the_import(tmp_path):
    data = tmp_path / "data"
    path = write_dat(tmp_path / "io_citta.dat", CITTA_HEADER, citta_rows(3))
    result = subprocess.run([sys.executable, "-m", "appliance", "import", "--data-dir", str(data), str(path)],
                            cwd=REPO, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr
    log = (data / "logs" / "appliance.log").read_text()
    assert "INFO    appliance.import: import started: io_citta.dat" in log
    assert "import finished: io_citta.dat: imported into io_citta (3 rows: 3 new" in log


@pytest.mark.parametrize("argv", [["--version"], ["import", "--help"]])
def test_version_and_help_exit_cleanly(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    assert capsys.readouterr().out.strip()
