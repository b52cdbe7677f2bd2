"""The connector APIs are in /api/openapi.json and docs/connector-api.md; /health reports the queues."""

from __future__ import annotations

from pathlib import Path

from openapi_spec_validator import validate

from appliance.cli import build_parser
from appliance.connector.queues import queues
from appliance.web.openapi import openapi_path
from tests.connector.erp import order

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "connector-api.md").read_text(encoding="utf-8")
DEVICE_DOC = (REPO / "docs" / "device-api.md").read_text(encoding="utf-8")
MY_COMMANDS = ("documents", "paytrans", "connector-key")


def test_the_openapi_document_describes_every_connector_route(erp):
    document = erp.api.get("/api/openapi.json", user=None).json()
    validate(document)
    routes = {(r.method.lower(), openapi_path(r.rule)) for r in erp.api.app.routes
              if r.rule.startswith(("/api/", "/v1/"))}
    documented = {(method, path) for path, item in document["paths"].items() for method in item}
    assert routes <= documented
    assert {("get", "/v1/progetti/{project}/exportPaginazione/{queue}"), ("get", "/api/connector/v1/{queue}"),
            ("post", "/api/connector/v1/{queue}/ack"), ("get", "/api/v1/documents/orders")} <= documented
    pull = document["paths"]["/v1/progetti/{project}/exportPaginazione/{queue}"]["get"]
    assert [p["name"] for p in pull["parameters"]] == ["project", "queue", "authKey", "format", "count", "offset",
                                                        "limit", "lastID", "lastDateImport", "statusExport"]


def test_every_command_queue_and_file_name_placeholder_is_documented():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name in MY_COMMANDS:
        actions = commands[name]._subparsers
        if actions is None:
            assert f"appliance {name}" in DOC
            continue
        for action in actions._group_actions[0].choices:
            assert f"appliance {name} {action}" in DOC, (name, action)
    for queue in queues().values():
        assert all(f"`{path}`" in DOC for path in queue.paths) and f"`{queue.kind}`" in DOC
    for text in ("AM_ORD_<export id>_<unique_id>.DAT", "<guid>-k", "(k − 1) × 100,000,000", "`<export id>`",
                 "`<unique_id>`", "~AM_ORD_"):
        assert text in DOC, text
    assert "GET /api/v1/documents/orders?since=CURSOR" in DEVICE_DOC


def test_health_reports_open_entries_waiting_documents_and_pulls(erp):
    erp.param("validate.customers", True)
    erp.upload("customers", {"guid": "cust-0001-health", "ragione_sociale": "Bar"})
    for number in range(3):
        erp.upload("orders", order(f"ord-{number:04d}-health"))
    erp.amhelper("orders", 0, limit=2)
    section = erp.api.get("/health", user=None).json()["connector"]
    assert section["open"] == {"orders": {"served": 2, "queued": 1}}
    assert section["waiting_for_validation"] == 1 and section["legacy_files_waiting"] == 0
    assert section["pulls"]["orders"]["requests"] == 1 and section["pulls"]["orders"]["entries"] == 2
