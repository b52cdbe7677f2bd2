"""Every import runs down: a package may import its own layer, the layers below it and the base.

The walk reads every module of `appliance/` with `ast` (imports inside functions and under
TYPE_CHECKING count too) and maps each `appliance.X...` import to the package or top-level
module X. A new package or top-level module must be added to LAYERS (or BASE) at its place,
else this test fails and says so.
"""

from __future__ import annotations

import ast
from pathlib import Path

import appliance

ROOT = Path(appliance.__file__).parent

# Top-level modules everything may use; they import only each other.
BASE = ["__init__", "clock", "cores", "errors", "paths", "settings", "logs", "secret_files", "routine", "messages"]

# Lowest first. One line per layer; the packages (or top-level modules) of one line may import each other.
LAYERS = [
    ["winservice"],   # the Windows service definition and control: depends on nothing of the appliance
    ["tls"],          # HTTPS: the local CA, server certificates, ATS rules and checks (cryptography, ssl)
    ["exchange"],     # the ERP's file layouts, their scopes and the reader
    ["store"],        # SQLite: every SQL statement
    ["data_dir"],     # the data folder kept writable: probes it, reopens the store's connections
    ["licensing"],    # the license file, its states, seats and profiles
    ["accounts"],     # users, devices, sessions, passwords, login, parameters
    ["folderwatch"],  # when: settled batches of watched folders
    ["ingest"],       # what: ERP files into tables
    ["sync"],         # delta sync for devices
    ["pricing"],      # the price engine: pure functions over ERP rows, their store lookups, the price check
    ["documents"],    # uploaded documents: checks and intake
    ["connector"],    # documents on their way to the ERP
    ["orders"],       # order rules and processing
    ["catalog"],      # media and reports index and feed
    ["parameters"],   # every package's parameters assembled into the registry (entry points call it)
    ["backups"],      # backups, the restore drill, restores and the document journal
    ["health"],       # the health report and its problem rules
    ["console"],      # the console's logic (pages live in web/console)
    ["web"],          # HTTP: routes, templates, OpenAPI
    ["service"],      # the running appliance: wires everything
    ["demo"],         # demo data and setup: uses everything, like the CLI
    ["cli", "startup"],  # the command line, and its start-up failures told as sentences
    ["__main__"],     # python -m appliance
]

RANK = {name: rank for rank, layer in enumerate(LAYERS) for name in layer}


def unit_of(path: Path) -> str:
    """The package or top-level module a file belongs to: `store`, `clock`, `__init__`."""
    parts = path.relative_to(ROOT).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def imported_units(path: Path) -> list[tuple[int, str]]:
    """(line, unit) of every `appliance` import in a file."""
    package = path.relative_to(ROOT.parent).with_suffix("").parts[:-1]  # for relative imports
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            if module == "appliance":  # `from appliance import licensing`: the names are the units
                found += [(node.lineno, f"appliance.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, module))
    units = []
    for line, module in found:
        parts = module.split(".")
        if parts[0] != "appliance":
            continue
        name = parts[1] if len(parts) > 1 else "__init__"
        known = (ROOT / name).is_dir() or (ROOT / f"{name}.py").is_file()
        units.append((line, name if known else "__init__"))
    return units


def test_every_package_and_module_has_a_place():
    units = {unit_of(p) for p in ROOT.rglob("*.py")}
    missing = sorted(u for u in units if u not in RANK and u not in BASE)
    assert not missing, (f"{', '.join(missing)}: not in the layering; add each to LAYERS in tests/test_layering.py "
                         f"at its place (lowest first), or to BASE if it is a top-level module everything may use")


def test_imports_run_down():
    wrong = []
    for path in sorted(ROOT.rglob("*.py")):
        source = unit_of(path)
        for line, target in imported_units(path):
            if target == source or target in BASE:
                continue
            if source in BASE:
                wrong.append(f"{path.relative_to(ROOT.parent)}:{line}: base module {source} imports {target}")
            elif target in RANK and source in RANK and RANK[target] > RANK[source]:
                wrong.append(f"{path.relative_to(ROOT.parent)}:{line}: {source} imports {target}, a higher layer")
    assert not wrong, "imports against the layering (LAYERS in tests/test_layering.py):\n" + "\n".join(wrong)


def test_tray_imports_only_base_modules():
    """The tray is a separate program: it reaches the service over the local API, never through `web`."""
    tray = ROOT.parent / "tray"
    wrong = [f"{path.relative_to(ROOT.parent)}:{line}: imports {target}"
             for path in sorted(tray.rglob("*.py")) for line, target in imported_units(path) if target not in BASE]
    assert not wrong, "the tray may import only BASE modules:\n" + "\n".join(wrong)
