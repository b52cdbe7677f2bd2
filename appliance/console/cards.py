"""The dashboard's cards for people: for each section of /health, one sentence and the two or three
numbers that matter, with the full section one click away.

A card is `{"name", "sentence": (text key, params), "figures": [(text key, value)], "warn", "details"}`;
the console's texts say the sentence; "details" holds the whole section in labelled groups (`details.details`).
Sections without a card of their own show only their details.
"""

from __future__ import annotations

from typing import Any, Callable

from appliance.console.details import details

Card = dict[str, Any]


def cards(report: dict) -> list[Card]:
    """The cards of the dashboard report's extra sections (`report["sections"]`), in a fixed order."""
    sections = report["sections"]
    made = []
    for name, section in sections.items():
        maker = MAKERS.get(name)
        if isinstance(section, dict) and "error" not in section and maker is not None:
            made.append({"name": name, "details": details(name, section), **maker(section, report)})
        elif isinstance(section, dict):
            made.append({"name": name, "details": details(name, section), "sentence": None, "figures": [],
                         "warn": False})
        else:
            made.append({"name": name, "details": details(name, {"value": section}), "sentence": None,
                         "figures": [], "warn": False})
    return made


def catalog_card(section: dict, report: dict) -> Card:
    media = section.get("multimedia") or {}
    reports = section.get("reports") or {}
    problems = (media.get("errors") or 0) + (reports.get("errors") or 0)
    if not media.get("indexed_at"):
        sentence = ("card.catalog.not_yet", {})
    else:
        sentence = ("card.catalog.sentence", {"files": media.get("files", 0), "at": media["indexed_at"]})
    return {"sentence": sentence, "warn": bool(problems or media.get("last_error")),
            "figures": [("card.catalog.folders", media.get("folders", 0)),
                        ("card.catalog.reports", reports.get("files", 0)),
                        ("card.catalog.problems", problems)]}


def devices_card(section: dict, report: dict) -> Card:
    activity = report.get("device_activity") or {}
    synced, last = activity.get("synced_today", 0), activity.get("last_sync")
    sentence = ("card.devices.sentence", {"n": synced, "at": last}) if synced else ("card.devices.none_today", {})
    uploads = sum(section.get("documents", {}).values()) if isinstance(section.get("documents"), dict) else 0
    stale = report.get("stale_agents") or []
    return {"sentence": sentence, "warn": bool(stale),
            "figures": [("card.devices.logins", sum((section.get("logins") or {}).values())),
                        ("card.devices.documents", uploads),
                        ("card.devices.stale", len(stale))]}


def connector_card(section: dict, report: dict) -> Card:
    open_parts = sum(sum(states.values()) for states in (section.get("open") or {}).values())
    pulls = sum(counts.get("requests", 0) for counts in (section.get("pulls") or {}).values()
                if isinstance(counts, dict))
    waiting = section.get("waiting_for_validation", 0)
    sentence = ("card.connector.waiting", {"n": open_parts}) if open_parts else ("card.connector.all_taken", {})
    return {"sentence": sentence, "warn": False,
            "figures": [("card.connector.pulls", pulls), ("card.connector.validation", waiting),
                        ("card.connector.legacy", section.get("legacy_files_waiting", 0))]}


def watching_card(section: dict, report: dict) -> Card:
    paused = bool(section.get("paused"))
    return {"sentence": ("card.watching.paused" if paused else "card.watching.on", {}), "warn": paused,
            "figures": []}


MAKERS: dict[str, Callable[[dict, dict], Card]] = {
    "catalog": catalog_card, "devices": devices_card, "connector": connector_card, "watching": watching_card,
}
