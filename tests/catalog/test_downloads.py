"""GET /api/v1/files/{id}: ETag and If-None-Match (304), Range (206, 416), If-Range, media types, streaming."""

from __future__ import annotations

import threading
import tracemalloc
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
import requests

from tests.catalog.media import pdf_bytes, put, put_image, video_bytes
from tests.catalog.rawhttp import raw_get

BIG = 64 * 1024 * 1024


@pytest.fixture
def video(appliance):
    data = video_bytes(3_000_000)
    put(appliance.multimedia, "Spot [V1].mp4", data)
    appliance.index("multimedia")
    (item,) = appliance.listing()["items"].values()
    return item, data


def test_the_etag_is_the_hash_and_a_matching_if_none_match_is_a_304(appliance, video):
    item, data = video
    whole = appliance.get(item["url"])
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["ETag"] == f'"{item["hash"]}"' and whole.headers["Accept-Ranges"] == "bytes"
    assert whole.headers["Content-Length"] == str(len(data)) and "Last-Modified" in whole.headers
    for header in (whole.headers["ETag"], f'W/{whole.headers["ETag"]}', f'"other", {whole.headers["ETag"]}', "*"):
        again = appliance.get(item["url"], headers={"If-None-Match": header})
        assert again.status_code == 304 and again.content == b"" and again.headers["ETag"] == whole.headers["ETag"]
    assert appliance.get(item["url"], headers={"If-None-Match": '"stale"'}).status_code == 200


@pytest.mark.parametrize("header, first, last", [
    ("bytes=0-1", 0, 1),
    ("bytes=1000-1999", 1000, 1999),
    ("bytes=2999000-", 2999000, 2999999),
    ("bytes=-500", 2999500, 2999999),
    ("bytes=2999990-9999999", 2999990, 2999999),
])
def test_one_range_is_a_206_with_exactly_those_bytes(appliance, video, header, first, last):
    item, data = video
    reply = appliance.get(item["url"], headers={"Range": header})
    assert reply.status_code == 206 and reply.content == data[first:last + 1]
    assert reply.headers["Content-Range"] == f"bytes {first}-{last}/{len(data)}"
    assert reply.headers["Content-Length"] == str(last - first + 1) and reply.headers["Content-Type"] == "video/mp4"


@pytest.mark.parametrize("header", ["bytes=5-1", "items=0-10", "bytes=0-1,5-6", "bytes=", "bytes=a-b"])
def test_a_range_that_cannot_be_used_is_ignored(appliance, video, header):
    item, data = video
    reply = appliance.get(item["url"], headers={"Range": header})
    assert reply.status_code == 200 and reply.content == data


@pytest.mark.parametrize("header", ["bytes=3000000-", "bytes=4000000-4000001", "bytes=-0"])
def test_a_range_beyond_the_end_is_a_416_with_the_size(appliance, video, header):
    item, _ = video
    reply = appliance.get(item["url"], headers={"Range": header})
    assert reply.status_code == 416 and reply.headers["Content-Range"] == "bytes */3000000"
    assert reply.headers["Content-Type"] == "application/problem+json" and reply.json()["errors"][0]["field"] == "Range"


def test_if_range_serves_the_range_only_while_the_file_is_the_same(appliance, video):
    item, data = video
    etag = f'"{item["hash"]}"'
    current = appliance.get(item["url"], headers={"Range": "bytes=0-9", "If-Range": etag})
    assert current.status_code == 206 and current.content == data[:10]
    stale = appliance.get(item["url"], headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    assert stale.status_code == 200 and stale.content == data


def test_head_answers_the_headers_without_a_body(appliance, video):
    item, data = video
    reply = requests.head(appliance.url + item["url"], timeout=10,
                          headers={"Authorization": "Bearer " + appliance.token("mrossi")})
    assert reply.status_code == 200 and reply.headers["Content-Length"] == str(len(data)) and reply.content == b""


@pytest.mark.parametrize("name, mime", [
    ("a.jpg", "image/jpeg"), ("b.JPEG", "image/jpeg"), ("c.png", "image/png"), ("d.gif", "image/gif"),
    ("e.avi", "video/x-msvideo"), ("f.mov", "video/quicktime"), ("g.mpg", "video/mpeg"), ("h.mpeg", "video/mpeg"),
    ("i.m4v", "video/x-m4v"), ("j.mp4", "video/mp4"), ("k.pdf", "application/pdf"),
])
def test_each_type_has_its_content_type(appliance, name, mime):
    if mime.startswith("image/"):
        put_image(appliance.multimedia, name)
    else:
        put(appliance.multimedia, name, pdf_bytes(name) if mime == "application/pdf" else video_bytes(100))
    appliance.index("multimedia")
    (item,) = appliance.listing()["items"].values()
    reply = appliance.get(item["url"])
    assert item["mime"] == mime and reply.headers["Content-Type"] == mime
    assert name in reply.headers["Content-Disposition"]


def test_large_files_are_streamed_not_read_into_memory(appliance):
    path = appliance.multimedia / "Presentazione.mov"
    chunk = video_bytes(1024 * 1024)
    with open(path, "wb") as handle:
        for _ in range(BIG // len(chunk)):
            handle.write(chunk)
    appliance.index("multimedia")
    (item,) = appliance.listing()["items"].values()
    tracemalloc.start()
    try:
        for headers, expected in (({}, BIG), ({"Range": f"bytes=1000-{BIG - 1001}"}, BIG - 2000)):
            received = 0
            with appliance.get(item["url"], headers=headers, stream=True) as reply:
                assert reply.status_code in (200, 206)
                for part in reply.iter_content(256 * 1024):
                    received += len(part)
            assert received == expected
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB while sending {BIG / 1e6:.0f} MB"


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_a_server_whose_file_wrapper_ignores_the_length_gets_the_range_in_chunks(appliance, video):
    item, data = video
    server = make_server("127.0.0.1", 0, appliance.app, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    try:
        reply = raw_get(f"http://127.0.0.1:{server.server_port}", item["url"],
                        {"Range": "bytes=100-299999", "Authorization": "Bearer " + appliance.token("mrossi")})
    finally:
        thread.join(10)
        server.server_close()
    assert reply.status == 206 and reply.body == data[100:300000]  # not one byte more


def test_waitress_sends_exactly_the_range_from_the_file(appliance, video):
    item, data = video
    reply = raw_get(appliance.url, item["url"], {"Range": "bytes=5-1000004",
                                                 "Authorization": "Bearer " + appliance.token("mrossi")})
    assert reply.status == 206 and reply.body == data[5:1000005]
