"""The price engine's parameters (docs/pricing.md): project-wide, so that the app and the server's
price check agree.

Read through `pricing/rules.py` (from the configuration the device and the price check get);
registered on import and by `appliance.parameters.register_all`.
"""

from __future__ import annotations

from appliance.accounts.params import Param, project_switch, register

PARAMS: tuple[Param, ...] = (
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
    project_switch("pricing.customer_discounts",
                   "Apply the customer card's discounts (SCO_PERC1-6) when neither the "
                   "price row nor io_sconti gives any."),
    Param("pricing.article_price_fallback", "bool", True, "Without a matching price row, io_art's PREZZO_RETAIL "
          "is the price.", user_override=False),
)
register(*PARAMS)
