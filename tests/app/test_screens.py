"""Every screen at iPad size, in Italian and English: each shows what it is for (the screenshots of docs/app.md)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.app.browser import IPAD_LANDSCAPE, local, sign_in

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "app"


def snap(page, name: str) -> None:
    """A screenshot in tests/artifacts/app/ (docs/img/app-*.png are copies of them)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(ARTIFACTS / f"app-{name}.png"))


def test_every_screen_in_italian_portrait(demo, ipad):
    page = ipad(demo, device="ipad-screens-it")
    page.goto("/app/")
    expect(page.get_by_test_id("login-submit")).to_have_text("Accedi")
    snap(page, "login")
    sign_in(page)
    expect(page.get_by_test_id("customer-row").first).to_be_visible()
    snap(page, "customers")
    debtor = local(page, """const open = (await db.allRows('io_clifor_scadoc')).filter(r => r.DES_STATO === 'Aperta');
                            return open[0].COD_CLIFOR;""")
    for tab, shows in (("general", ".fields"), ("open", "[data-testid=open-item]"), ("documents", "tr[data-document]"),
                       ("revenue", "svg.chart"), ("sales", "table.grid"), ("contacts", ".card")):
        page.goto(f"/app/#/customer/{debtor}/{tab}")
        expect(page.locator(shows).first).to_be_visible()
        if tab == "documents":
            page.locator("tr[data-document]").first.click()
            expect(page.locator("tr[data-lines] table").first).to_be_visible()
        snap(page, f"customer-{tab}")
    page.get_by_test_id("nav-catalog").click()
    expect(page.get_by_test_id("catalog-folder").first).to_be_visible()
    snap(page, "catalog")
    for _ in range(3):  # down the folders to the first one holding photos
        folder = page.get_by_test_id("catalog-folder").first
        shown = folder.get_attribute("href").rpartition("/")[2]
        folder.click()
        # the folder's own view, not the one it was opened from (which is on screen until it is drawn)
        expect(page.locator(f"#catalog-browse[data-folder='{shown}']")).to_be_attached()
        expect(page.get_by_test_id("catalog-item").or_(page.get_by_test_id("catalog-folder")).first).to_be_visible()
        if page.get_by_test_id("catalog-item").count():
            break
    expect(page.get_by_test_id("catalog-item").first).to_be_visible()
    snap(page, "catalog-folder")
    photo = local(page, "return (await db.allItems('catalog')).find(i => i.article && i.type === 'image');")
    page.goto(f"/app/#/article/{photo['article']}")
    expect(page.get_by_test_id("article-stock")).to_be_visible()
    snap(page, "article")
    page.get_by_test_id("article-photo").first.click()
    expect(page.get_by_test_id("photo-viewer").locator("img")).to_be_visible()
    snap(page, "article-photo")
    page.get_by_test_id("photo-viewer").get_by_role("button").click()
    expect(page.get_by_test_id("photo-viewer")).to_have_count(0)
    page.get_by_test_id("nav-catalog").click()
    page.get_by_test_id("article-search").fill("olio")
    expect(page.get_by_test_id("article-row").first).to_be_visible()
    snap(page, "article-search")
    page.get_by_test_id("nav-reports").click()
    expect(page.get_by_test_id("report-row").or_(page.get_by_test_id("report-folder")).first).to_be_visible()
    snap(page, "reports")
    page.get_by_test_id("nav-settings").click()
    expect(page.get_by_test_id("storage-used")).to_contain_text("usati")
    snap(page, "settings")


def test_english_landscape(demo, ipad):
    page = ipad(demo, locale="en-GB", viewport=IPAD_LANDSCAPE, device="ipad-screens-en")
    sign_in(page)
    expect(page.get_by_test_id("nav-customers")).to_contain_text("Customers")
    page.get_by_test_id("customer-search").fill("bar")
    snap(page, "customers-landscape-en")
    page.get_by_test_id("customer-row").first.click()
    expect(page.get_by_test_id("customer-tab-open")).to_have_text("Open items")
    snap(page, "customer-landscape-en")
    page.get_by_test_id("nav-catalog").click()
    expect(page.get_by_test_id("catalog-folder").first).to_be_visible()
    snap(page, "catalog-landscape-en")
    page.get_by_test_id("nav-settings").click()
    expect(page.get_by_test_id("sign-out")).to_contain_text("Sign out")
    snap(page, "settings-en")
