"""Make schema-v1.db: a database written by the first version of the appliance, for the upgrade test.

"Schema v1" is the database of the first frozen build (commit FIRST_COMMIT, version
0.1.0, before device sync, documents and the console added their tables): migrations
0001 (counters, ERP table state, import log), 0100 (licensing state), 0110 (device users),
0120 (sessions and access log) and 0130 (parameters). The script takes that commit's
`appliance` package from git, and with that code alone migrates a new database, imports a
small io_citta.dat, adds the device user mrossi (password "v1 password"), logs a device
in and sets a parameter. The result is checked in; make it again with

    python3 tests/packaging/data/make_schema_v1.py

(the file differs byte for byte each time: times and random salts are in it).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

FIRST_COMMIT = "705e09d"
HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parents[2]
TARGET = HERE / "schema-v1.db"

WRITE_WITH_V1 = r'''
import sys
from pathlib import Path

from appliance.ingest.pipeline import import_batch
from appliance.licensing import add_user, authenticate, set_param
from appliance.settings import load_settings
from appliance.store.db import open_store

data = Path(sys.argv[1])
settings = load_settings({"data_dir": str(data), "exchange": str(data / "exchange")},
                         {"APPLIANCE_PASSWORD_HASH_COST": "4"})
store = open_store(settings)
citta = data / "io_citta.dat"
citta.write_bytes(b"CHIAVE|COD_DITTA|CODICE|DESCRIZIONE|CAP|PROVINCIA|DAT_ULT_MOD\r\n"
                  b"F205|01|F205|Milano|20100|MI|01011900000000\r\n"
                  b"H501|01|H501|Roma|00100|RM|01011900000000\r\n"
                  b"L219|01|L219|Torino|10100|TO|01011900000000\r\n")
[outcome] = import_batch(store, settings, [citta])
assert outcome.result == "imported", outcome
add_user(store, settings, "mrossi", "v1 password", agent_code="A01", display_name="Mario Rossi")
login = authenticate(store, settings, "mrossi", "v1 password", "V1-IPAD-0001", "iPad di Mario", "1.0", "127.0.0.1")
assert login.ok, login
set_param(store, "orders.delivery_days", "2")
store.close()
'''


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        code = Path(folder) / "code"
        data = Path(folder) / "data"
        code.mkdir()
        archive = subprocess.run(["git", "archive", FIRST_COMMIT, "appliance"], cwd=CHECKOUT, check=True,
                                 capture_output=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(code, filter="data")
        subprocess.run([sys.executable, "-c", WRITE_WITH_V1, str(data)], cwd=code, check=True,
                       env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin", "TZ": "Europe/Rome"})
        with sqlite3.connect(data / "appliance.db") as db:  # one self-contained file: no WAL beside it
            db.execute("PRAGMA journal_mode=DELETE")
        with sqlite3.connect(data / "appliance.db") as db:
            db.execute("VACUUM")
        TARGET.write_bytes((data / "appliance.db").read_bytes())
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes) with the code of {FIRST_COMMIT}")


if __name__ == "__main__":
    main()
