"""The HTTPS listener with real TLS clients: Python's ssl, openssl s_client, curl, requests."""

from __future__ import annotations

import http.client
import json
import os
import plistlib
import socket
import ssl
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from appliance.cli import main
from appliance.messages import say
from appliance.store.sessions import access_log
from appliance.tls.importing import import_certificate
from appliance.tls.probe import check_server
from tests.folderwatch.helpers import free_port, wait_for
from tests.tls.certs import authority, key_pem, leaf, pem
from tests.tls.conftest import start_secure


def test_python_ssl_with_only_the_local_ca_gets_health_over_one_kept_alive_connection(secure):
    connection = http.client.HTTPSConnection("localhost", secure.https.port, context=secure.client_context(),
                                             timeout=10)
    try:
        connection.request("GET", "/health")
        first = connection.getresponse()
        health = json.loads(first.read())
        sock = connection.sock
        connection.request("GET", "/health")
        second = connection.getresponse()
        second.read()
        assert first.status == second.status == 200
        assert connection.sock is sock  # HTTP/1.1 keep-alive: the same TLS connection served both
        assert sock.version() in ("TLSv1.2", "TLSv1.3")
    finally:
        connection.close()
    assert health["tls"]["state"] == "ok"
    assert health["tls"]["url"].endswith(f":{secure.https.port}")
    assert "localhost" in health["tls"]["names"] and "appliance.vpn.example" in health["tls"]["names"]


def s_client(secure, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{secure.https.port}",
                           "-servername", "localhost", "-CAfile", str(secure.ca_file), *options],
                          input="", capture_output=True, text=True, timeout=30)


def test_openssl_refuses_tls_1_1_and_accepts_tls_1_2_with_ecdhe(secure):
    old = s_client(secure, "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0")
    assert old.returncode != 0
    assert "protocol version" in (old.stdout + old.stderr).lower()
    tls12 = s_client(secure, "-tls1_2")
    assert tls12.returncode == 0, tls12.stderr
    assert "Protocol  : TLSv1.2" in tls12.stdout or "TLSv1.2" in tls12.stdout
    assert "Cipher is ECDHE-" in tls12.stdout
    assert "Verify return code: 0 (ok)" in tls12.stdout


def test_openssl_without_ecdhe_suites_is_refused(secure):
    static = s_client(secure, "-tls1_2", "-cipher", "AES128-GCM-SHA256:AES256-SHA")
    assert static.returncode != 0


