"""Real media files for the catalog tests: JPEG and PNG images made with Pillow, PDFs, videos, index files."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw


ORIENTATION = 0x0112
RED, BLUE = (220, 20, 20), (20, 40, 220)


def image_bytes(size: tuple[int, int], *, fmt: str = "JPEG", orientation: int | None = None,
                colour: tuple[int, int, int] = BLUE, alpha: bool = False) -> bytes:
    """An image with a red square in its top-left corner (to see where the top-left ends up)."""
    mode = "RGBA" if alpha else "RGB"
    picture = Image.new(mode, size, colour + ((128,) if alpha else ()))
    corner = max(8, min(size) // 5)
    ImageDraw.Draw(picture).rectangle((0, 0, corner, corner), fill=RED + ((255,) if alpha else ()))
    options = {"quality": 95} if fmt == "JPEG" else {}
    if orientation is not None:
        exif = Image.Exif()
        exif[ORIENTATION] = orientation
        options["exif"] = exif.tobytes()
    buffer = io.BytesIO()
    picture.save(buffer, fmt, **options)
    return buffer.getvalue()


def put(folder: Path, relative: str, data: bytes) -> Path:
    """Write a file below `folder`, making its folders."""
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def put_image(folder: Path, relative: str, size: tuple[int, int] = (64, 48), **options) -> Path:
    fmt = "PNG" if relative.lower().endswith(".png") else "GIF" if relative.lower().endswith(".gif") else "JPEG"
    return put(folder, relative, image_bytes(size, fmt=fmt, **options))


def pdf_bytes(title: str) -> bytes:
    """A one-page PDF."""
    buffer = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(buffer, "PDF", title=title)
    return buffer.getvalue()


def video_bytes(size: int, seed: int = 7) -> bytes:
    """Bytes standing for a video (the appliance never decodes videos, it only serves them)."""
    pattern = bytes((seed * 31 + i * 7) % 256 for i in range(4096))
    return (pattern * (size // len(pattern) + 1))[:size]


CATALOGO_COLUMNS = ["NOMEFILE", "TITOLO", "COD_ART", "L1", "L2", "L3", "L4", "ORDINAMENTO", "DAT_ULT_MOD"]
REPORTS_COLUMNS = ["NOMEFILE", "TITOLO", "COD_ART", "COD_OPERATORE", "COD_AGENTE", "ORDINAMENTO", "L1", "L2", "L3",
                   "L4", "DAT_ULT_MOD"]


def write_index(path: Path, columns: list[str], rows: list[dict], encoding: str = "utf-8") -> Path:
    """An io_catalogo.dat / io_reports.dat in the ERP file format: header, pipes, CRLF, fixed DAT_ULT_MOD."""
    lines = ["|".join(columns)]
    lines += ["|".join(str({"DAT_ULT_MOD": "01011900000000", **row}.get(c, "")) for c in columns) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path
