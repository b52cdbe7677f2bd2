"""The tray's local API on a real service: only from this machine, only with the token, only two actions."""

import io
import json
import os
import stat

import requests

from appliance.secret_files import ensure_local_token, local_token_path
from appliance.web.app import create_app
from tests.datfiles import CITTA_HEADER, citta_rows, write_dat
from tests.folderwatch.helpers import wait_for


def post(running, path, token=None, **headers):
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return requests.post(running.server.url + "/local/v1" + path, headers=headers, timeout=30)


def test_the_token_file_is_made_once_and_only_its_owner_may_read_it(running, token):
    path = local_token_path(running.settings.paths)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert ensure_local_token(running.settings.paths) == token  # a second app (or start) keeps it


def test_without_the_token_every_action_is_refused_with_a_problem(running, token):
    for path in ("/import-now", "/watching/pause", "/watching/resume"):
        for offered in (None, "", token[:-1] + ("x" if token[-1] != "x" else "y"), "Basic " + token):
            reply = post(running, path, offered)
            assert reply.status_code == 401, (path, offered)
            assert reply.headers["Content-Type"].startswith("application/problem+json")
            assert reply.headers["WWW-Authenticate"].startswith("Bearer")
            assert "local-api.token" in reply.json()["detail"]
    assert running.health()["watching"] == {"paused": False}


def test_the_token_opens_nothing_but_the_local_routes(running, token):
    assert post(running, "/import-now", token).status_code == 202
    reply = requests.get(running.server.url + "/api/v1/config", headers={"Authorization": f"Bearer {token}"},
                         timeout=10)
    assert reply.status_code == 401
    assert requests.get(running.server.url + "/local/v1/import-now", timeout=10).status_code == 405


def test_a_request_from_another_address_is_refused_even_with_the_token(running, token):
    app = create_app(running.service)
    for forwarded in ({}, {"HTTP_X_FORWARDED_FOR": "127.0.0.1"}):
        environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/local/v1/import-now", "REMOTE_ADDR": "192.0.2.10",
                   "HTTP_AUTHORIZATION": f"Bearer {token}", "wsgi.input": io.BytesIO(), "SERVER_NAME": "appliance",
                   "SERVER_PORT": "8470", "wsgi.url_scheme": "http", **forwarded}
        statuses = []
        body = b"".join(app(environ, lambda status, headers, exc_info=None: statuses.append(status)))
        assert statuses[0].startswith("403"), forwarded
        assert "only requests from this machine" in json.loads(body)["detail"]


def test_import_now_asks_the_watcher_for_a_full_rescan(running, token, monkeypatch):
    asked = []
    rescan = running.service.watcher.rescan_now
    monkeypatch.setattr(running.service.watcher, "rescan_now", lambda: asked.append(True) or rescan())
    reply = post(running, "/import-now", token)
    assert (reply.status_code, reply.json()) == (202, {"result": "rescan requested"})
    assert asked == [True]


def test_files_wait_while_watching_is_paused_and_are_imported_after_resuming(running, token, tmp_path):
    reply = post(running, "/watching/pause", token)
    assert (reply.status_code, reply.json()) == (200, {"paused": True})
    health = running.health()
    assert health["watching"] == {"paused": True}
    assert {folder["state"] for folder in health["folders"].values()} == {"stopped"}
    assert post(running, "/watching/pause", token).json() == {"paused": True}  # twice is fine

    dropped = write_dat(running.gestionale / "io_citta.dat", CITTA_HEADER, citta_rows(3))
    reply = post(running, "/import-now", token)
    assert reply.status_code == 409 and "paused" in reply.json()["detail"]
    assert dropped.exists() and running.health()["last_import"] is None

    assert post(running, "/watching/resume", token).json() == {"paused": False}
    assert running.health()["folders"]["gestionale"]["state"] == "watching"
    running.wait_seen(dropped)
    wait_for(lambda: running.settle() or (running.health()["last_import"] or {}).get("file") == "io_citta.dat",
             timeout=30, what="the import after resuming")
    assert not dropped.exists()
    assert post(running, "/watching/resume", token).json() == {"paused": False}


def test_a_service_paused_at_shutdown_stops_cleanly(settings):
    from tests.service.conftest import Running

    run = Running(settings).start()
    assert run.service.set_watching(False)
    run.stop()  # asserts that nothing was left running
    assert run.service.set_watching(True) is False  # not running any more: nothing to resume
