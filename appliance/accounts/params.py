"""Parameters: one typed registry of what the project (and, where allowed, each user) configures.

The registry and the app's own parameters live here; each package declares the rest next to
the code that reads them (`orders/params.py`, `pricing/params.py`, ...), and
`appliance.parameters.register_all` registers every one of them at each entry point.

Values live in the database and are read fresh on every call, so a change made from
the CLI or the console while the service runs takes effect at the next login or sync.
A user's value wins over the project's only where the parameter allows overrides
and the user has one; otherwise the project's value, else the default, applies.
"""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterator

from appliance.accounts.users import require_user
from appliance.clock import iso, moment
from appliance.errors import InvalidInputError, NotFoundError
from appliance.store.db import Store
from appliance.store.params import (delete_project_value, delete_user_value, project_values, put_project_value,
                                    put_user_value, user_values)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Param:
    """One parameter: key, type (int | bool | choice | text), default, help, whether a user may override it.

    `minimum` and `maximum` bound an int's value and a text's length.
    """

    key: str
    kind: str
    default: Any
    help: str
    user_override: bool = True
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None


class Registry:
    """The parameters this process knows, in the order they were registered.

    Each package declares its own parameters in its `params.py` next to the code that reads
    them and registers them (on import, and again through `appliance.parameters.register_all`
    at every entry point, so a listing is complete). Registering the same definition twice is
    harmless; two different definitions of one key are a programming error.
    """

    def __init__(self) -> None:
        self._by_key: dict[str, Param] = {}

    def register(self, *definitions: Param) -> None:
        """Add parameter definitions; ValueError when a key is already declared differently."""
        for definition in definitions:
            known = self._by_key.get(definition.key)
            if known is not None and known != definition:
                raise ValueError(f"parameter {definition.key} is declared twice, differently")
            self._by_key[definition.key] = definition

    def get(self, key: str) -> Param | None:
        """The definition of a key, None when no package registered it."""
        return self._by_key.get(key)

    def keys(self) -> list[str]:
        """The registered keys, in registration order."""
        return list(self._by_key)

    def __iter__(self) -> Iterator[Param]:
        return iter(tuple(self._by_key.values()))

    def __len__(self) -> int:
        return len(self._by_key)


PARAMS = Registry()
register = PARAMS.register


def project_switch(key: str, help: str) -> Param:
    """A yes/no parameter of the whole project (no per-user override), off by default."""
    return Param(key, "bool", False, help, user_override=False)


def _app(key: str, default: bool, help: str) -> Param:
    return Param(key, "bool", default, help)


# The app's own parameters (sent to the device at login); other packages register theirs.
APP_PARAMS: tuple[Param, ...] = (
    Param("app.offer_order_type", "text", "OFF", "The ERP's order type code (ext_cod_tipo_ord) the app puts on an "
          "offer, so that the ERP files it as an offer and not as an order.", user_override=False,
          minimum=1, maximum=20),
    Param("app.discounts_count", "int", 6, "Discount fields per order line in the app.", minimum=0, maximum=6),
    Param("app.qty_decimals", "int", 2, "Decimals shown and accepted for quantities.", minimum=0, maximum=6),
    Param("app.price_decimals", "int", 2, "Decimals shown and accepted for prices.", minimum=0, maximum=6),
    _app("app.min_price_blocks", False, "A price below the article's minimum price blocks the line "
                                        "(otherwise it is only a warning)."),
    _app("app.max_discount_blocks", False, "A discount above the maximum allowed blocks the line "
                                           "(otherwise it is only a warning)."),
    _app("app.min_qty_blocks", False, "A quantity below the article's minimum blocks the line "
                                      "(otherwise it is only a warning)."),
    _app("app.show_stock", True, "Show article stock."),
    _app("app.show_all_customers", False, "Agents see every customer, not only their own."),
    _app("app.history_second_um", False, "Sales history shows quantities in the second unit of measure."),
    _app("app.allow_price_change", True, "Agents may change the price of an order line."),
    _app("app.check_package_qty", False, "Quantities must be multiples of the article's package quantity."),
    _app("app.show_availability", True, "Show article availability (stock minus ordered)."),
    _app("app.show_last_purchase_price", False, "Show the customer's last purchase price of an article."),
    _app("app.show_last_recorded_price", True, "Show the last price recorded for the customer and article."),
    _app("app.allow_discount_change", True, "Agents may change the discounts of an order line."),
    Param("app.stale_sync_days", "int", 3, "The console lists agents whose devices have not synced for more than "
          "this many days.", user_override=False, minimum=1, maximum=365),
)
register(*APP_PARAMS)

