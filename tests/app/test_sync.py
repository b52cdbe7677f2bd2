"""Sync after the first one: a re-imported ERP file's changes and deletions, a sync cut off midway, a 410."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from appliance.accounts import set_user
from tests.app.browser import article_search, customer_search, local, sign_in, sync_now, wait_synced
from tests.app.server import AGENT


def _rows_of(text: str) -> tuple[str, list[str]]:
    lines = text.split("\r\n")
    return lines[0], [line for line in lines[1:] if line]


def test_reimported_file_changes_and_deletions_arrive_in_the_next_sync(own_demo, ipad):
    page = ipad(own_demo)
    sign_in(page)
    source = own_demo.archived("io_art.dat").read_bytes().decode("utf-8")
    header, rows = _rows_of(source)
    changed, removed = rows[0].split("|"), rows[1].split("|")
    changed[3] = "Spumante millesimato edizione limitata"
    edited = [header, "|".join(changed)] + rows[2:]
    own_demo.deliver("io_art.dat", ("\r\n".join(edited) + "\r\n").encode("utf-8"))
    sync_now(page)

    expect(article_search(page, "millesimato edizione").first).to_have_attribute("data-code", changed[2])
    article_search(page, removed[2])
    expect(page.get_by_test_id("article-row")).to_have_count(0)
    assert local(page, f"return (await db.rowsOfArticle('io_art', '{removed[2]}')).length;") == 0


def test_a_sync_cut_off_midway_resumes_from_its_last_page(own_demo, ipad):
    page = ipad(own_demo)
    page.goto("/app/")
    page.evaluate("localStorage.setItem('appmanager.sync_limit', '100');"
                  "localStorage.setItem('appmanager.request_timeout', '5000')")
    pages = []

    def cut_off(route):
        pages.append(route.request.url)
        if len(pages) < 4:
            route.continue_()
            return
        try:
            if len(pages) == 4:
                own_demo.stop_http()  # the appliance goes away while the app pages through io_listini_full
        finally:
            route.abort("connectionrefused")

    page.context.route("**/api/v1/sync/io_listini_full*", cut_off)
    page.get_by_test_id("login-username").fill(AGENT["username"])
    page.get_by_test_id("login-password").fill(AGENT["password"])
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("sync-state")).to_have_attribute("data-state", "offline", timeout=30_000)
    kept = local(page, "return (await db.cursors()).io_listini_full;")
    assert kept["done"] is False and kept["since"]
    held = local(page, "return db.countRows('io_listini_full');")
    assert held >= 200  # the pages applied before the cut stay

    page.context.unroute("**/api/v1/sync/io_listini_full*")
    asked = []
    page.context.on("request",
                    lambda request: asked.append(request.url) if "/sync/io_listini_full" in request.url else None)
    own_demo.start_http()
    sync_now(page)
    first = parse_qs(urlparse(asked[0]).query)
    assert first["since"] == [kept["since"]]  # resumed where it stopped, not from the start
    total = own_demo.store.scalar("SELECT count(*) FROM io_listini_full")
    assert local(page, "return db.countRows('io_listini_full');") <= total
    assert local(page, "return (await db.cursors()).io_listini_full.done;") is True
    assert len(asked) + 3 <= -(-local(page, "return db.countRows('io_listini_full');") // 100) + 1


def _summary_before_the_change(route):
    reply = route.fetch()
    summary = reply.json()
    for info in summary["tables"].values():
        info["full"] = False
    route.fulfill(response=reply, json=summary)


def test_a_410_replaces_the_table(own_demo, ipad):
    page = ipad(own_demo)
    sign_in(page)
    before = set(local(page, "return (await db.allRows('io_clifor_gen')).map(r => r.COD_CLIFOR);"))
    set_user(own_demo.store, own_demo.settings, AGENT["username"], {"agent_code": "AG02"})
    # The summary already flags the tables whose scope changed (full: true); an app asks for a
    # delta all the same when the change comes between the summary and the pages. The summary
    # is answered as it was before the change, so the pages meet the change: 410.
    page.context.route("**/api/v1/sync", _summary_before_the_change)
    gone = []
    page.context.on("response", lambda reply: gone.append(reply.url) if reply.status == 410 else None)
    sync_now(page)
    assert any("/sync/io_clifor_gen" in url for url in gone)
    after = set(local(page, "return (await db.allRows('io_clifor_gen')).map(r => r.COD_CLIFOR);"))
    links = local(page, "return (await db.allRows('io_clifor_age')).map(r => [r.COD_CLIFOR, r.COD_AGE]);")
    assert after and after != before
    assert {code for code, agent in links if agent == "AG02"} == after  # the new agent's customers, only them
    lost = sorted(before - after)[0]
    customer_search(page, lost)
    expect(page.get_by_test_id("customer-row")).to_have_count(0)
    wait_synced(page)
