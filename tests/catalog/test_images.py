"""Scaled copies and thumbnails: aspect ratio, EXIF orientation, JPEG quality 85, originals untouched."""

from __future__ import annotations

import hashlib
import io
import os

from PIL import Image

from appliance.accounts import set_param
from tests.catalog.media import RED, image_bytes, put, put_image


def picture(reply) -> Image.Image:
    assert reply.status_code == 200, reply.text
    return Image.open(io.BytesIO(reply.content))


def is_red(pixel) -> bool:
    return pixel[0] > 180 and pixel[1] < 80 and pixel[2] < 80


def only_item(appliance) -> dict:
    (item,) = appliance.listing()["items"].values()
    return item


def test_a_large_image_is_scaled_into_the_cache_and_the_original_is_untouched(appliance):
    original = put_image(appliance.multimedia, "Grande.jpg", size=(3000, 2000))
    before = (hashlib.sha256(original.read_bytes()).hexdigest(), original.stat().st_mtime_ns)
    appliance.index("multimedia")
    item = only_item(appliance)

    scaled = picture(appliance.get(item["url"]))
    assert scaled.format == "JPEG" and scaled.size == (1028, 685) and (item["width"], item["height"]) == (1028, 685)
    assert item["size"] < original.stat().st_size and item["mime"] == "image/jpeg"
    reference = io.BytesIO()
    Image.new("RGB", (16, 16)).save(reference, "JPEG", quality=85)
    assert scaled.quantization == Image.open(reference).quantization  # encoded at quality 85
    assert is_red(scaled.getpixel((5, 5))) and not is_red(scaled.getpixel((1020, 680)))
    assert (hashlib.sha256(original.read_bytes()).hexdigest(), original.stat().st_mtime_ns) == before
    cached = [p for p in appliance.cache.rglob("*") if p.is_file()]
    assert len(cached) == 2 and all(p.is_relative_to(appliance.settings.paths.cache) for p in cached)


def test_exif_orientation_is_applied_to_the_scaled_copy(appliance):
    # Orientation 6: the camera was turned; shown turned 90 degrees clockwise (the red corner goes top right).
    put(appliance.multimedia, "Ruotata.jpg", image_bytes((2400, 1200), orientation=6))
    appliance.index("multimedia")
    item = only_item(appliance)
    scaled = picture(appliance.get(item["url"]))
    assert scaled.size == (514, 1028) and (item["width"], item["height"]) == (514, 1028)
    assert scaled.getexif().get(0x0112) in (None, 1)
    assert is_red(scaled.getpixel((510, 3))) and not is_red(scaled.getpixel((3, 3)))
    thumb = picture(appliance.get(item["thumb_url"]))
    assert thumb.size == (128, 256) and is_red(thumb.getpixel((125, 2)))


def test_a_small_image_is_served_as_it_is_with_a_thumbnail(appliance):
    original = put_image(appliance.multimedia, "Piccola.jpg", size=(800, 600))
    appliance.index("multimedia")
    item = only_item(appliance)
    reply = appliance.get(item["url"])
    assert reply.content == original.read_bytes() and (item["width"], item["height"]) == (800, 600)
    thumb = picture(appliance.get(item["thumb_url"]))
    assert thumb.format == "JPEG" and thumb.size == (256, 192)


def test_a_transparent_png_stays_a_png_and_its_thumbnail_is_flattened(appliance):
    put(appliance.multimedia, "Logo.png", image_bytes((1500, 1500), fmt="PNG", alpha=True))
    appliance.index("multimedia")
    item = only_item(appliance)
    scaled = picture(appliance.get(item["url"]))
    assert (scaled.format, scaled.mode, scaled.size, item["mime"]) == ("PNG", "RGBA", (1028, 1028), "image/png")
    assert scaled.getpixel((1000, 1000))[3] == 128
    thumb = picture(appliance.get(item["thumb_url"]))
    assert thumb.mode == "RGB" and thumb.size == (256, 256)


def test_a_corrupt_image_is_reported_and_served_as_it_is(appliance):
    broken = put(appliance.multimedia, "Rotta.jpg", image_bytes((900, 900))[:2000])
    put(appliance.multimedia, "Finta.png", b"this is not an image at all")
    summary = appliance.index("multimedia")["multimedia"]
    assert summary["unreadable_images"] == 2 and summary["items"] == 2
    items = {i["file_name"]: i for i in appliance.listing()["items"].values()}
    assert items["Rotta.jpg"]["thumb_url"] is None and items["Rotta.jpg"]["width"] is None
    assert appliance.get(items["Rotta.jpg"]["url"]).content == broken.read_bytes()
    thumb = appliance.get(items["Rotta.jpg"]["url"] + "?variant=thumb")
    assert thumb.status_code == 404 and thumb.json()["errors"] == [{"field": "variant", "reason": "no thumbnail"}]
    problems = appliance.health()["catalog"]["multimedia"]["problems"]
    assert any(p.startswith("WARNING Rotta.jpg: cannot be read as an image") and "served as it is" in p
               for p in problems)
    assert appliance.index("multimedia")["multimedia"]["rendered"] == 0  # not tried again until it changes


def test_a_new_max_pixels_renders_the_images_again(appliance):
    put_image(appliance.multimedia, "Grande.jpg", size=(3000, 1500))
    appliance.index("multimedia")
    before = appliance.listing()
    set_param(appliance.store, "catalog.max_pixels", "2048")
    summary = appliance.index("multimedia")["multimedia"]
    assert (summary["hashed"], summary["rendered"], summary["items_changed"]) == (0, 1, 1)
    (item,) = appliance.listing(since=before["cursor"])["items"].values()
    assert picture(appliance.get(item["url"])).size == (2048, 1024)
    names = sorted(p.name for p in appliance.cache.rglob("*") if p.is_file())
    assert len(names) == 2 and names[0].endswith("-2048.jpg")  # the 1028 copy was cleaned up


def test_a_deleted_cache_copy_is_made_again_at_the_next_index(appliance):
    put_image(appliance.multimedia, "Grande.jpg", size=(2000, 2000))
    appliance.index("multimedia")
    for path in appliance.cache.rglob("*.jpg"):
        os.remove(path)
    assert appliance.get(only_item(appliance)["url"]).status_code == 404
    assert appliance.index("multimedia")["multimedia"]["rendered"] == 1
    assert picture(appliance.get(only_item(appliance)["url"])).size == (1028, 1028)


def test_animated_gifs_are_served_as_they_are(appliance):
    frames = [Image.new("RGB", (1200, 900), colour) for colour in (RED, (0, 200, 0))]
    path = appliance.multimedia / "Anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    appliance.index("multimedia")
    item = only_item(appliance)
    assert appliance.get(item["url"]).content == path.read_bytes() and item["mime"] == "image/gif"
    assert picture(appliance.get(item["thumb_url"])).size == (256, 192)
