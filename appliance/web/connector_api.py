"""The ERP connectors' APIs: the compatible pull API and the plain queues with acknowledgement.

- `GET /v1/progetti/{project}/exportPaginazione/{queue}`: field for field what AMHelper
  and the connectors built on it expect (connector_api.json); the key is `authKey`.
- `GET /api/connector/v1/{queue}?after=ID&limit=N` and `POST /api/connector/v1/{queue}/ack`:
  the same queues as plain JSON, with explicit acknowledgement; the key is sent as
  `Authorization: Bearer KEY`.

- `POST /lmAPI/v1/getAMParam` and `POST /lmAPI/v1/update_versione_connettore` (also under
  `/licenseManagerAPI/v1/`): the License Manager calls of AMHelper-based connectors
  (`connector.discovery`).

A base URL with a trailing slash (`.../progetti/ic.acme//exportPaginazione/...`) is
served as without it. Every connector request is logged with its queue, lastID or
`after`, records and duration (never the key).

docs/connector-api.md explains both. Handlers check the key, call one domain function
and shape the answer. The clock (`app.config["appliance.now"]`) and the pull hooks
(`app.config["appliance.pull_hooks"]`, a `PullHooks`) can be replaced by tests.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from datetime import datetime

from bottle import Bottle, request

from appliance.clock import moment
from appliance.connector.amhelper import amhelper_profile, for_profile
from appliance.connector.delivery import PullHooks, acknowledge, note_page
from appliance.connector.discovery import PullNotes, am_params, connector_report, record_version
from appliance.connector.key import KeyCheck, connector_key, require_key
from appliance.connector.legacy_files import write_pending
from appliance.connector.plain import entries_page, parse_after
from appliance.connector.pull import parse_query, read_page
from appliance.connector.queues import queue_at_path, queue_named
from appliance.errors import NotFoundError
from appliance.store.connector import legacy_waiting, open_counts
from appliance.store.documents import count_status
from appliance.web.http import json_api, json_response, read_json
from appliance.web.openapi import add_paths
from appliance.web.openapi_connector import PATHS, connector_schemas

log = logging.getLogger("appliance.connector")

ACK_BODY_LIMIT = 1024 * 1024

# The route table: method, path, handler, OpenAPI operation id.
ROUTES = (
    ("GET", "/v1/progetti/<project>/exportPaginazione/<queue>", "pull", "pullQueue"),  # AMHelper's pull
    ("GET", "/api/connector/v1/<queue>", "entries", "listQueue"),                      # plain page after an id
    ("POST", "/api/connector/v1/<queue>/ack", "ack", "acknowledgeQueue"),             # taken by the ERP
    ("POST", "/lmAPI/v1/getAMParam", "am_params", "getAMParam"),                      # where AppManager is
    ("POST", "/lmAPI/v1/update_versione_connettore", "version", "reportConnectorVersion"),  # connector version
    ("POST", "/licenseManagerAPI/v1/getAMParam", "am_params", "getAMParamTest"),      # the same, test LM path
    ("POST", "/licenseManagerAPI/v1/update_versione_connettore", "version", "reportConnectorVersionTest"),
)
# Paths a connector builds by joining a configured base URL: a doubled or trailing slash is ignored.
JOINED_PATHS = ("/v1/progetti/", "/lmAPI/", "/licenseManagerAPI/")


def install(app: Bottle, service) -> None:
    """Add the connector routes and the `connector` section of /health; finish legacy files left from a stop."""
    api = ConnectorApi(app, service)
    app.add_hook("before_request", _join_slashes)
    for method, path, handler, operation in ROUTES:
        app.route(path, method, getattr(api, handler), name=operation, apply=[json_api])
    service.add_health("connector", api.health)
    add_paths(app, PATHS, connector_schemas())
    write_pending(service.store, service.settings)


def _join_slashes() -> None:
    path = request.environ.get("PATH_INFO", "")
    if path.startswith(JOINED_PATHS) or path.startswith("//"):
        joined = re.sub("/{2,}", "/", path)
        request.environ["PATH_INFO"] = joined.rstrip("/") if len(joined) > 1 else joined


class ConnectorApi:
    """The handlers, with the key check and the pull counters."""

    def __init__(self, app: Bottle, service):
        self.app = app
        self.service = service
        self.store = service.store
        self.settings = service.settings
        self.keys = KeyCheck(service.paths)
        app.config.setdefault("appliance.now", moment)
        self._lock = threading.Lock()
        self._pulls: dict[str, dict] = {}
        self.pull_notes = PullNotes(self.store)

    def now(self) -> datetime:
        return self.app.config["appliance.now"]()

    def _hooks(self) -> PullHooks | None:
        return self.app.config.get("appliance.pull_hooks")

    def pull(self, project: str, queue: str):
        started = time.perf_counter()
        params = dict(request.query.decode().items())
        require_key(self.keys, next((v for k, v in params.items() if k.lower() == "authkey"), None),
                    "as the authKey parameter")
        self._check_project(project)
        found = queue_at_path(queue)
        query = parse_query(params, self.settings.connector_max_limit)
        page = read_page(self.store, self.settings.project, found, query)
        note_page(self.store, found, page.served, query.last_id, self.now(), self._hooks())
        self._count(found.name, len(page.served), f"lastID {query.last_id}", started)
        return json_response(for_profile(page.body, amhelper_profile(self.store)) if found.kind == "orders"
                             else page.body)

    def entries(self, queue: str):
        started = time.perf_counter()
        self._bearer()
        found = queue_named(queue)
        after, limit = parse_after(request.query, self.settings.connector_max_limit)
        page = entries_page(self.store, found, after, limit)
        served = [entry["id"] for entry in page["entries"]]
        note_page(self.store, found, served, after, self.now(), self._hooks())
        self._count(found.name, len(served), f"after {after}", started)
        return page

    def ack(self, queue: str):
        self._bearer()
        found = queue_named(queue)
        return {"queue": found.kind, "entries": acknowledge(self.store, found, read_json(ACK_BODY_LIMIT), self.now())}

    def am_params(self):
        body = read_json(ACK_BODY_LIMIT)
        offered = body.get("AuthKeyAPI") if isinstance(body, dict) else None
        root = f"{request.urlparts.scheme}://{request.urlparts.netloc}"
        return am_params(connector_key(self.service.paths), offered, self.settings.project, root)

    def version(self):
        return record_version(self.store, self.settings.project, read_json(ACK_BODY_LIMIT), self.now())

    def health(self) -> dict:
        queues: dict[str, dict] = {}
        for row in open_counts(self.store):
            queues.setdefault(row["queue"], {})[row["state"]] = row["n"]
        with self._lock:
            pulls = {name: dict(counts) for name, counts in self._pulls.items()}
        return {"open": queues, "waiting_for_validation": count_status(self.store, "pending"),
                "legacy_files_waiting": legacy_waiting(self.store), "pulls": pulls,
                "amhelper_profile": amhelper_profile(self.store), **connector_report(self.store)}

    def _bearer(self) -> None:
        scheme, _, offered = request.get_header("Authorization", "").partition(" ")
        require_key(self.keys, offered.strip() if scheme.lower() == "bearer" else None,
                    "as `Authorization: Bearer KEY`")

    def _check_project(self, project: str) -> None:
        own = self.settings.project
        if own and project.casefold() == own.casefold():
            return
        detail = (f"This appliance serves project '{own}', not '{project}'." if own else
                  "This appliance has no project code yet: set `project` in appliance.toml (or APPLIANCE_PROJECT).")
        raise NotFoundError(detail, errors=[{"field": "project", "reason": "unknown project"}])

    def _count(self, queue: str, entries: int, position: str, started: float) -> None:
        log.info("connector pull %s: %s, %d record(s), %.0f ms", queue, position, entries,
                 (time.perf_counter() - started) * 1000)
        self.pull_notes.pulled(queue, self.now())
        with self._lock:
            counts = self._pulls.setdefault(queue, {"requests": 0, "entries": 0, "last_at": None})
            counts["requests"] += 1
            counts["entries"] += entries
            counts["last_at"] = self.now().isoformat(timespec="seconds")
