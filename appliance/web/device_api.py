"""The device API for the iPads (`/api/v1/...`): login, configuration, delta sync, document uploads.

Every route answers JSON (gzipped when the device accepts it) and problem+json on
errors; every route but login needs `Authorization: Bearer TOKEN`. Handlers parse the
request, call one domain function and shape the answer; docs/device-api.md and
/api/openapi.json describe the routes for app developers.

The clock (`app.config["appliance.now"]`, an aware datetime) and the upload hooks
(`app.config["appliance.upload_hooks"]`) can be replaced, so tests move time and hold a
request between its check and its commit.
"""

from __future__ import annotations

import os
import threading
import time
from datetime import datetime

from bottle import Bottle, HTTPResponse, request

from appliance.accounts import authenticate, effective_config, logout, record_sync
from appliance.catalog.hashing import bytes_hash
from appliance.catalog.logo import logo_version
from appliance.clock import iso, moment
from appliance.documents.canonical import RawJSON, write_json
from appliance.backups.replay import upload_entry
from appliance.documents.intake import Hooks, Upload, Uploader, accept, accept_batch, find_own
from appliance.errors import ApplianceError, InvalidInputError, NotFoundError
from appliance.orders.status import order_status
from appliance.store.documents import count_by_kind
from appliance.store.sync import forget_device_positions
from appliance.store.sync_rows import RowTextCache
from appliance.sync.delta import SharedCounts, check_limit, complete_pass, read_page, served_scope, summary
from appliance.sync.housekeeping import Housekeeping
from appliance.sync.views import current_view
from appliance.web.device_activity import DeviceActivity
from appliance.web.device_auth import AuthenticationError, LicenseGate, RefusedError, current_device
from appliance.web.fair_slots import FairSlots
from appliance.web.http import json_api, json_response, parse_json, read_body, read_json
from appliance.web.inbound import query_int
from appliance.web.openapi import add_paths
from appliance.web.openapi_connector import ORDER_STATUS_PATHS, order_status_schemas
from appliance.web.openapi_device import PATHS, device_schemas

LOGIN_BODY_LIMIT = 16 * 1024
PREFIX = "/api/v1"

# The route table: method, path, handler, OpenAPI operation id.
ROUTES = (
    ("POST", "/login", "login", "login"),                           # token, user, config, license
    ("POST", "/logout", "logout", "logout"),                        # end this device's session
    ("GET", "/config", "config", "getConfig"),                      # user, config, license again
    ("GET", "/sync", "sync_summary", "getSyncSummary"),             # every table: rows, changed
    ("GET", "/sync/<table>", "sync_page", "getSyncPage"),           # one page of one table
    ("POST", "/sync/reset", "sync_reset", "resetSync"),             # forget positions: full resync
    ("POST", "/documents", "upload_batch", "uploadDocuments"),      # a batch, one outcome each
    ("POST", "/documents/<kind>", "upload", "uploadDocument"),      # one document, idempotent by guid
    ("GET", "/documents/<kind>/<guid>", "document", "getDocument"),  # one of the caller's documents
    ("GET", "/documents/orders", "order_status", "getOrderStatus"),   # the caller's orders changed since a cursor
    ("GET", "/logo", "logo", "getLogo"),                            # the project's logo (PNG), ETag/304
)


def install(app: Bottle, service) -> None:
    """Add the device routes and the `devices` section of /health."""
    api = DeviceApi(app, service)
    for method, path, handler, operation in ROUTES:
        app.route(PREFIX + path, method, getattr(api, handler), name=operation, apply=[json_api])
    service.add_health("devices", api.health)
    add_paths(app, PATHS, device_schemas())
    add_paths(app, ORDER_STATUS_PATHS, order_status_schemas())


def _refusal(reason: str, message: str, retry_after: int | None) -> ApplianceError:
    if reason == "bad_credentials":
        return AuthenticationError(message, reason=reason)
    if reason == "throttled":
        return RefusedError(message, reason, status=429, headers={"Retry-After": str(retry_after or 60)})
    return RefusedError(message, reason)


