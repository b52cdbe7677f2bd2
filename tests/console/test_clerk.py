"""The console as an office clerk reads it, in Italian and in English, at laptop (1366×768) and iPad
(1024×1366) size: every page without English in Italian, without command lines, without sideways
scrolling; rejected files that clear; the order page; the dashboard's cards; the rules page that keeps
every edit. Screenshots of every page in both languages go to tests/artifacts/console/docs/ (docs/img holds
copies: console-*.png and dashboard.png), so a test run leaves the checkout clean.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect

from appliance.connector.key import connector_key
from appliance.console.admins import add_admin
from appliance.store.console_documents import find_documents
from appliance.web.console.texts import TEXTS
from appliance.messages import MESSAGES
from tests.console.browser import flash, sign_in
from tests.console.server import ADMIN, ADMIN_PASSWORD, order

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "console" / "docs"
LAPTOP_SMALL = {"width": 1366, "height": 768}
IPAD_PORTRAIT = {"width": 1024, "height": 1366}
VIEWPORTS = {"laptop": LAPTOP_SMALL, "ipad": IPAD_PORTRAIT}
LOCALES = {"en": "en-GB", "it": "it-IT"}
PAGES = {  # screenshot name -> console path ({order} is the seeded order's id)
    "dashboard": "", "imports": "imports", "import": "imports/1", "data": "data", "data-table": "data/io_art",
    "documents": "documents", "order": "documents/{order}", "rules": "rules", "users": "users",
    "user": "users/mrossi", "access": "access-log", "admins": "admins", "license": "license", "logs": "logs",
    "ipads": "ipads", "backups": "backups",
}
# Pages that show the ERP's or the log's own words, which stay as they were written.
OWN_WORDS = {"logs", "data-table"}
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")  # 2026-12-03; not inside a file name or code
DAY_AND_TIME = {"it": re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$"),
                "en": re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")}
# the parts of a message's pattern that are not its own words: groups, classes, escapes, wildcards
REGEX_PARTS = re.compile(r"\(\?P<\w+>(?:[^()]|\([^()]*\))*\)\??|\(\?:(?:[^()]|\([^()]*\))*\)\??|\[[^\]]*\][*+?]?|"
                         r"\\[sdwS](?:[*+?]|\{[^}]*\})?|[.][*+?]?")
COMMANDS = re.compile(r"appliance (held|license install|users|admin add|imports|params|documents)\b")


def english_sentences() -> set[str]:
    """Fragments of English texts (at least three words) that differ from their Italian: the console's texts,
    and the messages of the appliance's checks (their reader's English, else their pattern's own words)."""
    found = set()
    texts = [(en, it) for en, it in TEXTS.values() if en and it and en != it]
    texts += [(en, it) for _, _, en, it in MESSAGES if en]
    fragments = [fragment for english, _ in texts for fragment in re.split(r"\{\w+\}", english)]
    for _, pattern, english, _ in MESSAGES:
        if english is None:  # said as written: the words between the pattern's groups
            fragments += [re.sub(r"\\(.)", r"\1", part) for part in REGEX_PARTS.split(pattern)
                          if not re.search(r"[?{|]", part)]
    for fragment in fragments:
        fragment = fragment.strip(" .,:;()–·\\")
        if fragment.count(" ") >= 2 and len(fragment) >= 14:
            found.add(fragment)
    return found


ENGLISH = english_sentences()


def order_id(server) -> int:
    return next(row["id"] for row in find_documents(server.store, kind="orders") if row["guid"] == "ord-console-0001")


def signed_in(open_page, server, lang: str, viewport: dict):
    page = open_page(server, locale=LOCALES[lang], viewport=viewport)
    page.set_default_timeout(30_000)  # these tests walk many pages; a busy machine must not fail them
    page.set_default_navigation_timeout(30_000)
    sign_in(page)
    return page


