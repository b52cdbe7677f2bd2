"""The app on an iPad: sign in, full sync, then offline: it reopens, searches, shows open items and photos."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.app.browser import article_search, customer_search, local, sign_in


def test_signed_in_app_syncs_everything_then_works_offline(demo, ipad):
    page = ipad(demo)
    sign_in(page)
    summary = local(page, "return db.cursors();")
    assert summary and all(cursor["done"] for cursor in summary.values())
    assert len(summary) > 30  # every table the agent may see
    customers = local(page, "return (await db.allRows('io_clifor_gen')).map(r => r.COD_CLIFOR);")
    ages = local(page, "return (await db.allRows('io_clifor_age')).map(r => [r.COD_CLIFOR, r.COD_AGE]);")
    assert customers and {code for code, agent in ages} == set(customers)  # only AG01's customers
    price = local(page, "return (await db.allRows('io_listini_full'))[0].PREZZO;")
    assert isinstance(price, str) and re.fullmatch(r"\d+\.\d+", price)  # decimals kept as text, not doubles

    # A customer with open items, and an article with a photo, seen once while online.
    debtor = local(page, """const open = (await db.allRows('io_clifor_scadoc')).filter(r => r.DES_STATO === 'Aperta');
                            return open[0].COD_CLIFOR;""")
    photo = local(page, "return (await db.allItems('catalog')).find(i => i.article && i.type === 'image');")
    page.goto(f"/app/#/article/{photo['article']}")
    expect(page.get_by_test_id("article-photo").first).to_have_attribute("src", re.compile("^blob:"))

    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_test_id("sync-state")).to_have_attribute("data-state", "offline")
    name = local(page, f"return (await db.rowsOfCustomer('io_clifor_gen', '{debtor}'))[0].RAG_SOC;")
    rows = customer_search(page, name)
    expect(rows.first).to_have_attribute("data-code", debtor)
    rows.first.click()
    page.get_by_test_id("customer-tab-open").click()
    expect(page.get_by_test_id("open-item").first).to_be_visible()
    expect(page.get_by_test_id("open-items-total")).to_contain_text("€")

    found = article_search(page, photo["article"])
    expect(found.first).to_have_attribute("data-code", photo["article"])
    found.first.click()
    image = page.get_by_test_id("article-photo").first
    expect(image).to_have_attribute("src", re.compile("^blob:"))
    assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0


def test_customer_search_matches_name_vat_and_city_with_todays_visits_first(demo, ipad):
    page = ipad(demo)
    sign_in(page)
    first = local(page, "return (await db.allRows('io_clifor_gen'))[0];")
    for text in (first["COD_CLIFOR"], first["PARTITA_IVA"], first["RAG_SOC"].upper()):
        expect(customer_search(page, text).first).to_have_attribute("data-code", first["COD_CLIFOR"])
    everyone = customer_search(page, "")
    weekday = page.evaluate("((new Date().getDay() + 6) % 7) + 1")
    today = set(local(page, f"""return (await db.allRows('io_clifor_girovisita'))
                                 .filter(r => Number(r.GG_VISITA) === {weekday}).map(r => r.COD_CLIFOR);"""))
    codes = everyone.evaluate_all("rows => rows.map(r => r.dataset.code)")
    assert today and set(codes[:len(today)]) == today
