"""Who may list and download: a device session, and the license's catalog and reports modules."""

from __future__ import annotations

import pytest
import requests

from tests.catalog.media import pdf_bytes, put, put_image


@pytest.fixture
def files(appliance):
    put_image(appliance.multimedia, "Foto.jpg")
    put(appliance.reports, "Vendite.pdf", pdf_bytes("vendite"))
    appliance.index()
    return {"catalog": "/api/v1/files/1", "reports": "/api/v1/files/2"}


@pytest.mark.parametrize("path", ["/api/v1/catalog", "/api/v1/reports", "/api/v1/files/1"])
def test_every_route_needs_a_session(appliance, files, path):
    missing = requests.get(appliance.url + path, timeout=10)
    assert missing.status_code == 401 and missing.json()["reason"] == "missing_token"
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = requests.get(appliance.url + path, headers={"Authorization": "Bearer not-a-token"}, timeout=10)
    assert wrong.status_code == 401 and wrong.json()["reason"] == "invalid_token"


def test_a_profile_without_the_modules_gets_403_on_lists_and_404_on_files(appliance, files):
    for area in ("catalog", "reports"):
        refused = appliance.get(f"/api/v1/{area}", "guest")
        assert refused.status_code == 403 and refused.json()["reason"] == "module_not_granted"
        assert refused.json()["errors"] == [{"field": "module", "reason": f"{area} not granted"}]
        assert appliance.get(files[area], "guest").status_code == 404
        assert appliance.get(files[area], "mrossi").status_code == 200


def test_a_license_without_the_catalog_module_keeps_the_reports(appliance, files):
    appliance.install_license(modules=["reports"])
    assert appliance.get("/api/v1/catalog").json()["reason"] == "module_not_granted"
    assert appliance.get(files["catalog"]).status_code == 404
    assert [i["title"] for i in appliance.listing("reports")["items"].values()] == ["Vendite"]
    assert appliance.get(files["reports"]).status_code == 200


def test_a_license_without_the_reports_module_keeps_the_catalog(appliance, files):
    appliance.install_license(modules=["catalog"])
    assert appliance.get("/api/v1/reports").status_code == 403
    assert appliance.get(files["reports"]).status_code == 404
    assert appliance.get(files["catalog"]).status_code == 200
