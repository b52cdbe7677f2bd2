"""The tray icon, drawn with Pillow: a disc in the state's colour, with a pause sign while paused."""

from __future__ import annotations

from PIL import Image, ImageDraw

from tray.status import AMBER, GREEN, RED

COLOURS = {GREEN: (40, 160, 70), AMBER: (235, 160, 0), RED: (210, 40, 40)}
WHITE = (255, 255, 255, 255)
SIZE = 64  # Windows scales it down to the tray's 16-32 pixels


def icon_image(colour: str, *, paused: bool = False, size: int = SIZE) -> Image.Image:
    """A square RGBA image: a disc of the colour with a white rim; two white bars when paused."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    edge = size // 16
    draw.ellipse((edge, edge, size - 1 - edge, size - 1 - edge), fill=COLOURS[colour] + (255,), outline=WHITE,
                 width=max(1, size // 16))
    if paused:
        bar, gap, height = size // 8, size // 8, size * 3 // 8
        top = (size - height) // 2
        left = (size - 2 * bar - gap) // 2
        for x in (left, left + bar + gap):
            draw.rectangle((x, top, x + bar - 1, top + height - 1), fill=WHITE)
    return image
