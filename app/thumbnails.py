"""Small square thumbnails of product photos for phone pages (made once, kept on disk)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

THUMB_PX = 144  # product pictures show at 72 CSS px: sharp on 2x phone screens
THUMB_QUALITY = 70
THUMB_SUFFIX = "-t.jpg"


def thumbnail_bytes(path: Path) -> bytes:
    """Return a centred square JPEG thumbnail of an image file."""
    with Image.open(path) as image:
        thumb = image.convert("RGB")
    side = min(thumb.size)
    left, top = (thumb.width - side) // 2, (thumb.height - side) // 2
    thumb = thumb.crop((left, top, left + side, top + side))
    thumb = thumb.resize((THUMB_PX, THUMB_PX), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    thumb.save(buffer, "JPEG", quality=THUMB_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def thumbnail_path(full: Path) -> Path:
    """Return the thumbnail beside a stored upload, making it the first time."""
    thumb = full.with_name(full.name.removesuffix(".jpg") + THUMB_SUFFIX)
    if not thumb.is_file():
        temp = thumb.with_suffix(".tmp")
        temp.write_bytes(thumbnail_bytes(full))
        temp.replace(thumb)
    return thumb
