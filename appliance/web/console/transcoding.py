"""Payment transcoding (on the Rules page): the payment code orders with perishables use instead of a customer's."""

from __future__ import annotations

from appliance.orders.paytrans import remove_transcoding, set_transcoding
from appliance.web.console.context import Console
from appliance.web.console.forms import act, form


def save_transcoding(console: Console):
    act(console, lambda: set_transcoding(console.store, form("from_code"), form("to_code"), console.now()),
        then="rules#paytrans", ok="paytrans.saved", describe=lambda entry: entry, keep=("from_code", "to_code"))


def remove_transcoding_action(console: Console):
    code = form("from_code")
    act(console, lambda: remove_transcoding(console.store, code), then="rules#paytrans", ok="paytrans.removed",
        describe=lambda _: {"from_code": code})


ROUTES = (
    # method  path                      handler                    options
    ("POST", "/rules/paytrans",         save_transcoding,          {}),  # add or change FROM -> TO
    ("POST", "/rules/paytrans/remove",  remove_transcoding_action, {}),
)
