"""The console's Backups page: back up now, the list with the restore test, download, restore steps."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from appliance.backups.records import list_backups
from tests.console.browser import snap
from tests.console.client import ConsoleClient
from tests.folderwatch.helpers import wait_for


def test_back_up_now_lists_the_backup_with_its_restore_test_and_downloads_it(admin_page, console_server, tmp_path):
    page = admin_page
    page.goto("/admin/backups")
    expect(page.locator("h1")).to_have_text("Backups")
    expect(page.locator("#restore-help")).to_contain_text("appliance restore NAME")
    before = len(list_backups(console_server.settings.backup_dir))
    page.get_by_test_id("backup-now").click()
    expect(page.locator(".flash")).to_contain_text("Backup started")
    wait_for(lambda: len(list_backups(console_server.settings.backup_dir)) > before and
             list_backups(console_server.settings.backup_dir)[0].drill, timeout=60, what="the backup and its drill")
    newest = list_backups(console_server.settings.backup_dir)[0]
    page.goto("/admin/backups")
    row = page.locator(f'#backups tr[data-name="{newest.path.name}"]')
    expect(row.locator(".drill")).to_have_text("passed")
    with page.expect_download() as download:
        row.get_by_role("link", name="Download").click()
    saved = tmp_path / "copy"
    download.value.save_as(saved)
    assert saved.read_bytes() == newest.path.read_bytes()
    snap(page, "backups")


def test_backups_are_downloaded_only_signed_in_and_only_by_listed_name(console_server, admin_page):
    anonymous = ConsoleClient(console_server)
    assert anonymous.get("/admin/backups/files/appliance-backup-20260101T000000Z-manual.tar.zst").status_code == 303
    admin_page.goto("/admin/backups/files/..%2Fappliance.db")
    expect(admin_page.locator("h1")).not_to_have_text("Backups")
    reply = admin_page.request.get("/admin/backups/files/appliance.db")
    assert reply.status == 404


def test_the_dashboard_says_why_when_no_backup_is_recent(admin_page, console_server):
    backups = console_server.service.backups
    later = datetime.now(timezone.utc) + timedelta(days=3)
    backups.clock = lambda: later
    try:
        admin_page.goto("/admin/")
        expect(admin_page.locator(".problems")).to_contain_text("no good backup for more than 2 days")
    finally:
        backups.clock = lambda: datetime.now(timezone.utc)
