"""HTTP byte ranges (RFC 9110 section 14): which part of a file a `Range` header asks for.

One range is served as asked (206); a header that is malformed, names another unit or
asks for several ranges is ignored and the whole file is sent (200), as the RFC allows.
A range that starts beyond the end cannot be satisfied (416).
"""

from __future__ import annotations

import re

from appliance.errors import ApplianceError

_SINGLE = re.compile(r"bytes\s*=\s*(\d{0,18})\s*-\s*(\d{0,18})\s*", re.IGNORECASE)


class RangeNotSatisfiableError(ApplianceError):
    """The range starts at or after the end of the file; `Content-Range` tells the size."""

    status = 416
    title = "Range not satisfiable"

    def __init__(self, size: int):
        super().__init__(f"The file has {size:,} bytes; ask for a range that starts before its end.",
                         errors=[{"field": "Range", "reason": f"beyond the end ({size} bytes)"}])
        self.headers = {"Content-Range": f"bytes */{size}"}


def requested_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The (first, last) byte, inclusive, that a Range header asks for; None for the whole file."""
    match = _SINGLE.fullmatch(header or "")
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        if int(last) == 0 or size == 0:
            raise RangeNotSatisfiableError(size)
        return max(0, size - int(last)), size - 1
    start = int(first)
    end = size - 1 if not last else int(last)
    if last and end < start:
        return None  # invalid: ignored
    if start >= size:
        raise RangeNotSatisfiableError(size)
    return start, min(end, size - 1)
