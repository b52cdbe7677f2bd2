"""The connector's queues as connector_api.json describes them, and the names URLs give them.

Six queues, one per document kind. The compatible API names a queue by AMHelper's path
(`codaOrdini`) or a documented alias (`ordini`); the plain API by the document kind
(`orders`, `customer-notes`, ...).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from appliance.documents.kinds import KINDS
from appliance.errors import NotFoundError

# The parameter that puts each queue behind an operator's validation (activities have none).
GATES = {"orders": "validate.orders", "customers": "validate.customers", "customer_notes": "validate.customer_notes",
         "leads": "validate.leads", "lead_notes": "validate.lead_notes"}


@dataclass(frozen=True)
class Queue:
    """One queue: its name, the document kind it holds, its record type, list key and URL names."""

    name: str
    kind: str
    record: str
    list_key: str
    paths: tuple[str, ...]
    gate: str | None

    @property
    def counter(self) -> str:
        """The counter its export ids come from."""
        return "queue:" + self.name


def _path_name(text: str) -> str:
    """`exportPaginazione/ordini (docs and code comments)` -> `ordini`."""
    return text.split()[0].rsplit("/", 1)[-1]


@lru_cache(maxsize=1)
def queues() -> dict[str, Queue]:
    """Every queue by name, in the order connector_api.json lists them."""
    text = resources.files("appliance.exchange").joinpath("data/connector_api.json").read_text("utf-8")
    found = {}
    for name, spec in json.loads(text)["queues"].items():
        kind = next(k.name for k in KINDS.values() if k.queue == name)
        paths = (_path_name(spec["path_amhelper"]), *(_path_name(p) for p in spec["paths_documented_or_seen"]))
        found[name] = Queue(name, kind, spec["record_type"], spec["list_key"], paths, GATES.get(name))
    return found


def queue_of_kind(kind: str) -> Queue:
    return next(q for q in queues().values() if q.kind == kind)


def queue_at_path(path: str) -> Queue:
    """The queue a compatible-API path names (`codaOrdini`, `ordini`, ...); NotFoundError otherwise."""
    for queue in queues().values():
        if path in queue.paths:
            return queue
    names = ", ".join(p for q in queues().values() for p in q.paths)
    raise NotFoundError(f"There is no queue '{path}'; the queues are {names}.",
                        errors=[{"field": "queue", "reason": "unknown queue"}])


def queue_named(kind: str) -> Queue:
    """The queue the plain API names by document kind (`orders`, `customer-notes`, ...); NotFoundError otherwise."""
    for queue in queues().values():
        if queue.kind == kind:
            return queue
    raise NotFoundError(f"There is no queue '{kind}'; the queues are {', '.join(q.kind for q in queues().values())}.",
                        errors=[{"field": "queue", "reason": "unknown queue"}])