class DeviceApi:
    """The handlers, with what they share: the service, the clock, the license gate, the counters."""

    def __init__(self, app: Bottle, service):
        self.app = app
        self.service = service
        self.store = service.store
        self.settings = service.settings
        app.config.setdefault("appliance.now", moment)
        self.gate = LicenseGate(service, self.now)
        self.activity = DeviceActivity()
        self.housekeeping = Housekeeping(self.store, self.settings.sync_tombstone_days)
        self.processor = service.processor
        # Building pages is CPU work: more of them at once than there are processors only adds
        # contention (measured: 8 at once on 2 cores served half the pages of 2 at once). The
        # other request threads stay free for logins, uploads and files.
        self.page_slots = FairSlots(os.cpu_count() or 2)
        self.row_cache = RowTextCache(self.settings.sync_row_cache_rows)
        self.shared_counts = SharedCounts()

    def now(self) -> datetime:
        return self.app.config["appliance.now"]()

    def caller(self):
        return current_device(self.service, self.gate)

    # -- login and configuration -----------------------------------------------------------

    def login(self):
        body = read_json(LOGIN_BODY_LIMIT)
        fields = _login_fields(body)
        result = authenticate(self.store, self.settings, **fields, address=request.remote_addr or "", now=self.now())
        self.activity.login(result.reason)
        if not result.ok:
            raise _refusal(result.reason, result.message, result.retry_after)
        reply = self._session_reply(result.user, result.config, result.license)
        return {"token": result.token, "expires_at": result.expires_at, **reply}

    def logout(self):
        caller = self.caller()
        logout(self.store, caller.token)
        return HTTPResponse(status=204)

    def config(self):
        caller = self.caller()
        user = {**caller.user, "modules": list(caller.modules or ())}
        return self._session_reply(user, effective_config(self.store, caller.username), self._license())

    def _session_reply(self, user: dict, config: dict, license: dict) -> dict:
        shown = ("username", "display_name", "agent_code", "operator_code", "profile", "modules")
        payload = self.gate.state().payload
        name = payload.customer if payload else ""
        return {"user": {k: user.get(k) for k in shown}, "config": config,
                "project": {"code": self.settings.project, "name": name, **self._logo_fields()},
                "license": {"state": license["state"], "expires_at": license.get("expires_at")},
                "server_time": iso(self.now())}

    def _logo_fields(self) -> dict:
        """`logo_url` (versioned by content, so a new logo is a new address the app downloads) and `logo_hash`."""
        version = logo_version(self.settings.paths.logo)
        return {"logo_url": f"{PREFIX}/logo?v={version}", "logo_hash": version} if version else {}

    def logo(self):
        self.caller()
        try:
            data = self.settings.paths.logo.read_bytes()
        except FileNotFoundError:
            raise NotFoundError("No logo has been uploaded in the console (Rules page).",
                                errors=[{"field": "logo", "reason": "none"}]) from None
        etag = f'"{bytes_hash(data)[:16]}"'
        headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
        if etag in (request.get_header("If-None-Match") or ""):
            return HTTPResponse(status=304, headers=headers)
        return HTTPResponse(data, headers={**headers, "Content-Type": "image/png"})

    def _license(self) -> dict:
        state = self.gate.state()
        expires = state.payload.expires_at if state.payload else None
        return {"state": state.state, "expires_at": expires.isoformat() if expires else None}

    # -- sync --------------------------------------------------------------------------------

    def _view(self, caller):
        return current_view(self.store, {**caller.user, "id": caller.user_id}, caller.modules, self.now())

    def sync_summary(self):
        caller = self.caller()
        self.housekeeping.maybe_purge(self.now())
        return summary(self.store, self._view(caller), caller.device_id, now=self.now(),
                       keep_days=self.settings.sync_tombstone_days, shared=self.shared_counts)

    def sync_page(self, table: str):
        with self.page_slots:
            caller = self.caller()
            started = time.perf_counter()
            view = self._view(caller)
            page = read_page(self.store, view, table, request.query.get("since") or None,
                             check_limit(query_int("limit")), now=self.now(),
                             keep_days=self.settings.sync_tombstone_days, row_cache=self.row_cache)
            reply = json_response(_page_body(page))
        if not page.more:
            complete_pass(self.store, view, caller.device_id, page, self.now())
            record_sync(self.store, caller.username, caller.device_id, now=self.now())
        self.activity.page((caller.username, caller.device_id), table, rows=len(page.rows), deleted=len(page.deleted),
                           size=len(reply.body), seconds=time.perf_counter() - started, done=not page.more,
                           full=page.full)
        return reply

    def sync_reset(self):
        caller = self.caller()
        table = _reset_table(read_json(LOGIN_BODY_LIMIT))
        if table:
            served_scope(self._view(caller), table)
        forget_device_positions(self.store, caller.user_id, caller.device_id, table)
        return {"reset": [table] if table else "all"}

    # -- documents ---------------------------------------------------------------------------

    def _uploader(self, caller) -> Uploader:
        user = caller.user
        return Uploader(caller.user_id, caller.username, caller.device_id, user.get("agent_code") or "",
                        user.get("operator_code") or "", user.get("customer_code") or "")

    def _hooks(self) -> Hooks | None:
        return self.app.config.get("appliance.upload_hooks")

    def _journal(self, caller, kind: str | None, body: bytes, parsed) -> None:
        """On disk before the database commit: see `appliance.backups.journal`."""
        self.service.journal.append(upload_entry(self._uploader(caller), request.path, kind, body, parsed, self.now()))

    def upload(self, kind: str):
        caller = self.caller()
        body = read_body(self.settings.device_max_body_bytes)
        document = parse_json(body)
        self._journal(caller, kind, body, document)
        try:
            accepted = accept(self.store, self.settings.project, self._uploader(caller), kind, document,
                              Upload(body, request.path), now=self.now(), hooks=self._hooks(),
                              processor=self.processor)
        except ApplianceError as error:
            self.activity.upload(error.status)
            raise
        status = 201 if accepted.created else 200
        self.activity.upload(status)
        return json_response(write_json(_accepted_json(accepted)).encode("utf-8"), status)

    def upload_batch(self):
        caller = self.caller()
        body = read_body(self.settings.device_max_body_bytes)
        parsed = parse_json(body)
        items = _batch_items(parsed)
        self._journal(caller, None, body, parsed)
        outcomes = accept_batch(self.store, self.settings.project, self._uploader(caller), items,
                                Upload(body, request.path), now=self.now(), hooks=self._hooks(),
                                processor=self.processor)
        for outcome in outcomes:
            self.activity.upload(outcome.status)
        return {"results": [_outcome_json(o) for o in outcomes]}

    def document(self, kind: str, guid: str):
        caller = self.caller()
        found = find_own(self.store, caller.user_id, kind, guid)
        return {"id": found["id"], "guid": found["guid"], "kind": found["kind"], "status": found["status"],
                "received_at": found["received_at"], "warnings": found["warnings"],
                "document": RawJSON(found["document"])}

    def order_status(self):
        caller = self.caller()
        return order_status(self.store, caller.user_id, request.query.get("since"), query_int("limit"))

    def health(self) -> dict:
        return {**self.activity.report(), "documents": count_by_kind(self.store)}


