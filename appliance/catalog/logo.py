"""The project's logo: uploaded in the console, printed by the app on order confirmations.

An upload must be a PNG or JPEG that Pillow can read, of at most MAX_UPLOAD_BYTES; it is
stored re-encoded as a PNG no larger than MAX_PIXELS on its longer side (written under a
temporary name and renamed, so a reader never sees half a file). A refused file leaves the
previous logo in place.
"""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path

from PIL import Image, ImageOps

from appliance.catalog.hashing import bytes_hash
from appliance.errors import InvalidInputError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 800
ACCEPTED = ("PNG", "JPEG")


def store_logo(target: Path, data: bytes) -> dict:
    """Check `data`, re-encode it and write it to `target`; answers {"width", "height", "bytes"}."""
    png, size = encode_logo(data)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(png)
    os.replace(temporary, target)
    return {"width": size[0], "height": size[1], "bytes": len(png)}


def encode_logo(data: bytes) -> tuple[bytes, tuple[int, int]]:
    """`data` as a PNG of at most MAX_PIXELS a side, and its size; InvalidInputError naming `logo` if refused."""
    if not data:
        raise _refused("Choose an image file (PNG or JPEG) for the logo.", "missing")
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refused(f"The logo is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB: choose a smaller image.",
                       "too large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ACCEPTED:
                    raise _refused("The logo must be a PNG or JPEG image.", "not png or jpeg")
                image.load()
                picture = ImageOps.exif_transpose(image)
    except InvalidInputError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _refused("The logo must be a PNG or JPEG image: this file is not one that can be read.",
                       "unreadable") from None
    picture = picture.convert("RGBA" if "A" in picture.getbands() or "transparency" in picture.info else "RGB")
    picture.thumbnail((MAX_PIXELS, MAX_PIXELS), Image.LANCZOS)
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue(), picture.size


def logo_version(path: Path) -> str | None:
    """A short content hash of the stored logo (its ETag and URL version), or None when there is none."""
    try:
        return bytes_hash(path.read_bytes())[:16]
    except FileNotFoundError:
        return None


def _refused(message: str, reason: str) -> InvalidInputError:
    return InvalidInputError(message, errors=[{"field": "logo", "reason": reason}])
