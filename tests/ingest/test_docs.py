"""The integrators' documentation is generated from the code and kept current."""

from __future__ import annotations

from pathlib import Path

from appliance.exchange.layout_docs import render
from appliance.exchange.layouts import registry

REPO = Path(__file__).resolve().parents[2]


def test_file_layouts_doc_is_current():
    committed = (REPO / "docs" / "file-layouts.md").read_text(encoding="utf-8")
    assert committed == render(), "regenerate: python3 -m appliance.exchange.layout_docs > docs/file-layouts.md"


def test_registry_holds_every_documented_and_amhelper_layout_and_the_aliases():
    layouts = registry()
    documented = [l for l in layouts.values() if l.documented and not l.alias_of]
    assert len(documented) == 56
    assert len([l for l in layouts.values() if not l.documented]) == 19
    assert layouts["io_cataloghi"].alias_of == "io_taglie_cataloghi.dat"
    assert layouts["io_cataloghi_art"].alias_of == "io_taglie_cataloghi_art.dat"
    assert "io_cataloghi_agente" in layouts and not layouts["io_cataloghi_agente"].documented
    assert layouts["io_catalogo"].key == ("NOMEFILE", "L1", "L2", "L3", "L4")


def test_readme_starts_with_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```sh\n")[1:3]
    assert blocks[0].startswith("python3 -m pip install . && appliance demo")
    assert blocks[1].startswith("./run-tests")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "\n./run-tests\n" in ci


def test_every_setting_is_in_the_readme_and_every_command_in_the_docs():
    from appliance.settings import SETTINGS
    from tests.ingest.test_cli import all_commands
    from appliance.cli import build_parser

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in readme]
    assert missing == [], f"settings not in README.md's table: {missing}"
    docs = readme + "".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").glob("*.md"))
    docs += (REPO / "build" / "README.md").read_text(encoding="utf-8")
    undocumented = [" ".join(name) for name, _ in all_commands(build_parser())
                    if f"appliance {' '.join(name)}" not in docs]
    assert undocumented == [], f"commands no document mentions: {undocumented}"
