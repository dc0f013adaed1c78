"""What every pamphlet template shares: the frame (px geometry), the palette, photos, stripes.

Every px number is for a 1080 px wide canvas and scales with it (``_Frame.px``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageDraw, ImageOps

from app.render.canvas import PdfCanvas
from app.render.photo import PhotoFit, print_fit
from app.render.rules import A5_SAFE_MM, Issue, issue_for
from app.render.stamp import QrBox
from app.render.text import TextLayout
from app.render.theme import Theme, hex_to_rgb

FORMATS = {"square": (1080, 1080), "story": (1080, 1920)}
A5_MM = (148.0, 210.0)
SAFE_MM = A5_SAFE_MM  # text stays this far inside the trim
BASE_W = 1080  # every px number is for a 1080 px wide canvas and scales with it
MARGIN = 56
GAP_MIN = 24
CARD_RADIUS = 24
STRIPE_W, STRIPE_GAP = 16, 30  # the decorative stripes in the story's overlay zones
STRIPE_SHADE = 0.9  # stripes are the band colour darkened this much
PRODUCT_TEXT_MAX = 64  # px: a list, not a headline; the call lines stay bigger


@dataclass(frozen=True)
class Palette:
    """The colours a template paints with, each taken from the business's theme."""

    page: str
    ink: str  # the name
    muted: str  # the tagline
    mark: str  # the monogram fallback's fill
    on_mark: str
    card: str
    card_text: str
    price: str
    unit: str
    band: str  # the order band
    on_band: str
    accent: str
    on_accent: str


def palette(t: Theme | Palette, bold: bool = False) -> Palette:
    """Return the template colours of a theme: light page, or the primary colour as page."""
    if isinstance(t, Palette):
        return t
    if bold:
        return Palette(
            t.primary,
            t.on_primary,
            t.on_primary,
            t.accent,
            t.on_accent,
            t.background,
            t.text,
            t.primary,
            t.muted,
            t.accent,
            t.on_accent,
            t.accent,
            t.on_accent,
        )
    return Palette(
        t.background,
        t.primary,
        t.muted,
        t.primary,
        t.on_primary,
        t.surface,
        t.text,
        t.primary,
        t.muted,
        t.primary,
        t.on_primary,
        t.accent,
        t.on_accent,
    )


@dataclass
class _Frame:
    """Where things go, in px of the canvas; u scales the 1080-wide constants."""

    w: int
    h: int
    inset: int  # distance from canvas edge to content (bleed + safe margin for print)
    u: float
    artefact: str
    min_text: int
    product_max: int = 0  # largest product text, px (0: PRODUCT_TEXT_MAX scaled)
    reserved_top: int = 0  # px at the top another layer covers (the CONTOH band)
    issues: list[Issue] = field(default_factory=list)
    qr_boxes: list[QrBox] = field(default_factory=list)
    # What went where: subject -> (ink box x0, y0, x1, y1 in px, font size px; 0 for the QR).
    placed: dict[str, tuple[tuple[float, float, float, float], int]] = field(default_factory=dict)
    # On paper: the fit of a photo left out as too small for its place (print_fit), or None.
    photo_too_small: PhotoFit | None = None

    def px(self, v: float) -> int:
        """Return a 1080-wide px value at this canvas's scale."""
        return round(v * self.u)

    @property
    def top(self) -> int:
        """Return where content may start: the margin, or below the CONTOH band."""
        if not self.reserved_top:
            return self.inset
        return max(self.inset, self.reserved_top + self.px(GAP_MIN))

    @property
    def product_px(self) -> int:
        """Return the largest size product text may take."""
        return self.product_max or self.px(PRODUCT_TEXT_MAX)

    def print_mm(self, px: float) -> float:
        """Return a length in px as mm on paper (0 on a screen format)."""
        if self.artefact != "pamphlet-a5":
            return 0.0
        return px * A5_MM[0] / (self.u * BASE_W)

    def sharp_on_paper(self, photo, w: float, h: float) -> bool:
        """Tell whether a photo may fill w×h px: always on a screen, on paper at MIN_PRINT_DPI.

        A photo too small is noted in photo_too_small (the kit page says so).
        """
        mm = self.print_mm(1)
        if photo is None or not mm:
            return photo is not None
        fit = print_fit(photo, w * mm, h * mm)
        if not fit.usable:
            self.photo_too_small = fit
        return fit.usable

    def put(self, c, layout: TextLayout, xy, colour: str, subject: str) -> None:
        """Draw a layout and note it when its text was cut or split."""
        if issue := issue_for(layout, self.artefact, subject):
            self.issues.append(issue)
        if layout.lines:
            x0, y0, x1, y1 = layout.bbox
            self.placed[subject] = ((xy[0] + x0, xy[1] + y0, xy[0] + x1, xy[1] + y1), layout.size)
        c.text(layout, xy, colour)

    def qr(self, c, url: str, xy: tuple[int, int], side: int) -> int:
        """Draw the QR, note its box for the stamp and the tests; return its real side."""
        real = c.qr(url, xy, side)
        self.qr_boxes.append(QrBox(url, xy[0], xy[1], real))
        self.placed["qr"] = ((xy[0], xy[1], xy[0] + real, xy[1] + real), 0)
        return real


