"""The parameters that govern processing, read fresh from the registry for each document."""

from __future__ import annotations

from dataclasses import dataclass

from appliance.accounts import effective_config, list_params
from appliance.errors import NotFoundError
from appliance.store.db import Store


@dataclass(frozen=True)
class Rules:
    """What processing does to a document of one user, as the parameters say now."""

    split_by_family: bool = False
    split_by_delivery_date: bool = False
    split_by_destination: bool = False
    split_by_perishability: bool = False
    line_order: str = "entered"
    delivery_days: int = 0
    legacy_files: bool = False
    gates: frozenset[str] = frozenset()

    def gated(self, gate: str | None) -> bool:
        """Whether documents behind this gate (`validate.orders`, ...) wait for an operator."""
        return gate in self.gates

    def describe(self) -> dict:
        """The rules as recorded with each processing step."""
        splits = [name for name in ("family", "delivery_date", "destination", "perishability")
                  if getattr(self, "split_by_" + name)]
        return {"split_by": splits, "line_order": self.line_order, "delivery_days": self.delivery_days}


def rules_for(store: Store, username: str) -> Rules:
    """The rules in force for a user's documents (the project's values where the user has none)."""
    try:
        config = effective_config(store, username)
    except NotFoundError:  # the user was removed since: the project's values apply
        config = {row["key"]: row["value"] for row in list_params(store)}
    return Rules(split_by_family=config["orders.split_by_family"],
                 split_by_delivery_date=config["orders.split_by_delivery_date"],
                 split_by_destination=config["orders.split_by_destination"],
                 split_by_perishability=config["orders.split_by_perishability"],
                 line_order=config["orders.line_order"], delivery_days=config["orders.delivery_days"],
                 legacy_files=config["export.legacy_files"],
                 gates=frozenset(key for key, value in config.items() if key.startswith("validate.") and value))
