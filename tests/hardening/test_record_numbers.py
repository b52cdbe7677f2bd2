"""Numbers no ERP can hold are refused at upload (422 naming the field), so no page of the queue is poisoned."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import requests

from tests.console.server import order

TOO_BIG = {
    "2^64": str(2 ** 64),
    "2^63": str(2 ** 63),
    "4000 digits": "9" * 4000,
    "1e400": "1e400",
    "29 significant digits": "1.2345678901234567890123456789",
    "past the decimal range": "79228162514264337593543950336.0",
    "29 decimal places": "0.00000000000000000000000000001",
}


def upload_with_quantity(installation, guid: str, quantity_text: str) -> requests.Response:
    body = requests.models.complexjson.dumps(order(guid, righe=[{"codice_articolo": "ABB00037", "qta": 0}]))
    body = body.replace('"qta": 0', '"qta": ' + quantity_text)
    return requests.post(installation.url + "/api/v1/documents/orders", data=body.encode(),
                         headers=installation.device(), timeout=10)


@pytest.mark.parametrize("text", TOO_BIG.values(), ids=TOO_BIG.keys())
def test_a_quantity_the_erp_cannot_hold_is_a_422_naming_the_field(installation, text):
    reply = upload_with_quantity(installation, f"ord-num-{len(text):04d}-{text[-3:]}", text)
    assert reply.status_code == 422, reply.text
    assert reply.json()["errors"][0]["field"] == "righe[0].qta"


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json_numbers(installation, text):
    reply = upload_with_quantity(installation, "ord-num-nan-" + text.lower().strip("-"), text)
    assert reply.status_code == 400
    assert reply.json()["errors"][0]["field"] == "body"


def test_the_header_numbers_are_bounded_too(installation):
    document = order("ord-num-discount-1", sconto_1=2 ** 70)
    reply = requests.post(installation.url + "/api/v1/documents/orders", json=document,
                          headers=installation.device(), timeout=10)
    assert reply.status_code == 422
    assert reply.json()["errors"] == [{"field": "sconto_1", "reason": "outside the 64-bit whole-number range"}]


@pytest.mark.parametrize("text", ["9223372036854775807", "7922816251426433759354395.033", "1.5000000000000000000000000000000",
                                  "0.0000000000000000000000000001", "-12.5"])
def test_numbers_at_the_edge_of_the_range_are_accepted_with_their_digits(installation, text):
    guid = "ord-edge-" + text.replace(".", "p").replace("-", "m")[:20]
    reply = upload_with_quantity(installation, guid, text)
    assert reply.status_code == 201, reply.text
    stored = json.loads(reply.text, parse_float=Decimal)["document"]["righe"][0]["qta"]
    assert Decimal(stored) == Decimal(text)  # exactly, never a float's approximation
