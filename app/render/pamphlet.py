"""Pamphlets: square (1080²) and story (1080×1920) PNG for WhatsApp/Instagram, A5 PDF for print.

Every pamphlet is a vertical stack: header (badge, name, tagline), the product list, and
the order band (call to action, QR, WhatsApp number). Spare height first grows the
product rows and the QR, then the gaps, so no flat band is left taller than
rules.EMPTY_BAND_MAX_SHARE. The story keeps its essential content out of the top and
bottom zones where WhatsApp and Instagram draw their bars; those zones carry the photo
or a striped band instead.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageOps

from app.render.canvas import PdfCanvas, RasterCanvas
from app.render.formatting import phone_local, rupiah
from app.render.logo import initials
from app.render.rules import (
    A5_SAFE_MM,
    BLEED_MM,
    MIN_TEXT_MM,
    MIN_TEXT_PX,
    STORY_SAFE_BOTTOM_SHARE,
    STORY_SAFE_TOP_SHARE,
    Issue,
    issue_for,
)
from app.render.spec import MAX_PAMPHLET_PRODUCTS, PamphletSpec, Photo
from app.render.stamp import QrBox, stamp_canvas
from app.render.text import TextLayout, fit_text, line_metrics
from app.render.theme import Theme, get_theme, hex_to_rgb
from app.render.units import PRINT_DPI, mm_to_px, mm_to_px_f

FORMATS = {"square": (1080, 1080), "story": (1080, 1920)}
A5_MM = (148.0, 210.0)
SAFE_MM = A5_SAFE_MM  # text stays this far inside the trim
PNG_COMPRESS_LEVEL = 3  # a few % bigger than level 6, several times faster
BASE_W = 1080  # every px number below is for a 1080 px wide canvas and scales with it

# Pamphlet geometry, px at 1080 wide.
MARGIN = 56
GAP_MIN = 24
HEADER_H = 150  # the initials badge; the name fills the rest of the row
TAGLINE_H = 60
CARD_RADIUS = 24
ROW_PAD = 20  # inside the product card
ROW_GAP = 8
ROW_H_MIN, ROW_H_MAX = 92, 170  # a product row grows up to this with spare height
PRICE_COLUMN_SHARE = (0.3, 0.5)  # the price column's share of a row, least and most
NAME_SIZE_SHARE = 0.5  # product-name font size as a share of the row height
PRICE_SIZE_SHARE = 0.46
PRODUCT_TEXT_MAX = 64  # px: a list, not a headline; the call lines stay bigger
UNIT_SIZE_SHARE = 0.62  # the selling unit under the price, as a share of the price size
PRICE_LINE_SHARE = 0.62  # of the row height, when the unit has its own line under the price
PHOTO_SHARE_SQUARE = 0.40  # photo column on the square…
PHOTO_MAX_PRODUCTS_SQUARE = 4  # …only while the list is this short
BAND_PAD = 28  # inside the order band
CTA_H = 96  # the call to action's line height in the order band
CONTACT_H = 84  # the WhatsApp number's line
VILLAGE_H = 48
QR_SQUARE = (220, 380)  # QR side range on the square (grows with spare height)
QR_TALL = (280, 560)  # on the story and the A5
STRIPE_W, STRIPE_GAP = 16, 30  # the decorative stripes in the story's overlay zones
STRIPE_SHADE = 0.9  # stripes are the primary colour darkened this much
# The CTA and the number are set at least this much larger than the largest product text.
CALL_OVER_PRODUCT = 1.15
CALL_LINE = 1.4  # a call line's height as a multiple of its smallest font size


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
    issues: list[Issue] = field(default_factory=list)
    qr_boxes: list[QrBox] = field(default_factory=list)
    # What went where: subject -> (ink box x0, y0, x1, y1 in px, font size px; 0 for the QR).
    placed: dict[str, tuple[tuple[float, float, float, float], int]] = field(default_factory=dict)

    def px(self, v: float) -> int:
        return round(v * self.u)

    @property
    def product_px(self) -> int:
        """Return the largest size product text may take."""
        return self.product_max or self.px(PRODUCT_TEXT_MAX)

    def put(self, c, layout: TextLayout, xy, colour: str, subject: str) -> None:
        """Draw a layout and note it when its text was cut or split."""
        if issue := issue_for(layout, self.artefact, subject):
            self.issues.append(issue)
        if layout.lines:
            x0, y0, x1, y1 = layout.bbox
            self.placed[subject] = ((xy[0] + x0, xy[1] + y0, xy[0] + x1, xy[1] + y1), layout.size)
        c.text(layout, xy, colour)

    def qr(self, c, url: str, xy: tuple[int, int], side: int) -> int:
        real = c.qr(url, xy, side)
        self.qr_boxes.append(QrBox(url, xy[0], xy[1], real))
        self.placed["qr"] = ((xy[0], xy[1], xy[0] + real, xy[1] + real), 0)
        return real


def _load_photo(photo: Photo) -> Image.Image | None:
    if photo is None:
        return None
    if isinstance(photo, Image.Image):
        return photo.convert("RGB")
    try:
        with Image.open(io.BytesIO(photo)) as im:
            return ImageOps.exif_transpose(im).convert("RGB")
    except Exception:  # noqa: BLE001 - a broken upload must not break the kit
        return None


def _cover(img: Image.Image, w: int, h: int, radius: int) -> Image.Image:
    """Crop-fill a photo to w×h with rounded corners (RGBA)."""
    fitted = ImageOps.fit(img, (max(1, w), max(1, h)), Image.Resampling.LANCZOS)
    if not radius:
        return fitted
    mask = Image.new("L", fitted.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=radius, fill=255)
    out = fitted.convert("RGBA")
    out.putalpha(mask)
    return out


def _shade(colour: str, k: float) -> str:
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


def _striped_band(c, f: _Frame, box, t: Theme) -> None:
    """Fill a box with the primary colour and fine diagonal stripes (never a flat row)."""
    c.rect(box, t.primary)
    x0, y0, x1, y1 = box
    dark = _shade(t.primary, STRIPE_SHADE)
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


# --- blocks -------------------------------------------------------------------------------


def _header(c, f: _Frame, spec: PamphletSpec, t: Theme, top: int) -> int:
    """Draw badge, wordmark and tagline; return the y below them."""
    b = spec.business
    x, side = f.inset, f.px(HEADER_H)
    c.rect((x, top, x + side, top + side), t.primary, radius=f.px(CARD_RADIUS))
    inset = f.px(HEADER_H * 0.16)
    badge = fit_text(initials(b.display_name), side - 2 * inset, side - 2 * inset,
                     "display-bold", side, f.min_text, max_lines=1, align="center",
                     valign="middle")  # fmt: skip
    c.text(badge, (x + inset, top + inset), t.on_primary)
    wx = x + side + f.px(GAP_MIN)
    mark = fit_text(b.display_name, f.w - f.inset - wx, side, "display-bold", side, f.min_text,
                    max_lines=3, valign="middle", line_height=1.05)  # fmt: skip
    f.put(c, mark, (wx, top), t.primary, "name")
    y = top + side
    if b.tagline.strip():
        y += f.px(GAP_MIN) // 2
        th = f.px(TAGLINE_H)
        # The tagline is secondary text: never larger than the product list may be.
        tag = fit_text(b.tagline, f.w - 2 * f.inset, th, "text-regular", min(th, f.product_px),
                       f.min_text, max_lines=1)  # fmt: skip
        f.put(c, tag, (f.inset, y), t.muted, "tagline")
        y += th
    return y


def _header_h(f: _Frame, spec: PamphletSpec) -> int:
    tag = f.px(GAP_MIN) // 2 + f.px(TAGLINE_H) if spec.business.tagline.strip() else 0
    return f.px(HEADER_H) + tag


def _products_list(spec: PamphletSpec):
    return spec.business.products[:MAX_PAMPHLET_PRODUCTS]


def _row_floor(f: _Frame) -> int:
    """Return the lowest product row that still sets its text at the artefact's minimum."""
    return math.ceil(f.min_text / NAME_SIZE_SHARE)


