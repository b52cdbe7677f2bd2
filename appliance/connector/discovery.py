"""The License Manager calls AMHelper-based connectors make, answered by the appliance itself.

AMHelper asks a License Manager where its AppManager is (`getAMParam`: the project code,
the AppManager's URL and the base URL of the pull API, which it extends with
`/exportPaginazione/<queue>`), and reports the connector's version
(`update_versione_connettore`). Pointed at the appliance, a connector gets this
installation's answers; the version it reports and the time of its last pull are kept
for the dashboard (the connector section of /health).
"""

from __future__ import annotations

import hmac
import logging
import re
from datetime import datetime, timedelta

from appliance.errors import ApplianceError, InvalidInputError
from appliance.clock import iso
from appliance.store.connector import read_connector_state, write_connector_state
from appliance.store.db import Store

log = logging.getLogger("appliance.connector")

VERSION = re.compile(r"[\w .+:()/-]{1,40}")
PULL_NOTE_EVERY = timedelta(minutes=1)  # how often the last pull time is written (pulls come in bursts)


class WrongKeyError(ApplianceError):
    status = 401
    title = "Unauthorized"


def am_params(key: str, offered: object, project: str, root_url: str) -> dict:
    """The getAMParam answer for a connector offering `offered` as its `AuthKeyAPI`."""
    if not isinstance(offered, str) or not hmac.compare_digest(offered.encode("utf-8", "replace"), key.encode()):
        raise WrongKeyError("AuthKeyAPI is not this appliance's connector key (appliance connector-key prints it).",
                            errors=[{"field": "AuthKeyAPI", "reason": "not the connector key"}])
    return {"cod_prog": project, "url_am": root_url, "url_am_api": f"{root_url}/v1/progetti/{project}"}


def record_version(store: Store, project: str, body: object, now: datetime) -> dict:
    """Keep the version a connector reports (`{"CodiceProgetto": ..., "Versione": ...}`); returns what was kept."""
    if not isinstance(body, dict):
        raise InvalidInputError("The body is {\"CodiceProgetto\": ..., \"Versione\": ...}.",
                                errors=[{"field": "body", "reason": "not an object"}])
    version, code = body.get("Versione"), body.get("CodiceProgetto")
    if not isinstance(version, str) or not VERSION.fullmatch(version.strip()):
        raise InvalidInputError("Versione is the connector's version: 1 to 40 letters, digits and . - + : ( ) /.",
                                errors=[{"field": "Versione", "reason": "not a version"}])
    if code not in (None, "") and (not isinstance(code, str) or code.casefold() != project.casefold()):
        raise InvalidInputError(f"This appliance serves project '{project}'.",
                                errors=[{"field": "CodiceProgetto", "reason": "another project"}])
    kept = {"version": version.strip(), "version_at": iso(now)}
    write_connector_state(store, kept)
    log.info("connector reported version %s", kept["version"])
    return kept


class PullNotes:
    """Writes the time of the connector's last pull, at most once a minute."""

    def __init__(self, store: Store):
        self.store = store
        self._written: datetime | None = None

    def pulled(self, queue: str, now: datetime) -> None:
        if self._written is None or not timedelta(0) <= now - self._written < PULL_NOTE_EVERY:
            write_connector_state(self.store, {"last_pull_at": iso(now), "last_pull_queue": queue})
            self._written = now


def connector_report(store: Store) -> dict:
    """The connector's reported version and last pull, for /health and the dashboard."""
    state = read_connector_state(store)
    return {"version": state.get("version"), "version_reported_at": state.get("version_at"),
            "last_pull_at": state.get("last_pull_at"), "last_pull_queue": state.get("last_pull_queue")}
