"""The console's languages: English and Italian, chosen by a cookie (the switch) or the browser.

Texts live in `texts.TEXTS` as key -> (English, Italian). A key missing in Italian falls
back to English; a key missing altogether shows as itself, which a test forbids.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from appliance.web.console.texts import TEXTS
from appliance.web.console.texts_messages import MESSAGES

LANGUAGES = ("en", "it")
DEFAULT = "en"


def choose_language(cookie: str | None, accept_language: str | None) -> str:
    """The switch's choice if any, else the first supported language the browser asks for."""
    if cookie in LANGUAGES:
        return cookie
    wanted = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, weight = part.strip().partition(";q=")
        try:
            quality = float(weight) if weight else 1.0
        except ValueError:
            continue
        wanted.append((-quality, position, tag.split("-")[0].strip().lower()))
    for _, _, language in sorted(wanted):
        if language in LANGUAGES:
            return language
    return DEFAULT


class Translator:
    """`t(key, **params)`: the text of `key` in one language, with {placeholders} filled in."""

    def __init__(self, language: str):
        self.language = language
        self._index = LANGUAGES.index(language)

    def __call__(self, key: str, /, **params) -> str:
        texts = TEXTS.get(key)
        if texts is None:
            return key
        text = texts[self._index] or texts[0]
        return text.format(**params) if params else text

    def has(self, key: str) -> bool:
        return key in TEXTS

    def plural(self, key: str, n: int, /, **params) -> str:
        """`key.one` when n is 1, else `key.other`, with {n} in the language's number format."""
        return self(f"{key}.{'one' if n == 1 else 'other'}", n=format_number(n, self.language), **params)

    def say(self, message: str | None) -> str:
        """A message of the appliance's checks (English, see texts_messages) in this language."""
        return say(message or "", self._index, self.language)


def format_number(value, language: str) -> str:
    """1234 -> "1,234" (en) / "1.234" (it); 1234.5 -> "1,234.5" / "1.234,5"."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    return text.translate(str.maketrans(",.", ".,")) if language == "it" else text


def format_decimal(value, language: str, places: int | None = None) -> str:
    """A Decimal (or its text) without trailing zeros, or with `places` decimals, grouped in the language's way."""
    number = Decimal(str(value))
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    whole, _, fraction = f"{number:,f}".partition(".")
    if language == "it":
        whole = whole.replace(",", ".")
    return whole + ((("," if language == "it" else ".") + fraction) if fraction else "")


def format_money(value, language: str) -> str:
    """20.24 -> "20,24 €" (it) / "€20.24" (en)."""
    text = format_decimal(value, language, 2)
    return f"{text} €" if language == "it" else f"€{text}"


# optional parts of a problem's text and the words the checks use as values, in each language
OPTIONAL_PARTS = {"line": (", line {}", ", riga {}"), "column": (", column {}", ", colonna {}"),
                  "value": (", value '{}'", ", valore '{}'")}
WORDS = {"ERROR": "ERRORE", "WARNING": "AVVISO", "rejected": "rifiutato", "held": "trattenuto",
         "skipped": "saltato"}


@lru_cache(maxsize=None)
def _patterns() -> tuple:
    return tuple((re.compile(pattern), texts) for _, pattern, *texts in MESSAGES)


def find_message(message: str):
    """The first entry of MESSAGES the whole message matches, as (match, (english, italian)); else None."""
    for pattern, texts in _patterns():
        match = pattern.fullmatch(message)
        if match:
            return match, texts
    return None


def say(message: str, index: int, language: str) -> str:
    found = find_message(message.strip())
    if found is None:
        return message
    match, texts = found
    template = texts[index]
    values = {name: _value(name, value, index, language) for name, value in match.groupdict().items()}
    if template is None:  # as written, with the messages inside said again
        text, end = "", 0
        for name in match.groupdict():
            if name.endswith("_msg") and match.group(name) is not None:
                text += message[end:match.start(name)] + values[name]
                end = match.end(name)
        return text + message[end:]
    return template.format(**values)


def _value(name: str, value: str | None, index: int, language: str) -> str:
    if value is None:
        return ""
    if name.endswith("_msg"):
        return say(value, index, language)
    if name.endswith("_n"):
        return format_number(int(value.replace(",", "")), language)
    if name.endswith("_money"):
        return format_money(value, language)
    if name.endswith("_qty"):
        return format_decimal(value, language)
    if name.endswith("_date") and index:
        year, month, day = value.split("-")
        return f"{day}/{month}/{year}"
    if name in OPTIONAL_PARTS:
        return OPTIONAL_PARTS[name][index].format(value)
    return WORDS.get(value, value) if index else value
