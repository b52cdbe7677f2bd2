"""The price engine: the price, discounts and net amount of an order line from the ERP's rows.

`engine.price_line` is the pure function (docs/pricing.md is its definition; the app's
`static/app/pricing.js` is the same function in JavaScript); `lookup` fetches the rows it
needs for a customer and an article from the store; `check` compares an uploaded order's
lines with what the engine gives on today's data.
"""

from appliance.pricing.engine import line_net, price_line
from appliance.pricing.rules import PricingRules

__all__ = ["PricingRules", "line_net", "price_line"]
