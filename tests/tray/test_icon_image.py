"""The icon drawn with Pillow: the state's colour in the middle, a pause sign while paused."""

import pytest

from tray.icon_image import COLOURS, icon_image
from tray.status import AMBER, GREEN, RED


@pytest.mark.parametrize("colour", [GREEN, AMBER, RED])
def test_the_disc_has_the_state_colour_and_transparent_corners(colour):
    image = icon_image(colour)
    assert image.size == (64, 64) and image.mode == "RGBA"
    assert image.getpixel((32, 32)) == COLOURS[colour] + (255,)
    assert image.getpixel((0, 0))[3] == 0


def test_paused_draws_two_white_bars_with_the_colour_between_them():
    image = icon_image(AMBER, paused=True)
    row = [image.getpixel((x, 32)) for x in range(64)]
    white = [x for x, pixel in enumerate(row[8:56], start=8) if pixel == (255, 255, 255, 255)]
    assert len(white) == 16  # two bars of 8 pixels
    assert image.getpixel((32, 32)) == COLOURS[AMBER] + (255,)  # the gap between them
    assert icon_image(AMBER).getpixel((white[0], 32)) == COLOURS[AMBER] + (255,)


def test_other_sizes_scale():
    assert icon_image(GREEN, size=16).getpixel((8, 8)) == COLOURS[GREEN] + (255,)
