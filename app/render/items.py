"""The seed's other print items share one spec and a few drawing helpers (pure, no Flask).

``ItemSpec`` carries what the kartu nama, spanduk, menu, posts, status images
and hang tags may show. ``stamp`` is drawn as a red band when given (the
"CONTOH" of a QR no customer can open yet).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image

from app.render.logos import DEFAULT_ICON, DEFAULT_STYLE, STYLES, LogoSpec, laid_out
from app.render.spec import BusinessSpec, ProductSpec
from app.render.text import fit_text
from app.render.vector import Scene

DEFAULT_SCAN_LINE = "Scan untuk lihat produk & pesan"
STAMP_RED = "#C62828"
STAMP_ON_RED = "#FFFFFF"
A4_MM = (210.0, 297.0)
CROP_MARK_MM = 4.0  # length of a crop mark line
CROP_GAP_MM = 1.5  # gap between the cut line and the start of its mark
CROP_LINE_MM = 0.2


@dataclass(frozen=True)
class ItemSpec:
    """A business's public facts plus what the print items need around them."""

    business: BusinessSpec
    qr_url: str | None = None
    logo_style: str = DEFAULT_STYLE
    icon: str = DEFAULT_ICON
    trade_name: str = ""
    scan_line: str = DEFAULT_SCAN_LINE
    # "Daftar Menu" for food, "Daftar Harga" for goods and services.
    menu_title: str = "Daftar Harga"
    stamp: str | None = None
    hashtags: tuple[str, ...] = field(default=())

    @property
    def products(self) -> tuple[ProductSpec, ...]:
        """Return the products in their order."""
        return self.business.products

    def logo(self) -> LogoSpec:
        """Return the logo spec of the business."""
        b = self.business
        return LogoSpec(b.display_name, b.theme, b.tagline, b.village, self.trade_name, self.icon)


def _scene_cached(spec: LogoSpec, style: str, height_px: int) -> Scene:
    return laid_out(spec, style, height_px)


@lru_cache(maxsize=16)
def _logo_cached(spec: LogoSpec, style: str, height_px: int) -> Image.Image:
    return _scene_cached(spec, style, height_px).to_image()


def _fit_height(item: ItemSpec, box_w: int, box_h: int) -> int:
    wide = STYLES.get(item.logo_style, STYLES[DEFAULT_STYLE]).wide
    ratio = 3.0 if wide else 1.0
    return max(1, min(box_h, round(box_w / ratio)))


def logo_fit(item: ItemSpec, box_w: int, box_h: int) -> Scene:
    """Return the business's logo laid out as a vector scene at the size that fits a box."""
    return _scene_cached(item.logo(), item.logo_style, _fit_height(item, box_w, box_h))


def logo_image(item: ItemSpec, box_w: int, box_h: int) -> Image.Image:
    """Return the business's logo (transparent) scaled to fit a box."""
    return _logo_cached(item.logo(), item.logo_style, _fit_height(item, box_w, box_h)).copy()


def flatten(img: Image.Image, ground: str) -> Image.Image:
    """Return an RGBA image composited on a solid colour (for PDF embedding)."""
    out = Image.new("RGB", img.size, ground)
    out.paste(img, mask=img.getchannel("A") if img.mode == "RGBA" else None)
    return out


def draw_stamp(canvas, box: tuple[int, int, int, int], text: str | None) -> None:
    """Draw a red band with the stamp text across box (nothing when text is None)."""
    if not text:
        return
    x0, y0, x1, y1 = box
    canvas.rect(box, STAMP_RED)
    pad = max(2, (y1 - y0) // 8)
    layout = fit_text(
        text,
        x1 - x0 - 2 * pad,
        y1 - y0 - 2 * pad,
        "display-bold",
        max_size=y1 - y0,
        min_size=8,
        max_lines=2,
        align="center",
        valign="middle",
    )
    canvas.text(layout, (x0 + pad, y0 + pad), STAMP_ON_RED)


def crop_marks(pdf, xs_mm: list[float], ys_mm: list[float]) -> None:
    """Draw crop marks outside the grid at every cut line (fpdf2, mm units)."""
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(CROP_LINE_MM)
    left, right, top, bottom = xs_mm[0], xs_mm[-1], ys_mm[0], ys_mm[-1]
    for x in xs_mm:
        pdf.line(x, top - CROP_GAP_MM - CROP_MARK_MM, x, top - CROP_GAP_MM)
        pdf.line(x, bottom + CROP_GAP_MM, x, bottom + CROP_GAP_MM + CROP_MARK_MM)
    for y in ys_mm:
        pdf.line(left - CROP_GAP_MM - CROP_MARK_MM, y, left - CROP_GAP_MM, y)
        pdf.line(right + CROP_GAP_MM, y, right + CROP_GAP_MM + CROP_MARK_MM, y)
