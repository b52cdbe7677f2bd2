"""Indexing one area (multimedia/ or reports/): what changed on disk becomes changes for the devices.

The files stay where they are. A file whose size and modification time match the index
is taken as unchanged without reading it, so a restart over a catalog of 20 GB reads
nothing; any other file is hashed (SHA-256), and only a new hash means new content:
its images are scaled and get a thumbnail. Hashing and scaling run on a small pool of
threads before the write lock is taken. Then one write transaction saves the files,
rebuilds the listing (folders and items) and records what changed with new change
numbers; files that are gone become deletions. Problems are kept with the index and
the new ones are logged.
"""

from __future__ import annotations

import json
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from appliance.accounts.params import list_params
from appliance.catalog.params import MAX_PIXELS_PARAM
from appliance.catalog.filetypes import IMAGE
from appliance.catalog.hashing import file_hash
from appliance.cores import CORES
from appliance.catalog.images import ImageFacts, cache_path, render_image
from appliance.catalog.indexfile import IndexRow, read_index_file
from appliance.catalog.listing import Listing, build_listing
from appliance.catalog.scan import INDEX_FILES, FoundFile, Scan, scan_area
from appliance.clock import utc_now_text
from appliance.exchange.problems import Report
from appliance.settings import Settings
from appliance.store.catalog import (delete_files, previous_problems, read_state, referenced_renditions,
                                     save_entries, save_files, save_folders, save_problems, save_state,
                                     stored_files)
from appliance.store.db import Row, Store

log = logging.getLogger("appliance.catalog")

AREAS = ("multimedia", "reports")
NEW_PROBLEMS_LOGGED = 20
SAVE_EVERY = 500  # files hashed and scaled between two saves during a long index


@dataclass
class IndexResult:
    """The outcome of one index run: counts for the log and /health, and paths to look at again."""

    area: str
    summary: dict = field(default_factory=dict)
    retry: list[Path] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    skipped: str | None = None  # why nothing was done (the folder is missing)
    max_pixels: int | None = None  # the catalog.max_pixels the images were rendered for


@dataclass
class _Job:
    found: FoundFile
    known: Row | None
    needs_hash: bool


@dataclass
class _Done:
    found: FoundFile
    row: dict | None = None
    hashed: bool = False
    rendered: bool = False
    failure: str | None = None


def default_threads(configured: int) -> int:
    """Threads for hashing and scaling: the setting, or one per processor (`CORES` holds one back
    while an ERP import runs)."""
    return configured or CORES.processors


def catalog_max_pixels(store: Store) -> int:
    """The project's `catalog.max_pixels` parameter."""
    return next(row["value"] for row in list_params(store) if row["key"] == MAX_PIXELS_PARAM)


