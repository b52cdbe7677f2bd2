"""Demo media: catalog images in family folders, a PDF leaflet and a PDF report.

The catalog uses filesystem mode (no io_catalogo.dat): the folder tree under multimedia/
is the catalog, and each image name links an article and a sort position,
`name[ArticleCode]{sortOrder}.ext`. The article codes are those of the demo export of the
same seed. One image is also filed under a second folder, as catalogs do.
"""

from __future__ import annotations

import random
import re
import shutil
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from appliance.demo.catalog import Article, build_articles
from appliance.demo.datfile import format_decimal
from appliance.demo.wordlists import products, subfamilies
from appliance.demo.world import AS_OF

CATALOG_FOLDER = "Catalogo"
PROMOTION_FOLDER = "Promozioni"
LEAFLET_FOLDER = "Volantini"
IMAGE_SIZE = (480, 360)
PAGE_SIZE = (595, 842)  # A4 at 72 dpi
PNG_EVERY = 3  # every third image is a PNG, the others JPEG
CANDIDATES = 300  # images show articles among the first ones of the catalog
# Characters Windows does not allow in names, and the brackets the naming rule reserves.
_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\[\]{}]')
# Fixed PDF dates keep the files identical from one run to the next.
_PDF_DATES = {"creationDate": time.strptime(AS_OF.isoformat(), "%Y-%m-%d"),
              "modDate": time.strptime(AS_OF.isoformat(), "%Y-%m-%d")}


def media_name(name: str, article_code: str | None = None, order: int | None = None, ext: str = "jpg") -> str:
    """A file name under the filesystem-mode rule: name[ArticleCode]{sortOrder}.ext."""
    clean = " ".join(_NOT_IN_NAMES.sub(" ", name).split())
    link = f"[{article_code}]" if article_code else ""
    position = f"{{{order}}}" if order is not None else ""
    return f"{clean}{link}{position}.{ext}"


def _font(size: int) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _family_colour(article: Article) -> tuple[int, int, int]:
    families = sorted({sub.family_code for sub in subfamilies()})
    rng = random.Random(f"colour:{families.index(article.sub.family_code)}")
    return rng.randint(120, 230), rng.randint(120, 230), rng.randint(120, 230)


def _product_image(article: Article) -> Image.Image:
    image = Image.new("RGB", IMAGE_SIZE, _family_colour(article))
    draw = ImageDraw.Draw(image)
    width, height = IMAGE_SIZE
    draw.rounded_rectangle((40, 40, width - 40, height - 110), radius=24, fill="white", outline="black", width=3)
    draw.ellipse((width // 2 - 60, 70, width // 2 + 60, 190), fill=_family_colour(article), outline="black")
    draw.text((50, height - 95), article.product[:38], fill="black", font=_font(22))
    draw.text((50, height - 60), f"{article.code} - {article.sub.family_name}", fill="black", font=_font(18))
    return image


def _write_images(folder: Path, rng: random.Random, articles: list[Article], count: int) -> list[Path]:
    candidates = articles[:CANDIDATES]
    picked = rng.sample(candidates, min(count, len(candidates)))
    positions: dict[str, int] = {}
    written = []
    for number, article in enumerate(picked, start=1):
        family = article.sub.family_name
        positions[family] = positions.get(family, 0) + 1
        ext = "png" if number % PNG_EVERY == 0 else "jpg"
        path = folder / CATALOG_FOLDER / family / media_name(article.product, article.code, positions[family], ext)
        path.parent.mkdir(parents=True, exist_ok=True)
        image = _product_image(article)
        if ext == "jpg":
            image.save(path, quality=85)
        else:
            image.save(path)
        written.append(path)
    return written


def _page(title: str, lines: list[str]) -> Image.Image:
    page = Image.new("RGB", PAGE_SIZE, "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, PAGE_SIZE[0], 70), fill=(30, 80, 140))
    draw.text((30, 22), title, fill="white", font=_font(24))
    for number, line in enumerate(lines):
        draw.text((30, 100 + 24 * number), line, fill="black", font=_font(14))
    return page


def _save_pdf(path: Path, pages: list[Image.Image]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=72.0, **_PDF_DATES)
    return path


def _leaflet(folder: Path, articles: list[Article]) -> Path:
    offers = [f"{a.code}  {a.description[:60]}  EUR {format_decimal(a.price * 9 / 10, 2)}" for a in articles]
    pages = [_page(f"Offerte del mese - pagina {n + 1}", offers[n * 28:(n + 1) * 28]) for n in range(2)]
    return _save_pdf(folder / LEAFLET_FOLDER / media_name("Offerte del mese", order=1, ext="pdf"), pages)


def _report(folder: Path, rng: random.Random) -> Path:
    lines = [f"{family['name']:<32} EUR {rng.randint(20_000, 400_000):>9,}".replace(",", ".")
             for family in products()["families"]]
    return _save_pdf(folder / "Vendite per famiglia.pdf", [_page("Vendite dell'anno per famiglia", lines)])


def generate_media(multimedia: Path, reports: Path, *, seed: int = 1, images: int = 12,
                   articles: int = 3000) -> list[Path]:
    """Write catalog images, a leaflet PDF into `multimedia` and a report PDF into `reports`.

    Images link articles of the demo export made with the same seed and at least as many
    articles. Returns every file written.

    Example: generate_media(Path("exchange/multimedia"), Path("exchange/reports"), images=24)
    """
    multimedia, reports = Path(multimedia), Path(reports)
    rng = random.Random(f"{seed}:media")
    catalog = build_articles(seed, min(articles, CANDIDATES))
    written = _write_images(multimedia, rng, catalog, images)
    if written:
        promoted = multimedia / PROMOTION_FOLDER / written[0].name
        promoted.parent.mkdir(parents=True, exist_ok=True)
        written.append(Path(shutil.copyfile(written[0], promoted)))
    written.append(_leaflet(multimedia, catalog[:56]))
    reports.mkdir(parents=True, exist_ok=True)
    written.append(_report(reports, rng))
    return written