def _card_h(f: _Frame, n: int, row_h: int) -> int:
    return 2 * f.px(ROW_PAD) + n * row_h + f.px(ROW_GAP) * (n - 1) if n else 0


def _price_texts(f: _Frame, p, row_h: int) -> tuple[str, str]:
    """Return (price line, unit line); the unit joins the price when the row is one line."""
    if p.price_idr is None:
        return "", ""
    unit = p.unit.strip().removeprefix("per ").strip()
    two_lines = bool(unit) and row_h * (1 - PRICE_LINE_SHARE) >= f.min_text * 1.3
    if unit and not two_lines:
        return f"{rupiah(p.price_idr)}/{unit}", ""
    return rupiah(p.price_idr), f"per {unit}" if unit else ""


def _row_layouts(f: _Frame, spec: PamphletSpec, inner_w: int, row_h: int):
    """Return per product (name, price, unit) layouts at one size for the whole list."""
    products = _products_list(spec)
    gap = f.px(GAP_MIN)
    price_size = max(f.min_text, min(f.product_px, round(row_h * PRICE_SIZE_SHARE)))
    texts = [_price_texts(f, p, row_h) for p in products]
    # The price column is as wide as its longest price needs, within PRICE_COLUMN_SHARE.
    need = max((line_metrics(t, "text-bold", price_size).width for t, _ in texts if t), default=0)
    lo, hi = (round(inner_w * share) for share in PRICE_COLUMN_SHARE)
    price_w = min(hi, max(lo, round(need) + 2)) if need else 0
    name_w = inner_w - (price_w + gap if price_w else 0)

    def names(size: int) -> list[TextLayout]:
        return [fit_text(p.name, name_w, row_h, "text-bold", size, f.min_text, max_lines=2,
                         valign="middle") for p in products]  # fmt: skip

    # Every row at the size of the row that needs the smallest: a list reads as one list.
    size = min(
        x.size for x in names(max(f.min_text, min(f.product_px, round(row_h * NAME_SIZE_SHARE))))
    )
    name_lays = names(size)
    unit_size = max(f.min_text, round(price_size * UNIT_SIZE_SHARE))
    out = []
    for name, (price_text, unit_text) in zip(name_lays, texts, strict=True):
        price = unit = None
        if price_text:
            price_h = round(row_h * (PRICE_LINE_SHARE if unit_text else 1.0))
            price = fit_text(price_text, price_w, price_h, "text-bold", price_size, f.min_text,
                             max_lines=1, align="right",
                             valign="bottom" if unit_text else "middle")  # fmt: skip
            if unit_text:
                unit = fit_text(unit_text, price_w, row_h - price_h, "text-regular", unit_size,
                                f.min_text, max_lines=1, align="right")  # fmt: skip
        out.append((name, price, unit))
    return out, name_w


