"""Driving the console in headless Chromium: Debian's /usr/bin/chromium, never a downloaded browser."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.console.server import ADMIN, ADMIN_PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "console"
LAPTOP = {"width": 1366, "height": 900}
IPAD = {"width": 820, "height": 1180}


def sign_in(page: Page, username: str = ADMIN, password: str = ADMIN_PASSWORD) -> None:
    """Sign in through the form and wait for the signed-in header."""
    page.goto("/admin/sign-in")
    fill_sign_in(page, username, password)
    expect(page.locator("#sign-out")).to_be_visible()


def fill_sign_in(page: Page, username: str = ADMIN, password: str = ADMIN_PASSWORD) -> None:
    """Fill in and send the sign-in form of the page shown."""
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("#sign-in")


def submit(page: Page, form: str, button: str = "button", **fields: str) -> None:
    """Fill the named fields of the form `form` (a CSS selector) and press its `button`."""
    for name, value in fields.items():
        page.fill(f"{form} [name={name}]", value)
    page.click(f"{form} {button}")


def snap(page: Page, name: str) -> Path:
    """A full-page screenshot in tests/artifacts/console/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def flash(page: Page):
    """The message the last action left."""
    return page.locator("#flash")
