"""Helpers shared by the command modules."""

from __future__ import annotations

from appliance.cli import add_command


def add_group(subparsers, common, name: str, help: str, example: str):
    """A command with actions (`appliance NAME ACTION ...`); returns the subparsers for the actions.

    Without an action it prints its help and exits 2.
    """
    group = add_command(subparsers, common, name, None, help, example)
    group.set_defaults(run=lambda args, settings: group.print_help() or 2)
    return group.add_subparsers(dest=f"{name}_action", metavar="ACTION")


def print_table(rows: list[dict], columns: list[str]) -> None:
    """Print rows as aligned columns under upper-case headers."""
    cells = [[_cell(row.get(column)) for column in columns] for row in rows]
    widths = [max([len(column)] + [len(line[i]) for line in cells]) for i, column in enumerate(columns)]
    for line in [[c.upper() for c in columns], *cells]:
        print("  ".join(value.ljust(width) for value, width in zip(line, widths)).rstrip())


def _cell(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)
