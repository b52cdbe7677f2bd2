"""The pricing choices a project makes, with the defaults an Italian ERP integrator expects.

The layouts leave these open (see docs/pricing.md); each is a project parameter
(`pricing.*` in the parameter registry) so that the app and the server price alike.
`PricingRules.from_config` reads them from a user's effective configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Mapping

CHOICES: dict[str, tuple[str, ...]] = {
    "specificity": ("customer_first", "article_first"),
    "priority_wins": ("higher", "lower"),
    "priority_position": ("after_specificity", "before_specificity"),
    "validity_date": ("order", "delivery"),
    "break_unit": ("main", "line"),
    "rounding": ("line", "unit"),
}


@dataclass(frozen=True)
class PricingRules:
    """One value per `pricing.*` parameter (the field name is the key without the prefix)."""

    specificity: str = "customer_first"
    priority_wins: str = "higher"
    priority_position: str = "after_specificity"
    validity_date: str = "order"
    break_unit: str = "main"
    rounding: str = "line"
    unit_decimals: int = 4
    amount_decimals: int = 2
    vat_rate: int = 22
    article_price_fallback: bool = True
    customer_discounts: bool = False

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "PricingRules":
        """The rules from a mapping of parameter keys (`pricing.rounding`, ...); missing keys keep their default."""
        values = {f.name: config[f"pricing.{f.name}"] for f in fields(cls) if f"pricing.{f.name}" in config}
        for name, value in values.items():
            if name in CHOICES and value not in CHOICES[name]:
                raise ValueError(f"pricing.{name} is one of {', '.join(CHOICES[name])}, not {value!r}")
        return cls(**values)