def document(page, server, name: str) -> None:
    """A screenshot for docs/img (copied by hand), with the test's temporary folders shown as an installation's."""
    page.evaluate("""([places]) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const [from, to] of places) {
                if (node.nodeValue.includes(from)) node.nodeValue = node.nodeValue.split(from).join(to);
            }
        }
    }""", [[[str(server.settings.exchange) + "/", "D:\\Dropbox\\Exchange\\"],
            [str(server.settings.exchange), "D:\\Dropbox\\Exchange"],
            [str(server.settings.data_dir) + "/", "C:\\ProgramData\\Appliance\\"],
            [str(server.settings.data_dir), "C:\\ProgramData\\Appliance"]]])
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def body_text(page) -> str:
    """What the page shows (the technical details behind a closed "Details" stay as they are)."""
    return page.locator("main").inner_text()


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("size", ["laptop", "ipad"])
def test_every_page_speaks_the_language_names_no_command_and_fits(open_page, console_server, lang, size):
    page = signed_in(open_page, console_server, lang, VIEWPORTS[size])
    for name, path in PAGES.items():
        page.goto("/admin/" + path.format(order=order_id(console_server)))
        expect(page.locator("h1")).to_be_visible()
        assert page.locator("html").get_attribute("lang") == lang
        if size == "laptop":
            document(page, console_server, f"console-{name}-{lang}.png")
            if name == "dashboard" and lang == "en":
                document(page, console_server, "dashboard.png")
        text = body_text(page)
        if name not in OWN_WORDS:
            assert not COMMANDS.search(text), (name, COMMANDS.search(text).group(0))
        if lang == "it" and name not in OWN_WORDS:
            english = sorted(fragment for fragment in ENGLISH if fragment in text)
            assert not english, f"{name}: English in the Italian page: {english}"
            assert not ISO_DATE.search(text), f"{name}: a date not in the Italian format: {ISO_DATE.search(text)}"
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {size} size"


@pytest.mark.parametrize("lang, says", [
    ("it", ("chiave duplicata: la stessa chiave è alla riga 2", "attende un operatore", "Segna come visto")),
    ("en", ("duplicate key: the same key is on line 2", "waits for an operator", "Mark as seen")),
])
def test_the_rejection_is_told_in_the_language(open_page, console_server, lang, says):
    page = signed_in(open_page, console_server, lang, LAPTOP_SMALL)
    page.goto("/admin/imports")
    rejected = page.locator("#rejected")
    for text in says:
        expect(rejected).to_contain_text(text)
    expect(page.locator("#log")).to_contain_text(says[0])


@pytest.fixture
def own_server(fresh_server):
    add_admin(fresh_server.store, fresh_server.settings, ADMIN, ADMIN_PASSWORD)
    return fresh_server


@pytest.mark.parametrize("lang, words", [
    ("it", {"attention": "Richiede attenzione", "working": "Funziona", "seen": "visto da anna",
            "dismiss": "Segna come visto", "replaced": "importato un file successivo"}),
    ("en", {"attention": "Needs attention", "working": "Working", "seen": "seen by anna",
            "dismiss": "Mark as seen", "replaced": "a later file was imported"}),
])
def test_a_rejected_file_clears_when_replaced_or_marked_as_seen(open_page, own_server, lang, words):
    page = signed_in(open_page, own_server, lang, IPAD_PORTRAIT)
    own_server.deliver("io_zone.dat", b"CHIAVE|NOME\r\nN|Nord\r\nN|Nord again\r\n")
    page.goto("/admin/")
    expect(page.locator("#card-service .big")).to_have_text(words["attention"])
    expect(page.locator("#rejected-count")).to_have_text("1")
    page.goto("/admin/imports")
    page.get_by_role("button", name=words["dismiss"]).click()
    expect(flash(page)).to_contain_text("io_zone.dat")
    zone = page.locator("#rejected tr[data-name='io_zone.dat']")
    expect(zone).to_contain_text(words["seen"])
    page.goto("/admin/")
    expect(page.locator("#rejected-count")).to_have_text("0")
    expect(page.locator("#card-service .big")).to_have_text(words["working"])
    assert (own_server.settings.paths.rejected / "io_zone.dat").exists()  # kept for the record

    own_server.deliver("io_citta.dat", b"CHIAVE|COD_DITTA|CODICE\r\n1|1|A\r\n1|1|B\r\n")  # another table: rejected
    page.goto("/admin/")
    expect(page.locator("#rejected-count")).to_have_text("1")
    own_server.deliver("io_citta.dat", b"CHIAVE|COD_DITTA|CODICE|DESCRIZIONE\r\n1|1|C1|Bergamo\r\n")
    page.goto("/admin/imports")
    expect(page.locator("#rejected tr[data-name='io_citta.dat']")).to_contain_text(words["replaced"])
    page.goto("/admin/")
    expect(page.locator("#rejected-count")).to_have_text("0")


@pytest.mark.parametrize("lang, meant", [("it", "forse intendevi io_clifor_gen.dat"),
                                         ("en", "did you mean io_clifor_gen.dat")])
