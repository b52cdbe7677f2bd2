"""The console's languages: English and Italian, chosen by a cookie (the switch) or the browser.

Texts live in `texts.TEXTS` as key -> (English, Italian). A key missing in Italian falls
back to English; a key missing altogether shows as itself, which a test forbids.
"""

from __future__ import annotations

from appliance.messages import LANGUAGES, format_number, say
from appliance.web.console.texts import TEXTS

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
        """A message of the appliance's checks (English, see appliance.messages) in this language."""
        return say(message, self.language)
