"""The catalog and the reports as devices receive them: pages of changes after a cursor.

A cursor is the change number a device reached (text, opaque to it). Without one, a
device gets every live folder and item; with one, what changed after it, deletions
included (`deleted.items`, `deleted.folders`). Items come in change order, `limit` at
a time; `more` says whether to ask again with `cursor`. Each page also carries the
folders its items sit in, so a device can always place what it receives. A device
drops a folder that is deleted, or that no longer holds anything it may see (a report
folder can empty for one agent and stay for another). Everything is read in one
snapshot, so a page never shows half an index run.
"""

from __future__ import annotations

import json

from appliance.catalog.filetypes import mime_of_cache_name
from appliance.errors import ApplianceError, InvalidInputError
from appliance.store.catalog import catalog_cursor
from appliance.store.catalog_feed import (Audience, folders_between, folders_with_ancestors, items_after,
                                          visible_folder_ids)
from appliance.store.db import Row, Store

DEFAULT_LIMIT = 5_000
MAX_LIMIT = 20_000
FILES_URL = "/api/v1/files/"


class CursorAheadError(ApplianceError):
    """The cursor is newer than anything this appliance gave out (its database was replaced)."""

    status = 410
    title = "Resync required"
    extra = {"reason": "resync_required"}


def parse_limit(text: str | None) -> int:
    """The page size asked for; InvalidInputError naming `limit`."""
    if text is None or text == "":
        return DEFAULT_LIMIT
    if not text.isascii() or not text.isdigit() or len(text) > 9 or not 1 <= int(text) <= MAX_LIMIT:
        raise InvalidInputError(f"limit is a whole number from 1 to {MAX_LIMIT:,} (default {DEFAULT_LIMIT:,}), "
                                f"not '{text[:40]}'.", errors=[{"field": "limit", "reason": f"not 1-{MAX_LIMIT}"}])
    return int(text)


def read_page(store: Store, area: str, since: int | None, limit: int, audience: Audience = None) -> dict:
    """One page of an area (multimedia | reports) for a device; `audience` limits rows naming an agent or operator."""
    with store.snapshot() as conn:
        newest = catalog_cursor(conn)
        if since is not None and since > newest:
            raise CursorAheadError(f"The cursor {since} is newer than this appliance's catalog ({newest}): its "
                                   f"database was replaced. Drop the local copy and ask again without `since`.")
        full = since is None
        low = since or 0
        rows = items_after(conn, area, low, limit + 1, audience, live_only=full)
        more = len(rows) > limit
        rows = rows[:limit]
        high = rows[-1]["seq"] if more else newest
        live = [row for row in rows if not row["deleted"]]
        folders = {f["id"]: f for f in folders_between(conn, area, low, high, live_only=full)}
        if audience is not None:
            shown = visible_folder_ids(conn, area, audience)
            folders = {i: f for i, f in folders.items() if f["deleted"] or i in shown}
        folders.update((f["id"], f) for f in folders_with_ancestors(conn, [r["folder_id"] for r in live
                                                                           if r["folder_id"]]))
    return {
        "cursor": str(high),
        "more": more,
        "full": full,
        "folders": [_folder(f) for f in sorted(folders.values(), key=lambda f: f["id"]) if not f["deleted"]],
        "items": [_item(row) for row in live],
        "deleted": {"folders": sorted(i for i, f in folders.items() if f["deleted"]),
                    "items": [row["id"] for row in rows if row["deleted"]]},
    }


def file_url(file_id: int, variant: str | None = None) -> str:
    """The download address of a file (`variant="thumb"`: its thumbnail)."""
    return f"{FILES_URL}{file_id}" + (f"?variant={variant}" if variant else "")


def _folder(row: Row) -> dict:
    cover = row["cover_file_id"]
    return {"id": row["id"], "parent_id": row["parent_id"], "name": row["name"], "path": json.loads(row["path"]),
            "thumb_url": file_url(cover, "thumb") if cover else None}


def _item(row: Row) -> dict:
    scaled = row["scaled"]
    return {
        "id": row["id"],
        "folder_id": row["folder_id"],
        "title": row["title"],
        "file_name": row["path"].rpartition("/")[2],
        "article": row["article"],
        "sort": row["sort"],
        "type": row["kind"],
        "mime": mime_of_cache_name(scaled) if scaled else row["mime"],
        "size": row["scaled_size"] if scaled else row["size"],
        "hash": row["scaled_hash"] if scaled else row["hash"],
        "width": row["width"],
        "height": row["height"],
        "url": file_url(row["file_id"]),
        "thumb_url": file_url(row["file_id"], "thumb") if row["thumb"] else None,
    }
