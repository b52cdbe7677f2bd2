"""The project's logo on the Rules page: uploaded by a signed-in administrator over the real console, checked,
re-encoded as a PNG, refused with a clear message (the previous one kept), and then served to the iPads."""

from __future__ import annotations

import html
import io
import re

import pytest
import requests
from PIL import Image

from appliance.backups.archive import take_backup
from appliance.backups.verify import unpack_and_check
from appliance.console.admins import add_admin
from tests.console.client import ConsoleClient
from tests.console.server import ADMIN, ADMIN_PASSWORD

FLASH = re.compile(r'id="flash">([^<]*)<')


def image(kind: str, size=(1600, 400)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA" if kind == "PNG" else "RGB", size, (0, 90, 160)).save(out, kind)
    return out.getvalue()


@pytest.fixture
def admin(fresh_server):
    add_admin(fresh_server.store, fresh_server.settings, ADMIN, ADMIN_PASSWORD)
    client = ConsoleClient(fresh_server)
    client.sign_in(ADMIN, ADMIN_PASSWORD)
    return client


def upload(client: ConsoleClient, data: bytes, name: str = "logo.jpg", language: str = "en-GB") -> str:
    """Post the form as the Rules page does; the flash message of the page it leads to."""
    client.http.headers["Accept-Language"] = language
    reply = client.post("/admin/rules/logo", {"csrf_token": client.token("/admin/rules")}, files={"logo": (name, data)})
    assert reply.status_code == 303 and reply.headers["Location"].endswith("/rules#logo"), reply.text
    return html.unescape(FLASH.search(client.get("/admin/rules").text).group(1))


def test_an_uploaded_jpeg_is_stored_as_a_png_of_at_most_800_pixels_and_shown_on_the_rules_page(fresh_server, admin):
    assert 'id="logo-upload"' in admin.get("/admin/rules").text and admin.get("/admin/rules/logo.png").status_code == 404
    assert upload(admin, image("JPEG")).startswith("The logo was saved (800×200 pixels)")
    stored = fresh_server.settings.paths.logo
    with Image.open(stored) as kept:
        assert (kept.format, kept.size) == ("PNG", (800, 200))
    assert 'id="logo-preview"' in admin.get("/admin/rules").text
    shown = admin.get("/admin/rules/logo.png")
    assert shown.headers["Content-Type"] == "image/png" and shown.content == stored.read_bytes()


@pytest.mark.parametrize("data, name, english, italian", [
    (b"GIF89a" + b"\0" * 40, "logo.gif", "The logo must be a PNG or JPEG image", "Il logo deve essere un'immagine PNG o JPEG"),
    (b"%PDF-1.4 not an image", "logo.png", "this file is not one that can be read", "non si riesce a leggere"),
    (image("GIF"), "logo.gif", "The logo must be a PNG or JPEG image.", "Il logo deve essere un'immagine PNG o JPEG."),
    (b"", "logo.png", "Choose an image file (PNG or JPEG)", "Scegliere un file immagine"),
    (b"\x89PNG" + b"\0" * (5 * 1024 * 1024), "huge.png", "larger than 5 MB", "supera 5 MB"),
])
def test_a_bad_file_is_refused_with_a_clear_message_and_the_previous_logo_stays(fresh_server, admin, data, name,
                                                                                english, italian):
    upload(admin, image("PNG"), "first.png")
    before = fresh_server.settings.paths.logo.read_bytes()
    assert english in upload(admin, data, name)
    assert italian in upload(admin, data, name, language="it-IT")
    assert fresh_server.settings.paths.logo.read_bytes() == before


def test_without_a_session_or_csrf_token_nothing_is_stored(fresh_server, admin):
    stranger = ConsoleClient(fresh_server)
    refused = stranger.post("/admin/rules/logo", {}, files={"logo": ("l.png", image("PNG"))})
    assert refused.status_code in (303, 403)
    forged = admin.post("/admin/rules/logo", {"csrf_token": "0" * 64}, files={"logo": ("l.png", image("PNG"))})
    assert forged.status_code == 403
    assert not fresh_server.settings.paths.logo.exists()
    assert requests.get(fresh_server.server.url + "/api/v1/logo", timeout=10).status_code == 401


def test_the_logo_is_in_the_backup(fresh_server, admin, tmp_path):
    upload(admin, image("PNG"), "logo.png")
    backup = take_backup(fresh_server.settings, to=tmp_path)
    checked = unpack_and_check(backup.path, tmp_path / "out", None)
    assert "logo.png" in checked.manifest["files"]
    assert (tmp_path / "out" / "logo.png").read_bytes() == fresh_server.settings.paths.logo.read_bytes()
