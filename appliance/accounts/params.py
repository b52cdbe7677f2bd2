"""Parameters: one typed registry of what the project (and, where allowed, each user) configures.

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
from typing import Any

from appliance.accounts.users import require_user
from appliance.clock import iso, moment
from appliance.errors import InvalidInputError, NotFoundError
from appliance.store.db import Store
from appliance.store.params import (delete_project_value, delete_user_value, project_values, put_project_value,
                                    put_user_value, user_values)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Param:
    """One parameter: key, type (int | bool | choice), default, help, whether a user may override it."""

    key: str
    kind: str
    default: Any
    help: str
    user_override: bool = True
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None


def _app(key: str, default: bool, help: str) -> Param:
    return Param(key, "bool", default, help)


def _server(key: str, help: str) -> Param:
    return Param(key, "bool", False, help, user_override=False)


PARAMS: tuple[Param, ...] = (
    Param("app.discounts_count", "int", 6, "Discount fields per order line in the app.", minimum=0, maximum=6),
    Param("orders.delivery_days", "int", 0, "A new order's delivery date is today plus this many days.",
          minimum=0, maximum=365),
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
    _server("orders.split_by_family", "Split an order into one per article family."),
    _server("orders.split_by_delivery_date", "Split an order into one per delivery date."),
    _server("orders.split_by_destination", "Split an order into one per destination."),
    _server("orders.split_by_perishability", "Split an order into one per perishability code."),
    Param("orders.line_order", "choice", "entered", "Order of the lines of a received order: as entered, "
          "or by article description.", user_override=False, choices=("entered", "description")),
    _server("export.legacy_files", "Also write each order as a legacy file into the exchange's appmanager/ folder."),
    _server("validate.orders", "An operator validates each order before the ERP receives it."),
    _server("validate.customers", "An operator validates each new customer before the ERP receives it."),
    _server("validate.customer_notes", "An operator validates each customer note before the ERP receives it."),
    _server("validate.leads", "An operator validates each lead before the ERP receives it."),
    _server("validate.lead_notes", "An operator validates each lead note before the ERP receives it."),
    Param("connector.amhelper_profile", "choice", "classic", "The AMHelper version the ERP connector is built on: "
          "classic, or 2022 (its master since 2022, which reads the pickup date data_ritiro as a number "
          "yyyyMMdd).", user_override=False, choices=("classic", "2022")),
    Param("catalog.max_pixels", "int", 1028, "Catalog images wider or taller than this are scaled down "
          "(2048 for retina screens).", user_override=False, minimum=256, maximum=8192),
    # Pricing (docs/pricing.md): project-wide, so that the app and the server's price check agree.
    Param("pricing.specificity", "choice", "customer_first", "Between price rows, which level counts first: the "
          "party (customer, class, list...) or the article (article, group, family...).", user_override=False,
          choices=("customer_first", "article_first")),
    Param("pricing.priority_wins", "choice", "higher", "Which PRIORITA wins between matching price or discount "
          "rows: the higher number or the lower one.", user_override=False, choices=("higher", "lower")),
    Param("pricing.priority_position", "choice", "after_specificity", "PRIORITA breaks ties between equally "
          "specific rows, or overrides specificity.", user_override=False,
          choices=("after_specificity", "before_specificity")),
    Param("pricing.validity_date", "choice", "order", "The date that selects valid price and discount rows: the "
          "order date or the delivery date.", user_override=False, choices=("order", "delivery")),
    Param("pricing.break_unit", "choice", "main", "Quantity breaks are read on the quantity in the article's main "
          "unit, or in the unit of the line.", user_override=False, choices=("main", "line")),
    Param("pricing.rounding", "choice", "line", "A line's amount is quantity x exact net price rounded once (line), "
          "or quantity x the rounded net price (unit).", user_override=False, choices=("line", "unit")),
    Param("pricing.unit_decimals", "int", 4, "Decimals of a line's net unit price.", user_override=False,
          minimum=0, maximum=8),
    Param("pricing.amount_decimals", "int", 2, "Decimals of amounts and VAT (2 for the euro).", user_override=False,
          minimum=0, maximum=4),
    Param("pricing.vat_rate", "int", 22, "VAT rate in percent when neither the customer nor the article carries "
          "one (ALIQUOTA_IVA).", user_override=False, minimum=0, maximum=100),
    _server("pricing.customer_discounts", "Apply the customer card's discounts (SCO_PERC1-6) when neither the "
                                          "price row nor io_sconti gives any."),
    Param("pricing.article_price_fallback", "bool", True, "Without a matching price row, io_art's PREZZO_RETAIL "
          "is the price.", user_override=False),
)

_BY_KEY = {p.key: p for p in PARAMS}
_TRUE, _FALSE = {"true", "yes", "1", "on"}, {"false", "no", "0", "off"}


def param(key: str) -> Param:
    """The definition of a parameter; NotFoundError suggests the closest key."""
    found = _BY_KEY.get(key)
    if found is None:
        close = difflib.get_close_matches(key, list(_BY_KEY), n=1)
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
