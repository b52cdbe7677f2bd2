"""kill -9 in the middle of an import leaves the database as before, and nothing behind."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.datfiles import CITTA_HEADER, citta_rows, write_dat

REPO = Path(__file__).resolve().parents[2]

IMPORT_THEN_HANG = textwrap.dedent("""
    import sys, threading
    from pathlib import Path
    from appliance.settings import load_settings
    from appliance.store.db import Store
    from appliance.store.migrations import migrate
    from appliance.ingest.pipeline import Hooks, import_batch

    data_dir, marker, *files = sys.argv[1:]
    settings = load_settings({"data_dir": data_dir}, {})
    store = Store(settings.paths.database)
    migrate(store)

    def hang():
        Path(marker).write_text("inside the write transaction")
        threading.Event().wait()  # until killed

    import_batch(store, settings, [Path(f) for f in files], hooks=Hooks(before_commit=hang))
""")


def wait_for_file(path: Path, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the import never reached its commit"
        time.sleep(0.02)


def test_kill_9_before_commit_leaves_the_database_as_before(gestionale, load, store, settings, tmp_path):
    citta = gestionale / "io_citta.dat"
    load(write_dat(citta, CITTA_HEADER, citta_rows(100)))
    before = store.query("SELECT * FROM io_citta ORDER BY _key")
    store.close()

    write_dat(citta, CITTA_HEADER, citta_rows(100, suffix=" modificata") + citta_rows(50_000, 200))
    naz = write_dat(gestionale / "io_nazioni.dat", ["CHIAVE", "CODICE", "DESCRIZIONE"], [["IT", "IT", "Italia"]])
    marker = tmp_path / "inside"
    process = subprocess.Popen(
        [sys.executable, "-c", IMPORT_THEN_HANG, str(settings.data_dir), str(marker), str(citta), str(naz)],
        cwd=REPO, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        wait_for_file(marker, process)
        assert list(settings.paths.work.glob("stage-*")), "the batch's staging file exists while it runs"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)

    conn = sqlite3.connect(settings.paths.database)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert store.query("SELECT * FROM io_citta ORDER BY _key") == before
    assert not store.table_exists("io_nazioni")
    assert store.scalar("SELECT count(*) FROM import_log") == 1

    (again,) = load(naz)  # the next run works and sweeps the dead process's staging file
    assert again.result == "imported"
    assert list(settings.paths.work.glob("stage-*")) == []
