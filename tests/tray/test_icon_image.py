"""The icon drawn with Pillow: the state's colour, a glyph that tells the states apart without colour, and
a pause sign while paused."""

import pytest

from tray.icon_image import COLOURS, icon_image
from tray.status import AMBER, GREEN, RED

WHITE = (255, 255, 255, 255)


def glyph(image) -> set[tuple[int, int]]:
    """The white pixels inside the rim: the glyph's shape."""
    return {(x, y) for x in range(12, 52) for y in range(12, 52) if image.getpixel((x, y)) == WHITE}


@pytest.mark.parametrize("colour", [GREEN, AMBER, RED])
def test_the_disc_has_the_state_colour_and_transparent_corners(colour):
    image = icon_image(colour)
    assert image.size == (64, 64) and image.mode == "RGBA"
    assert image.getpixel((14, 32)) == COLOURS[colour] + (255,)
    assert image.getpixel((0, 0))[3] == 0


def test_each_state_has_its_own_glyph_so_colour_is_not_needed():
    shapes = {colour: glyph(icon_image(colour)) for colour in (GREEN, AMBER, RED)}
    assert all(len(shape) > 150 for shape in shapes.values())
    assert shapes[GREEN] != shapes[AMBER] != shapes[RED] != shapes[GREEN]
    grey = {colour: icon_image(colour).convert("L") for colour in (GREEN, AMBER, RED)}
    assert len({image.tobytes() for image in grey.values()}) == 3  # still apart in shades of grey
    assert (31, 20) in shapes[AMBER] and (32, 32) in shapes[RED] and (28, 43) in shapes[GREEN]


def test_paused_draws_two_white_bars_with_the_colour_between_them():
    image = icon_image(AMBER, paused=True)
    row = [image.getpixel((x, 32)) for x in range(64)]
    white = [x for x, pixel in enumerate(row[8:56], start=8) if pixel == WHITE]
    assert len(white) == 16  # two bars of 8 pixels
    assert image.getpixel((32, 32)) == COLOURS[AMBER] + (255,)  # the gap between them


def test_other_sizes_scale():
    assert icon_image(GREEN, size=16).getpixel((4, 8)) == COLOURS[GREEN] + (255,)
    assert glyph(icon_image(RED, size=64)) and icon_image(RED, size=16).getpixel((8, 8)) == WHITE
