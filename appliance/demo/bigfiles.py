"""Large files for benchmarks, written as a stream: memory stays flat whatever the row count.

The article and customer codes are those of the demo company of the same seed, so a bulk
price list refers to articles that `write_art` writes and customers that
`write_customers_bulk` writes.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from operator import itemgetter
from decimal import Decimal
from pathlib import Path

from appliance.demo.article_files import CUSTOMER_PRIORITY, GENERAL_PRIORITY, PRICE_LIST_ZEROS, article_row
from appliance.demo.catalog import iter_articles
from appliance.demo.customer_files import agent_link_row, agent_row, party_row
from appliance.demo.datfile import (DAT_ULT_MOD, LINE_END, column_names, columns, format_date, format_datetime,
                                    format_value,
                                    replaced_when_done, write_rows)
from appliance.demo.people import customer_code, make_customer
from appliance.demo.wordlists import reference
from appliance.demo.world import AS_OF, COMPANY, agent_of, build_agents

LISTINI = "io_listini_full"
CHUNK_ROWS = 5_000
PRICE_LIST_KEY_PREFIX = "LF"  # the ERP's price record id: LF000000001
# The columns that vary from row to row; every other column is the same on every line.
LISTINI_VARYING = ("CHIAVE", "TIPO_LISTINO", "COD_ART", "COD_CLIFOR", "COD_LISTINO", "FLG_ESCLUDI_SCONTI",
                   "QUANTITA_INIZIO", "DATA_INIZIO", "DATA_FINE", "PREZZO", "PRIORITA", "SCONTO1")
QUANTITY_STEPS = ("0,00000000", "10,00000000", "50,00000000", "100,00000000")
CUSTOMER_DISCOUNTS = ("0,000000", "0,000000", "0,000000", "3,000000", "5,000000", "10,000000")
RESERVOIR_ROWS = 1000  # rows kept as models for added rows
PRICE_COLUMN = next(c for c in columns(LISTINI) if c.name == "PREZZO")


PROFILES = ("sparse", "dense", "long-texts")
FRAGMENTS = 4096  # distinct value sets of the columns a dense file fills, drawn per row
# Dense files fill these on every row too, besides the varying ones; their texts on a half or a third of rows.
# DAT_ULT_MOD is obsolete: exports carry the fixed 01011900000000 in it.
_FIXED_TEXTS = ("COD_DITTA", "COD_VALUTA", "IND_GES_PREZZO", "DAT_ULT_MOD",
                *(n for n in PRICE_LIST_ZEROS if n.startswith("IND_GES")))


def _filled_columns(profile: str) -> list:
    """The columns a profile fills from its fragments (none for sparse files)."""
    if profile == "sparse":
        return []
    return [c for c in columns(LISTINI) if c.name not in LISTINI_VARYING and c.name not in _FIXED_TEXTS]


def _fragments(profile: str, rng: random.Random) -> list[tuple[str, ...]]:
    """Value sets of the filled columns: every number and date set, each text on a half or a third
    of the sets, within the documented lengths; for long-texts, a sixth of the sets carry one text
    over its documented length and another sixth two (a third of the rows in all)."""
    filled = _filled_columns(profile)
    texts = [i for i, c in enumerate(filled) if c.type == "string"]
    pool = []
    for number in range(FRAGMENTS if filled else 0):
        values = []
        for position, column in enumerate(filled):
            values.append(_filled_value(column, position, rng))
        if profile == "long-texts" and number % 6 < 2:
            for position in rng.sample(texts, number % 6 + 1):
                limit = filled[position].max_length
                values[position] = _text(rng, rng.randint(limit + 1, limit + max(limit // 2, 10)))
        pool.append(tuple(values))
    return pool


def _filled_value(column, position: int, rng: random.Random) -> str:
    if column.type == "decimal":
        total, fraction = column.precision
        return format_value(LISTINI, column, Decimal(rng.randint(0, 10 ** min(total - fraction, 6) * 100)) / 100)
    if column.type == "integer":
        return str(rng.randint(0, 9))
    if column.type == "date":
        return format_date(AS_OF - timedelta(days=rng.randint(-400, 400)))
    if column.type == "datetime":
        return format_datetime(datetime(AS_OF.year, AS_OF.month, AS_OF.day) - timedelta(seconds=rng.randint(0, 10 ** 7)))
    if rng.random() >= (1 / 2 if position % 2 else 1 / 3):
        return ""
    return _text(rng, rng.randint(1, min(column.max_length, 16)))


def _text(rng: random.Random, length: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -"
    return "".join(rng.choice(letters) for _ in range(length)).strip() or "X"


def _listini_template(profile: str = "sparse") -> str:
    """A %-format line with a slot for each varying or filled column and the fixed text of the others."""
    fixed = {**PRICE_LIST_ZEROS, "COD_DITTA": COMPANY, "DAT_ULT_MOD": DAT_ULT_MOD}
    filled = {c.name for c in _filled_columns(profile)}
    parts = []
    for column in columns(LISTINI):
        if column.name in LISTINI_VARYING or column.name in filled:
            parts.append("%s")
        else:
            parts.append(format_value(LISTINI, column, fixed.get(column.name)).replace("%", "%%"))
    return "|".join(parts) + LINE_END


def _milli_text(milli: int) -> str:
    """A price in thousandths of a euro with the file's eight decimals: 12345 -> 12,34500000."""
    return f"{milli // 1000},{milli % 1000:03d}00000"


