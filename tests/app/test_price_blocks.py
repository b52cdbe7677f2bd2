"""The price tables kept in blocks (bulk-rows.js): a full pass, rows sent again, deltas and deletions, the upgrade."""

from __future__ import annotations

from tests.app.browser import local

APPLY = """async ([table, rows, deleted, replace, done]) => { const db = await import('/app/db.js');
    await db.applyPage(table, {rows, deleted}, {replace, cursor: {since: 'c', done}}); }"""


def price(key: str, article: str | None, amount: str, customer: str | None = None) -> dict:
    row = {"CHIAVE": key, "COD_DITTA": "1", "TIPO_LISTINO": "LIS", "PREZZO": amount, "COD_LISTINO": "L01"}
    if article is not None:
        row["COD_ART"] = article
    if customer is not None:
        row["COD_CLIFOR"] = customer
    return row


def prices_of(page, article: str) -> dict:
    found = local(page, f"return db.rowsOfArticle('io_listini_full', {article!r});")
    assert len(found) == len({row["CHIAVE"] for row in found})  # each key once
    return {row["CHIAVE"]: row["PREZZO"] for row in found}


def blocks(page) -> list[dict]:
    return local(page, """const idb = await db.open(); return await new Promise((resolve) => {
        const request = idb.transaction('blocks').objectStore('blocks').getAll();
        request.onsuccess = () => resolve(request.result.map((block) => ({t: block.t, b: block.b, s: block.s}))); });""")


def apply(page, rows, deleted=(), *, replace=False, done=True):
    page.evaluate(APPLY, ["io_listini_full", rows, list(deleted), replace, done])


def test_a_full_pass_is_found_by_article_and_later_deltas_replace_and_delete_its_rows(demo, ipad):
    page = ipad(demo)
    page.goto("/app/")
    apply(page, [price("K1", "A1", "10.00000000"), price("K2", "A1", "9.00000000", "C1"), price("K3", "A2", "5.5"),
                 price("K4", None, "1.0")], replace=True, done=False)
    # The same pass sends K1 again (changed meanwhile) and deletes K3, which comes back later in the pass.
    apply(page, [price("K5", "A1", "11.0"), price("K1", "A1", "12.00000000")], ["K3"], done=False)
    assert prices_of(page, "A2") == {}
    assert all(isinstance(block["s"], int) for block in blocks(page))  # pages' blocks while the pass runs
    apply(page, [price("K3", "A2", "6.0")], done=True)
    assert prices_of(page, "A1") == {"K1": "12.00000000", "K2": "9.00000000", "K5": "11.0"}
    assert prices_of(page, "A2") == {"K3": "6.0"}
    assert prices_of(page, "") == {"K4": "1.0"}
    assert local(page, "return db.countRows('io_listini_full');") == 5
    assert local(page, "return (await db.getRow('io_listini_full', 'K2')).COD_CLIFOR;") == "C1"
    assert 0 < len(blocks(page)) <= 4  # a few blocks of text, not a record per row
    assert all(isinstance(block["s"], list) for block in blocks(page))  # the finished pass was sorted by article

    # A delta after the pass: K1's price changes, K2 moves to another article, K5 is deleted.
    apply(page, [price("K1", "A1", "13.0"), price("K2", "A3", "9.0", "C1")], ["K5"])
    assert prices_of(page, "A1") == {"K1": "13.0"}
    assert prices_of(page, "A3") == {"K2": "9.0"}
    assert local(page, "return db.countRows('io_listini_full');") == 4
    assert sorted(r["CHIAVE"] for r in local(page, "return db.allRows('io_listini_full');")) == ["K1", "K2", "K3", "K4"]
    assert local(page, "return (await db.rowsOfCustomer('io_listini_full', 'C1')).map(r => r.COD_ART);") == ["A3"]

    # A new full pass replaces everything, the delta's rows too.
    apply(page, [price("K9", "A1", "2.0")], replace=True)
    assert prices_of(page, "A1") == {"K9": "2.0"}
    assert prices_of(page, "A3") == {}
    assert local(page, "return db.countRows('io_listini_full');") == 1
    local(page, "await db.dropTable('io_listini_full');")
    assert local(page, "return db.countRows('io_listini_full');") == 0


def test_price_rows_kept_one_per_record_by_the_first_version_are_still_found_after_the_upgrade(demo, ipad):
    page = ipad(demo)
    page.goto("/health")  # the app's origin, without the app opening its database
    page.evaluate("""() => new Promise((resolve, reject) => {
        const request = indexedDB.open('appmanager', 1);
        request.onupgradeneeded = () => {
          const idb = request.result;
          idb.createObjectStore('meta', { keyPath: 'k' });
          const rows = idb.createObjectStore('rows', { keyPath: ['t', 'k'] });
          rows.createIndex('by_customer', ['t', 'c']);
          rows.createIndex('by_article', ['t', 'a']);
          rows.createIndex('by_document', ['t', 'd']);
          for (const name of ['folders', 'items']) idb.createObjectStore(name, { keyPath: ['area', 'id'] });
          idb.createObjectStore('files', { keyPath: 'url' });
          idb.createObjectStore('outbox', { keyPath: 'guid' });
          rows.put({ t: 'io_listini_full', k: 'OLD1', a: 'A1', r: { CHIAVE: 'OLD1', COD_ART: 'A1', PREZZO: '7.0' } });
        };
        request.onsuccess = () => { request.result.close(); resolve(); };
        request.onerror = () => reject(request.error);
      })""")
    assert prices_of(page, "A1") == {"OLD1": "7.0"}
    apply(page, [price("K1", "A1", "8.0")], ["OLD1"])  # a delta: OLD1 deleted
    assert prices_of(page, "A1") == {"K1": "8.0"}
