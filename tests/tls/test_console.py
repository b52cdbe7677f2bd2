"""The console over HTTPS in headless Chromium that trusts the local CA through an NSS database (no
certificate error is ignored), and the iPads page: addresses, QR codes, steps, the ATS self-check."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError, expect

from tests.console.browser import CHROMIUM, CHROMIUM_ARGS, LAPTOP, sign_in
from tests.tls.conftest import start_secure

# Screenshots go with the other test artifacts; docs/img/ipads.png and ipads-it.png are copies of these.
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "tls"


def trusting_home(folder: Path, ca_file: Path) -> Path:
    """A HOME whose NSS database (what Chromium on Linux reads) trusts `ca_file` for servers."""
    database = folder / ".pki" / "nssdb"
    database.mkdir(parents=True)
    subprocess.run(["certutil", "-N", "-d", f"sql:{database}", "--empty-password"], check=True, capture_output=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{database}", "-n", "AppManager test CA", "-t", "C,,",
                    "-i", str(ca_file)], check=True, capture_output=True)
    return folder


@pytest.fixture
def trusted_browser(tmp_path, vendor, playwright_session):
    run = start_secure(tmp_path / "server", vendor)
    home = trusting_home(tmp_path / "home", run.ca_file)
    browser = playwright_session.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                                 env={**os.environ, "HOME": str(home)})
    try:
        yield run, browser, playwright_session
    finally:
        browser.close()
        run.stop()


def test_the_ipads_page_over_https_with_the_ca_trusted(trusted_browser):
    run, browser, _ = trusted_browser
    for locale, language, shot in (("en-GB", "en", "ipads.png"), ("it-IT", "it", "ipads-it.png")):
        context = browser.new_context(base_url=run.https_url, locale=locale, viewport=LAPTOP)
        page = context.new_page()
        page.set_default_timeout(15_000)
        sign_in(page)
        reply = page.goto("/admin/ipads")
        assert reply.ok and page.url.startswith("https://localhost:")
        expect(page.locator("#tls-state")).to_have_text("Valid" if language == "en" else "Valido")
        expect(page.locator(".qr svg")).to_have_count(3)
        app_url = page.locator("#url-app").inner_text()
        assert app_url.startswith("https://") and app_url.endswith(f":{run.https.port}/app/")
        assert page.locator("#url-profile").inner_text().endswith(f":{run.server.port}/ca.mobileconfig")
        rows = page.locator("[data-testid=rule]")
        expect(rows).to_have_count(10)
        assert page.locator("tr.bad").count() == 0
        rules = rows.all_inner_texts()
        if language == "it":  # the self-check is said in the page's language, like every check's message
            assert any(row.startswith("catena di certificati verificata") for row in rules), rules
            assert not any("chain verifies" in row or "negotiated" in row for row in rules), rules
        else:
            assert any(row.startswith("chain verifies") for row in rules), rules
        assert "localhost" in page.locator("#tls-names").inner_text()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
        context.close()


def test_without_the_ca_in_its_database_chromium_refuses_the_server(trusted_browser, tmp_path):
    run, _, playwright = trusted_browser
    empty = tmp_path / "empty-home"
    (empty / ".pki" / "nssdb").mkdir(parents=True)
    subprocess.run(["certutil", "-N", "-d", f"sql:{empty / '.pki' / 'nssdb'}", "--empty-password"], check=True)
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                         env={**os.environ, "HOME": str(empty)})
    try:
        page = browser.new_page()
        with pytest.raises(PlaywrightError, match="ERR_CERT_AUTHORITY_INVALID"):
            page.goto(run.https_url + "/admin/sign-in")
    finally:
        browser.close()


def test_an_import_refused_from_the_console_names_the_rule_and_keeps_the_certificate(trusted_browser, tmp_path):
    run, browser, _ = trusted_browser
    before = run.settings.paths.tls.joinpath("server.crt").read_bytes()
    bogus = tmp_path / "bogus.pem"
    bogus.write_bytes(run.ca_file.read_bytes())  # a certificate without its key
    context = browser.new_context(base_url=run.https_url, viewport=LAPTOP)
    page = context.new_page()
    sign_in(page)
    page.goto("/admin/ipads")
    page.set_input_files("input[name=certificate]", str(bogus))
    page.click("#import-certificate")
    expect(page.locator("#flash")).to_contain_text("private key")
    assert run.settings.paths.tls.joinpath("server.crt").read_bytes() == before
    context.close()