def _article_prices(seed: int, articles: int) -> tuple[list[str], list[int]]:
    codes, prices = [], []
    for article in iter_articles(seed, articles):
        codes.append(article.code)
        prices.append(int(article.price * 1000))
    return codes, prices


def _slot_order(profile: str):
    """Picks the template's arguments, in column order, from (key, *varying values, *fragment)."""
    varying = list(LISTINI_VARYING)
    filled = [c.name for c in _filled_columns(profile)]
    where = {name: i for i, name in enumerate(varying)}
    where.update({name: len(varying) + i for i, name in enumerate(filled)})
    return itemgetter(*(where[c.name] for c in columns(LISTINI) if c.name in where))


def write_listini_full(path: Path, rows: int, *, seed: int = 1, articles: int = 100_000,
                       customers: int = 50_000, profile: str = "sparse") -> Path:
    """Write an io_listini_full.dat of `rows` rows with all 78 columns.

    Two rows in three are general price-list rows (lists L01-L04 over every article, then
    quantity breaks); one in three is a customer's special price. Prices have the file's
    eight decimals, keys are LF000000001... `profile` says how full the other columns are:
    "sparse" leaves the filter columns empty as most exports do; "dense" fills every number
    and date column on every row and each text column on a half or a third of the rows,
    within the documented lengths; "long-texts" is dense with a third of the rows carrying
    texts longer than the documented maximum (kept with a warning).

    Example: write_listini_full(Path("bench/io_listini_full.dat"), 1_000_000, profile="dense")
    """
    if rows < 0 or articles < 1 or customers < 1:
        raise ValueError("rows must not be negative; articles and customers must be at least 1")
    if profile not in PROFILES:
        raise ValueError(f"profile must be one of {', '.join(PROFILES)}")
    rng = random.Random(f"{seed}:bulk-prices")
    draw = rng.random
    codes, prices = _article_prices(seed, articles)
    lists = [(code, Decimal(str(factor))) for code, _, factor in reference()["price_lists"]]
    list_factors = [int(factor * 1000) for _, factor in lists]
    year_start = format_date(date(AS_OF.year, 1, 1))
    year_end = format_date(date(AS_OF.year, 12, 31))
    recent_days = [format_date(AS_OF - timedelta(days=n)) for n in range(1, 366)]
    template = _listini_template(profile)
    order = _slot_order(profile)
    pool = _fragments(profile, random.Random(f"{seed}:fragments:{profile}"))
    dense = bool(pool)
    path = Path(path)
    with replaced_when_done(path) as out:
        out.write("|".join(column_names(LISTINI)) + LINE_END)
        chunk = []
        for index in range(rows):
            if index % 3 == 2:
                article = int(draw() * articles)
                customer = int(draw() * customers) + 1
                milli = prices[article] * (850 + int(draw() * 120)) // 1000
                values = ("CLI", codes[article], customer_code(customer), "", "-1" if draw() < 0.3 else "0",
                          QUANTITY_STEPS[0], recent_days[int(draw() * 365)], year_end if draw() < 0.4 else "",
                          _milli_text(milli), CUSTOMER_PRIORITY, CUSTOMER_DISCOUNTS[int(draw() * 6)])
            else:
                general = index // 3 * 2 + index % 3
                article, round_ = general % articles, general // articles
                list_number = round_ % len(lists)
                milli = prices[article] * list_factors[list_number] // 1000
                values = ("GEN", codes[article], "", lists[list_number][0], "0",
                          QUANTITY_STEPS[round_ // len(lists) % len(QUANTITY_STEPS)], year_start, "",
                          _milli_text(milli), GENERAL_PRIORITY, "0,000000")
            key = f"{PRICE_LIST_KEY_PREFIX}{index + 1:09d}"
            if dense:
                if not values[7]:
                    values = (*values[:7], year_end, *values[8:])  # every date column filled
                chunk.append(template % order((key, *values, *pool[int(draw() * FRAGMENTS)])))
            else:
                chunk.append(template % (key, *values))
            if len(chunk) == CHUNK_ROWS:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
    return path


def write_art(path: Path, rows: int, *, seed: int = 1) -> Path:
    """Write an io_art.dat of `rows` articles with every documented column (the seed's catalog).

    Example: write_art(Path("bench/io_art.dat"), 100_000)
    """
    articles = (article_row(article, COMPANY) for article in iter_articles(seed, rows))
    return write_rows(Path(path), "io_art", articles, company=COMPANY)


def write_customers_bulk(gestionale: Path, customers: int = 50_000, agents: int = 25, seed: int = 1) -> list[Path]:
    """Write io_agenti, io_clifor_gen and io_clifor_age for many customers, spread evenly over the agents.

    With the defaults each agent has 2,000 customers. The first customers are the same as
    in the demo export of the same seed.

    Example: write_customers_bulk(Path("bench/gestionale"), customers=50_000, agents=25)
    """
    folder = Path(gestionale)
    folder.mkdir(parents=True, exist_ok=True)
    agent_list = build_agents(seed, agents)
    rng = random.Random(f"{seed}:customers")
    parties = (make_customer(rng, number, agent_of(agent_list, number).code, AS_OF)
               for number in range(1, customers + 1))
    return [
        write_rows(folder / "io_agenti.dat", "io_agenti", (agent_row(a, COMPANY) for a in agent_list)),
        write_rows(folder / "io_clifor_gen.dat", "io_clifor_gen", (party_row(p, COMPANY) for p in parties)),
        write_rows(folder / "io_clifor_age.dat", "io_clifor_age",
                   (agent_link_row(0, customer_code(number), agent_of(agent_list, number).code, COMPANY)
                    for number in range(1, customers + 1))),
    ]


def _changed_price(text: str, rng: random.Random) -> str:
    """The price moved by 1-10% up or down, never equal to the old one."""
    old = Decimal(text.replace(",", ".")) if text else Decimal(1)
    step = Decimal(str(round(rng.uniform(0.01, 0.10), 3))) * rng.choice((-1, 1))
    new = (old * (1 + step)).quantize(Decimal("0.001"))
    if new == old or new <= 0:
        new = old + Decimal("0.01")
    return format_value(LISTINI, PRICE_COLUMN, new)


def _record_id(key: str) -> int:
    digits = key[len(PRICE_LIST_KEY_PREFIX):]
    return int(digits) if key.startswith(PRICE_LIST_KEY_PREFIX) and digits.isdigit() else 0


def mutate_listini(src: Path, dst: Path, *, changed: float = 0.01, removed: float = 0.005, added: float = 0.005,
                   seed: int = 2) -> dict[str, int]:
    """Copy a price-list file with a share of rows changed (new price), removed, and added (new keys).

    Shares are of the rows of `src`; which rows are picked depends on the seed. Returns the
    counts: rows (read), changed, removed, added, unchanged and written.

    Example: mutate_listini(Path("io_listini_full.dat"), Path("next/io_listini_full.dat"))
    """
    rng = random.Random(f"{seed}:mutation")
    draw = rng.random
    counts = {"rows": 0, "changed": 0, "removed": 0, "added": 0}
    reservoir: list[list[str]] = []
    last_id = 0
    dst = Path(dst)
    with open(src, encoding="utf-8", newline="") as source, replaced_when_done(dst) as out:
        header = source.readline()
        names = header.rstrip("\r\n").split("|")
        key_at, price_at, start_at = names.index("CHIAVE"), names.index("PREZZO"), names.index("DATA_INIZIO")
        out.write(header)
        for line in source:
            counts["rows"] += 1
            values = line.rstrip("\r\n").split("|")
            last_id = max(last_id, _record_id(values[key_at]))
            pick = draw()
            if pick < removed:
                counts["removed"] += 1
                continue
            if pick < removed + changed:
                counts["changed"] += 1
                values[price_at] = _changed_price(values[price_at], rng)
                line = "|".join(values) + LINE_END
            elif len(reservoir) < RESERVOIR_ROWS:
                reservoir.append(values)
            else:
                slot = int(draw() * counts["rows"])
                if slot < RESERVOIR_ROWS:
                    reservoir[slot] = values
            out.write(line)
        counts["added"] = round(added * counts["rows"]) if reservoir else 0
        new_start = format_date(AS_OF + timedelta(days=1))
        for number in range(counts["added"]):
            values = list(reservoir[number % len(reservoir)])
            values[key_at] = f"{PRICE_LIST_KEY_PREFIX}{last_id + number + 1:09d}"
            values[price_at] = _changed_price(values[price_at], rng)
            values[start_at] = new_start
            out.write("|".join(values) + LINE_END)
    counts["unchanged"] = counts["rows"] - counts["changed"] - counts["removed"]
    counts["written"] = counts["rows"] - counts["removed"] + counts["added"]
    return counts
