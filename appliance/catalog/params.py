"""The catalog's parameter: the largest image side kept.

Read by `catalog/indexer.py`; registered on import and by `appliance.parameters.register_all`.
"""

from __future__ import annotations

from appliance.accounts.params import Param, register

MAX_PIXELS_PARAM = "catalog.max_pixels"

PARAMS: tuple[Param, ...] = (
    Param(MAX_PIXELS_PARAM, "int", 1028, "Catalog images wider or taller than this are scaled down "
          "(2048 for retina screens).", user_override=False, minimum=256, maximum=8192),
)
register(*PARAMS)
