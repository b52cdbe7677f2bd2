"""Fixtures: the service tests' real service on 127.0.0.1 (the one the tray talks to), and its local token."""

from __future__ import annotations

import pytest

from appliance.secret_files import read_local_token, local_token_path
from tests.service.conftest import running, settings  # noqa: F401  (the same fixtures, shared)


@pytest.fixture
def token(running) -> str:  # noqa: F811
    """The local token the running service wrote."""
    value = read_local_token(local_token_path(running.settings.paths))
    assert value
    return value
