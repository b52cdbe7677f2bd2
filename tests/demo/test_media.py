"""Demo media: real images and PDFs, named by the filesystem-mode rule, linked to exported articles."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from appliance.demo import generate_media
from appliance.demo.media import media_name
from tests.demo.conftest import SEED
from tests.demo.fileformat import read_dat

# name[ArticleCode]{sortOrder}.ext, both bracketed parts optional
MEDIA_NAME = re.compile(r"(?P<name>[^\[\]{}]+?)\s*(?:\[(?P<code>[^\]]+)\])?\s*(?:\{(?P<order>\d+)\})?\.(?P<ext>\w+)")
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    root = tmp_path_factory.mktemp("media")
    written = generate_media(root / "multimedia", root / "reports", seed=SEED)
    return root, written


def _images(written):
    return [p for p in written if p.suffix.lstrip(".") in IMAGE_FORMATS]


def test_every_file_is_named_by_the_rule(media):
    _, written = media
    for path in written:
        assert MEDIA_NAME.fullmatch(path.name), path.name


def test_images_link_articles_of_the_export_of_the_same_seed(media, export):
    _, written = media
    articles = set(read_dat(export["io_art"]).column("COD_ART"))
    images = _images(written)
    assert len({p.name for p in images}) == 12
    for path in images:
        match = MEDIA_NAME.fullmatch(path.name)
        assert match["code"] in articles
        assert int(match["order"]) >= 1


def test_sort_orders_count_up_within_each_folder(media):
    root, written = media
    catalog = root / "multimedia" / "Catalogo"
    for folder in {p.parent for p in _images(written) if catalog in p.parents}:
        orders = sorted(int(MEDIA_NAME.fullmatch(p.name)["order"]) for p in folder.iterdir())
        assert orders == list(range(1, len(orders) + 1))


def test_images_are_real_small_jpeg_and_png_files_in_subfolders(media):
    root, written = media
    formats = set()
    for path in _images(written):
        assert path.parent != root / "multimedia"
        with Image.open(path) as image:
            assert image.format == IMAGE_FORMATS[path.suffix.lstrip(".")]
            assert max(image.size) <= 1028
            formats.add(image.format)
    assert formats == {"JPEG", "PNG"}


def test_one_image_is_filed_in_two_folders(media):
    _, written = media
    by_name = {}
    for path in _images(written):
        by_name.setdefault(path.name, []).append(path)
    shared = [paths for paths in by_name.values() if len(paths) > 1]
    assert len(shared) == 1
    first, second = shared[0]
    assert first.parent != second.parent and first.read_bytes() == second.read_bytes()


def test_a_leaflet_and_a_report_are_pdfs(media):
    root, written = media
    pdfs = [p for p in written if p.suffix == ".pdf"]
    assert {p.parent.parent if p.parent.name == "Volantini" else p.parent for p in pdfs} == {
        root / "multimedia", root / "reports"}
    for path in pdfs:
        data = path.read_bytes()
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-32:]


def test_no_catalog_index_so_the_folder_tree_is_the_catalog(media):
    root, _ = media
    assert not list(root.rglob("io_catalogo.dat"))


def test_same_seed_gives_identical_media(media, tmp_path):
    root, written = media
    again = generate_media(tmp_path / "multimedia", tmp_path / "reports", seed=SEED)
    assert [p.relative_to(tmp_path) for p in again] == [p.relative_to(root) for p in written]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(again, written))


def test_media_name_drops_characters_the_rule_or_windows_reserve():
    assert media_name("Caffè 100% arabica", "DOL00001", 2) == "Caffè 100% arabica[DOL00001]{2}.jpg"
    assert media_name('Vino "rosso" [magnum]/6', "VIN1", 1, "png") == "Vino rosso magnum 6[VIN1]{1}.png"
    assert media_name("Listino prezzi", ext="pdf") == "Listino prezzi.pdf"