def _products(c, f: _Frame, spec: PamphletSpec, t: Theme, box, row_h: int) -> int:
    """Draw the product card at the top of box; return its height (0 without products)."""
    products = _products_list(spec)
    if not products:
        return 0
    x0, y0, x1, _ = box
    pad = f.px(ROW_PAD)
    card_h = _card_h(f, len(products), row_h)
    c.rect((x0, y0, x1, y0 + card_h), t.surface, radius=f.px(CARD_RADIUS))
    rows, _name_w = _row_layouts(f, spec, x1 - x0 - 2 * pad, row_h)
    y = y0 + pad
    for p, (name, price, unit) in zip(products, rows, strict=True):
        f.put(c, name, (x0 + pad, y), t.text, f"product:{p.name}")
        if price is not None:
            px = x1 - pad - price.box[0]
            f.put(c, price, (px, y), t.primary, f"price:{p.name}")
            if unit is not None:
                f.put(c, unit, (px, y + price.box[1]), t.muted, f"unit:{p.name}")
        y += row_h + f.px(ROW_GAP)
    return card_h


def _product_text_px(f: _Frame, spec: PamphletSpec, inner_w: int, row_h: int) -> int:
    rows, _ = _row_layouts(f, spec, inner_w, row_h) if _products_list(spec) else ([], 0)
    sizes = [lay.size for row in rows for lay in row if lay is not None]
    return max(sizes, default=f.min_text)


def _contact(spec: PamphletSpec) -> str:
    wa = phone_local(spec.business.whatsapp)
    return f"WA {wa}" if wa else ""


def _call_capacity(f: _Frame, spec: PamphletSpec, width: int, height: int) -> int:
    """Return the largest size at which the CTA and the number both fit a box."""
    cta = spec.business.cta if spec.qr_url else "Pesan sekarang"
    contact = _contact(spec)
    cta_h = height // 2 if contact else height
    size = fit_text(cta, width, cta_h, "display-bold", cta_h, 1, max_lines=2).size
    if contact:
        size = min(size, fit_text(contact, width, height - cta_h, "text-bold", height, 1,
                                  max_lines=1).size)  # fmt: skip
    return size


