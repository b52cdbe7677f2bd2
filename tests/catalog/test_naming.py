"""The file-name rule of filesystem mode: `name[ArticleCode]{sortOrder}.ext`, both parts optional."""

from __future__ import annotations

import pytest

from appliance.catalog.naming import MediaName, parse_media_name
from appliance.demo.media import media_name


@pytest.mark.parametrize("file_name, expected", [
    ("Libreria Kwaba [kw07].jpg", MediaName("Libreria Kwaba", "kw07", None)),
    ("Foresta {1}.png", MediaName("Foresta", None, 1)),
    ("Depliant [0567] {2}.avi", MediaName("Depliant", "0567", 2)),
    ("123[123].jpg", MediaName("123", "123", None)),
    ("Pricelist.pdf", MediaName("Pricelist", None, None)),
    ("  Spazi attorno  [ AB-1 ]  { 12 } .jpg", MediaName("Spazi attorno", "AB-1", 12)),
    ("Sconto {-3}.jpg", MediaName("Sconto", None, -3)),
    ("Listino.2026.pdf", MediaName("Listino.2026", None, None)),
])
def test_the_rule_parses_name_article_and_position(file_name, expected):
    assert parse_media_name(file_name) == expected


@pytest.mark.parametrize("file_name, expected", [
    ("Offerta {due}.jpg", MediaName("Offerta {due}", None, None)),  # a position is a whole number
    ("Borsa {2} [B7].jpg", MediaName("Borsa {2}", "B7", None)),      # the article comes first
    ("Vuoto [].jpg", MediaName("Vuoto", None, None)),                  # an empty link links nothing
    ("[kw07].jpg", MediaName("kw07", "kw07", None)),                  # no name: the article names it
    ("Senza estensione", MediaName("Senza estensione", None, None)),
])
def test_names_off_the_rule_are_shown_as_they_are(file_name, expected):
    assert parse_media_name(file_name) == expected


def test_the_demo_generators_names_read_back():
    name = media_name("Calamari ad anelli", "SUR00012", 3, "png")
    assert parse_media_name(name) == MediaName("Calamari ad anelli", "SUR00012", 3)
