"""Order tests use the connector tests' appliance (`tests/connector/conftest.py`)."""

from tests.connector.conftest import device_settings, erp, signer  # noqa: F401 (fixtures)
