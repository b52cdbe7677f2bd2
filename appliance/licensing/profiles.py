"""Application profiles and modules: what the app shows a user.

A user has one profile; the license sells seats per profile. The modules a device
receives are its user's profile's modules that the license also grants. The core
modules come with every license; the others must be listed in the license's
`modules`. In evaluation mode (no license) every module is granted.

| profile       | for                                        | modules                                  |
| ------------- | ------------------------------------------ | ---------------------------------------- |
| `information` | consultation only                          | consultation                             |
| `orders`      | consultation, order taking, catalog, reports | consultation, orders, catalog, reports |
| `crm`         | leads and their notes                      | crm                                      |

| module         | what the app shows                                        | granted by          |
| -------------- | --------------------------------------------------------- | ------------------- |
| `consultation` | customers, articles, prices, stock, history, documents     | every license       |
| `orders`       | taking orders and offers                                   | every license       |
| `catalog`      | the media catalog (images, PDFs, videos)                   | the license's list  |
| `reports`      | PDF reports                                                | the license's list  |
| `crm`          | leads and lead notes                                       | the license's list  |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    description: str
    modules: tuple[str, ...]


PROFILES: dict[str, Profile] = {p.name: p for p in (
    Profile("information", "Information", "consultation only", ("consultation",)),
    Profile("orders", "Orders", "consultation, order taking, catalog, reports",
            ("consultation", "orders", "catalog", "reports")),
    Profile("crm", "CRM", "leads and their notes", ("crm",)),
)}

MODULES: dict[str, str] = {
    "consultation": "customers, articles, prices, stock, history, documents",
    "orders": "taking orders and offers",
    "catalog": "the media catalog (images, PDFs, videos)",
    "reports": "PDF reports",
    "crm": "leads and lead notes",
}

CORE_MODULES = ("consultation", "orders")
LICENSED_MODULES = tuple(m for m in MODULES if m not in CORE_MODULES)
DEFAULT_PROFILE = "orders"


def licensed_modules(listed: Iterable[str] | None) -> list[str]:
    """The modules a license grants: the core ones plus those it lists (None: evaluation, all)."""
    if listed is None:
        return list(MODULES)
    listed = set(listed)
    return [m for m in MODULES if m in CORE_MODULES or m in listed]


def granted_modules(profile: str, listed: Iterable[str] | None) -> list[str]:
    """The modules a user of `profile` receives under a license listing `listed` (None: evaluation)."""
    allowed = licensed_modules(listed)
    return [m for m in PROFILES[profile].modules if m in allowed]


def check_profile(name: str) -> str:
    """The profile name, or ValueError naming the known ones."""
    if name not in PROFILES:
        raise ValueError(f"unknown profile '{name}' (use one of {', '.join(PROFILES)})")
    return name
