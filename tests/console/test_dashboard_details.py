"""The dashboard cards' "Details", as a clerk reads them: every field of every /health section has a label in
both languages, values are written for people (Italian numbers and dates on an Italian page, sizes in MB, local
times, yes/no), in headless Chromium at laptop size."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from appliance.console.details import details
from appliance.console.status import dashboard_status
from appliance.web.console.texts import TEXTS
from tests.console.browser import LAPTOP, sign_in
from tests.folderwatch.helpers import wait_for

LOCALES = {"en": "en-GB", "it": "it-IT"}
CARDS = ("catalog", "devices", "connector", "watching")
RAW = re.compile(r"\d{4}-\d{2}-\d{2}T|\b(True|False|None)\b|\w_\w|\bbytes\b|^\d+\.\d{3,}$")
DATE = {"en": re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"), "it": re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$")}


def labels(groups: list[dict]) -> set[str]:
    keys = set()
    for group in groups:
        heading = group["heading"] or ()
        keys |= {key for key in heading[0::2]}
        keys |= {key for key, _, _, _ in group["rows"]}
    return keys


def test_every_field_of_a_running_service_s_health_has_a_label_in_both_languages(fresh_server):
    """A backup taken first, so the backup section shows its nested fields too."""
    service = fresh_server.service
    assert service.backups.start("manual")
    wait_for(lambda: not service.backups.running and service.backups.health()["last"], timeout=60, what="a backup")
    report = dashboard_status(service)
    sections = report["sections"]
    assert {"catalog", "devices", "connector", "watching", "data_dir", "backups", "tls"} <= set(sections)
    for name, section in sections.items():
        assert TEXTS.get(f"dash.section.{name}", ("", ""))[1], f"the {name} card has no Italian title"
        missing = sorted(key for key in labels(details(name, section)) if key not in TEXTS)
        assert not missing, f"{name}: no label for {missing}"
        assert all(TEXTS[key][0] and TEXTS[key][1] for key in labels(details(name, section)))
    backup_keys = labels(details("backups", sections["backups"]))
    assert {"detail.backups.last", "detail.backups.drill", "detail.backups.created_at"} <= backup_keys


@pytest.mark.parametrize("lang, words", [
    ("it", {"sign_ins": "Accessi dall'avvio", "ok": "accesso riuscito", "paused": "In pausa", "no": "no",
            "open": "Parti non ancora acquisite", "queued": re.compile(r"^(in coda|inviata): \d+(, (in coda|inviata): \d+)?$"), "size": ",0 MB|^0 MB"}),
    ("en", {"sign_ins": "Sign-ins since start", "ok": "signed in", "paused": "Paused", "no": "no",
            "open": "Parts not yet taken", "queued": re.compile(r"^(queued|sent): \d+(, (queued|sent): \d+)?$"), "size": r"\.0 MB|^0 MB"}),
])
def test_card_details_are_labelled_and_written_for_a_clerk(open_page, console_server, lang, words):
    page = open_page(console_server, locale=LOCALES[lang], viewport=LAPTOP)
    sign_in(page)
    page.goto("/admin/")
    own = {text[LANGUAGE[lang]] for text in TEXTS.values() if text[LANGUAGE[lang]]}
    for name in CARDS:
        card = page.locator(f"#section-{name}")
        card.locator("details summary").click()
        terms = card.locator("details dt").all_inner_texts()
        assert terms, name
        strangers = [term for term in terms if term not in own]
        assert not strangers, f"{name}: labels not from the {lang} texts: {strangers}"
        for value in card.locator("details dd").all_inner_texts():
            assert not RAW.search(value), (name, value)
    devices = page.locator("#section-devices details")
    expect(devices).to_contain_text(words["sign_ins"])
    expect(devices.locator("dd[data-key='reason.ok']")).to_have_text(re.compile(r"^\d+$"))
    expect(devices.locator("dt", has_text=words["ok"])).to_be_visible()
    expect(devices.locator("dd[data-key='detail.devices.bytes']")).to_have_text(re.compile(words["size"]))
    expect(page.locator("#section-watching dd[data-key='detail.watching.paused']")).to_have_text(words["no"])
    connector = page.locator("#section-connector details")
    expect(connector).to_contain_text(words["open"])
    expect(connector.locator("dd[data-key='doc.kind.orders']")).to_have_text(words["queued"])
    catalog = page.locator("#section-catalog details")
    expect(catalog.locator("dd[data-key='detail.catalog.indexed_at']").first).to_have_text(DATE[lang])
    for name in ("data_dir", "backups", "tls"):  # sections without a sentence: only their labelled fields
        for term in page.locator(f"#section-{name} dt").all_inner_texts():
            assert term in own, (name, term)


LANGUAGE = {"en": 0, "it": 1}
