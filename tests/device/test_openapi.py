"""/api/openapi.json lists every API route of the running app and is a valid OpenAPI 3 document."""

from __future__ import annotations

import logging

from openapi_spec_validator import validate

from appliance.web.openapi import openapi_path


def api_routes(app) -> set[tuple[str, str]]:
    return {(route.method.lower(), openapi_path(route.rule)) for route in app.routes
            if route.rule.startswith("/api/") or route.rule == "/health"}


def test_every_api_route_is_documented_and_the_document_is_valid(api):
    document = api.get("/api/openapi.json", user=None).json()
    validate(document)
    documented = {(method, path) for path, item in document["paths"].items() for method in item}
    assert api_routes(api.app) <= documented
    assert ("post", "/api/v1/documents/{kind}") in documented and len(api_routes(api.app)) >= 11


def test_upload_schemas_come_from_the_connector_record_shapes(api):
    schemas = api.get("/api/openapi.json", user=None).json()["components"]["schemas"]
    assert schemas["RigaOrdineExport"]["properties"]["qta"] == {"type": "number", "description": "quantity",
                                                                "nullable": True}
    assert schemas["TestataOrdineExport"]["properties"]["righe"]["items"] == {
        "$ref": "#/components/schemas/RigaOrdineExport"}


def test_health_counts_logins_syncs_and_uploads_and_the_log_says_so(api, world, caplog):
    caplog.set_level(logging.INFO)
    api.login("mrossi", password="wrong password")
    api.sync_all("io_clifor_gen", "mrossi", limit=2)
    api.post("/api/v1/documents/customer-notes", json={"guid": "note-0009-aaaa", "cod_cliente": "C1", "nota": "x"})
    devices = api.get("/health", user=None).json()["devices"]
    assert devices["logins"] == {"bad_credentials": 1, "ok": 1}
    assert devices["sync"]["passes"] == 1 and devices["sync"]["pages"] == 2 and devices["sync"]["rows"] == 3
    assert devices["sync"]["bytes"] > 0 and devices["uploads"] == {"stored": 1}
    assert devices["documents"] == {"customer-notes": 1}
    sync_lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("sync: user mrossi")]
    assert len(sync_lines) == 1 and "full io_clifor_gen: 3 rows, 0 deleted" in sync_lines[0]
    assert any("document received: customer-notes note-0009-aaaa" in r.getMessage() for r in caplog.records)
    assert not any(api.tokens["mrossi/ipad-1"] in r.getMessage() for r in caplog.records)
