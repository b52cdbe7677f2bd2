"""Every package's parameters, registered into the one registry of `appliance.accounts.params`.

Each package declares its parameters next to the code that reads them; this module is where
they are assembled. The entry points (the CLI, the web app, the service) call `register_all`
first, so every listing, login configuration and console form sees all of them.
"""

from __future__ import annotations

from appliance.accounts.params import APP_PARAMS, Param, register
from appliance.catalog import params as catalog_params
from appliance.connector import params as connector_params
from appliance.orders import params as orders_params
from appliance.pricing import params as pricing_params

# In the order `appliance params list` and the console show them.
PACKAGE_PARAMS: dict[str, tuple[Param, ...]] = {
    "accounts": APP_PARAMS,
    "orders": orders_params.PARAMS,
    "connector": connector_params.PARAMS,
    "catalog": catalog_params.PARAMS,
    "pricing": pricing_params.PARAMS,
}


def register_all() -> None:
    """Register every package's parameters (idempotent)."""
    for definitions in PACKAGE_PARAMS.values():
        register(*definitions)