def _login_fields(body) -> dict:
    if not isinstance(body, dict):
        raise InvalidInputError("The login body is a JSON object.", errors=[{"field": "body", "reason": "not an object"}])
    names = ("username", "password", "device_id", "device_name", "app_version")
    bad = [{"field": n, "reason": "must be a string"} for n in names if not isinstance(body.get(n, ""), str)]
    bad += [{"field": n, "reason": "required"} for n in names[:3] if isinstance(body.get(n, ""), str)
            and not body.get(n, "").strip()]
    if bad:
        raise InvalidInputError("The login needs username, password and device_id as text.", errors=bad)
    return {n: body.get(n, "") for n in names}


def _reset_table(body) -> str | None:
    if not isinstance(body, dict):
        raise InvalidInputError("The body is {} for every table or {\"table\": NAME} for one.",
                                errors=[{"field": "body", "reason": "not an object"}])
    table = body.get("table")
    if table is not None and not isinstance(table, str):
        raise InvalidInputError("table is the name of one table, or left out for all tables.",
                                errors=[{"field": "table", "reason": "must be a string"}])
    return table or None


def _batch_items(body):
    if not isinstance(body, dict) or "documents" not in body:
        raise InvalidInputError("A batch is {\"documents\": [{\"kind\": ..., \"document\": {...}}, ...]}.",
                                errors=[{"field": "documents", "reason": "required"}])
    return body["documents"]


def _page_body(page) -> bytes:
    head = f'{{"table":{write_json(page.table)},"rows":['.encode("utf-8")
    tail = (f'],"deleted":{write_json(page.deleted)},"next":"{page.next}","more":{"true" if page.more else "false"},'
            f'"full":{"true" if page.full else "false"}}}').encode("utf-8")
    return head + b",".join(page.rows) + tail


def _accepted_json(accepted) -> dict:
    return {"id": accepted.id, "guid": accepted.guid, "kind": accepted.kind,
            "created": accepted.created, "warnings": accepted.warnings, "document": accepted.document}


def _outcome_json(outcome) -> dict:
    if outcome.accepted is not None:
        return {"index": outcome.index, "status": outcome.status, **_accepted_json(outcome.accepted)}
    error = outcome.problem
    return {"index": outcome.index, "status": outcome.status,
            "problem": {"title": error.title, "status": error.status, "detail": str(error), "errors": error.errors}}