class Indexer:
    """Indexes the areas of one exchange folder into one store; renditions go to the cache."""

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings
        self.cache = settings.paths.cache / "catalog"
        self.threads = default_threads(settings.media_threads)
        self._collected = False

    def reindex(self, area: str) -> IndexResult:
        """Bring the index of one area up to date with its folder."""
        started = time.perf_counter()
        root = self.settings.exchange / area
        if not root.is_dir():
            return IndexResult(area, skipped=f"{root} is missing; the index is kept as it is")
        scan = scan_area(root, area)
        max_pixels = catalog_max_pixels(self.store)
        stored = stored_files(self.store, area)
        done = self._process(root, scan, stored, max_pixels)
        result = IndexResult(area, report=scan.report, max_pixels=max_pixels)
        rows = self._index_rows(scan, result.report)
        unreadable = {d.found.path for d in done if d.row is None}
        result.retry = [root / path for path in sorted(unreadable)]
        for item in done:
            if item.failure:
                result.report.warning(item.found.path, 0, None, None, item.failure)
        removed = [row["id"] for path, row in stored.items()
                   if not row["deleted"] and path not in scan.files and path not in unreadable]
        with self.store.write() as conn:
            save_files(conn, area, [d.row for d in done if d.row is not None])
            delete_files(conn, removed)
            live = stored_files(conn, area, live_only=True)
            listing = build_listing(area, live, rows, INDEX_FILES[area], result.report)
            changes = _save_listing(conn, area, listing)
            _report_unreadable_images(live, result.report)
            before = previous_problems(conn, area)
            problems = [p.as_dict() for p in result.report.errors + result.report.warnings]
            save_problems(conn, area, problems)
            result.summary = _summary(listing, live, done, {**changes, "removed_files": len(removed)}, result.report,
                                      started)
            save_state(conn, area, listing.mode, [r.as_dict() for r in rows] if rows is not None else None,
                       utc_now_text(), result.summary)
        self._collect_garbage(area, result.summary)
        _log(area, result, before, problems)
        return result

    # -- reading and hashing ---------------------------------------------------------------

    def _process(self, root: Path, scan: Scan, stored: dict[str, Row], max_pixels: int) -> list[_Done]:
        """Hash the files that may have changed and render the images that need it, on the pool."""
        jobs = []
        for path, found in scan.files.items():
            known = stored.get(path)
            same = known is not None and not known["deleted"] and (known["size"], known["mtime_ns"]) == (
                found.size, found.mtime_ns)
            if not same or not self._renditions_ok(known, max_pixels):
                jobs.append(_Job(found, known, needs_hash=not same))
        if not jobs:
            return []
        reusable = {row["hash"]: row for row in stored.values()
                    if row["kind"] == IMAGE and self._renditions_ok(row, max_pixels)}
        done: list[_Done] = []
        with ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="appliance-catalog") as pool:
            for item in pool.map(lambda job: self._examine(root, job, reusable, max_pixels), jobs):
                done.append(item)
                if len(done) % SAVE_EVERY == 0:
                    self._save_new_files(scan.area, done[-SAVE_EVERY:], stored)
        return done

    def _save_new_files(self, area: str, done: list[_Done], stored: dict[str, Row]) -> None:
        """Keep the work done on files no device knows yet, so a long first index resumes after a restart.

        Such rows are invisible until an item shows them; changed files wait for the final transaction.
        """
        fresh = [d.row for d in done if d.row is not None and (stored.get(d.found.path) or {"deleted": 1})["deleted"]]
        if fresh:
            with self.store.write() as conn:
                save_files(conn, area, fresh)

    def _examine(self, root: Path, job: _Job, reusable: dict[str, Row], max_pixels: int) -> _Done:
        found, path = job.found, root / job.found.path
        try:
            digest = file_hash(path) if job.needs_hash else job.known["hash"]
            now = os.stat(path)
        except OSError as exc:
            return _Done(found, failure=f"could not be read ({exc.strerror or exc}); tried again at the next change")
        if (now.st_size, now.st_mtime_ns) != (found.size, found.mtime_ns):
            return _Done(found, failure="changed while it was read; read again once it settles")
        known = job.known
        if known is not None and known["hash"] == digest and self._renditions_ok(known, max_pixels):
            return _Done(found, {**known, "size": found.size, "mtime_ns": found.mtime_ns}, hashed=job.needs_hash)
        row = {"path": found.path, "size": found.size, "mtime_ns": found.mtime_ns, "hash": digest,
               "kind": found.type.kind, "mime": found.type.mime}
        if found.type.kind != IMAGE:
            return _Done(found, row, hashed=job.needs_hash)
        twin = reusable.get(digest)
        if twin is not None:
            return _Done(found, {**row, **_image_columns(twin)}, hashed=job.needs_hash)
        with CORES.media_job():
            facts = render_image(path, digest, self.cache, max_pixels)
        return _Done(found, {**row, **_facts_columns(facts, max_pixels)}, hashed=job.needs_hash, rendered=True)

    def _renditions_ok(self, row: Row | None, max_pixels: int) -> bool:
        """True when a stored image's copies were made for this max_pixels and are still in the cache."""
        if row is None or row["kind"] != IMAGE:
            return True
        if row["scaled_for"] != max_pixels:
            return False
        return all(cache_path(self.cache, name).is_file() for name in (row["scaled"], row["thumb"]) if name)

    def _index_rows(self, scan: Scan, report: Report) -> list[IndexRow] | None:
        """The rows of the area's index file; the last good ones when it cannot be read; None without one."""
        if scan.index_file is None:
            return None
        rows = read_index_file(scan.index_file, self.settings.encoding, report)
        if rows is not None:
            return rows
        state = read_state(self.store, scan.area)
        kept = state["index_rows"] if state else None
        if kept is None:
            report.error(scan.index_file.name, 0, None, None, "no earlier version could be read either: nothing "
                                                              "is listed until the file is corrected")
            return []
        report.warning(scan.index_file.name, 0, None, None, f"the version read on {state['indexed_at']} stays in "
                                                            f"use until the file is corrected")
        return [IndexRow.from_dict(row) for row in kept]

    # -- the cache -------------------------------------------------------------------------

    def _collect_garbage(self, area: str, summary: dict) -> None:
        """Delete cache files no live file uses (after changes, and once per run)."""
        if area != "multimedia" or (self._collected and not (summary["rendered"] or summary["removed_files"])):
            return
        self._collected = True
        used = referenced_renditions(self.store)
        if not self.cache.is_dir():
            return
        for folder in self.cache.iterdir():
            for path in folder.iterdir() if folder.is_dir() else ():
                if path.name not in used:
                    try:
                        path.unlink()
                    except OSError:  # being served on Windows: removed next time
                        pass


