"""The console over plain HTTP (requests): what a browser sends, without the browser's protections."""

from __future__ import annotations

import re

import requests

TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


class ConsoleClient:
    """One browser-like session against a console server; redirects are not followed."""

    def __init__(self, server):
        self.base = server.server.url
        self.http = requests.Session()

    def get(self, path: str, **options) -> requests.Response:
        return self.http.get(self.base + path, allow_redirects=False, timeout=10, **options)

    def post(self, path: str, data: dict, **options) -> requests.Response:
        return self.http.post(self.base + path, data=data, allow_redirects=False, timeout=10, **options)

    def token(self, page: str = "/admin/sign-in") -> str:
        """The CSRF token the console puts in the forms of `page`."""
        return TOKEN.search(self.get(page).text).group(1)

    def sign_in(self, username: str, password: str) -> requests.Response:
        reply = self.post("/admin/sign-in", {"username": username, "password": password,
                                             "csrf_token": self.token()})
        assert reply.status_code == 303, reply.text
        return reply
