"""The printed order confirmation shows the project's logo, kept on the iPad at sign-in and so printed offline."""

from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import expect

from appliance.catalog.logo import store_logo
from tests.app.browser import sign_in
from tests.app.orders import add_line, new_order, pick_order, wait_in_page, wait_saved


def red_logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 300), (200, 0, 0)).save(out, "JPEG")
    return out.getvalue()


def test_the_print_screen_shows_the_logo_kept_at_sign_in_while_offline(own_demo, ipad):
    store_logo(own_demo.settings.paths.logo, red_logo())
    page = ipad(own_demo)
    sign_in(page)
    wait_in_page(page, """async () => { const session = await import('/app/session.js');
        const url = session.session()?.project?.logo_url;
        const db = await import('/app/db.js'); return url && await db.getFile(url); }""")
    chosen = pick_order(own_demo)
    page.context.set_offline(True)

    guid = new_order(page, chosen["customer"])
    add_line(page, *chosen["plain"])
    wait_saved(page)
    page.evaluate(f"location.hash = '#/print/{guid}'")
    expect(page.get_by_test_id("print-page")).to_have_attribute("data-guid", guid)
    logo = page.get_by_test_id("print-logo")
    expect(logo).to_be_visible()
    wait_in_page(page, "async () => { const img = document.querySelector('[data-testid=print-logo]');"
                       " return img.complete && img.naturalWidth > 0; }")
    # Re-encoded by the appliance: at most 800 pixels a side, the aspect kept.
    assert page.evaluate("() => { const img = document.querySelector('[data-testid=print-logo]');"
                         " return [img.naturalWidth, img.naturalHeight]; }") == [800, 200]
    expect(page.get_by_test_id("print-line")).to_have_count(1)


def test_without_a_logo_the_print_screen_has_none(own_demo, ipad):
    page = ipad(own_demo)
    sign_in(page)
    chosen = pick_order(own_demo)
    guid = new_order(page, chosen["customer"])
    add_line(page, *chosen["plain"])
    wait_saved(page)
    page.evaluate(f"location.hash = '#/print/{guid}'")
    expect(page.get_by_test_id("print-page")).to_have_attribute("data-guid", guid)
    expect(page.get_by_test_id("print-logo")).to_have_count(0)
