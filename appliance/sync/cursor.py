"""The cursor a device pages and resumes with: opaque to the device, checked by the server.

It holds the table, the position reached (a change number and, inside one member's
rows, the last key), the `floor` of a full pass (deletions before the pass started are
of rows the device never had) and the signature of the user's scope for that table (a
changed scope makes the cursor useless: the device must resync the table in full).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from appliance.errors import InvalidInputError

VERSION = 1


@dataclass(frozen=True)
class Cursor:
    table: str
    seq: int
    key: str = ""
    floor: int = 0
    signature: str = ""

    @property
    def full_pass(self) -> bool:
        return self.floor > 0

    @property
    def reached(self) -> int:
        """The newest change this cursor stands for (its pass started there, or got there)."""
        return max(self.seq, self.floor)

    def encode(self) -> str:
        data = json.dumps([VERSION, self.table, self.seq, self.key, self.floor, self.signature],
                          ensure_ascii=False, separators=(",", ":"))
        return base64.urlsafe_b64encode(data.encode("utf-8")).decode("ascii").rstrip("=")


def decode(text: str, table: str) -> Cursor:
    """The cursor in `since`; InvalidInputError (400) when it is not one of this table's cursors."""
    try:
        padded = text + "=" * (-len(text) % 4)
        version, name, seq, key, floor, signature = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if version != VERSION or not all(isinstance(v, int) and v >= 0 for v in (seq, floor)) \
                or not all(isinstance(v, str) for v in (name, key, signature)):
            raise ValueError
    except (ValueError, TypeError, UnicodeError, binascii.Error):
        raise InvalidInputError("`since` is not a cursor this server gave out; pass the `next` value of the last "
                                "page as it was, or leave `since` out for a full sync.",
                                errors=[{"field": "since", "reason": "not a cursor"}]) from None
    if name != table:
        raise InvalidInputError(f"`since` is a cursor of table {name}, not of {table}.",
                                errors=[{"field": "since", "reason": f"cursor of another table ({name})"}])
    return Cursor(name, seq, key, floor, signature)


def parse_since(text: str | None) -> int | None:
    """The change number in `since` (None: a full listing); InvalidInputError naming `since`.

    The plain cursor of the catalog feed and of the order status: one change number.
    """
    if text is None or text == "":
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise InvalidInputError(f"`since` is the `cursor` of an earlier answer, not '{text[:40]}'; leave it out "
                                f"for a full listing.", errors=[{"field": "since", "reason": "not a cursor"}])
    return int(text)
