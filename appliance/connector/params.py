"""The ERP connector's parameter: which AMHelper version it is built on.

Read by `connector/amhelper.py`; registered on import and by `appliance.parameters.register_all`.
"""

from __future__ import annotations

from appliance.accounts.params import Param, register

PROFILE_PARAM = "connector.amhelper_profile"

PARAMS: tuple[Param, ...] = (
    Param(PROFILE_PARAM, "choice", "classic", "The AMHelper version the ERP connector is built on: "
          "classic, or 2022 (its master since 2022, which reads the pickup date data_ritiro as a number "
          "yyyyMMdd).", user_override=False, choices=("classic", "2022")),
)
register(*PARAMS)
