"""The compatible pull API (`exportPaginazione`): its parameters, one page, and the envelope.

Parameters are matched without regard to case, and one sent empty counts as not sent
(AMHelper sends `lastDateImport=` and `statusExport=`). A value that is not what the API
takes is a 400 naming the parameter; nothing is guessed.

- `format`: `json` (the default); anything else is refused: only JSON is offered.
- `count`: 0 (the default) for records, 1 for `meta` only (the list is then `[]`).
- `offset` (default 0), `limit` (default 50; 0 also means 50; above the cap, the cap).
- `lastID`: entries with a greater id, ascending. Also marks those up to it delivered.
- `lastDateImport` (`yyyy/MM/dd HH:mm:ss`, `yyyy/MM/dd`, or ISO): entries queued after it.
- `statusExport`: 0 entries not yet served, 1 served but not yet confirmed, 2 every
  entry released for the ERP (here a document reaches the queue only once it passed
  the validation gate, which is what integrations that validate send 2 for).

`meta`: `limit` the page size in force (0 with count=1), `maxID` the highest id in the
queue, `offset` as asked, `total_count` the entries matching after `lastID`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Mapping

from appliance.connector.queues import Queue
from appliance.documents.canonical import write_json
from appliance.errors import InvalidInputError
from appliance.store.connector import queue_count, queue_max_id, queue_page
from appliance.store.db import Store

DEFAULT_LIMIT = 50
STATES = {"0": "queued", "1": "served", "2": None}
DATE_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")
_WHOLE = re.compile(r"[0-9]{1,18}(?:[.,]0+)?")


@dataclass(frozen=True)
class PullQuery:
    """A pull request's parameters, checked."""

    count: bool = False
    offset: int = 0
    limit: int = DEFAULT_LIMIT
    last_id: int | None = None
    last_date: str | None = None
    state: str | None = None


@dataclass(frozen=True)
class Page:
    """The response body and the ids it served."""

    body: bytes
    served: list[int]


def parse_query(query: Mapping[str, str], max_limit: int) -> PullQuery:
    """The parameters of a pull request (names in any case; empty = not sent); 400 naming a bad one."""
    given = {name.lower(): value.strip() for name, value in query.items() if value.strip()}
    if given.get("format", "json").lower() != "json":
        raise _bad("format", f"Only JSON is offered: send format=json (or leave it out), not '{given['format']}'.",
                   "only json is offered")
    count = given.get("count", "0")
    if count not in ("0", "1"):
        raise _bad("count", f"count is 0 (records) or 1 (statistics only), not '{count}'.", "must be 0 or 1")
    status = given.get("statusexport")
    if status is not None and status not in STATES:
        raise _bad("statusExport", f"statusExport is 0, 1 or 2 (or empty), not '{status}'.", "must be 0, 1 or 2")
    limit = _whole(given, "limit")
    return PullQuery(count == "1", _whole(given, "offset") or 0, min(limit or DEFAULT_LIMIT, max_limit),
                     _whole(given, "lastid"), _date(given.get("lastdateimport")), STATES.get(status or "2"))


def _bad(name: str, message: str, reason: str) -> InvalidInputError:
    return InvalidInputError(message, errors=[{"field": name, "reason": reason}])


def _whole(given: dict, name: str) -> int | None:
    text = given.get(name)
    if text is None:
        return None
    if not _WHOLE.fullmatch(text):
        shown = {"lastid": "lastID"}.get(name, name)
        raise _bad(shown, f"{shown} is a whole number, 0 or more, not '{text}'.", "not a whole number, 0 or more")
    return int(re.split(r"[.,]", text)[0])


def _date(text: str | None) -> str | None:
    if text is None:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).strftime("%Y-%m-%dT%H:%M:%S")
        except ValueError:
            continue
    raise _bad("lastDateImport", f"lastDateImport is a date and time yyyy/MM/dd HH:mm:ss, not '{text}'.",
               "not a date yyyy/MM/dd HH:mm:ss")


def read_page(store: Store, project: str, queue: Queue, query: PullQuery) -> Page:
    """One page of a queue and its envelope, read in one snapshot."""
    after = query.last_id or 0
    with store.snapshot() as conn:
        rows = [] if query.count else queue_page(conn, queue.name, after, query.offset, query.limit, query.state,
                                                 query.last_date)
        total = queue_count(conn, queue.name, after, query.state, query.last_date)
        highest = queue_max_id(conn, queue.name)
    meta = {"limit": 0 if query.count else query.limit, "maxID": highest, "offset": query.offset,
            "total_count": total}
    head = write_json({"meta": meta, "cod_progetto": project, "last_data_import": query.last_date,
                       "last_id": query.last_id})
    body = f'{head[:-1]},"{queue.list_key}":[{",".join(record for _, record in rows)}]}}'
    return Page(body.encode("utf-8"), [queue_id for queue_id, _ in rows])
