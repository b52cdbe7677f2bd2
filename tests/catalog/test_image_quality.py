"""Scaled copies decoded at reduced scale look the same as copies of the fully decoded photo."""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageStat

from appliance.catalog.images import render_image


def photo(size=(1600, 1200), seed=3) -> bytes:
    """A photo-like JPEG: a gradient, shapes, some blur and grain (fine detail), quality 92."""
    rng = random.Random(seed)
    base = Image.linear_gradient("L").resize(size).rotate(rng.randint(0, 359))
    picture = Image.merge("RGB", (base, *(Image.new("L", size, rng.randint(40, 220)) for _ in range(2))))
    draw = ImageDraw.Draw(picture)
    for _ in range(40):
        x, y, r = rng.randint(0, size[0]), rng.randint(0, size[1]), rng.randint(10, 300)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randint(0, 255) for _ in range(3)))
    for _ in range(30):
        draw.text((rng.randint(0, size[0]), rng.randint(0, size[1])), "Kwaba 2027", fill=(0, 0, 0))
    grain = Image.effect_noise(size, 18).convert("RGB")
    blended = Image.blend(picture.filter(ImageFilter.GaussianBlur(1)), grain, 0.12)
    out = io.BytesIO()
    blended.save(out, "JPEG", quality=92)
    return out.getvalue()


def full_decode_copy(data: bytes, limit: int) -> Image.Image:
    """The scaled copy as made before reduced-scale decoding: whole decode, Lanczos, JPEG 85."""
    image = Image.open(io.BytesIO(data))
    image.load()
    image.thumbnail((limit, limit), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


def psnr(a: Image.Image, b: Image.Image) -> float:
    squared = ImageStat.Stat(ImageChops.difference(a, b)).rms
    mse = sum(r * r for r in squared) / len(squared)
    return math.inf if mse == 0 else 10 * math.log10(255 ** 2 / mse)


def test_a_photo_scaled_from_a_half_size_decode_matches_the_full_decode(tmp_path):
    data = photo()
    source = tmp_path / "foto.jpg"
    source.write_bytes(data)
    facts = render_image(source, "ab" * 32, tmp_path / "cache", 1028)
    assert facts.problem is None and (facts.width, facts.height) == (1028, 771)
    made = Image.open(tmp_path / "cache" / facts.scaled.name[:2] / facts.scaled.name).convert("RGB")
    reference = full_decode_copy(data, 1028)
    assert made.size == reference.size == (1028, 771)
    assert psnr(made, reference) >= 35.0


def test_a_photo_just_over_the_limit_is_decoded_whole(tmp_path):
    data = photo(size=(1200, 900), seed=5)  # half size would be 600 px: too small to enlarge to 1028
    source = tmp_path / "foto.jpg"
    source.write_bytes(data)
    facts = render_image(source, "cd" * 32, tmp_path / "cache", 1028)
    made = Image.open(tmp_path / "cache" / facts.scaled.name[:2] / facts.scaled.name).convert("RGB")
    assert made.size == (1028, 771) and psnr(made, full_decode_copy(data, 1028)) >= 40.0
