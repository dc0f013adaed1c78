"""Made-up product photos for tests: a textured dish off-centre on a plain table cloth."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

EXIF_ORIENTATION = 0x0112


def product_photo(
    width: int = 2400,
    height: int = 1800,
    *,
    seed: int = 1,
    subject_x: float = 0.7,
    rotate_exif: bool = False,
) -> bytes:
    """Return JPEG bytes of a dish at subject_x (share of the width) on a dim cloth."""
    rnd = random.Random(seed)
    img = Image.new("RGB", (width, height), (150, 120, 95))
    draw = ImageDraw.Draw(img)
    # Faint cloth stripes: low detail, so the subject crop has something to avoid.
    for y in range(0, height, max(8, height // 30)):
        draw.line((0, y, width, y), fill=(140, 112, 90), width=max(1, height // 200))
    r = min(width, height) * 0.3
    cx, cy = width * subject_x, height * 0.5
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(245, 245, 240))
    hue = [(200, 120, 40), (120, 160, 60), (180, 60, 40)][seed % 3]
    for _ in range(900):
        a, b = rnd.uniform(-0.7, 0.7) * r, rnd.uniform(-0.7, 0.7) * r
        if a * a + b * b < (0.72 * r) ** 2:
            s = rnd.uniform(r * 0.02, r * 0.07)
            shade = tuple(max(0, min(255, c + rnd.randint(-50, 50))) for c in hue)
            draw.ellipse((cx + a - s, cy + b - s, cx + a + s, cy + b + s), fill=shade)
    img = img.filter(ImageFilter.GaussianBlur(1))
    # Flat contrast, as from a phone in a dim kitchen: auto-levels should lift it.
    img = img.point(lambda v: 40 + v * 0.7)
    buf = io.BytesIO()
    if rotate_exif:
        # Stored sideways with an EXIF tag saying "rotate 90° clockwise to view".
        exif = Image.Exif()
        exif[EXIF_ORIENTATION] = 6
        img.transpose(Image.Transpose.ROTATE_90).save(buf, format="JPEG", quality=85, exif=exif)
    else:
        img.save(buf, format="JPEG", quality=85)
    return buf.getvalue()
