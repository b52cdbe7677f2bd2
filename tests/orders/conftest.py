"""Order tests use the connector tests' appliance (`tests/connector/conftest.py`)."""

from tests.connector.conftest import device_settings, erp, erp_export, signer

__all__ = ["device_settings", "erp", "erp_export", "signer"]  # fixtures
