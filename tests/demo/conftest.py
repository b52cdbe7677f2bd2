"""Demo exports generated once per test session into temporary folders."""

from __future__ import annotations

import pytest

from appliance.demo import generate_export

SEED = 1


@pytest.fixture(scope="session")
def export(tmp_path_factory):
    """The default demo export (300 customers, 5 agents, 3,000 articles): table -> path."""
    folder = tmp_path_factory.mktemp("exchange") / "gestionale"
    return {path.stem: path for path in generate_export(folder, seed=SEED)}


@pytest.fixture(scope="session")
def small_export(tmp_path_factory):
    """A small demo export of another seed, written twice and once in Windows-1252."""
    def make(name, **options):
        folder = tmp_path_factory.mktemp(name) / "gestionale"
        return {p.stem: p for p in generate_export(folder, seed=7, customers=40, agents=3, articles=250, **options)}

    return {"first": make("first"), "again": make("again"), "cp1252": make("cp1252", encoding="cp1252")}