def test_curl_with_the_ca_fetches_health(secure):
    result = subprocess.run(["curl", "-sS", "--fail", "--cacert", str(secure.ca_file),
                             f"https://localhost:{secure.https.port}/health"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["tls"]["source"] == "local CA"


def test_a_client_without_the_ca_refuses_the_server(secure):
    result = subprocess.run(["curl", "-sS", f"https://localhost:{secure.https.port}/health"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 60  # peer certificate cannot be authenticated with known CA certificates


def test_device_login_over_https(secure):
    reply = secure.device_login(secure.https_url, secure.verified())
    assert reply.status_code == 200, reply.text
    token = reply.json()["token"]
    config = secure.verified().get(secure.https_url + "/api/v1/config", timeout=10,
                                   headers={"Authorization": "Bearer " + token})
    assert config.status_code == 200
    assert config.json()["user"]["username"] == "mrossi"


def test_device_api_over_plain_http_is_refused_with_the_https_url(secure):
    reply = secure.device_login(secure.server.url)
    assert reply.status_code == 403
    assert reply.headers["Content-Type"].startswith("application/problem+json")
    problem = reply.json()
    assert problem["reason"] == "https_required"
    assert problem["https_url"] == f"https://127.0.0.1:{secure.https.port}/api/v1/login"
    assert problem["https_url"] in problem["detail"]
    app = requests.get(secure.server.url + "/app/index.html?x=1", allow_redirects=False, timeout=10)
    assert app.status_code == 308
    assert app.headers["Location"] == f"https://127.0.0.1:{secure.https.port}/app/index.html?x=1"


def test_connector_health_and_ca_stay_on_plain_http(secure):
    assert requests.get(secure.server.url + "/health", timeout=10).status_code == 200
    assert requests.get(secure.server.url + "/ca.crt", timeout=10).status_code == 200
    connector = requests.get(secure.server.url + "/api/connector/v1/orders", timeout=10)
    assert connector.json().get("reason") != "https_required"
    assert connector.status_code in (401, 403)


def test_device_http_allow_serves_the_device_api_over_http(tmp_path, vendor):
    run = start_secure(tmp_path, vendor, device_http="allow")
    try:
        assert run.device_login(run.server.url).status_code == 200
    finally:
        run.stop()


def test_ca_downloads_match_the_ca_file_and_the_profile_holds_it(secure):
    der = requests.get(secure.server.url + "/ca.crt", timeout=10)
    assert der.headers["Content-Type"] == "application/x-x509-ca-cert"
    ca = x509.load_pem_x509_certificate(secure.ca_file.read_bytes())
    assert der.content == ca.public_bytes(Encoding.DER)
    reply = requests.get(secure.server.url + "/ca.mobileconfig", timeout=10)
    assert reply.headers["Content-Type"] == "application/x-apple-aspen-config"
    profile = plistlib.loads(reply.content)
    assert profile["PayloadType"] == "Configuration"
    (payload,) = profile["PayloadContent"]
    assert payload["PayloadType"] == "com.apple.security.root"
    assert payload["PayloadContent"] == der.content
    assert "ROSSI" in profile["PayloadDisplayName"]
    again = plistlib.loads(requests.get(secure.server.url + "/ca.mobileconfig", timeout=10).content)
    assert again["PayloadUUID"] == profile["PayloadUUID"]  # the same profile: iOS replaces, not duplicates


def test_the_clients_own_address_reaches_the_app_over_https(secure):
    """A client bound to 127.0.0.2 shows up as 127.0.0.2 in the access log (not the proxy's or a constant)."""
    session = secure.verified()
    session.mount("https://", _SourceAdapter("127.0.0.2"))
    reply = secure.device_login(secure.https_url, session, password="wrong password")
    assert reply.status_code == 401
    assert access_log(secure.store, limit=1)[0]["address"] == "127.0.0.2"


def test_console_localhost_only_sees_the_real_address_over_https(tmp_path, vendor):
    run = start_secure(tmp_path, vendor, console_localhost_only=True)
    try:
        session = run.verified()
        page = session.get(run.https_url + "/admin/sign-in", timeout=10)
        assert page.status_code == 200  # 127.0.0.1 is this server: not refused as "not localhost"
        assert 'name="password"' in page.text
    finally:
        run.stop()


class _SourceAdapter(requests.adapters.HTTPAdapter):
    """Connections from a chosen local address."""

    def __init__(self, source: str):
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def test_tls_check_passes_every_rule_against_the_running_service(secure, capsys):
    code = main(["tls", "check", "--data-dir", str(secure.settings.data_dir), "--host", "localhost",
                 "--port", str(secure.https.port)])
    out = capsys.readouterr().out
    assert code == 0, out
    for rule in ("TLS 1.2 or newer", "TLS 1.0 and 1.1 refused", "forward secrecy", "chain verifies",
                 "localhost in subjectAltName", "extended key usage serverAuth", "key size", "SHA-256 signature",
                 "validity at most 825 days", "within validity"):
        assert f"PASS  {rule}" in out
    assert "10 of 10 rules pass." in out


def test_tls_check_fails_for_a_name_the_certificate_does_not_cover(secure):
    checks = {c.rule: c for c in check_server("127.0.0.1", secure.https.port, "other.example", secure.ca_file)}
    assert not checks["other.example in subjectAltName"].passed
    assert "tls_names" in checks["other.example in subjectAltName"].fix
    assert not checks["chain verifies"].passed  # the client's own hostname check fails too
    assert checks["forward secrecy"].passed


def test_an_imported_certificate_is_served_after_the_next_routine_round(secure, tmp_path):
    root, root_key = authority("Company Root")
    cert, key = leaf(root, root_key, names=("localhost", "127.0.0.1"), start=datetime.now(timezone.utc) - timedelta(hours=1))
    import_certificate(secure.settings, key, cert, [root], trusted=[])
    assert served_certificate(secure) != cert  # not yet: connections keep the old context until the routine
    assert secure.service.routine.run_once()["TLS certificate"] is True
    assert served_certificate(secure) == cert
    (tmp_path / "root.pem").write_bytes(pem(root))
    context = ssl.create_default_context(cafile=str(tmp_path / "root.pem"))
    with socket.create_connection(("127.0.0.1", secure.https.port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            assert tls.version() in ("TLSv1.2", "TLSv1.3")


def served_certificate(secure) -> x509.Certificate:
    der = ssl.get_server_certificate(("127.0.0.1", secure.https.port))
    return x509.load_pem_x509_certificate(der.encode())


def test_appliance_serve_with_https_port_makes_the_certificate_and_serves_both(make_settings, tmp_path):
    settings = make_settings()
    port, https_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPLIANCE_")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    process = subprocess.Popen([sys.executable, "-m", "appliance", "serve", "--data-dir", str(settings.data_dir),
                                "--port", str(port), "--https-port", str(https_port)], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith(f"Serving HTTPS for the iPads on port {https_port}"), line
        session = requests.Session()
        session.trust_env = False
        session.verify = str(settings.paths.ca_cert)
        health = wait_for(lambda: _json_or_none(session, f"https://localhost:{https_port}/health"),
                          what="/health over HTTPS")
        assert health["tls"]["state"] == "ok" and health["tls"]["url"].endswith(f":{https_port}")
        assert requests.get(f"http://127.0.0.1:{port}/health", timeout=10).status_code == 200
    finally:
        process.terminate()
        assert process.wait(timeout=60) == 0


def _json_or_none(session: requests.Session, url: str):
    try:
        return session.get(url, timeout=5).json()
    except requests.ConnectionError:
        return None


def test_clients_silent_after_connecting_do_not_hold_up_the_others(secure):
    # A TCP connection that never starts its handshake (a phone losing signal, a port scanner)
    # used to stall the whole HTTPS listener until it timed out: 10 s each, here 30 s for three.
    silent = [socket.create_connection(("127.0.0.1", secure.https.port), timeout=30) for _ in range(3)]
    try:
        reply = secure.verified().get(secure.https_url + "/health", timeout=8)
        assert reply.status_code == 200
    finally:
        for sock in silent:
            sock.close()


def test_plain_http_on_the_https_port_is_told_to_use_https(secure):
    with socket.create_connection(("127.0.0.1", secure.https.port), timeout=10) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert b"This port speaks HTTPS only: use https:// in the address." in reply


def test_an_imported_certificate_close_to_expiry_makes_health_degraded(secure):
    root, root_key = authority("Company Root")
    cert, key = leaf(root, root_key, names=("localhost", "127.0.0.1"), days=20,
                     start=datetime.now(timezone.utc) - timedelta(hours=1))
    import_certificate(secure.settings, key, cert, [root], trusted=[])
    health = requests.get(secure.server.url + "/health", timeout=10).json()
    assert health["status"] == "degraded"
    expiry = cert.not_valid_after_utc.date().isoformat()
    assert f"the imported HTTPS certificate expires on {expiry} (19 days left): import its renewal" in health["problems"]


def test_an_expired_certificate_makes_health_degraded(secure):
    root, root_key = authority("Company Root")
    cert, key = leaf(root, root_key, names=("localhost", "127.0.0.1"), days=397,
                     start=datetime.now(timezone.utc) - timedelta(days=400))
    folder = secure.settings.paths.tls
    (folder / "server.crt").write_bytes(pem(cert, root))
    (folder / "server.key").write_bytes(key_pem(key))
    health = requests.get(secure.server.url + "/health", timeout=10).json()
    assert health["status"] == "degraded"
    assert health["tls"]["state"] == "expired"
    expiry = cert.not_valid_after_utc.date().isoformat()
    assert f"the HTTPS certificate expired on {expiry}: iPads cannot connect until it is renewed" in health["problems"]
    assert say(health["problems"][-1], "it").startswith("il certificato HTTPS è scaduto il ")
