"""Which io_listini_full or io_sconti row applies to a line: matching, then ranking.

A row matches when each of its filter columns is empty (any value) or equal to the line's
value; ranges (family, sub-family, group, sub-group) hold the article's code between their
bounds (string order; an empty bound is open); quantity and date ranges hold the line's
quantity and validity date (bounds included; an empty or zero end is open).

Matching rows are ranked by stages, best first; the first stage that tells the winner from
the runner-up is reported as the reason it won:
- `specificity`: the party level (destination > customer > class > customer categories >
  zones > price list > any) and the article level (variant > article > sub-group > group >
  sub-family > family > any), in the order `pricing.specificity` says, then how many filter
  columns the row sets;
- `priority`: PRIORITA (`pricing.priority_wins`; empty ranks last), before specificity when
  `pricing.priority_position` is `before_specificity`;
- `quantity`: the higher QUANTITA_INIZIO (the deeper quantity break);
- `date`: the later DATA_INIZIO (the newer price);
- `key`: the lower row key, so that the choice never depends on the order of the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from appliance.pricing.figures import ZERO, dec
from appliance.pricing.rules import PricingRules


@dataclass(frozen=True)
class Table:
    """How one ERP table is matched: equality filters, ranges, and the two specificity ladders."""

    equal: tuple[tuple[str, str], ...]
    ranges: tuple[tuple[str, str, str], ...]
    party: tuple[tuple[str, str], ...]
    article: tuple[tuple[str, str], ...]


PRICES = Table(
    equal=(("COD_ART", "article"), ("COD_CLIFOR", "customer"), ("COD_DEPOSITO", "warehouse"),
           ("COD_MACROAREA", "macroarea"), ("COD_AREA", "area"), ("COD_ZONA", "zone"),
           ("COD_MACROCATEGORIA", "macrocategory"), ("COD_CATEGORIA", "category"),
           ("COD_SOTTOCATEGORIA", "subcategory"), ("COD_LISTINO", "price_list"), ("COD_CAMPAGNA", "campaign"),
           ("COD_DESTINAZIONE", "destination"), ("COD_CLASSE", "customer_class"),
           ("COD_COMBINAZIONE", "combination"), ("COD_VALUTA", "currency")),
    ranges=(("COD_FAM_INIZIO", "COD_FAM_FINE", "family"), ("COD_SFAM_INIZIO", "COD_SFAM_FINE", "subfamily"),
            ("COD_GRUPPO_INIZIO", "COD_GRUPPO_FINE", "group"), ("COD_SGRUPPO_INIZIO", "COD_SGRUPPO_FINE", "subgroup")),
    party=(("COD_DESTINAZIONE", "destination"), ("COD_CLIFOR", "customer"), ("COD_CLASSE", "class"),
           ("COD_SOTTOCATEGORIA", "subcategory"), ("COD_CATEGORIA", "category"),
           ("COD_MACROCATEGORIA", "macrocategory"), ("COD_ZONA", "zone"), ("COD_AREA", "area"),
           ("COD_MACROAREA", "macroarea"), ("COD_LISTINO", "price_list")),
    article=(("COD_COMBINAZIONE", "variant"), ("COD_ART", "article"), ("COD_SGRUPPO_INIZIO", "subgroup"),
             ("COD_GRUPPO_INIZIO", "group"), ("COD_SFAM_INIZIO", "subfamily"), ("COD_FAM_INIZIO", "family")),
)

DISCOUNTS = Table(
    equal=(("COD_ART", "article"), ("COD_CLIFOR", "customer"), ("CLASSE_ARTICOLO", "article_class"),
           ("CLASSE_CLIENTE", "customer_class"), ("COD_PROMO", "campaign"), ("COD_VALUTA", "currency"),
           ("COD_LISTINO", "price_list")),
    ranges=(),
    party=(("COD_CLIFOR", "customer"), ("CLASSE_CLIENTE", "class"), ("COD_LISTINO", "price_list")),
    article=(("COD_ART", "article"), ("CLASSE_ARTICOLO", "article_class")),
)


def columns_of(table: Table, *figures: str) -> tuple[str, ...]:
    """Every column the engine reads of a table's rows: key, filters, ranges, ranking, and `figures`."""
    filters = [c for c, _ in table.equal] + [c for start, end, _ in table.ranges for c in (start, end)]
    return ("CHIAVE", "COD_DITTA", "TIPO_CLIFOR", *filters, "QUANTITA_INIZIO", "QUANTITA_FINE", "DATA_INIZIO",
            "DATA_FINE", "PRIORITA", *figures)


# A range's level counts when either bound is set: the ladder names the start column.
_RANGE_ENDS = {"COD_SGRUPPO_INIZIO": "COD_SGRUPPO_FINE", "COD_GRUPPO_INIZIO": "COD_GRUPPO_FINE",
               "COD_SFAM_INIZIO": "COD_SFAM_FINE", "COD_FAM_INIZIO": "COD_FAM_FINE"}


