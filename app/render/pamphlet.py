"""Pamphlets: square (1080²) and story (1080×1920) PNG for WhatsApp/Instagram, A5 PDF for print."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageOps

from app.render.canvas import PdfCanvas, RasterCanvas
from app.render.formatting import phone_local, price_label
from app.render.logo import initials
from app.render.spec import MAX_PAMPHLET_PRODUCTS, PamphletSpec, Photo
from app.render.text import fit_text
from app.render.theme import Theme, get_theme
from app.render.units import PRINT_DPI, mm_to_px

FORMATS = {"square": (1080, 1080), "story": (1080, 1920)}
BASE_W = 1080  # every px constant below is for a 1080 px wide canvas and scales with it
MARGIN = 56
HEADER_H = 150
TAGLINE_H = 56
GAP = 24
ROW_GAP = 10
ROW_PAD = 18
ROW_MAX_H = 110
ROW_MAX_H_TALL = 150  # tall formats have room for bigger product rows
CARD_RADIUS = 24
PHOTO_SHARE_SQUARE = 0.44  # photo column width share on the square format
PHOTO_ASPECT_STORY = 0.62  # photo height / width on tall formats
NAME_SHARE = 0.6  # product name column share of a row; the price takes the rest
NAME_SIZE_SHARE = 0.48  # largest product-name font size as a share of the row height
PRICE_SIZE_SHARE = 0.44
FOOTER_SQUARE = 330
FOOTER_TALL_SHARE = 0.36  # footer height share on tall formats (story, A5): a big QR
QR_PAD = 24
MIN_TEXT_PX = 14
A5_MM = (148.0, 210.0)
BLEED_MM = 3.0
SAFE_MM = 5.0  # text stays this far inside the trim
PNG_COMPRESS_LEVEL = 3  # a few % bigger than level 6, several times faster


@dataclass(frozen=True)
class _Frame:
    """Where things go, in px of the canvas; u scales the 1080-wide constants."""

    w: int
    h: int
    inset: int  # distance from canvas edge to content (bleed + safe margin for print)
    u: float

    def px(self, v: float) -> int:
        return round(v * self.u)


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
    mask = Image.new("L", fitted.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=radius, fill=255)
    out = fitted.convert("RGBA")
    out.putalpha(mask)
    return out


def _header(c, f: _Frame, spec: PamphletSpec, t: Theme, top: int) -> int:
    """Draw badge, wordmark and tagline; return the y below them."""
    b = spec.business
    x, side = f.inset, f.px(HEADER_H)
    c.rect((x, top, x + side, top + side), t.primary, radius=f.px(CARD_RADIUS))
    inset = f.px(HEADER_H * 0.16)
    badge = fit_text(
        initials(b.display_name),
        side - 2 * inset,
        side - 2 * inset,
        "display-bold",
        side,
        f.px(MIN_TEXT_PX),
        max_lines=1,
        align="center",
        valign="middle",
    )
    c.text(badge, (x + inset, top + inset), t.on_primary)
    wx = x + side + f.px(GAP)
    ww = f.w - f.inset - wx
    mark = fit_text(
        b.display_name,
        ww,
        side,
        "display-bold",
        side,
        f.px(MIN_TEXT_PX),
        max_lines=3,
        valign="middle",
        line_height=1.05,
    )
    c.text(mark, (wx, top), t.primary)
    y = top + side + f.px(GAP) // 2
    if b.tagline.strip():
        th = f.px(TAGLINE_H)
        tag = fit_text(
            b.tagline, f.w - 2 * f.inset, th, "text-regular", th, f.px(MIN_TEXT_PX), max_lines=1
        )
        c.text(tag, (f.inset, y), t.muted)
        y += th
    return y + f.px(GAP)


def _products(
    c, f: _Frame, spec: PamphletSpec, t: Theme, box: tuple[int, int, int, int],
    max_row: int = ROW_MAX_H,
) -> None:  # fmt: skip
    """Draw up to six products with prices on a card at the top of box, as tall as it needs."""
    x0, y0, x1, y1 = box
    products = spec.business.products[:MAX_PAMPHLET_PRODUCTS]
    if not products or x1 - x0 < 1 or y1 - y0 < 1:
        return
    pad = f.px(ROW_PAD)
    inner_w = x1 - x0 - 2 * pad
    gap = f.px(ROW_GAP)
    row_h = min(f.px(max_row), (y1 - y0 - 2 * pad - gap * (len(products) - 1)) // len(products))
    if row_h < f.px(MIN_TEXT_PX):
        return
    card_h = 2 * pad + len(products) * row_h + gap * (len(products) - 1)
    c.rect((x0, y0, x1, min(y1, y0 + card_h)), t.surface, radius=f.px(CARD_RADIUS))

    def name_layout(p, size: int):
        width = round(inner_w * NAME_SHARE) if p.price_idr is not None else inner_w
        return fit_text(p.name, width, row_h, "text-bold", size, f.px(MIN_TEXT_PX),
                        max_lines=2, valign="middle")  # fmt: skip

    def price_layout(p, size: int):
        width = inner_w - round(inner_w * NAME_SHARE) - pad
        return fit_text(price_label(p.price_idr, p.unit), width, row_h, "text-bold", size,
                        f.px(MIN_TEXT_PX), max_lines=2, align="right", valign="middle")  # fmt: skip

    # Every row at the size of the row that needs the smallest: a list reads as one list.
    priced = [p for p in products if p.price_idr is not None]
    name_size = min(name_layout(p, round(row_h * NAME_SIZE_SHARE)).size for p in products)
    price_size = min(
        (price_layout(p, round(row_h * PRICE_SIZE_SHARE)).size for p in priced),
        default=0,
    )
    y = y0 + pad
    for p in products:
        c.text(name_layout(p, name_size), (x0 + pad, y), t.text)
        if p.price_idr is not None:
            pw = inner_w - round(inner_w * NAME_SHARE) - pad
            c.text(price_layout(p, price_size), (x1 - pad - pw, y), t.primary)
        y += row_h + gap


def _contact_lines(spec: PamphletSpec) -> list[str]:
    b = spec.business
    out = []
    if b.whatsapp:
        out.append(f"WA {phone_local(b.whatsapp)}")
    if b.village.strip():
        out.append(f"Desa {b.village.strip()}")
    return out


def _footer_side(c, f: _Frame, spec: PamphletSpec, t: Theme, top: int) -> None:
    """Square footer: CTA and contact on the left, QR on the right, on a primary band."""
    c.rect((0, top, f.w, f.h), t.primary)
    pad = f.px(QR_PAD)
    inner_h = f.h - top - 2 * pad - max(0, f.inset - f.px(MARGIN))
    text_w = f.w - 2 * f.inset
    if spec.qr_url:
        qr_x = f.w - f.inset - inner_h
        c.qr(spec.qr_url, (qr_x, top + pad), inner_h)
        # The text ends a gap before where the QR box starts (the QR may draw narrower).
        text_w = qr_x - f.inset - pad
    cta = spec.business.cta if spec.qr_url else "Pesan sekarang"
    cta_h = inner_h * 45 // 100
    lay = fit_text(
        cta,
        text_w,
        cta_h,
        "display-bold",
        f.px(72),
        f.px(MIN_TEXT_PX),
        max_lines=2,
        valign="middle",
    )
    c.text(lay, (f.inset, top + pad), t.on_primary)
    lines = _contact_lines(spec)
    if lines:
        info = fit_text(
            "\n".join(lines),
            text_w,
            inner_h - cta_h,
            "text-bold",
            f.px(44),
            f.px(MIN_TEXT_PX),
            max_lines=len(lines) + 1,
            valign="middle",
        )
        c.text(info, (f.inset, top + pad + cta_h), t.on_primary)


def _footer_tall(c, f: _Frame, spec: PamphletSpec, t: Theme, top: int) -> None:
    """Tall footer: CTA, centred QR, contact lines, on a primary band."""
    c.rect((0, top, f.w, f.h), t.primary)
    pad = f.px(QR_PAD)
    bottom = f.h - f.inset
    avail = bottom - top - 2 * pad
    cta_h = avail * 15 // 100
    info_h = avail * 18 // 100 if _contact_lines(spec) else 0
    content_w = f.w - 2 * f.inset
    cta = spec.business.cta if spec.qr_url else "Pesan sekarang"
    lay = fit_text(
        cta,
        content_w,
        cta_h,
        "display-bold",
        f.px(80),
        f.px(MIN_TEXT_PX),
        max_lines=2,
        align="center",
        valign="middle",
    )
    c.text(lay, (f.inset, top + pad), t.on_primary)
    y = top + pad + cta_h
    qr_side = min(avail - cta_h - info_h, content_w)
    if spec.qr_url and qr_side > 0:
        real = c.qr(spec.qr_url, ((f.w - qr_side) // 2, y), qr_side)
        y += real
    if info_h:
        info = fit_text(
            "\n".join(_contact_lines(spec)),
            content_w,
            info_h,
            "text-bold",
            f.px(48),
            f.px(MIN_TEXT_PX),
            max_lines=3,
            align="center",
            valign="middle",
        )
        c.text(info, (f.inset, bottom - pad - info_h), t.on_primary)


def _compose_square(c, f: _Frame, spec: PamphletSpec, t: Theme) -> None:
    y = _header(c, f, spec, t, f.inset)
    footer_top = f.h - f.px(FOOTER_SQUARE)
    mid = (f.inset, y, f.w - f.inset, footer_top - f.px(GAP))
    photo = _load_photo(spec.photo)
    if photo is not None and spec.business.products:
        pw = round((mid[2] - mid[0]) * PHOTO_SHARE_SQUARE)
        c.image_at(_cover(photo, pw, mid[3] - mid[1], f.px(CARD_RADIUS)), (mid[0], mid[1]))
        mid = (mid[0] + pw + f.px(GAP), mid[1], mid[2], mid[3])
    elif photo is not None:
        c.image_at(_cover(photo, mid[2] - mid[0], mid[3] - mid[1], f.px(CARD_RADIUS)), mid[:2])
    _products(c, f, spec, t, mid)
    _footer_side(c, f, spec, t, footer_top)


def _compose_tall(c, f: _Frame, spec: PamphletSpec, t: Theme) -> None:
    y = _header(c, f, spec, t, f.inset)
    footer_top = f.h - round(f.h * FOOTER_TALL_SHARE)
    content_w = f.w - 2 * f.inset
    photo = _load_photo(spec.photo)
    bottom = footer_top - f.px(GAP)
    if photo is not None:
        # The products are the message: the photo never takes more than a third.
        ph = min(round(content_w * PHOTO_ASPECT_STORY), (bottom - y) // 3)
        c.image_at(_cover(photo, content_w, ph, f.px(CARD_RADIUS)), (f.inset, y))
        y += ph + f.px(GAP)
    _products(c, f, spec, t, (f.inset, y, f.w - f.inset, bottom), ROW_MAX_H_TALL)
    _footer_tall(c, f, spec, t, footer_top)


def render_pamphlet(spec: PamphletSpec, fmt: str = "square") -> Image.Image:
    """Render a pamphlet image: fmt "square" (1080×1080) or "story" (1080×1920)."""
    w, h = FORMATS[fmt]
    t = get_theme(spec.business.theme)
    c = RasterCanvas(w, h, t.background)
    f = _Frame(w, h, round(MARGIN * w / BASE_W), w / BASE_W)
    (_compose_square if fmt == "square" else _compose_tall)(c, f, spec, t)
    return c.image


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
    f = _Frame(w, h, mm_to_px(extra + SAFE_MM), mm_to_px(A5_MM[0]) / BASE_W)
    _compose_tall(c, f, spec, t)
    return c.output()
