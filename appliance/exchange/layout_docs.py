"""The file-layouts reference for integrators, generated from the layout registry.

    python3 -m appliance.exchange.layout_docs > docs/file-layouts.md

A test checks that docs/file-layouts.md is what this prints.
"""

from __future__ import annotations

from appliance.exchange.layouts import ALIASES, Layout, registry, spec_data

TYPE_TEXT = {"string": "text", "integer": "integer", "decimal": "decimal", "date": "date ddmmyyyy",
             "datetime": "datetime ddmmyyyyhhmmss"}


def _field_rows(layout: Layout) -> list[str]:
    rows = ["| column | type | max | note |", "| --- | --- | --- | --- |"]
    for field in layout.fields:
        key = " (key)" if field.name in layout.key else ""
        source = "" if field.documented else " *(AMHelper)*"
        note = field.note.replace("|", "/")
        rows.append(f"| `{field.name}`{key} | {TYPE_TEXT[field.type]} | {field.length_text} | {note}{source} |")
    return rows


def render() -> str:
    """The whole document as Markdown."""
    rules = spec_data()["rules"]
    layouts = registry()
    lines = [
        "# ERP file layouts",
        "",
        "Generated from the appliance's layout registry (`python3 -m appliance.exchange.layout_docs`).",
        "",
        "## General rules",
        "",
        "- One file per layout, named `io_<name>.dat`, in `gestionale/` (`io_catalogo.dat` in `multimedia/`, "
        "`io_reports.dat` in `reports/`).",
        f"- Delimiter `{rules['delimiter']}`, a header row with the column names; columns are matched by "
        "name, in any order; missing columns are empty, unknown columns are kept as extra data with a warning.",
        f"- Dates `ddmmyyyy` ({rules['date_example']}), datetimes `ddmmyyyyhhmmss` (24 h); `-` and `/` "
        "separators are tolerated. Stored as `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM:SS`.",
        "- Decimals with `,` and no thousands separator; stored exactly, as written.",
        f"- `§` stands for a line break inside a text; texts are at most {rules['max_text_length']:,} characters "
        "and never contain `|`.",
        "- Empty field = null. Line endings CRLF or LF. Encoding UTF-8 (with or without BOM) or Windows-1252.",
        "- `DAT_ULT_MOD` is obsolete; senders put `01011900000000`.",
        "- A value longer than its documented maximum is kept whole, with a warning; the long values of one "
        "column are one warning (how many, the first lines, the longest value).",
        "",
        "Aliases: " + ", ".join(f"`{a}` uses the layout of `{t}`" for a, t in ALIASES.items()) + ".",
        "Columns marked *(AMHelper)* are sent by connectors built on the AMHelper library.",
        "",
    ]
    documented = [layout for layout in layouts.values() if layout.documented and not layout.alias_of]
    others = [layout for layout in layouts.values() if not layout.documented]
    for title, group in (("Documented layouts", documented), ("Layouts known from AMHelper only", others)):
        lines += [f"## {title}", ""]
        for layout in sorted(group, key=lambda item: item.name):
            key = ", ".join(f"`{k}`" for k in layout.key)
            lines += [f"### {layout.file_name}: {layout.title}", "", f"Key: {key}. Folder: `{layout.folder}`.", ""]
            for issue in layout.doc_issues:
                lines.append(f"- Known documentation issue: {issue}")
            if layout.doc_issues:
                lines.append("")
            lines += _field_rows(layout) + [""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(), end="")
