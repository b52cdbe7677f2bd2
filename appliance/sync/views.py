"""Each user's view of the ERP data: which subjects are restricted for him, and his visible sets.

A user's sets (customers, leads, catalogs, articles) are computed from the ERP tables
that link them to agents and operators, and from the user's own agent code, operator
code and `app.show_all_customers`. They are recomputed only when one of those inputs
changed since the last time: then every member that joined or left gets a change
number, which is how a customer moving from agent A to agent B reaches both devices.
A changed agent or operator code (or show-all switch) changes the view's *signature*
for the tables it affects: the devices must sync those tables again in full.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime

from appliance.accounts import effective_config
from appliance.clock import iso
from appliance.store.db import Store
from appliance.store.sync import (agent_catalogs, agent_customers, catalog_articles, change_members, clear_members,
                                  live_members, operator_leads, save_user_state, table_versions, user_state)
from appliance.exchange.scopes import MEMBER_SUBJECTS, Scope

log = logging.getLogger("appliance.sync")

INPUT_TABLES = ("io_clifor_age", "io_clifor_gen", "io_lead_accessi", "io_lead_acccrm", "io_cataloghi_agente",
                "io_cataloghi_art", "io_taglie_cataloghi_art")
SHOW_ALL = "app.show_all_customers"


@dataclass(frozen=True)
class UserView:
    """What restricts one user's view; `modules` None means every module (evaluation mode)."""

    user_id: int
    username: str
    agent_code: str = ""
    operator_code: str = ""
    show_all_customers: bool = False
    has_catalogs: bool = False
    modules: tuple[str, ...] | None = field(default=None, compare=False)

    def restricted(self, subject: str) -> bool:
        """Whether the user sees only part of the rows of this subject."""
        if subject == "customer":
            return bool(self.agent_code) and not self.show_all_customers
        if subject in ("article", "catalog"):
            return bool(self.agent_code) and self.has_catalogs
        if subject in ("lead", "operator"):
            return bool(self.operator_code)
        if subject == "agent":
            return bool(self.agent_code)
        return False

    def code(self, subject: str) -> str:
        """The user's own code compared with `agent` and `operator` columns."""
        return self.agent_code if subject == "agent" else self.operator_code

    def subject_signature(self, subject: str) -> str:
        if not self.restricted(subject):
            return "all"
        if subject in ("customer", "agent"):
            return "agent:" + self.agent_code
        if subject in ("article", "catalog"):
            return "catalogs:" + self.agent_code
        return "operator:" + self.operator_code

    def signature(self, scope: Scope) -> str:
        """A short digest of what limits this user's rows of a table; it changes when they must resync it."""
        text = "|".join(sorted(f"{s}={self.subject_signature(s)}" for s in scope.subjects if s != "everyone"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]

    def may_receive(self, scope: Scope) -> bool:
        return scope.module is None or self.modules is None or scope.module in self.modules


def current_view(store: Store, user: dict, modules: tuple[str, ...] | None, now: datetime) -> UserView:
    """The user's view, with his sets brought up to date first when their inputs changed."""
    inputs = _inputs(store, user)
    state = user_state(store, user["id"])
    if state is None or state["inputs"] != inputs:
        state = _refresh(store, user, inputs, now)
    return _view(user, inputs, state["signatures"].get("has_catalogs", False), modules)


def _inputs(store: Store, user: dict) -> dict:
    show_all = bool(effective_config(store, user["username"]).get(SHOW_ALL))
    return {"agent": user.get("agent_code") or "", "operator": user.get("operator_code") or "",
            "show_all": show_all, "tables": table_versions(store.connection(), INPUT_TABLES)}


def _view(user: dict, inputs: dict, has_catalogs: bool, modules: tuple[str, ...] | None) -> UserView:
    return UserView(user["id"], user["username"], inputs["agent"], inputs["operator"], inputs["show_all"],
                    has_catalogs, modules)


def _refresh(store: Store, user: dict, inputs: dict, now: datetime) -> dict:
    """Recompute the user's sets inside one write transaction; returns the new state."""
    with store.write() as conn:
        state = user_state(store, user["id"])
        if state is not None and state["inputs"] == inputs:
            return state  # another request did it while this one waited
        catalogs = agent_catalogs(conn, inputs["agent"]) if inputs["agent"] else set()
        view = _view(user, inputs, bool(catalogs), None)
        before = state["signatures"] if state else {}
        signatures = {kind: view.subject_signature(kind) for kind in MEMBER_SUBJECTS}
        changed = 0
        for kind in MEMBER_SUBJECTS:
            if not view.restricted(kind) or before.get(kind) != signatures[kind]:
                clear_members(conn, user["id"], kind)
            if view.restricted(kind):
                wanted = _wanted(conn, kind, view, catalogs)
                current = live_members(conn, user["id"], kind)
                changed += change_members(conn, user["id"], kind, wanted - current, current - wanted, iso(now))
        signatures["has_catalogs"] = bool(catalogs)
        save_user_state(conn, user["id"], inputs, signatures, iso(now))
    if changed:
        log.info("visible sets of user %s updated: %d change(s)", user["username"], changed)
    return {"inputs": inputs, "signatures": signatures}


def _wanted(conn, kind: str, view: UserView, catalogs: set) -> set:
    if kind == "customer":
        return agent_customers(conn, view.agent_code)
    if kind == "lead":
        return operator_leads(conn, view.operator_code)
    if kind == "catalog":
        return catalogs
    return catalog_articles(conn, catalogs)
