"""GET /api/v1/logo: the project's logo for signed-in devices (ETag, 304), 404 problem+json when there is none,
and its versioned address in the session's project data."""

from __future__ import annotations

import io

from PIL import Image

from appliance.catalog.logo import store_logo
from tests.device.test_session import assert_problem


def png(color) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), color).save(out, "PNG")
    return out.getvalue()


def test_without_a_logo_the_route_answers_404_and_the_project_has_no_logo_url(api):
    assert "logo_url" not in api.login("mrossi").json()["project"]
    body = assert_problem(api.get("/api/v1/logo"), 404)
    assert body["errors"] == [{"field": "logo", "reason": "none"}]


def test_a_signed_in_device_gets_the_logo_its_session_points_at_and_a_new_logo_gets_a_new_address(api):
    store_logo(api.settings.paths.logo, png((255, 0, 0)))
    project = api.get("/api/v1/config").json()["project"]
    assert project["logo_url"] == f"/api/v1/logo?v={project['logo_hash']}"
    reply = api.get(project["logo_url"])
    assert reply.status_code == 200 and reply.headers["Content-Type"] == "image/png"
    assert reply.content == api.settings.paths.logo.read_bytes()
    again = api.get(project["logo_url"], headers={"If-None-Match": reply.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""

    store_logo(api.settings.paths.logo, png((0, 0, 255)))
    changed = api.login("mrossi").json()["project"]
    assert changed["logo_url"] != project["logo_url"]
    assert api.get(changed["logo_url"], headers={"If-None-Match": reply.headers["ETag"]}).status_code == 200


def test_the_logo_is_refused_without_a_valid_token(api):
    store_logo(api.settings.paths.logo, png((255, 0, 0)))
    assert_problem(api.get("/api/v1/logo", user=None), 401)
    assert_problem(api.get("/api/v1/logo", user=None, headers={"Authorization": "Bearer nope"}), 401)


def test_the_openapi_describes_the_logo_route(api):
    spec = api.get("/api/openapi.json", user=None).json()
    assert spec["paths"]["/api/v1/logo"]["get"]["operationId"] == "getLogo"
    assert "logo_url" in spec["components"]["schemas"]["Session"]["properties"]["project"]["properties"]