def blank(value: Any) -> bool:
    """Empty in the ERP's sense: no value, or only spaces."""
    return value is None or str(value).strip() == ""


def as_text(value: Any) -> str:
    """A row or line value as stripped text ('' for none)."""
    return "" if value is None else str(value).strip()


def matches(table: Table, row: dict, line: dict) -> bool:
    """Whether `row` applies to a line described by `line` (see the module doc)."""
    if as_text(row.get("TIPO_CLIFOR")) not in ("", "0"):
        return False  # a supplier's price or discount never applies to a sale
    if not blank(row.get("COD_DITTA")) and line["company"] and as_text(row["COD_DITTA"]) != line["company"]:
        return False
    for column, name in table.equal:
        if not blank(row.get(column)) and as_text(row[column]) != line[name]:
            return False
    for start, end, name in table.ranges:
        if not _in_range(as_text(row.get(start)), as_text(row.get(end)), line[name]):
            return False
    return _in_quantity(row, line["break_qty"]) and _in_dates(row, line["validity_date"])


def _in_range(start: str, end: str, value: str) -> bool:
    if not start and not end:
        return True
    return bool(value) and (not start or value >= start) and (not end or value <= end)


def _in_quantity(row: dict, qty: Decimal) -> bool:
    start, end = dec(row.get("QUANTITA_INIZIO")), dec(row.get("QUANTITA_FINE"))
    return (start is None or start == 0 or qty >= start) and (end is None or end == 0 or qty <= end)


def _in_dates(row: dict, day: str) -> bool:
    start, end = as_text(row.get("DATA_INIZIO"))[:10], as_text(row.get("DATA_FINE"))[:10]
    return (not start or day >= start) and (not end or day <= end)


def _level(ladder: tuple[tuple[str, str], ...], row: dict) -> tuple[int, str]:
    for index, (column, name) in enumerate(ladder):
        if not blank(row.get(column)) or (column in _RANGE_ENDS and not blank(row.get(_RANGE_ENDS[column]))):
            return len(ladder) - index, name
    return 0, "any"


def _filters_set(table: Table, row: dict) -> int:
    count = sum(not blank(row.get(column)) for column, _ in table.equal)
    count += sum(not blank(row.get(start)) or not blank(row.get(end)) for start, end, _ in table.ranges)
    quantities = (dec(row.get("QUANTITA_INIZIO")), dec(row.get("QUANTITA_FINE")))
    count += any(bound is not None and bound != 0 for bound in quantities)
    return count + (not blank(row.get("DATA_INIZIO")) or not blank(row.get("DATA_FINE")))


def rule_name(table: Table, row: dict) -> str:
    """The row's levels as `party+article`, e.g. `customer+article`, `price_list+family`, `any+any`."""
    return f"{_level(table.party, row)[1]}+{_level(table.article, row)[1]}"


def _stages(table: Table, row: dict, rules: PricingRules) -> list[tuple[str, tuple]]:
    party, article = _level(table.party, row)[0], _level(table.article, row)[0]
    levels = (party, article) if rules.specificity == "customer_first" else (article, party)
    specificity = ("specificity", (*levels, _filters_set(table, row)))
    priority = dec(row.get("PRIORITA"))
    if rules.priority_wins == "higher":
        ranked = ("priority", (priority or ZERO,))
    else:
        ranked = ("priority", (0, ZERO) if not priority else (1, -priority))
    first = [ranked, specificity] if rules.priority_position == "before_specificity" else [specificity, ranked]
    start = dec(row.get("QUANTITA_INIZIO"))
    return first + [("quantity", (start or ZERO,)), ("date", (as_text(row.get("DATA_INIZIO"))[:10],))]


@dataclass(frozen=True)
class Choice:
    """The winning row, its rule, why it won over the runner-up, and how many rows matched."""

    row: dict
    rule: str
    decided_by: str
    candidates: int


def choose(table: Table, rows: list[dict], line: dict, rules: PricingRules) -> Choice | None:
    """The best matching row of `rows` for the line, or None when no row matches."""
    found = [(row, _stages(table, row, rules)) for row in rows if matches(table, row, line)]
    if not found:
        return None
    found.sort(key=lambda item: _key(item[0]))
    best = found[0]
    for candidate in found[1:]:
        if _better(candidate[1], best[1]):
            best = candidate
    rest = [item for item in found if item is not best]
    return Choice(best[0], rule_name(table, best[0]), _decided_by(best, rest), len(found))


def _key(row: dict) -> str:
    return as_text(row.get("CHIAVE"))


def _better(stages: list[tuple[str, tuple]], than: list[tuple[str, tuple]]) -> bool:
    return [value for _, value in stages] > [value for _, value in than]


def _decided_by(best: tuple[dict, list], rest: list[tuple[dict, list]]) -> str:
    if not rest:
        return "only"
    runner_up = rest[0]
    for candidate in rest[1:]:
        if _better(candidate[1], runner_up[1]):
            runner_up = candidate
    for (name, value), (_, other) in zip(best[1], runner_up[1]):
        if value != other:
            return name
    return "key"

