"""What file names in the exchange folder mean."""

import pytest

from appliance.folderwatch.names import classify_erp, classify_media, conflict_original, same_name_key


@pytest.mark.parametrize("name", [
    ".dropbox", ".dropbox.attr", ".dropbox.cache", "~$io_art.dat", "io_art.dat.tmp", "IO_ART.TMP",
    "desktop.ini", "Desktop.ini", "Thumbs.db", ".DS_Store", ".hidden.dat", "io_art.dat.part",
])
def test_hidden_and_temporary_files_are_ignored(name):
    assert classify_erp(name) == "ignored"
    assert classify_media(name) == "ignored"


@pytest.mark.parametrize("name, original", [
    ("io_art (Server's conflicted copy 2026-11-28).dat", "io_art.dat"),
    ("io_art (conflicted copy 2026-11-28 101500).dat", "io_art.dat"),
    ("io_art (Server's conflicted copy 2026-11-28 (1)).dat", "io_art.dat"),
    ("io_art (Case Conflict).dat", "io_art.dat"),
    ("IO_ART (Case Conflict 1).dat", "IO_ART.dat"),
    ("io_città (Unicode Encoding Conflict).dat", "io_città.dat"),
    ("io_art (copia in conflitto di Server 2026-11-28).dat", "io_art.dat"),
    ("io_art (Kopie mit Konflikt von Server 2026-11-28).dat", "io_art.dat"),
    ("io_art (copie en conflit de Server 2026-11-28).dat", "io_art.dat"),
])
def test_conflicted_copies_name_their_original(name, original):
    assert conflict_original(name) == original
    assert classify_erp(name) == "conflict"
    assert classify_media(name) == "conflict"


@pytest.mark.parametrize("name", ["io_art.dat", "IO_ART.DAT", "io_listini_full.dat", "io_x (1).dat"])
def test_erp_files_are_recognised(name):
    assert conflict_original(name) is None
    assert classify_erp(name) == "erp"


@pytest.mark.parametrize("name", ["readme.txt", "io_art.csv", "art.dat", "io_.dat", "export.zip"])
def test_other_files_in_gestionale_are_unexpected(name):
    assert classify_erp(name) == "unexpected"


def test_names_that_windows_cannot_tell_apart_share_a_key():
    assert same_name_key("IO_ART.dat") == same_name_key("io_art.dat")
    assert same_name_key("io_citta\u0300.dat") == same_name_key("io_citt\u00e0.dat")  # NFD vs NFC
    assert same_name_key("io_art.dat") != same_name_key("io_arte.dat")