def _call_lines(c, f: _Frame, spec: PamphletSpec, t: Theme, box, floor: int, align: str):
    """Draw the call to action over the WhatsApp number inside box (both ≥ floor px)."""
    x0, y0, x1, y1 = box
    cta = spec.business.cta if spec.qr_url else "Pesan sekarang"
    contact = _contact(spec)
    cta_h = (y1 - y0) // 2 if contact else y1 - y0
    lay = fit_text(cta, x1 - x0, cta_h, "display-bold", max(floor, cta_h), floor, max_lines=2,
                   align=align, valign="middle")  # fmt: skip
    f.put(c, lay, (x0, y0), t.on_primary, "cta")
    if contact:
        ch = y1 - y0 - cta_h
        info = fit_text(contact, x1 - x0, ch, "text-bold", max(floor, ch), floor, max_lines=1,
                        align=align, valign="middle")  # fmt: skip
        f.put(c, info, (x0, y0 + cta_h), t.on_primary, "whatsapp")


# --- square ---------------------------------------------------------------------------------


def _square_alone(c, f: _Frame, spec: PamphletSpec, t: Theme, header_h: int) -> None:
    """Nothing to list and no photo: header, then the band with CTA, QR and number stacked."""
    gap, pad = f.px(GAP_MIN), f.px(BAND_PAD)
    floor = round(f.min_text * CALL_OVER_PRODUCT)
    _header(c, f, spec, t, f.inset)
    band_top = f.inset + header_h + gap
    cta_h = f.px(CTA_H)
    contact_h = f.px(CONTACT_H) if _contact(spec) else 0
    qr_side = f.h - band_top - 2 * pad - cta_h - contact_h if spec.qr_url else 0
    c.rect((0, band_top, f.w, f.h), t.primary)
    _stacked_calls(c, f, spec, t, (band_top + pad, f.h - pad), (cta_h, qr_side, contact_h),
                   floor)  # fmt: skip


def _compose_square(c, f: _Frame, spec: PamphletSpec, t: Theme) -> None:
    """Header, then photo and product card side by side, then the order band with the QR."""
    n = len(_products_list(spec))
    # A long list needs the whole width: the photo then stays on the story and the page.
    photo = _load_photo(spec.photo) if n <= PHOTO_MAX_PRODUCTS_SQUARE else None
    header_h = _header_h(f, spec)
    gap = f.px(GAP_MIN)
    qr_min, qr_max = (f.px(v) for v in QR_SQUARE)
    band_pad = f.px(BAND_PAD)
    band_min = qr_min + 2 * band_pad
    middle_max = f.h - f.inset - header_h - 2 * gap - band_min
    content_w = f.w - 2 * f.inset
    card_w = content_w - (round(content_w * PHOTO_SHARE_SQUARE) + gap if photo else 0)
    # Rows grow first, up to their maximum; then the band (the QR) takes what is left.
    row_h = f.px(ROW_H_MAX)
    if n:
        room = (middle_max - 2 * f.px(ROW_PAD) - f.px(ROW_GAP) * (n - 1)) // n
        row_h = max(_row_floor(f), min(row_h, room))
    card_h = _card_h(f, n, row_h)
    middle_h = max(card_h, middle_max if photo else 0)
    if not n and photo is None:
        _square_alone(c, f, spec, t, header_h)
        return
    band_h = min(qr_max + 2 * band_pad, f.h - f.inset - header_h - 2 * gap - middle_h)
    band_h = max(band_h, band_min)
    spare = f.h - f.inset - header_h - middle_h - band_h - 2 * gap
    # What the band cannot take goes into the two gaps around the middle.
    gap_extra = max(0, spare) // 2
    band_top = f.h - band_h
    side = band_h - 2 * band_pad - max(0, f.inset - f.px(MARGIN))
    qr_y = band_top + band_pad
    text_x1 = f.w - f.inset - (side + band_pad if spec.qr_url else 0)
    # The call lines beside the QR bound the product text: they must stay the larger.
    f.product_max = min(f.product_px, int(_call_capacity(f, spec, text_x1 - f.inset, side)
                                          / CALL_OVER_PRODUCT))  # fmt: skip
    y = _header(c, f, spec, t, f.inset) + gap + gap_extra
    if photo is not None:
        pw = content_w - card_w - gap
        img = _cover(photo, pw if n else content_w, middle_h, f.px(CARD_RADIUS))
        c.image_at(img, (f.inset, y))
    if n:
        # The card sits centred on the photo's height, its rows never stretched apart.
        cy = y + (middle_h - card_h) // 2
        _products(c, f, spec, t, (f.w - f.inset - card_w, cy, f.w - f.inset, cy + card_h), row_h)
    c.rect((0, band_top, f.w, f.h), t.primary)
    if spec.qr_url:
        f.qr(c, spec.qr_url, (f.w - f.inset - side, qr_y), side)
    floor = round(_product_text_px(f, spec, card_w - 2 * f.px(ROW_PAD), row_h) * CALL_OVER_PRODUCT)
    box = (f.inset, qr_y, text_x1, qr_y + side)
    _call_lines(c, f, spec, t, box, floor, "left")


