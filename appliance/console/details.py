"""What a dashboard card's "Details" show: its whole /health section, each value with a label from the
console's texts and a kind that says how to write it, so a clerk reads "Size 12,4 MB" and not "bytes 13002342".

`details(name, section)` gives groups: `{"heading": (text key, fallback), "rows": [(text key, fallback, value,
kind)]}`; the first group has no heading. A fallback is the section's own key, shown when the texts have no such
label (a field another part of the appliance added later; a test over a real service's /health wants a label
for each). Kinds: count, size (bytes), seconds, time (a stored ISO time), bool, text, path, message (an English
message of the appliance, said again in the reader's language), messages, list, `word:PREFIX` (a code said with
the text PREFIX+code) and `states:PREFIX` (counts by state: "queued: 2, sent: 1").
"""

from __future__ import annotations

from typing import Any

Row = tuple[str, str, Any, str]

AREA = {  # one catalog area (multimedia/, reports/)
    "indexed_at": "time", "mode": "word:detail.mode.", "files": "count", "bytes": "size", "folders": "count",
    "items": "count", "items_new": "count", "items_changed": "count", "items_deleted": "count",
    "folders_changed": "count", "hashed": "count", "rendered": "count", "scaled": "count", "removed_files": "count",
    "unreadable_images": "count", "errors": "count", "warnings": "count", "seconds": "seconds",
    "runs_since_start": "count", "last_error": "message", "problems": "messages",
}
SYNC = {"passes": "count", "pages": "count", "rows": "count", "deleted": "count", "bytes": "size",
        "seconds": "seconds"}
PULLS = {"requests": "count", "entries": "count", "last_at": "time"}
BACKUP = {"name": "text", "created_at": "time", "reason": "word:detail.backup_reason.", "size": "size",
          "encrypted": "bool", "schema_version": "text", "drill": {"ok": "bool", "at": "time", "reason": "message",
                                                                   "seconds": "seconds"}}
ATTEMPT = {"at": "time", "ok": "bool", "error": "message", "archive": "text"}

# Per section: key -> a kind, a table for a nested object (its own group), or ("each", label prefix, kind) for
# an object whose keys are names (login results, document kinds, queues): one row per name, or one group per
# name when the kind is itself a table.
FIELDS: dict[str, dict[str, Any]] = {
    "catalog": {"cursor": "count", "multimedia": AREA, "reports": AREA},
    "devices": {"logins": ("each", "reason.", "count"), "sync": SYNC,
                "uploads": ("each", "detail.upload.", "count"), "documents": ("each", "doc.kind.", "count")},
    "connector": {"open": ("each", "doc.kind.", "states:part.state."), "waiting_for_validation": "count",
                  "legacy_files_waiting": "count", "pulls": ("each", "doc.kind.", PULLS), "amhelper_profile": "text",
                  "version": "text", "version_reported_at": "time", "last_pull_at": "time",
                  "last_pull_queue": "word:doc.kind."},
    "watching": {"paused": "bool"},
    "data_dir": {"path": "path", "writable": "bool", "problem": "message"},
    "backups": {"dir": "path", "count": "count", "running": "bool", "last": BACKUP, "last_good_at": "time",
                "last_attempt": ATTEMPT, "next_at": "time", "problem": "message"},
    "tls": {"state": "word:ipads.state.", "certificate_state": "word:ipads.state.", "expires_at": "time",
            "days_left": "count", "https_port": "text", "url": "path", "device_http": "word:detail.device_http.",
            "names": "list", "source": "word:detail.source.", "issuer": "text"},
}
EMPTY = (None, "", [], {})


def details(name: str, section: dict) -> list[dict]:
    """The groups of rows of one /health section (see the module doc)."""
    if set(section) == {"error"}:  # its contributor failed: say why
        return [{"heading": None, "rows": [("detail.error", "error", section["error"], "text")]}]
    groups = [{"heading": None, "rows": []}]
    _fill(groups, f"detail.{name}.", FIELDS.get(name, {}), section)
    return [group for group in groups if group["rows"]]


def _fill(groups: list[dict], prefix: str, fields: dict, values: dict, heading: tuple | None = None) -> None:
    rows = groups[-1]["rows"] if heading is None else _group(groups, heading)
    ordered = [key for key in fields if key in values] + [key for key in values if key not in fields]
    for key, value in ((key, values[key]) for key in ordered):
        if value in EMPTY:
            continue
        kind = fields.get(key, "text")
        label = (prefix + key, str(key).replace("_", " "))
        if isinstance(kind, dict) and isinstance(value, dict):
            _fill(groups, prefix, kind, value, label)
        elif isinstance(kind, tuple) and isinstance(value, dict):
            _each(groups, label, kind, value, prefix)
        else:
            rows.append((*label, value, kind if isinstance(kind, str) else "text"))


def _each(groups: list[dict], label: tuple, kind: tuple, values: dict, prefix: str) -> None:
    _, names, each = kind
    if isinstance(each, dict):  # one group per name: "Pulls · Orders"
        for name, value in values.items():
            if isinstance(value, dict):
                _fill(groups, prefix, each, value, (label[0], label[1], names + name, name))
        return
    rows = _group(groups, label)
    rows.extend((names + str(name), str(name), value, each) for name, value in values.items() if value not in EMPTY)


def _group(groups: list[dict], heading: tuple) -> list:
    groups.append({"heading": heading, "rows": []})
    return groups[-1]["rows"]
