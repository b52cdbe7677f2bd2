"""Who may see which part of the catalog: the license's modules and the index rows' agent and operator."""

from __future__ import annotations

from appliance.errors import ApplianceError
from appliance.store.catalog_feed import Audience

AREA_MODULES = {"multimedia": "catalog", "reports": "reports"}


class ModuleNotGrantedError(ApplianceError):
    """The caller's profile, or the license, does not include this module."""

    status = 403
    title = "Forbidden"
    extra = {"reason": "module_not_granted"}


def require_module(modules: tuple[str, ...] | None, area: str) -> None:
    """Refuse (403) a caller whose modules do not include the area's (None: every module)."""
    module = AREA_MODULES[area]
    if modules is not None and module not in modules:
        raise ModuleNotGrantedError(f"The '{module}' module is not part of this user's profile or of the license; "
                                    f"ask the administrator (profile 'orders' and a license listing '{module}').",
                                    errors=[{"field": "module", "reason": f"{module} not granted"}])


def may_open(modules: tuple[str, ...] | None, area: str) -> bool:
    """True when the caller's modules include the area's (None: every module)."""
    return modules is None or AREA_MODULES[area] in modules


def audience_of(user: dict) -> Audience:
    """The (agent code, operator code) that decides which catalog items and reports a user sees."""
    return (user.get("agent_code") or "").strip(), (user.get("operator_code") or "").strip()