def test_a_misnamed_file_is_amber_with_the_name_it_meant(open_page, own_server, lang, meant):
    page = signed_in(open_page, own_server, lang, LAPTOP_SMALL)
    own_server.deliver("io_clifor.dat", b"CHIAVE|COD_CLIFOR|RAG_SOC\r\n1|C1|Rossi\r\n")
    page.goto("/admin/")
    expect(page.locator("#card-last-import")).to_have_class(re.compile(r"\bwarn\b"))
    expect(page.locator("#card-last-import")).to_contain_text(meant)
    expect(page.locator("#card-last-import .tag.rejected")).to_contain_text("1")
    expect(page.locator("#card-last-import .tag.imported")).to_contain_text("0")
    page.goto("/admin/imports")
    row = page.locator("#log tbody tr").first
    expect(row.locator(".tag.rejected")).to_be_visible()
    expect(row).to_contain_text(meant)


@pytest.mark.parametrize("lang, words", [
    ("it", {"parts": "Sarà inviato al gestionale in 2 parti", "history": "Ricevuto dal dispositivo di mrossi.",
            "euro": re.compile(r"^\d{1,3}(\.\d{3})*,\d{2} €$")}),
    ("en", {"parts": "Will be sent to the ERP in 2 parts", "history": "Received from mrossi's device.",
            "euro": re.compile(r"^€\d{1,3}(,\d{3})*\.\d{2}$")}),
])
def test_the_order_page_shows_what_a_clerk_checks(open_page, console_server, lang, words):
    page = signed_in(open_page, console_server, lang, IPAD_PORTRAIT)
    page.goto(f"/admin/documents/{order_id(console_server)}")
    customer = console_server.store.query_one(
        "SELECT RAG_SOC, CITTA FROM io_clifor_gen WHERE COD_CLIFOR = 'C000001' AND _deleted = 0")
    expect(page.locator("#order-customer")).to_contain_text(customer["RAG_SOC"])
    expect(page.locator("#order-customer")).to_contain_text(customer["CITTA"])
    lines = page.locator("#order-lines tbody tr")
    expect(lines).to_have_count(2)
    expect(lines.first.locator("td").nth(2)).to_contain_text("3")
    article = console_server.store.query_one("SELECT DES_ART FROM io_art WHERE COD_ART = 'ABB00037' AND _deleted = 0")
    expect(lines.first).to_contain_text(article["DES_ART"])
    expect(page.locator("#order-total")).to_have_text(words["euro"])
    expect(page.locator("#parts-heading")).to_have_text(words["parts"])
    history = page.locator("#history").inner_text()
    assert words["history"] in history and "{" not in history and "':" not in history
    for warning in page.locator("#warnings > ul > li").all_inner_texts():
        if "€" in warning or "sconto" in warning or "discount" in warning:
            assert not re.search(r"\d\.\d{4,}", warning), warning  # money, not 20.24000000


@pytest.mark.parametrize("lang, words", [
    ("it", {"validate": "Documenti da convalidare", "synced": "1 iPad sincronizzato oggi, alle",
            "never": "mai", "last_sync": "Ultima sincronizzazione"}),
    ("en", {"validate": "Documents to validate", "synced": "1 iPad synced today, at",
            "never": "never", "last_sync": "Last sync"}),
])
def test_dashboard_cards_and_users_say_who_synced_when(open_page, console_server, lang, words):
    page = signed_in(open_page, console_server, lang, LAPTOP_SMALL)
    page.goto("/admin/")
    expect(page.locator("#card-waiting")).to_contain_text(words["validate"])
    expect(page.locator("#validation-count")).to_have_text(re.compile(r"^\d+$"))
    expect(page.locator("#section-devices .sentence")).to_contain_text(words["synced"])
    page.goto("/admin/users")
    header = page.locator("#users thead")
    expect(header).to_contain_text(words["last_sync"])
    mario = page.locator("#users tbody tr", has=page.locator("a", has_text="mrossi"))
    expect(mario.locator(".last-sync")).to_have_text(re.compile(r"\d{2}[/-]\d{2}[/-]\d{2,4}|\d{4}-\d{2}-\d{2}"))
    gino = page.locator("#users tbody tr", has=page.locator("a", has_text="gverdi"))
    expect(gino.locator(".last-sync")).to_have_text(words["never"])
    expect(mario.locator(".last-sign-in")).to_have_text(DAY_AND_TIME[lang])
    expect(gino.locator(".last-sign-in")).to_have_text(words["never"])


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_rules_page_never_loses_an_edit(open_page, own_server, lang):
    page = signed_in(open_page, own_server, lang, IPAD_PORTRAIT)
    page.goto("/admin/rules")
    page.locator("#group-app input[name='p:app.discounts_count']").fill("4")
    expect(page.locator("#group-app .unsaved")).to_be_visible()
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.type))
    page.goto("/admin/users")  # leaving with an unsaved edit asks first (the test's handler accepts)
    assert dialogs == ["beforeunload"]
    page.goto("/admin/rules")
    page.locator("#group-app input[name='p:app.discounts_count']").fill("4")
    page.locator("#group-orders input[name='p:orders.delivery_days']").fill("2")
    page.locator("#group-validate button.primary").click()  # another group's Save sends both edits
    expect(flash(page)).to_contain_text("app.discounts_count")
    expect(flash(page)).to_contain_text("orders.delivery_days")
    expect(page.locator("#group-app input[name='p:app.discounts_count']")).to_have_value("4")
    meta = page.locator("[data-key='app.show_stock'] .meta").inner_text()
    assert meta.count("·") == 1, meta  # "app.show_stock · default", no "default · default on"