def _stacked_calls(c, f: _Frame, spec: PamphletSpec, t: Theme, span, heights, floor: int):
    """Draw CTA, QR and number centred one above the other, the stack centred in span."""
    top, bottom = span
    cta_h, qr_side, contact_h = heights
    content_w = f.w - 2 * f.inset
    cy = top + max(0, (bottom - top - cta_h - qr_side - contact_h) // 2)
    cta = spec.business.cta if spec.qr_url else "Pesan sekarang"
    cta_lay = fit_text(cta, content_w, cta_h, "display-bold", max(floor, f.px(CTA_H)),
                       floor, max_lines=2, align="center", valign="middle")  # fmt: skip
    f.put(c, cta_lay, (f.inset, cy), t.on_primary, "cta")
    cy += cta_h
    if qr_side:
        cy += f.qr(c, spec.qr_url, ((f.w - qr_side) // 2, cy), qr_side)
    if contact_h:
        info = fit_text(_contact(spec), content_w, contact_h, "text-bold",
                        max(floor, contact_h), floor, max_lines=1, align="center",
                        valign="middle")  # fmt: skip
        f.put(c, info, (f.inset, cy), t.on_primary, "whatsapp")


# --- tall: story and A5 ---------------------------------------------------------------------


def _compose_tall(c, f: _Frame, spec: PamphletSpec, t: Theme, zones: tuple[int, int]) -> None:
    """Overlay zone, header, products, then the order band (CTA, QR, number), overlay zone.

    zones are the heights at the top and bottom the apps cover (0 on paper): they get the
    photo or stripes and the village line, never the name, number, CTA or QR.
    """
    top_zone, bottom_zone = zones
    n = len(_products_list(spec))
    photo = _load_photo(spec.photo)
    gap = f.px(GAP_MIN)
    band_pad = f.px(BAND_PAD)
    contact_h = f.px(CONTACT_H) if _contact(spec) else 0
    content_w = f.w - 2 * f.inset
    safe_top = max(f.inset, top_zone + gap)
    safe_bottom = f.h - max(f.inset, bottom_zone + band_pad)
    header_h = _header_h(f, spec)
    qr_min, qr_max = (f.px(v) for v in QR_TALL)
    if not n:
        qr_max = round(content_w * 0.8)  # nothing to list: the QR is the message
    if not spec.qr_url:
        qr_min = qr_max = 0
    # The call lines are set at least a step above the product text: size their lines so.
    row_guess = f.px(ROW_H_MAX)
    floor = round(
        _product_text_px(f, spec, content_w - 2 * f.px(ROW_PAD), row_guess) * CALL_OVER_PRODUCT
    )
    cta_h = max(f.px(CTA_H), round(floor * CALL_LINE))
    contact_h = max(contact_h, round(floor * CALL_LINE)) if contact_h else 0
    fixed = header_h + 2 * gap + band_pad + cta_h + contact_h
    room = safe_bottom - safe_top - fixed
    # Rows get what the smallest QR leaves; then the QR grows; the rest spreads as gaps.
    row_h = f.px(ROW_H_MAX)
    if n:
        fit = (room - qr_min - 2 * f.px(ROW_PAD) - f.px(ROW_GAP) * (n - 1)) // n
        row_h = max(_row_floor(f), min(row_h, fit))
    card_h = _card_h(f, n, row_h)
    qr_side = max(qr_min, min(qr_max, room - card_h)) if spec.qr_url else 0
    spare = max(0, room - card_h - qr_side)

    # The top zone: the photo when there is one, else the striped band.
    photo_h = 0
    if photo is not None:
        photo_h = max(top_zone, min(round(content_w * 0.5), top_zone + spare // 2))
        c.image_at(_cover(photo, f.w, photo_h, 0), (0, 0))
        spare -= max(0, photo_h - top_zone)
    elif top_zone:
        _striped_band(c, f, (0, 0, f.w, top_zone), t)
    gaps = 2 if n else 1
    extra = spare // (gaps + 1)
    y = max(safe_top, photo_h + gap) + extra
    y = _header(c, f, spec, t, y) + gap + extra
    if n:
        y += _products(c, f, spec, t, (f.inset, y, f.w - f.inset, 0), row_h) + gap + extra
    band_top = y - band_pad // 2 if not top_zone else y
    band_top = min(band_top, f.h - bottom_zone - band_pad - cta_h - qr_side - contact_h)
    if bottom_zone or top_zone:
        _striped_band(c, f, (0, band_top, f.w, f.h), t)
    else:
        c.rect((0, band_top, f.w, f.h), t.primary)
    floor = round(
        _product_text_px(f, spec, content_w - 2 * f.px(ROW_PAD), row_h) * CALL_OVER_PRODUCT
    )
    bottom = f.h - max(f.inset, bottom_zone + band_pad)
    _stacked_calls(c, f, spec, t, (band_top + band_pad, bottom), (cta_h, qr_side, contact_h), floor)
    village = spec.business.village.strip()
    if village and bottom_zone:
        vh = f.px(VILLAGE_H)
        lay = fit_text(f"Desa {village}", content_w, vh, "text-regular", vh, f.min_text,
                       max_lines=1, align="center", valign="middle")  # fmt: skip
        c.text(lay, (f.inset, f.h - bottom_zone + (bottom_zone - vh) // 3), t.on_primary)


# --- front doors ----------------------------------------------------------------------------


@dataclass
class PamphletResult:
    """A rendered pamphlet image and the texts it had to cut."""

    image: Image.Image
    issues: list[Issue]
    placed: dict[str, tuple[tuple[float, float, float, float], int]]


def render_pamphlet_result(spec: PamphletSpec, fmt: str = "square") -> PamphletResult:
    """Render a pamphlet image and report cut text."""
    w, h = FORMATS[fmt]
    t = get_theme(spec.business.theme)
    c = RasterCanvas(w, h, t.background)
    artefact = f"pamphlet-{fmt}"
    f = _Frame(w, h, round(MARGIN * w / BASE_W), w / BASE_W, artefact, MIN_TEXT_PX[artefact])
    if fmt == "square":
        _compose_square(c, f, spec, t)
    else:
        zones = (round(h * STORY_SAFE_TOP_SHARE), round(h * STORY_SAFE_BOTTOM_SHARE))
        _compose_tall(c, f, spec, t, zones)
    stamp_canvas(c, spec.stamp, f.qr_boxes)
    return PamphletResult(c.image, f.issues, f.placed)


def render_pamphlet(spec: PamphletSpec, fmt: str = "square") -> Image.Image:
    """Render a pamphlet image: fmt "square" (1080×1080) or "story" (1080×1920)."""
    return render_pamphlet_result(spec, fmt).image


def pamphlet_png(spec: PamphletSpec, fmt: str = "square") -> bytes:
    """Render a pamphlet as PNG bytes (flat colours and text stay sharp, unlike JPEG)."""
    buf = io.BytesIO()
    render_pamphlet(spec, fmt).save(buf, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buf.getvalue()


def pamphlet_a5_pdf(spec: PamphletSpec, bleed: bool = False) -> bytes:
    """Render an A5 print pamphlet as PDF (148×210 mm, or +3 mm each side with bleed)."""
    extra = BLEED_MM if bleed else 0.0
    w_mm, h_mm = A5_MM[0] + 2 * extra, A5_MM[1] + 2 * extra
    t = get_theme(spec.business.theme)
    c = PdfCanvas(w_mm, h_mm, t.background, PRINT_DPI)
    w, h = mm_to_px(w_mm), mm_to_px(h_mm)
    min_px = round(mm_to_px_f(MIN_TEXT_MM["pamphlet-a5"]))
    f = _Frame(w, h, mm_to_px(extra + SAFE_MM), mm_to_px(A5_MM[0]) / BASE_W, "pamphlet-a5",
               min_px)  # fmt: skip
    _compose_tall(c, f, spec, t, (0, 0))
    stamp_canvas(c, spec.stamp, f.qr_boxes)
    return c.output()


def pamphlet_issues(spec: PamphletSpec) -> list[Issue]:
    """Return what the square and story pamphlets had to cut (renders both)."""
    return [i for fmt in FORMATS for i in render_pamphlet_result(spec, fmt).issues]
