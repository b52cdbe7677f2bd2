"""Watching the exchange folder: decide when files are ready and hand them on.

Parsing and loading live elsewhere (`appliance.ingest`), so `appliance import FILE` and
the watcher share one path. The pieces: `names` (what a file name means), `settle`
(readiness and batching, with an injectable clock), `watcher` (events, scans, missing
folders), `worker` (one thread per kind of work), `erp` and `media` (the work per folder).
"""

from appliance.folderwatch.batch import Batch, FolderHandler, ReadyFile
from appliance.folderwatch.folders import FolderSpec, exchange_folders
from appliance.folderwatch.watcher import Watcher

__all__ = ["Batch", "FolderHandler", "FolderSpec", "ReadyFile", "Watcher", "exchange_folders"]
