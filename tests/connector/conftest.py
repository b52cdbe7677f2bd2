"""A running appliance for connector and order tests (real SQLite, import pipeline, waitress on 127.0.0.1).

The device tests' service, license and users (`tests/device/conftest.py`) with the ERP data
of `tests/connector/erp.py`; pages of the connector APIs are capped at MAX_LIMIT records.
"""

from __future__ import annotations

import pytest

from tests.connector.erp import Erp, write_erp_world
from tests.device.conftest import DeviceApi, device_settings, signer

__all__ = ["device_settings", "erp", "erp_export", "signer"]  # fixtures
MAX_LIMIT = 5


@pytest.fixture(scope="session")
def erp_export(tmp_path_factory):
    """The ERP files, written once (each test imports them into its own database)."""
    return write_erp_world(tmp_path_factory.mktemp("erp") / "export")


@pytest.fixture
def erp(device_settings, signer, erp_export):  # noqa: F811 (the fixtures imported above)
    """The appliance running with the ERP world loaded; yields an `Erp`."""
    running = DeviceApi(device_settings.replace(connector_max_limit=MAX_LIMIT), signer).start()
    running.install_license()
    running.add_users()
    running.load(erp_export)
    yield Erp(running)
    running.stop()
