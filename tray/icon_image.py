"""The tray icon, drawn with Pillow: a disc in the state's colour with a white glyph that says the same
without colour (a tick when healthy, "!" when something waits, a cross when down), or a pause sign."""

from __future__ import annotations

from PIL import Image, ImageDraw

from tray.status import AMBER, GREEN, RED

COLOURS = {GREEN: (40, 160, 70), AMBER: (235, 160, 0), RED: (210, 40, 40)}
WHITE = (255, 255, 255, 255)
SIZE = 64  # Windows scales it down to the tray's 16-32 pixels


def icon_image(colour: str, *, paused: bool = False, size: int = SIZE) -> Image.Image:
    """A square RGBA image: a disc of the colour with a white rim and the state's glyph; two bars when paused."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    edge = size // 16
    draw.ellipse((edge, edge, size - 1 - edge, size - 1 - edge), fill=COLOURS[colour] + (255,), outline=WHITE,
                 width=max(1, size // 16))
    if paused:
        _pause(draw, size)
    else:
        GLYPHS[colour](draw, size)
    return image


def _pause(draw: ImageDraw.ImageDraw, size: int) -> None:
    bar, gap, height = size // 8, size // 8, size * 3 // 8
    top = (size - height) // 2
    left = (size - 2 * bar - gap) // 2
    for x in (left, left + bar + gap):
        draw.rectangle((x, top, x + bar - 1, top + height - 1), fill=WHITE)


def _tick(draw: ImageDraw.ImageDraw, size: int) -> None:
    s = size / 64
    draw.line([(18 * s, 33 * s), (28 * s, 43 * s), (46 * s, 22 * s)], fill=WHITE, width=max(2, round(7 * s)),
              joint="curve")


def _exclamation(draw: ImageDraw.ImageDraw, size: int) -> None:
    s = size / 64
    draw.rectangle((28 * s, 14 * s, 35 * s, 38 * s), fill=WHITE)
    draw.rectangle((28 * s, 43 * s, 35 * s, 50 * s), fill=WHITE)


def _cross(draw: ImageDraw.ImageDraw, size: int) -> None:
    s, width = size / 64, max(2, round(7 * size / 64))
    draw.line([(21 * s, 21 * s), (43 * s, 43 * s)], fill=WHITE, width=width)
    draw.line([(43 * s, 21 * s), (21 * s, 43 * s)], fill=WHITE, width=width)


GLYPHS = {GREEN: _tick, AMBER: _exclamation, RED: _cross}
