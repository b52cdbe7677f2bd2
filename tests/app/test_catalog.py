"""Catalog and reports offline: the "keep the catalog offline" switch, reports kept once opened."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.app.browser import local, sign_in


def test_keep_the_catalog_offline_downloads_every_image_and_its_thumbnail(demo, ipad):
    page = ipad(demo, device="ipad-catalog-1")
    sign_in(page)
    images = local(page, "return (await db.allItems('catalog')).filter(i => i.type === 'image');")
    assert images
    page.get_by_test_id("nav-settings").click()
    expect(page.get_by_test_id("keep-catalog")).to_be_visible()
    expect(page.locator("label.switch")).to_contain_text(f"{len(images)} immagini")
    page.get_by_test_id("keep-catalog").check()
    expect(page.locator("#media-state")).to_contain_text("disponibile offline", timeout=30_000)
    kept = set(local(page, "return [...await db.keptFiles()];"))
    assert {i["url"] for i in images} | {i["thumb_url"] for i in images} <= kept


def test_a_report_opened_once_stays_offline(demo, ipad):
    page = ipad(demo, device="ipad-reports-1")
    sign_in(page)
    page.get_by_test_id("nav-reports").click()
    listed = page.get_by_test_id("report-row").or_(page.get_by_test_id("report-folder")).first
    expect(listed).to_be_visible()  # the list is drawn after its IndexedDB reads
    while not page.get_by_test_id("report-row").count():
        page.get_by_test_id("report-folder").first.click()
        expect(listed).to_be_visible()
    row = page.get_by_test_id("report-row").first
    url = row.get_attribute("data-url")
    with page.expect_popup() as opened:
        row.click()
    viewer = opened.value
    viewer.wait_for_url(lambda address: address.startswith("blob:"))
    viewer.close()
    expect(page.get_by_test_id("report-offline").first).to_be_visible()
    stored = local(page, f"return (await db.getFile('{url}')).size;")
    assert stored > 1000

    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_test_id("report-row").first).to_be_visible()
    with page.expect_popup() as opened:
        page.get_by_test_id("report-row").first.click()
    opened.value.wait_for_url(lambda address: address.startswith("blob:"))  # from the kept copy
