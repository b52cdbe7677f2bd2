"""The tray's only way to the service: HTTP on 127.0.0.1, `/health` and the local API.

The local token is read from its file before every action, so a token made after the
tray started (the service's first start) is found, and an account that may not read it
gets a message that says so instead of a bare 401.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

from appliance.secret_files import LOCAL_API_PREFIX, read_local_token

HEALTH_TIMEOUT = 3.0
ACTION_TIMEOUT = 120.0  # pausing waits for the import in progress (shutdown_grace_seconds)


class TrayError(Exception):
    """An action could not be done; the message says why and what to do."""


class ServiceDown(TrayError):
    """The service does not answer."""


class ServiceClient:
    """/health and the local API of the service at `base_url` (http://127.0.0.1:PORT)."""

    def __init__(self, base_url: str, token_file: Path):
        self.base_url = base_url.rstrip("/")
        self.token_file = Path(token_file)

    def health(self) -> dict:
        """The /health report (whole: the local token goes with it when readable); ServiceDown when the service
        does not answer."""
        try:
            token = read_local_token(self.token_file)
        except OSError:
            token = None
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self._request("GET", "/health", timeout=HEALTH_TIMEOUT, headers=headers)

    def import_now(self) -> dict:
        """Ask for a full rescan of the exchange folder now."""
        return self._action("/import-now")

    def pause_watching(self) -> dict:
        """Stop watching the exchange folder (returns once the import in progress is done)."""
        return self._action("/watching/pause")

    def resume_watching(self) -> dict:
        """Watch the exchange folder again."""
        return self._action("/watching/resume")

    def _action(self, path: str) -> dict:
        try:
            token = read_local_token(self.token_file)
        except OSError as error:
            raise TrayError(f"This account may not read the local token {self.token_file} ({error.strerror}): run "
                            f"the tray as an administrator of this server, or have one grant you read access to "
                            f"that file.") from None
        if token is None:
            raise TrayError(f"There is no local token in {self.token_file} yet: start the service once, then "
                            f"try again.")
        return self._request("POST", LOCAL_API_PREFIX + path, timeout=ACTION_TIMEOUT,
                             headers={"Authorization": f"Bearer {token}"})

    def _request(self, method: str, path: str, *, timeout: float, headers: dict | None = None) -> dict:
        request = urllib.request.Request(self.base_url + path, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as reply:
                return json.load(reply)
        except urllib.error.HTTPError as error:
            raise TrayError(_problem_detail(error)) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ServiceDown(f"{self.base_url}: {reason}") from None
        except ValueError:
            raise TrayError(f"{self.base_url}{path} did not answer JSON; is another program using this port?") from None


def _problem_detail(error: urllib.error.HTTPError) -> str:
    """The `detail` of a problem+json answer, or the status line."""
    try:
        detail = json.loads(error.read().decode("utf-8")).get("detail")
    except (ValueError, AttributeError, OSError):
        detail = None
    return detail or f"HTTP {error.code} {error.reason}"
