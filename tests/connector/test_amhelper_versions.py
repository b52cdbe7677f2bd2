"""What every AMHelper version needs beyond the records: a base URL with a trailing slash, the License
Manager's discovery call and version report, a log line per request without the key, the dashboard."""

from __future__ import annotations

import logging
from datetime import datetime

import requests

from tests.connector.erp import order
from tests.console.client import ConsoleClient
from tests.device.conftest import PROJECT


def test_a_base_url_with_a_trailing_slash_is_served(erp):
    erp.upload("orders", order())
    base = f"{erp.url}/v1/progetti/{PROJECT}/"  # as configured; AMHelper appends "/exportPaginazione/..."
    reply = requests.get(base + "/exportPaginazione/codaOrdini", params={"authKey": erp.key, "format": "json"},
                         timeout=10)
    assert reply.status_code == 200 and len(reply.json()["testate"]) == 1
    trailing = requests.get(base + "exportPaginazione/codaOrdini/", params={"authKey": erp.key}, timeout=10)
    assert trailing.status_code == 200


def test_each_connector_request_is_logged_without_the_key(erp, caplog):
    erp.upload("orders", order())
    with caplog.at_level(logging.INFO, logger="appliance.connector"):
        erp.amhelper("orders", 0)
        requests.get(erp.url + "/api/connector/v1/orders", params={"after": "0"},
                     headers={"Authorization": "Bearer " + erp.key}, timeout=10)
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("connector pull")]
    assert len(lines) == 2
    assert lines[0].startswith("connector pull orders: lastID 0, 1 record(s), ") and lines[0].endswith(" ms")
    assert lines[1].startswith("connector pull orders: after 0, 1 record(s)")
    assert erp.key not in caplog.text


def test_get_am_param_tells_where_this_appmanager_is(erp):
    for prefix in ("/lmAPI/v1/getAMParam", "/lmAPI/v1/getAMParam/", "/licenseManagerAPI/v1/getAMParam"):
        reply = requests.post(erp.url + prefix, json={"AuthKeyAPI": erp.key}, timeout=10)
        assert reply.status_code == 200, (prefix, reply.text)
        assert reply.json() == {"cod_prog": PROJECT, "url_am": erp.url,
                                "url_am_api": f"{erp.url}/v1/progetti/{PROJECT}"}
    base = reply.json()["url_am_api"]  # what AMHelper then calls
    pulled = requests.get(base + "/exportPaginazione/codaOrdini", params={"authKey": erp.key}, timeout=10)
    assert pulled.status_code == 200


def test_get_am_param_with_a_wrong_key_is_a_401(erp):
    reply = requests.post(erp.url + "/lmAPI/v1/getAMParam", json={"AuthKeyAPI": "not-the-key"}, timeout=10)
    assert reply.status_code == 401 and reply.json()["errors"][0]["field"] == "AuthKeyAPI"


def test_the_connector_version_and_last_pull_reach_health_and_the_dashboard(erp):
    from appliance.console.admins import add_admin

    reply = requests.post(erp.url + "/lmAPI/v1/update_versione_connettore",
                          json={"CodiceProgetto": PROJECT, "Versione": "4.2.1"}, timeout=10)
    assert reply.status_code == 200
    erp.amhelper("orders", 0)
    section = requests.get(erp.url + "/health", timeout=10).json()["connector"]
    assert section["version"] == "4.2.1" and section["version_reported_at"]
    assert section["last_pull_at"] and section["last_pull_queue"] == "orders"
    assert section["amhelper_profile"] == "classic"
    add_admin(erp.store, erp.settings, "anna", "console password 1")
    console = ConsoleClient(erp.api)
    console.sign_in("anna", "console password 1")
    dashboard = console.get("/admin/").text
    # the console shows the server's local time: around midnight its date is not UTC's
    pulled_on = datetime.fromisoformat(section["last_pull_at"].replace("Z", "+00:00")).astimezone().date()
    assert "4.2.1" in dashboard and pulled_on.isoformat() in dashboard


def test_a_version_report_for_another_project_or_without_a_version_is_a_400(erp):
    for body in ({"CodiceProgetto": "OTHER", "Versione": "1.0"}, {"CodiceProgetto": PROJECT}, ["1.0"]):
        reply = requests.post(erp.url + "/lmAPI/v1/update_versione_connettore", json=body, timeout=10)
        assert reply.status_code == 400, body
