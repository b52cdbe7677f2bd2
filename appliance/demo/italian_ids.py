"""Valid-looking Italian identifiers: VAT numbers, tax codes, phone numbers, coordinates.

VAT numbers and tax codes carry correct check characters, so software that validates them
accepts the demo data.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date

TEMPLATE_VAT = "99999999999"  # marks a template customer for orders from new customers
_MONTH_LETTERS = "ABCDEHLMPRST"
_ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
_VOWELS = set("AEIOU")


def vat_number(progressive: int, office_code: int) -> str:
    """An 11-digit partita IVA: 7-digit progressive, 3-digit office code, check digit."""
    body = f"{progressive % 10_000_000:07d}{office_code % 1000:03d}"
    total = 0
    for position, char in enumerate(body):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return body + str((10 - total % 10) % 10)


def _letters(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.upper() if c.isalpha())


def _name_part(text: str, *, first_name: bool) -> str:
    letters = _letters(text)
    consonants = [c for c in letters if c not in _VOWELS]
    vowels = [c for c in letters if c in _VOWELS]
    if first_name and len(consonants) >= 4:
        consonants = [consonants[0], consonants[2], consonants[3]]
    return ("".join(consonants + vowels) + "X" * 3)[:3]  # short names are padded with X


def _check_character(code: str) -> str:
    total = 0
    for position, char in enumerate(code):
        value = int(char) if char.isdigit() else ord(char) - ord("A")
        total += _ODD_VALUES[value] if position % 2 == 0 else value
    return chr(ord("A") + total % 26)


def tax_code(surname: str, name: str, born: date, female: bool, cadastral_code: str) -> str:
    """A 16-character codice fiscale for a person, with its check character."""
    day = born.day + (40 if female else 0)
    code = (_name_part(surname, first_name=False) + _name_part(name, first_name=True)
            + f"{born.year % 100:02d}" + _MONTH_LETTERS[born.month - 1] + f"{day:02d}" + cadastral_code)
    return code + _check_character(code)


def landline(rng: random.Random, prefix: str) -> str:
    """A fixed-line number with the city's prefix, ten digits in all: 02 87654321."""
    digits = 10 - len(prefix)
    return f"{prefix} {rng.randrange(10 ** (digits - 1) * 2, 10 ** digits)}"


def mobile(rng: random.Random, prefixes: list[str]) -> str:
    """A mobile number: 347 1234567."""
    return f"{rng.choice(prefixes)} {rng.randrange(1_000_000, 10_000_000)}"


def coordinate(value: float) -> str:
    """A latitude or longitude as the files carry it: six decimals after a comma."""
    return f"{value:.6f}".replace(".", ",")
