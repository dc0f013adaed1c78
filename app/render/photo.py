"""Product photos made presentable: upright, cropped to the subject, levelled, sharpened.

The crop keeps the busiest part of the picture (highest entropy of detail), which is
where the product usually is on a plain table or cloth, instead of the geometric centre.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageFilter, ImageOps

from app.render.units import MM_PER_INCH

PHOTO_INFO_KEY = "kit-photo"  # marks a prepared photo: PDFs embed it as JPEG

# A photo printed below this resolution looks soft or blocky on paper.
MIN_PRINT_DPI = 150
# MMT banners are read from metres away: 100 dpi at print size is enough.
MIN_BANNER_DPI = 100
# The crop search works on a small copy: entropy is about texture, not pixels.
ANALYSIS_PX = 160
CROP_STEPS = 12  # candidate windows along the free axis
AUTOCONTRAST_CUTOFF = 1  # percent of darkest and lightest pixels clipped when levelling
SHARPEN_RADIUS = 1.2
SHARPEN_PERCENT = 60  # light: a phone photo is often sharpened once already
SHARPEN_THRESHOLD = 3
# Detail is weighted towards the centre a little: a tie goes to the middle.
CENTRE_BIAS = 0.08


@dataclass(frozen=True)
class PhotoFit:
    """Whether a photo is sharp enough for a printed size, and its resolution there."""

    dpi: float
    usable: bool
    need_px: tuple[int, int] = (0, 0)  # the least upright (width, height) that would be enough


def open_photo(photo: bytes | Image.Image) -> Image.Image:
    """Return an upright RGB image from upload bytes or an image (EXIF orientation applied)."""
    img = Image.open(io.BytesIO(photo)) if isinstance(photo, bytes) else photo
    img = ImageOps.exif_transpose(img)
    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        flat = Image.new("RGB", img.size, "white")
        flat.paste(img, mask=img.getchannel("A"))
        return flat
    return img.convert("RGB")


# EXIF orientations that turn the picture a quarter: width and height swap.
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
_ORIENTATION_TAG = 0x0112


def upright_size(photo: bytes | Image.Image) -> tuple[int, int]:
    """Return a photo's (width, height) once turned upright, read without decoding pixels."""
    img = Image.open(io.BytesIO(photo)) if isinstance(photo, bytes) else photo
    w, h = img.size
    if img.getexif().get(_ORIENTATION_TAG) in _QUARTER_TURNS:
        return h, w
    return w, h


def print_fit(
    photo: bytes | Image.Image, width_mm: float, height_mm: float, min_dpi: float = MIN_PRINT_DPI
) -> PhotoFit:
    """Return the photo's resolution when cropped to fill width×height mm, and if it is enough."""
    w, h = upright_size(photo)
    scale = min(w / width_mm, h / height_mm)  # pixels per mm of the cover crop
    dpi = scale * MM_PER_INCH
    need = (
        math.ceil(width_mm / MM_PER_INCH * min_dpi),
        math.ceil(height_mm / MM_PER_INCH * min_dpi),
    )
    return PhotoFit(dpi=dpi, usable=dpi >= min_dpi, need_px=need)


def _entropy(img: Image.Image) -> float:
    hist = img.histogram()
    total = sum(hist) or 1
    return -sum(c / total * math.log2(c / total) for c in hist if c)


def subject_box(img: Image.Image, aspect: float) -> tuple[int, int, int, int]:
    """Return the crop box of the given aspect (w/h) that holds the most detail."""
    w, h = img.size
    if w / h > aspect:
        cw, ch = round(h * aspect), h
    else:
        cw, ch = w, round(w / aspect)
    if (cw, ch) == (w, h):
        return (0, 0, w, h)
    k = ANALYSIS_PX / max(w, h)
    small = img.convert("L").resize((max(1, round(w * k)), max(1, round(h * k))))
    # Edges, not tones: a plain bright background has little edge detail.
    edges = small.filter(ImageFilter.FIND_EDGES)
    sw, sh = max(1, round(cw * k)), max(1, round(ch * k))
    free_x, free_y = small.width - sw, small.height - sh
    best, best_score = (0, 0), -1.0
    for i in range(CROP_STEPS + 1):
        t = i / CROP_STEPS
        x, y = round(free_x * t), round(free_y * t)
        score = _entropy(edges.crop((x, y, x + sw, y + sh)))
        score *= 1 + CENTRE_BIAS * (1 - abs(t - 0.5) * 2)
        if score > best_score:
            best, best_score = (x, y), score
    x0 = min(round(best[0] / k), w - cw)
    y0 = min(round(best[1] / k), h - ch)
    return (x0, y0, x0 + cw, y0 + ch)


def _prepare(img: Image.Image, width: int, height: int) -> Image.Image:
    img = img.crop(subject_box(img, width / height))
    img = img.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    img = ImageOps.autocontrast(img, cutoff=AUTOCONTRAST_CUTOFF, preserve_tone=True)
    img = img.filter(ImageFilter.UnsharpMask(SHARPEN_RADIUS, SHARPEN_PERCENT, SHARPEN_THRESHOLD))
    # A PDF canvas embeds an image marked as a photo as JPEG (see canvas.PdfCanvas.image_at).
    img.info[PHOTO_INFO_KEY] = True
    return img


@lru_cache(maxsize=32)
def _prepared(data: bytes, width: int, height: int) -> Image.Image:
    return _prepare(open_photo(data), width, height)


def prepare_photo(photo: bytes | Image.Image, width: int, height: int) -> Image.Image:
    """Return the photo upright, cropped to its subject at width×height, levelled and sharpened."""
    if isinstance(photo, Image.Image):
        # An image in memory is prepared as it is: encoding it only to key a cache cost
        # more than the preparing itself.
        return _prepare(open_photo(photo), int(width), int(height))
    return _prepared(photo, int(width), int(height)).copy()