@pytest.mark.parametrize("lang, error", [
    ("it", "Scegli il file di licenza (.lic) inviato dal fornitore"),
    ("en", "Choose the license file (.lic) the vendor sent"),
])
def test_an_empty_license_upload_is_told_on_the_license_page(open_page, console_server, lang, error):
    page = signed_in(open_page, console_server, lang, LAPTOP_SMALL)
    page.goto("/admin/license")
    page.evaluate("document.querySelector('input[name=license]').removeAttribute('required')")
    page.click("#install-license")
    expect(page).to_have_url(re.compile(r"/admin/license$"))
    expect(page.locator("p.flash.error")).to_contain_text(error)


def test_the_console_has_a_favicon(open_page, console_server):
    page = signed_in(open_page, console_server, "en", LAPTOP_SMALL)
    href = page.locator("link[rel=icon]").get_attribute("href")
    reply = page.request.get(href)
    assert reply.ok and reply.headers["content-type"].startswith("image/svg+xml")


@pytest.mark.parametrize("lang, lines", [
    ("it", ("io_art.dat: rifiutato: 3 errori", "ERRORE io_art.dat, riga 2, colonna PREZZO_MIN_VEN",
            "ERRORE io_art.dat, riga 3, colonna PREZZO_MIN_VEN", "ERRORE io_art.dat, riga 4, colonna PREZZO_MIN_VEN",
            "usa il separatore delle migliaia", "non è un numero")),
    ("en", ("io_art.dat: rejected: 3 errors", "ERROR io_art.dat, line 2, column PREZZO_MIN_VEN",
            "ERROR io_art.dat, line 3, column PREZZO_MIN_VEN", "ERROR io_art.dat, line 4, column PREZZO_MIN_VEN",
            "uses a thousands separator", "is not a number")),
])
def test_a_rejected_upload_lists_every_error(open_page, own_server, lang, lines, tmp_path):
    upload = tmp_path / "io_art.dat"
    upload.write_bytes(b"CHIAVE|COD_DITTA|COD_ART|DES_ART|PREZZO_MIN_VEN\r\nA|1|A1|Vite|1.000,50\r\n"
                       b"B|1|B1|Dado|3.5\r\nC|1|C1|Chiodo|abc\r\n")
    page = signed_in(open_page, own_server, lang, IPAD_PORTRAIT)
    page.goto("/admin/imports")
    page.set_input_files("input[name=file]", str(upload))
    page.click("#upload-file")
    told = flash(page)
    for line in lines:
        expect(told).to_contain_text(line)
    assert told.inner_text().count("\n") >= 3  # one line each


@pytest.fixture(scope="module")
def taken_order(console_server) -> int:
    """A second order in two parts, both taken by the ERP over the connector's plain API."""
    stored = console_server.upload("orders", order("ord-console-0002"))
    key = {"Authorization": "Bearer " + connector_key(console_server.settings.paths)}
    base = console_server.server.url + "/api/connector/v1/orders"
    entries = requests.get(base, params={"after": 0}, headers=key, timeout=10).json()["entries"]
    ids = [entry["id"] for entry in entries if entry["document_id"] == stored["id"]]
    assert len(ids) == 2
    assert requests.post(base + "/ack", json={"ids": ids}, headers=key, timeout=10).status_code == 200
    return stored["id"]


@pytest.mark.parametrize("lang, sent", [("it", "Inviato al gestionale in 2 parti"),
                                        ("en", "Sent to the ERP in 2 parts")])
def test_a_taken_order_says_it_was_sent_in_parts(open_page, console_server, taken_order, lang, sent):
    page = signed_in(open_page, console_server, lang, LAPTOP_SMALL)
    page.goto(f"/admin/documents/{taken_order}")
    expect(page.locator("#parts-heading")).to_have_text(sent)
