"""A device paging through a table while an import of that table commits: nothing missed, nothing twice."""

from __future__ import annotations

import threading
from decimal import Decimal

from appliance.demo.datfile import write_rows
from appliance.ingest.pipeline import Hooks

ROWS = 300


def price_rows(changed=(), removed=(), added=0):
    rows = []
    for n in range(ROWS + added):
        if n in removed:
            continue
        price = Decimal("20.00") if n in changed else Decimal("10.00") + n
        rows.append({"CHIAVE": f"GEN_{n:04d}", "TIPO_LISTINO": "GEN", "COD_ART": f"ART{n:04d}", "TIPO_CLIFOR": 0,
                     "PREZZO": price})
    rows += [{"CHIAVE": f"CLI_C1_{n:04d}", "TIPO_LISTINO": "CLI", "COD_ART": f"ART{n:04d}", "TIPO_CLIFOR": 0,
              "COD_CLIFOR": "C1", "PREZZO": Decimal("5.5")} for n in range(30)]
    return rows


def test_paging_while_an_import_commits_misses_and_repeats_nothing(api, world, tmp_path):
    folder = tmp_path / "prices"
    folder.mkdir()
    write_rows(folder / "io_listini_full.dat", "io_listini_full", price_rows())
    api.load(folder, force=True)  # replaces the world's few price rows
    received: list[tuple[str, object]] = []  # (key, row) or (key, None) for a deletion, in arrival order

    def page(since):
        params = {"limit": 40, **({"since": since} if since else {})}
        reply = api.get("/api/v1/sync/io_listini_full", "mrossi", params=params)
        assert reply.status_code == 200, reply.text
        body = reply.json()
        received.extend((row["CHIAVE"], row) for row in body["rows"])
        received.extend((key, None) for key in body["deleted"])
        return body

    first = page(None)
    assert first["more"]
    reached, release = threading.Event(), threading.Event()

    def hold():
        reached.set()
        assert release.wait(30)

    # Rows already sent (5, 10) and not yet sent (250, 280) change; some of each are removed; ten are added.
    write_rows(folder / "io_listini_full.dat", "io_listini_full",
               price_rows(changed={5, 10, 250, 280}, removed={7, 260}, added=10))
    importer = threading.Thread(target=api.load, args=(folder,), kwargs={"hooks": Hooks(before_commit=hold)})
    importer.start()
    assert reached.wait(30)
    during = page(first["next"])  # the import holds the write lock between its writes and its COMMIT
    assert during["more"] and importer.is_alive()
    release.set()
    importer.join(30)
    body = during
    while body["more"]:
        body = page(body["next"])

    state: dict[str, object] = {}
    for key, row in received:
        if row is None:
            state.pop(key, None)
        else:
            state[key] = row
    server = api.sync_all("io_listini_full", "boss")["rows"]
    mine = {k: v for k, v in server.items() if v.get("COD_CLIFOR") in (None, "C1")}
    assert state == mine  # nothing missed, every change applied
    versions = [(key, repr(row)) for key, row in received if row is not None]
    assert len(versions) == len(set(versions))  # no row sent twice unless it changed in between
    twice = {key for key, _ in versions if sum(1 for k, _ in versions if k == key) > 1}
    assert twice <= {"GEN_0005", "GEN_0010"}