def load_photo(photo) -> Image.Image | None:
    """Return a photo upright as RGB, or None (a broken upload must not break the kit).

    The image returned for bytes is shared (read it, don't draw on it): a kit's square,
    story, A5 PDF and A5 preview all use the same upload, decoded once per process.
    """
    if photo is None:
        return None
    if isinstance(photo, Image.Image):
        return photo.convert("RGB")
    try:
        return _decoded(photo)
    except Exception:  # noqa: BLE001 - a broken upload must not break the kit
        return None


# A stored upload is at most 1200 px on its long edge (uploads.FULL_EDGE_PX): ~4 MB each.
@lru_cache(maxsize=4)
def _decoded(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as im:
        return ImageOps.exif_transpose(im).convert("RGB")


def cover(img: Image.Image, w: int, h: int, radius: int) -> Image.Image:
    """Crop a photo to its subject at w×h (levelled, sharpened), corners rounded (RGBA)."""
    from app.render.photo import prepare_photo

    fitted = prepare_photo(img, max(1, w), max(1, h))
    if not radius:
        return fitted
    mask = Image.new("L", fitted.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=radius, fill=255)
    out = fitted.convert("RGBA")
    out.putalpha(mask)
    return out


def shade(colour: str, k: float) -> str:
    """Return a colour darkened by factor k."""
    r, g, b = hex_to_rgb(colour)
    return f"#{round(r * k):02X}{round(g * k):02X}{round(b * k):02X}"


def _cross_x(a, b, x: float) -> tuple[float, float]:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _cross_y(a, b, y: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def _clip(poly: list[tuple[float, float]], box) -> list[tuple[float, float]]:
    """Clip a convex polygon to a rectangle (Sutherland–Hodgman)."""
    x0, y0, x1, y1 = box
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cross_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cross_y(a, b, y1)),
    )
    out = poly
    for inside, cut in edges:
        src, out = out, []
        for i, cur in enumerate(src):
            prev = src[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur))
        if not out:
            return []
    return out


def striped_band(c, f: _Frame, box, colour: str) -> None:
    """Fill a box with a colour and fine diagonal stripes (never a flat row)."""
    c.rect(box, colour)
    x0, y0, x1, y1 = box
    dark = shade(colour, STRIPE_SHADE)
    sw, step = f.px(STRIPE_W), f.px(STRIPE_W + STRIPE_GAP)
    height = y1 - y0
    x = x0 - height
    polys = []
    while x < x1:
        poly = [(x, y1), (x + sw, y1), (x + sw + height, y0), (x + height, y0)]
        if clipped := _clip(poly, box):
            polys.append(clipped)
        x += step
    if isinstance(c, PdfCanvas):
        c.pdf.set_fill_color(*hex_to_rgb(dark))
        for poly in polys:
            c.pdf.polygon([(px * c.k, py * c.k) for px, py in poly], style="F")
    else:
        for poly in polys:
            c.draw.polygon(poly, fill=dark)