_TRUE, _FALSE = {"true", "yes", "1", "on"}, {"false", "no", "0", "off"}


def param(key: str) -> Param:
    """The definition of a parameter; NotFoundError suggests the closest key."""
    found = PARAMS.get(key)
    if found is None:
        close = difflib.get_close_matches(key, PARAMS.keys(), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise NotFoundError(f"There is no parameter '{key}'.{hint} List them with: appliance params list")
    return found


def parse_value(definition: Param, text: str) -> Any:
    """A parameter value from text (CLI or form), checked against its type and range."""
    raw = str(text).strip()
    if definition.kind == "bool":
        if raw.lower() in _TRUE | _FALSE:
            return raw.lower() in _TRUE
        raise InvalidInputError(f"{definition.key} is true or false, not '{raw}'.")
    if definition.kind == "text":
        if not definition.minimum <= len(raw) <= definition.maximum or not raw.isprintable():
            raise InvalidInputError(f"{definition.key} is a code of {definition.minimum} to {definition.maximum} "
                                    f"printable characters, not '{raw}'.")
        return raw
    if definition.kind == "choice":
        if raw in definition.choices:
            return raw
        raise InvalidInputError(f"{definition.key} is one of {', '.join(definition.choices)}, not '{raw}'.")
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInputError(f"{definition.key} is a whole number, not '{raw}'.") from None
    if not definition.minimum <= value <= definition.maximum:
        raise InvalidInputError(f"{definition.key} must be between {definition.minimum} and "
                                f"{definition.maximum}, not {value}.")
    return value


def set_param(store: Store, key: str, text: str, username: str | None = None, now: datetime | None = None) -> Any:
    """Set a parameter for the project, or for one user where overrides are allowed; returns the value."""
    definition = param(key)
    value = parse_value(definition, text)
    at = iso(moment(now))
    if username is None:
        put_project_value(store, key, value, at)
        log.info("parameter %s set to %s", key, value)
        return value
    _check_overridable(definition)
    user = require_user(store, username)
    put_user_value(store, user["id"], key, value, at)
    log.info("parameter %s set to %s for user %s", key, value, user["username"])
    return value


def unset_param(store: Store, key: str, username: str | None = None) -> bool:
    """Return a parameter to the default (project) or to the project's value (user); False when not set."""
    definition = param(key)
    if username is None:
        return delete_project_value(store, definition.key)
    return delete_user_value(store, require_user(store, username)["id"], definition.key)


def list_params(store: Store, username: str | None = None) -> list[dict]:
    """Every parameter with its value in force and where it comes from (default | project | user)."""
    project = project_values(store)
    own = user_values(store, require_user(store, username)["id"]) if username else {}
    rows = []
    for definition in PARAMS:
        value, source = _resolve(definition, project, own)
        rows.append({"key": definition.key, "kind": definition.kind, "value": value, "source": source,
                     "default": definition.default, "user_override": definition.user_override,
                     "choices": list(definition.choices), "help": definition.help})
    return rows


def project_value(store: Store, key: str) -> Any:
    """The value in force for the whole project (the project's own, else the default)."""
    return _resolve(param(key), project_values(store), {})[0]


def effective_config(store: Store, username: str) -> dict[str, Any]:
    """A user's configuration: every key with the user's value where set and allowed, else the project's."""
    return {row["key"]: row["value"] for row in list_params(store, username)}


def _resolve(definition: Param, project: dict, own: dict) -> tuple[Any, str]:
    if definition.user_override and definition.key in own:
        return own[definition.key], "user"
    if definition.key in project:
        return project[definition.key], "project"
    return definition.default, "default"


def _check_overridable(definition: Param) -> None:
    if not definition.user_override:
        raise InvalidInputError(f"{definition.key} applies to the whole project and cannot be set per user. "
                                f"Set it without --user: appliance params set {definition.key} VALUE")
