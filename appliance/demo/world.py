"""The demo company as a whole: agents, customers, suppliers, articles, past documents, leads.

Every file of the demo export is a view of one World, which is what keeps the files
consistent with each other (agent links point at customers that exist, document lines at
articles that exist, and so on). Each part draws from its own seeded random stream, so
adding customers does not reshuffle the articles.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from appliance.demo.catalog import Article, build_articles
from appliance.demo.documents import Document, build_documents
from appliance.demo.people import (Agent, Lead, Party, make_agent, make_customer, make_lead, make_supplier,
                                   make_template_customer)

# The day the demo data is "as of": fixed, so that a seed always gives the same files.
AS_OF = date(2025, 6, 30)
COMPANY = "1"
TEMPLATE_PRICE_LISTS = (("L01", "Listino base"), ("L02", "Listino HoReCa"))


@dataclass
class World:
    """Everything the demo files are made from."""

    seed: int
    as_of: date
    company: str
    agents: list[Agent]
    customers: list[Party]  # the template customers come last
    suppliers: list[Party]
    articles: list[Article]
    documents: list[Document]
    leads: list[Lead]

    @property
    def regular_customers(self) -> list[Party]:
        return [c for c in self.customers if not c.template]

    @property
    def parties(self) -> list[Party]:
        return self.customers + self.suppliers


def build_agents(seed: int, count: int) -> list[Agent]:
    """Agents AG01..AGnn of a seed."""
    rng = random.Random(f"{seed}:agents")
    return [make_agent(rng, number) for number in range(1, count + 1)]


def agent_of(agents: list[Agent], number: int) -> Agent:
    """The agent of the n-th customer or lead: they are dealt to the agents in turn."""
    return agents[(number - 1) % len(agents)]


def build_world(seed: int = 1, *, customers: int = 300, agents: int = 5, articles: int = 3000,
                as_of: date = AS_OF) -> World:
    """The demo company of a seed at the given size."""
    if customers < 0 or agents < 1 or articles < 1:
        raise ValueError("a demo company needs at least one agent and one article, and no negative counts")
    agent_list = build_agents(seed, agents)
    rng = random.Random(f"{seed}:customers")
    customer_list = [make_customer(rng, number, agent_of(agent_list, number).code, as_of)
                     for number in range(1, customers + 1)]
    customer_list += [make_template_customer(number, code, name)
                      for number, (code, name) in enumerate(TEMPLATE_PRICE_LISTS, start=1)]
    rng = random.Random(f"{seed}:suppliers")
    suppliers = [make_supplier(rng, number, as_of) for number in range(1, max(5, customers // 30) + 1)]
    article_list = build_articles(seed, articles)
    rng = random.Random(f"{seed}:leads")
    leads = [make_lead(rng, number, agent_of(agent_list, number).code, as_of)
             for number in range(1, max(3, customers // 15) + 1)]
    documents = build_documents(seed, customer_list, article_list, as_of)
    return World(seed, as_of, COMPANY, agent_list, customer_list, suppliers, article_list, documents, leads)