def _image_columns(row: Row) -> dict:
    return {name: row[name] for name in ("width", "height", "scaled", "scaled_size", "scaled_hash", "scaled_for",
                                         "thumb", "thumb_size", "thumb_hash", "problem")}


def _facts_columns(facts: ImageFacts, max_pixels: int) -> dict:
    scaled, thumb = facts.scaled, facts.thumb
    return {"width": facts.width, "height": facts.height, "scaled_for": max_pixels, "problem": facts.problem,
            "scaled": scaled and scaled.name, "scaled_size": scaled and scaled.size,
            "scaled_hash": scaled and scaled.hash, "thumb": thumb and thumb.name, "thumb_size": thumb and thumb.size,
            "thumb_hash": thumb and thumb.hash}


def _save_listing(conn, area: str, listing: Listing) -> dict:
    folders = [{"path": _path_key(f.path), "parent": _path_key(f.parent) if f.parent else None, "name": f.name,
                "cover_file_id": f.cover_file_id, "digest": f.digest} for f in listing.folders.values()]
    folder_ids, folders_changed = save_folders(conn, area, folders)
    entries = {e.key: {"file_id": e.file_id, "folder_id": folder_ids[_path_key(e.folder)] if e.folder else None,
                       "title": e.title, "article": e.article, "sort": e.sort, "agent": e.agent,
                       "operator": e.operator, "digest": e.digest} for e in listing.entries.values()}
    return {**save_entries(conn, area, entries), "folders_changed": folders_changed}


def _path_key(path: tuple[str, ...]) -> str:
    return json.dumps(list(path), ensure_ascii=False)


def _report_unreadable_images(live: dict[str, Row], report: Report) -> None:
    for path, row in sorted(live.items()):
        if row["problem"]:
            report.warning(path, 0, None, None, row["problem"])


def _summary(listing: Listing, live: dict[str, Row], done: list[_Done], changes: dict, report: Report,
             started: float) -> dict:
    return {
        "mode": listing.mode,
        "files": len(live),
        "bytes": sum(row["size"] for row in live.values()),
        "items": len(listing.entries),
        "folders": len(listing.folders),
        "items_new": changes["new"],
        "items_changed": changes["changed"],
        "items_deleted": changes["deleted"],
        "folders_changed": changes["folders_changed"],
        "hashed": sum(d.hashed for d in done),
        "rendered": sum(d.rendered for d in done),
        "removed_files": changes["removed_files"],
        "scaled": sum(1 for row in live.values() if row["scaled"]),
        "unreadable_images": sum(1 for row in live.values() if row["problem"]),
        "errors": report.error_count,
        "warnings": report.warning_count,
        "seconds": round(time.perf_counter() - started, 3),
    }


def _log(area: str, result: IndexResult, before: set[tuple], problems: list[dict]) -> None:
    s = result.summary
    log.info("%s/: %s mode, %d files, %d items in %d folders (%d new, %d changed, %d deleted); %d hashed, "
             "%d images rendered; %d errors, %d warnings; %.2f s", area, s["mode"], s["files"], s["items"],
             s["folders"], s["items_new"], s["items_changed"], s["items_deleted"], s["hashed"], s["rendered"],
             s["errors"], s["warnings"], s["seconds"])
    fresh = [p for p in problems if (p["severity"], p["file"], p["line"], p["column"], p["value"], p["reason"])
             not in before]
    for problem in fresh[:NEW_PROBLEMS_LOGGED]:
        where = f"{problem['file']}" + (f" line {problem['line']}" if problem["line"] else "")
        log.warning("%s/%s: %s", area, where, problem["reason"])
    if len(fresh) > NEW_PROBLEMS_LOGGED:
        log.warning("%s/: %d more new problems (see /health)", area, len(fresh) - NEW_PROBLEMS_LOGGED)
