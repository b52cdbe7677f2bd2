"""The file-name rule of filesystem mode: `name[ArticleCode]{sortOrder}.ext`.

Both parts are optional, in that order, and spaces around each part are trimmed:
`Libreria Kwaba [kw07].jpg` is "Libreria Kwaba" linked to article kw07,
`Foresta {1}.png` is "Foresta" at position 1, `Depliant [0567] {2}.avi` has both,
`123[123].jpg` is "123" linked to article 123. A name that does not follow the rule
exactly (`Offerta {due}.jpg`) is shown as it is, without article or position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RULE = re.compile(r"(?P<title>.*?)\s*(?:\[\s*(?P<article>[^\[\]]*?)\s*\])?\s*(?:\{\s*(?P<sort>-?\d{1,9})\s*\})?",
                   re.DOTALL)


@dataclass(frozen=True)
class MediaName:
    """What a file name says: the title to show, the linked article, the sort position."""

    title: str
    article: str | None = None
    sort: int | None = None


def parse_media_name(file_name: str) -> MediaName:
    """Apply the rule to a file name (with its extension)."""
    stem, dot, _ = file_name.rpartition(".")
    if not dot or not stem:
        stem = file_name
    match = _RULE.fullmatch(stem.strip())
    title = match.group("title").strip()
    article = match.group("article") or None
    sort = int(match.group("sort")) if match.group("sort") is not None else None
    return MediaName(title or article or stem.strip(), article, sort)
