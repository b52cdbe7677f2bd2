"""The order rules' parameters: delivery days, splitting, line order, legacy export, validation.

Read by `orders/rules.py` (and the processing that follows it); registered on import and by
`appliance.parameters.register_all`.
"""

from __future__ import annotations

from appliance.accounts.params import Param, project_switch, register

PARAMS: tuple[Param, ...] = (
    Param("orders.delivery_days", "int", 0, "A new order's delivery date is today plus this many days.",
          minimum=0, maximum=365),
    project_switch("orders.split_by_family", "Split an order into one per article family."),
    project_switch("orders.split_by_delivery_date", "Split an order into one per delivery date."),
    project_switch("orders.split_by_destination", "Split an order into one per destination."),
    project_switch("orders.split_by_perishability", "Split an order into one per perishability code."),
    Param("orders.line_order", "choice", "entered", "Order of the lines of a received order: as entered, "
          "or by article description.", user_override=False, choices=("entered", "description")),
    project_switch("export.legacy_files", "Also write each order as a legacy file into the exchange's "
                                          "appmanager/ folder."),
    project_switch("validate.orders", "An operator validates each order before the ERP receives it."),
    project_switch("validate.customers", "An operator validates each new customer before the ERP receives it."),
    project_switch("validate.customer_notes", "An operator validates each customer note before the ERP "
                                              "receives it."),
    project_switch("validate.leads", "An operator validates each lead before the ERP receives it."),
    project_switch("validate.lead_notes", "An operator validates each lead note before the ERP receives it."),
)
register(*PARAMS)
