"""Files from the ERP through the running service: a mostly-UTF-8 file with a few bad bytes, a file whose
writer pauses mid-line."""

from __future__ import annotations

import pytest

from appliance.store.imports import last_import
from tests.folderwatch.helpers import wait_for
from tests.service.conftest import Running, make_exchange

UTF8_LINES = "".join(f"C{n}|Città di Forlì {n}\r\n" for n in range(1, 40))
MIXED = ("CHIAVE|NOME\r\n" + UTF8_LINES).encode() + b"X1|Perch\xe9 no\r\nX2|ok\r\n"  # line 41: one cp1252 byte


@pytest.fixture
def service(make_settings, tmp_path):
    def start(**flags) -> Running:
        settings = make_settings(exchange=str(tmp_path / "exchange"), settle_seconds=10.0, **flags)
        make_exchange(settings)
        return Running(settings).start()

    started: list[Running] = []
    yield lambda **flags: started.append(start(**flags)) or started[-1]
    for run in started:
        run.stop()


def rows(run: Running) -> dict[str, str]:
    return {row["CHIAVE"]: row["NOME"] for row in run.store.query("SELECT CHIAVE, NOME FROM io_zone")}


def test_a_utf8_file_with_a_few_bad_bytes_is_rejected_naming_the_lines(service):
    run = service()
    run.drop("io_zone.dat", MIXED)
    run.settle()
    run.wait_batches(1)
    entry = last_import(run.store)
    assert entry["result"] == "rejected"
    assert "UTF-8 except for 1 line(s)" in entry["message"] and "line 41" in entry["message"]
    report = (run.settings.paths.rejected / "io_zone.dat.errors.txt").read_text(encoding="utf-8")
    assert "line 41" in report and "not UTF-8" in report


def test_by_setting_it_is_read_as_utf8_and_the_lines_are_reported(service):
    run = service(encoding_mixed="replace")
    run.drop("io_zone.dat", MIXED)
    run.settle()
    run.wait_batches(1)
    entry = last_import(run.store)
    assert entry["result"] == "imported", entry["message"]
    stored = rows(run)
    assert stored["C7"] == "Città di Forlì 7"  # the accented letters are intact, not cp1252 garbage
    assert stored["X1"] == "Perch\ufffd no"
    assert any(p["line"] == 41 and "not UTF-8" in p["reason"] for p in entry["problems"])


def test_a_windows_1252_file_is_still_read_as_windows_1252(service):
    run = service()
    run.drop("io_zone.dat", b"CHIAVE|NOME\r\nC1|Citt\xe0\r\nC2|Forl\xec\r\n")
    run.settle()
    run.wait_batches(1)
    assert last_import(run.store)["result"] == "imported"
    assert rows(run) == {"C1": "Città", "C2": "Forlì"}


def test_a_file_cut_short_that_keeps_growing_is_imported_once_complete(service):
    run = service()
    head = b"CHIAVE|NOME\r\n" + b"".join(b"C%d|Nome %d\r\n" % (n, n) for n in range(1, 30))
    path = run.drop("io_zone.dat", head + b"C30")  # the connector paused mid-line, past the settle time
    run.settle()
    run.wait_batches(1)
    assert path.exists() and not (run.settings.paths.rejected / "io_zone.dat").exists()
    assert run.health()["folders"]["gestionale"]["work"]["waiting_to_grow"] == ["io_zone.dat"]
    with path.open("ab") as handle:  # it goes on writing
        handle.write(b"|Nome 30\r\nC31|Nome 31\r\n")
    run.wait_seen(path)
    run.settle()
    run.wait_batches(2)
    assert last_import(run.store)["result"] == "imported"
    assert len(rows(run)) == 31 and not path.exists()


def test_a_file_cut_short_that_never_grows_is_rejected_after_the_patience(service):
    run = service()
    path = run.drop("io_zone.dat", b"CHIAVE|NOME\r\nC1|Nome 1\r\nC2")
    run.settle()
    run.wait_batches(1)
    assert path.exists()
    run.clock.advance(run.service.erp.growth.patience + 1)
    run.service.watcher.rescan_now()  # the periodic full rescan hands it over again, unchanged
    run.wait_seen(path)
    run.settle()
    run.wait_batches(2)
    wait_for(lambda: (run.settings.paths.rejected / "io_zone.dat").exists(), what="the file rejected")
    assert run.health()["folders"]["gestionale"]["work"]["waiting_to_grow"] == []


def test_a_file_with_a_bad_line_and_a_line_end_is_rejected_at_once(service):
    run = service()
    run.drop("io_zone.dat", b"CHIAVE|NOME\r\nC1|Nome 1\r\nC2\r\n")
    run.settle()
    run.wait_batches(1)
    wait_for(lambda: (run.settings.paths.rejected / "io_zone.dat").exists(), what="the file rejected")
