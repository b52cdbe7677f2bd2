"""Parameters: typed registry, project values, per-user overrides where allowed, read fresh."""

from __future__ import annotations

import pytest

from appliance.accounts import PARAMS, effective_config, list_params, set_param, unset_param
from appliance.errors import InvalidInputError, NotFoundError
from appliance.store.db import Store

ISSUE_KEYS = {
    "app.discounts_count", "orders.delivery_days", "app.qty_decimals", "app.price_decimals",
    "app.min_price_blocks", "app.max_discount_blocks", "app.min_qty_blocks", "app.show_stock",
    "app.show_all_customers", "app.history_second_um", "app.allow_price_change", "app.check_package_qty",
    "app.show_availability", "app.show_last_purchase_price", "app.show_last_recorded_price",
    "app.allow_discount_change", "orders.split_by_family", "orders.split_by_delivery_date",
    "orders.split_by_destination", "orders.split_by_perishability", "orders.line_order", "export.legacy_files",
    "validate.orders", "validate.customers", "validate.customer_notes", "validate.leads", "validate.lead_notes",
    "catalog.max_pixels", "connector.amhelper_profile", "app.stale_sync_days",
    "pricing.specificity", "pricing.priority_wins", "pricing.priority_position", "pricing.validity_date",
    "pricing.break_unit", "pricing.rounding", "pricing.unit_decimals", "pricing.amount_decimals", "pricing.vat_rate",
    "pricing.customer_discounts", "pricing.article_price_fallback", "app.offer_order_type",
}


def test_the_registry_holds_every_parameter_with_help():
    assert {p.key for p in PARAMS} == ISSUE_KEYS
    assert all(p.help for p in PARAMS)


def test_defaults_apply_when_nothing_is_set(store, user):
    user("mrossi")
    config = effective_config(store, "mrossi")
    assert (config["app.discounts_count"], config["orders.delivery_days"], config["app.qty_decimals"],
            config["app.price_decimals"], config["catalog.max_pixels"], config["orders.line_order"]) == (
        6, 0, 2, 2, 1028, "entered")
    assert all(row["source"] == "default" for row in list_params(store))


def test_a_user_value_wins_only_where_set(store, user, clock):
    user("mrossi")
    user("bianchi")
    set_param(store, "app.show_stock", "false", now=clock.now)
    set_param(store, "app.show_stock", "true", "mrossi", now=clock.now)
    set_param(store, "orders.delivery_days", "2", now=clock.now)
    assert effective_config(store, "mrossi")["app.show_stock"] is True
    assert effective_config(store, "bianchi")["app.show_stock"] is False
    assert effective_config(store, "mrossi")["orders.delivery_days"] == 2
    sources = {row["key"]: row["source"] for row in list_params(store, "mrossi")}
    assert (sources["app.show_stock"], sources["orders.delivery_days"], sources["app.qty_decimals"]) == (
        "user", "project", "default")


def test_project_wide_parameters_cannot_be_set_per_user(store, user):
    user("mrossi")
    with pytest.raises(InvalidInputError) as caught:
        set_param(store, "validate.orders", "true", "mrossi")
    assert "cannot be set per user" in str(caught.value)
    assert "appliance params set validate.orders VALUE" in str(caught.value)


@pytest.mark.parametrize("key, value, phrase", [
    ("app.show_stock", "perhaps", "true or false"),
    ("app.discounts_count", "six", "whole number"),
    ("app.discounts_count", "7", "between 0 and 6"),
    ("catalog.max_pixels", "10", "between 256 and 8192"),
    ("orders.line_order", "alphabetical", "one of entered, description"),
    ("app.offer_order_type", "", "a code of 1 to 20 printable characters"),
    ("app.offer_order_type", "OFFERTA-CLIENTE-ESTERO", "a code of 1 to 20 printable characters"),
    ("app.offer_order_type", "OF\tF", "a code of 1 to 20 printable characters"),
])
def test_bad_values_are_refused_with_the_rule(store, key, value, phrase):
    with pytest.raises(InvalidInputError) as caught:
        set_param(store, key, value)
    assert phrase in str(caught.value) and key in str(caught.value)


def test_a_text_parameter_keeps_the_code_given_without_surrounding_blanks(store, user):
    user("mrossi")
    assert effective_config(store, "mrossi")["app.offer_order_type"] == "OFF"
    assert set_param(store, "app.offer_order_type", " PRV ") == "PRV"
    assert effective_config(store, "mrossi")["app.offer_order_type"] == "PRV"


def test_an_unknown_key_suggests_the_closest(store):
    with pytest.raises(NotFoundError) as caught:
        set_param(store, "app.show_stocks", "true")
    assert "Did you mean 'app.show_stock'?" in str(caught.value)


def test_an_override_for_an_unknown_user_is_refused(store):
    with pytest.raises(NotFoundError):
        set_param(store, "app.show_stock", "true", "ghost")


def test_unset_returns_to_the_project_value_then_the_default(store, user):
    user("mrossi")
    set_param(store, "app.qty_decimals", "3")
    set_param(store, "app.qty_decimals", "0", "mrossi")
    assert unset_param(store, "app.qty_decimals", "mrossi") is True
    assert effective_config(store, "mrossi")["app.qty_decimals"] == 3
    assert unset_param(store, "app.qty_decimals") is True
    assert effective_config(store, "mrossi")["app.qty_decimals"] == 2
    assert unset_param(store, "app.qty_decimals") is False


def test_a_change_from_another_process_is_seen_without_a_restart(store, settings, user):
    user("mrossi")
    assert effective_config(store, "mrossi")["catalog.max_pixels"] == 1028
    admin = Store(settings.paths.database)  # the CLI's own connection
    set_param(admin, "catalog.max_pixels", "2048")
    admin.close()
    assert effective_config(store, "mrossi")["catalog.max_pixels"] == 2048
