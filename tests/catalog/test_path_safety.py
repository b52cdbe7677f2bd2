"""Nothing outside the exchange folder and the cache is ever served: `../`, absolute paths, encoded
slashes and symbolic links all end in a 404 (or a 400 for a bad variant), never in a file's content."""

from __future__ import annotations

import os

import pytest

from tests.catalog.media import put, put_image
from tests.catalog.rawhttp import raw_get

SECRET = b"TOP-SECRET-CONTENT"


@pytest.fixture
def secret(appliance, tmp_path):
    """A file outside the exchange folder, and one in the data dir, that must never be sent."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.jpg").write_bytes(SECRET)
    (appliance.settings.paths.secrets / "stolen.txt").write_bytes(SECRET)
    return outside


def auth(appliance) -> dict:
    return {"Authorization": "Bearer " + appliance.token("mrossi")}


@pytest.mark.parametrize("path", [
    "/api/v1/files/../../../../etc/passwd",
    "/api/v1/files/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/api/v1/files/%2E%2E%2F%2E%2E%2Fsecrets%2Fstolen.txt",
    "/api/v1/files/%2Fetc%2Fpasswd",
    "/api/v1/files//etc/passwd",
    "/api/v1/files/1%2F..%2F2",
    "/api/v1/files/..%5C..%5Csecrets%5Cstolen.txt",
    "/api/v1/files/C:%5CWindows%5Cwin.ini",
    "/api/v1/files/1.0",
    "/api/v1/files/-1",
    "/api/v1/files/99999999999999999999999",
])
def test_paths_in_the_request_never_reach_the_disk(appliance, secret, path):
    put_image(appliance.multimedia, "a.jpg")
    appliance.index()
    reply = raw_get(appliance.url, path, auth(appliance))
    assert reply.status == 404 and reply.headers["content-type"] == "application/problem+json"
    assert SECRET not in reply.body and b"root:" not in reply.body and b"Traceback" not in reply.body


def test_an_encoded_id_is_only_ever_an_id(appliance):
    photo = put_image(appliance.multimedia, "a.jpg")
    appliance.index()
    reply = raw_get(appliance.url, "/api/v1/files/%31", auth(appliance))
    assert reply.status == 200 and reply.body == photo.read_bytes()


def test_a_bad_variant_is_a_400_naming_it(appliance):
    put_image(appliance.multimedia, "a.jpg")
    appliance.index()
    reply = appliance.get("/api/v1/files/1", params={"variant": "../../secrets/stolen.txt"})
    assert reply.status_code == 400 and reply.json()["errors"] == [{"field": "variant", "reason": "unknown variant"}]


def test_symbolic_links_are_reported_and_never_followed(appliance, secret):
    os.symlink(secret / "a.jpg", appliance.multimedia / "link.jpg")
    os.symlink(secret, appliance.multimedia / "Cartella")
    os.symlink(appliance.settings.paths.secrets / "stolen.txt", appliance.reports / "stolen.pdf")
    put_image(appliance.multimedia, "vera.jpg")
    appliance.index()
    assert [i["file_name"] for i in appliance.listing()["items"].values()] == ["vera.jpg"]
    assert appliance.listing("reports")["items"] == {}
    problems = appliance.health()["catalog"]["multimedia"]["problems"]
    assert sum("a symbolic link: links are never followed nor served" in p for p in problems) == 2
    for file_id in range(1, 6):
        assert SECRET not in appliance.get(f"/api/v1/files/{file_id}").content


def test_a_file_replaced_by_a_link_after_indexing_is_not_served(appliance, secret):
    photo = put(appliance.multimedia, "Foto/a.jpg", b"real image bytes")
    appliance.index("multimedia")
    (item,) = appliance.listing()["items"].values()
    photo.unlink()
    os.symlink(secret / "a.jpg", photo)
    reply = appliance.get(item["url"])
    assert reply.status_code == 404 and SECRET not in reply.content


def test_a_folder_replaced_by_a_link_after_indexing_is_not_served(appliance, secret):
    put(appliance.multimedia, "Foto/a.jpg", b"real image bytes")
    appliance.index("multimedia")
    (item,) = appliance.listing()["items"].values()
    (appliance.multimedia / "Foto").rename(appliance.multimedia / "Vecchie")
    os.symlink(secret, appliance.multimedia / "Foto")
    reply = appliance.get(item["url"])
    assert reply.status_code == 404 and SECRET not in reply.content


def test_a_cache_copy_replaced_by_a_link_is_not_served(appliance, secret):
    put_image(appliance.multimedia, "Grande.jpg", size=(2000, 1500))
    appliance.index("multimedia")
    (item,) = appliance.listing()["items"].values()
    (copy,) = [p for p in appliance.cache.rglob("*-1028.jpg")]
    copy.unlink()
    os.symlink(secret / "a.jpg", copy)
    reply = appliance.get(item["url"])
    assert reply.status_code == 404 and SECRET not in reply.content
