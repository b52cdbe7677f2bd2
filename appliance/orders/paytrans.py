"""The payment transcoding table: a customer's payment code -> the code orders with perishables use instead.

Used by the order rules (see `split`); `appliance paytrans list | set FROM TO | remove
FROM` and the console edit it. A change applies to the orders processed (or
reprocessed) after it.
"""

from __future__ import annotations

import logging
from datetime import datetime

from appliance.clock import iso, moment
from appliance.errors import InvalidInputError, NotFoundError
from appliance.store.db import Row, Store
from appliance.store.orders import delete_transcoding, put_transcoding, transcoding_rows

log = logging.getLogger("appliance.orders")
MAX_CODE = 50  # io_clifor_gen's COD_CONDPAG


def list_transcodings(store: Store) -> list[Row]:
    """Every entry: from_code, to_code, changed_at (UTC)."""
    return transcoding_rows(store)


def set_transcoding(store: Store, from_code: str, to_code: str, now: datetime | None = None) -> dict:
    """Add or change the replacement of a payment code; returns the entry."""
    from_code, to_code = _code("from", from_code), _code("to", to_code)
    if from_code == to_code:
        raise InvalidInputError(f"Replacing {from_code} with itself changes nothing; give another code.",
                                errors=[{"field": "to", "reason": "same as from"}])
    put_transcoding(store, from_code, to_code, iso(moment(now)))
    log.info("payment transcoding: %s -> %s", from_code, to_code)
    return {"from_code": from_code, "to_code": to_code}


def remove_transcoding(store: Store, from_code: str) -> None:
    """Remove the replacement of a payment code; NotFoundError when there is none."""
    from_code = _code("from", from_code)
    if not delete_transcoding(store, from_code):
        raise NotFoundError(f"Payment code {from_code} has no replacement; list them with: appliance paytrans list",
                            errors=[{"field": "from", "reason": "not in the table"}])
    log.info("payment transcoding of %s removed", from_code)


def _code(field: str, value: str) -> str:
    code = (value or "").strip()
    if not code or len(code) > MAX_CODE or "|" in code:
        raise InvalidInputError(f"A payment code is 1 to {MAX_CODE} characters without '|', not '{code[:60]}'.",
                                errors=[{"field": field, "reason": f"1 to {MAX_CODE} characters, no '|'"}])
    return code
