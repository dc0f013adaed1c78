"""Blocks every pamphlet template sets: the header with the logo mark, the product rows and
the call lines (call to action and WhatsApp number)."""

from __future__ import annotations

import math
from functools import lru_cache

from PIL import Image

from app.render.canvas import PdfCanvas
from app.render.formatting import phone_local, rupiah
from app.render.logomark import WORDMARK_ROLE, logo_mark
from app.render.logos import LogoSpec
from app.render.pamphlet.frame import CARD_RADIUS, GAP_MIN, Palette, _Frame, palette
from app.render.spec import MAX_PAMPHLET_PRODUCTS
from app.render.text import TextLayout, fit_text, line_metrics
from app.render.vector import Scene

HEADER_H = 150  # the logo mark; the name fills the rest of the row
TAGLINE_H = 60
ROW_PAD = 20  # inside the product card
ROW_GAP = 8
ROW_H_MIN, ROW_H_MAX = 92, 170  # a product row grows up to this with spare height
PRICE_COLUMN_SHARE = (0.3, 0.5)  # the price column's share of a row, least and most
NAME_SIZE_SHARE = 0.5  # product-name font size as a share of the row height
PRICE_SIZE_SHARE = 0.46
UNIT_SIZE_SHARE = 0.62  # the selling unit under the price, as a share of the price size
PRICE_LINE_SHARE = 0.62  # of the row height, when the unit has its own line under the price
UNIT_LINE_MIN = 1.3  # the unit gets its own line when that line is this many min sizes
NAME_LINES = 3  # the wordmark beside the mark
# The CTA and the number are set at least this much larger than the largest product text.
CALL_OVER_PRODUCT = 1.15
MORE_H = 44  # the "+ N more" line under a short list
CALL_LINE = 1.4  # a call line's height as a multiple of its smallest font size
FALLBACK_CTA = "Pesan sekarang"  # no QR to scan: the call is to write


@lru_cache(maxsize=32)
def _mark_scene(spec: LogoSpec, style: str, side: int) -> Scene:
    return logo_mark(spec, style, side)


@lru_cache(maxsize=32)
def _mark_image(spec: LogoSpec, style: str, side: int) -> Image.Image:
    return _mark_scene(spec, style, side).to_image()


def _flat(img: Image.Image, ground: str) -> Image.Image:
    out = Image.new("RGB", img.size, ground)
    out.paste(img, mask=img.getchannel("A"))
    return out


def draw_mark(c, spec, p: Palette, box) -> None:
    """Draw the business's logo mark (its chosen style) in a square box."""
    b = spec.business
    x0, y0, x1, _y1 = box
    side = max(1, round(x1 - x0))
    logo = LogoSpec(
        b.display_name,
        b.theme,
        b.tagline,
        b.village,
        getattr(b, "trade_name", ""),
        getattr(b, "icon", "") or "building-store",
    )
    style = getattr(b, "logo_style", "") or "badge"
    if isinstance(c, PdfCanvas):
        # Vector in the PDF, as on the other print items: sharp at any size, no raster.
        c.scene(_mark_scene(logo, style, side), (round(x0), round(y0)))
        return
    c.image_at(_flat(_mark_image(logo, style, side), p.page), (round(x0), round(y0)))


def wordmark_role(spec) -> str:
    """Return the font role of the name: the chosen logo's letters."""
    return WORDMARK_ROLE.get(getattr(spec.business, "logo_style", ""), "display-bold")


def _header(c, f: _Frame, spec, t, top: int) -> int:
    """Draw logo mark, wordmark and tagline; return the y below them."""
    p = palette(t)
    b = spec.business
    x, side = f.inset, f.px(HEADER_H)
    draw_mark(c, spec, p, (x, top, x + side, top + side))
    wx = x + side + f.px(GAP_MIN)
    mark = fit_text(
        b.display_name,
        f.w - f.inset - wx,
        side,
        wordmark_role(spec),
        side,
        f.min_text,
        max_lines=NAME_LINES,
        valign="middle",
        line_height=1.05,
    )
    f.put(c, mark, (wx, top), p.ink, "name")
    y = top + side
    if b.tagline.strip():
        y += f.px(GAP_MIN) // 2
        th = f.px(TAGLINE_H)
        # The tagline is secondary text: never larger than the product list may be.
        tag = fit_text(
            b.tagline,
            f.w - 2 * f.inset,
            th,
            "text-regular",
            min(th, f.product_px),
            f.min_text,
            max_lines=1,
        )
        f.put(c, tag, (f.inset, y), p.muted, "tagline")
        y += th
    return y


def _header_h(f: _Frame, spec) -> int:
    tag = f.px(GAP_MIN) // 2 + f.px(TAGLINE_H) if spec.business.tagline.strip() else 0
    return f.px(HEADER_H) + tag


def products_list(spec, limit: int = MAX_PAMPHLET_PRODUCTS):
    """Return the products a pamphlet lists (at most limit)."""
    return spec.business.products[:limit]


def more_h(f: _Frame, spec, shown: int) -> int:
    """Return the height of the "+ N" line (0 when every product is shown)."""
    return f.px(MORE_H) if len(spec.business.products) > shown else 0


def more_line(c, f: _Frame, spec, shown: int, p: Palette, xy, colour: str) -> int:
    """Say how many products the pamphlet left out (they are on the page); return its height."""
    rest = len(spec.business.products) - shown
    if rest <= 0:
        return 0
    h = f.px(MORE_H)
    text = f"+ {rest} produk lain — scan QR untuk lihat semua"
    lay = fit_text(
        text,
        f.w - 2 * f.inset,
        h,
        "text-regular",
        min(h, f.product_px),
        f.min_text,
        max_lines=1,
        valign="middle",
    )
    f.put(c, lay, xy, colour, "more")
    return h


def row_floor(f: _Frame) -> int:
    """Return the lowest product row that still sets its text at the artefact's minimum."""
    return math.ceil(f.min_text / NAME_SIZE_SHARE)


def card_h(f: _Frame, n: int, row_h: int) -> int:
    """Return the height of a product card of n rows."""
    return 2 * f.px(ROW_PAD) + n * row_h + f.px(ROW_GAP) * (n - 1) if n else 0


def rows_for(f: _Frame, n: int, room: int, most: int = ROW_H_MAX) -> int:
    """Return the row height n rows get in room px (grown to most, never below the floor)."""
    if not n:
        return f.px(most)
    fit = (room - 2 * f.px(ROW_PAD) - f.px(ROW_GAP) * (n - 1)) // n
    return max(row_floor(f), min(f.px(most), fit))


def _price_texts(f: _Frame, p, row_h: int) -> tuple[str, str]:
    """Return (price line, unit line); the unit joins the price when the row is one line."""
    if p.price_idr is None:
        return "", ""
    unit = p.unit.strip().removeprefix("per ").strip()
    two_lines = bool(unit) and row_h * (1 - PRICE_LINE_SHARE) >= f.min_text * UNIT_LINE_MIN
    if unit and not two_lines:
        return f"{rupiah(p.price_idr)}/{unit}", ""
    return rupiah(p.price_idr), f"per {unit}" if unit else ""


def _price_column(f: _Frame, texts, inner_w: int, size: int) -> int:
    """Return the price column's width: its longest price or unit, within PRICE_COLUMN_SHARE."""
    unit_size = max(f.min_text, round(size * UNIT_SIZE_SHARE))
    need = max((line_metrics(t, "text-bold", size).width for t, _ in texts if t), default=0)
    units = [line_metrics(u, "text-regular", unit_size).width for _, u in texts if u]
    need = max([need, *units]) if need else 0
    lo, hi = (round(inner_w * share) for share in PRICE_COLUMN_SHARE)
    return min(hi, max(lo, round(need) + 2)) if need else 0


def _price_layouts(f: _Frame, texts, price_w: int, row_h: int, size: int):
    unit_size = max(f.min_text, round(size * UNIT_SIZE_SHARE))
    out = []
    for price_text, unit_text in texts:
        price = unit = None
        if price_text:
            price_h = round(row_h * (PRICE_LINE_SHARE if unit_text else 1.0))
            price = fit_text(
                price_text,
                price_w,
                price_h,
                "text-bold",
                size,
                f.min_text,
                max_lines=1,
                align="right",
                valign="bottom" if unit_text else "middle",
            )
            if unit_text:
                unit = fit_text(
                    unit_text,
                    price_w,
                    row_h - price_h,
                    "text-regular",
                    unit_size,
                    f.min_text,
                    max_lines=1,
                    align="right",
                )
        out.append((price, unit))
    return out


def row_layouts(f: _Frame, products, inner_w: int, row_h: int):
    """Return per product (name, price, unit) layouts at one size for the whole list."""
    price_size = max(f.min_text, min(f.product_px, round(row_h * PRICE_SIZE_SHARE)))
    texts = [_price_texts(f, p, row_h) for p in products]
    price_w = _price_column(f, texts, inner_w, price_size)
    name_w = inner_w - (price_w + f.px(GAP_MIN) if price_w else 0)

    def names(size: int) -> list[TextLayout]:
        return [
            fit_text(
                p.name, name_w, row_h, "text-bold", size, f.min_text, max_lines=2, valign="middle"
            )
            for p in products
        ]

    # Every row at the size of the row that needs the smallest: a list reads as one list.
    start = max(f.min_text, min(f.product_px, round(row_h * NAME_SIZE_SHARE)))
    size = min((x.size for x in names(start)), default=start)
    prices = _price_layouts(f, texts, price_w, row_h, price_size)
    return [(n, pr, u) for n, (pr, u) in zip(names(size), prices, strict=True)]


def draw_rows(c, f: _Frame, products, p: Palette, box, row_h: int, card: bool = True) -> int:
    """Draw the product rows (in a card) at the top of box; return the card's height."""
    if not products:
        return 0
    x0, y0, x1, _ = box
    pad = f.px(ROW_PAD)
    height = card_h(f, len(products), row_h)
    if card:
        c.rect((x0, y0, x1, y0 + height), p.card, radius=f.px(CARD_RADIUS))
    rows = row_layouts(f, products, x1 - x0 - 2 * pad, row_h)
    y = y0 + pad
    for prod, (name, price, unit) in zip(products, rows, strict=True):
        f.put(c, name, (x0 + pad, y), p.card_text, f"product:{prod.name}")
        if price is not None:
            px = x1 - pad - price.box[0]
            f.put(c, price, (px, y), p.price, f"price:{prod.name}")
            if unit is not None:
                f.put(c, unit, (px, y + price.box[1]), p.unit, f"unit:{prod.name}")
        y += row_h + f.px(ROW_GAP)
    return height


def rows_fit(f: _Frame, products, inner_w: int, row_h: int) -> bool:
    """Tell whether every product row sets its text without cutting it."""
    rows = row_layouts(f, products, inner_w, row_h)
    return not any(lay.truncated for row in rows for lay in row if lay is not None)


def rows_text_px(f: _Frame, products, inner_w: int, row_h: int) -> int:
    """Return the largest text size the product rows take."""
    rows = row_layouts(f, products, inner_w, row_h) if products else []
    sizes = [lay.size for row in rows for lay in row if lay is not None]
    return max(sizes, default=f.min_text)


def contact(spec) -> str:
    """Return the WhatsApp line ("" when the family chose no number)."""
    wa = phone_local(spec.business.whatsapp)
    return f"WA {wa}" if wa else ""


def cta_text(spec) -> str:
    """Return the call to action: the trade's when there is a QR, else a call to write."""
    return spec.business.cta if spec.qr_url else FALLBACK_CTA


def call_capacity(f: _Frame, spec, width: int, height: int) -> int:
    """Return the largest size at which the CTA and the number both fit a box."""
    number = contact(spec)
    cta_h = height // 2 if number else height
    size = fit_text(cta_text(spec), width, cta_h, "display-bold", cta_h, 1, max_lines=2).size
    if number:
        one = fit_text(number, width, height - cta_h, "text-bold", height, 1, max_lines=1)
        size = min(size, one.size)
    return size


def call_lines(c, f: _Frame, spec, p: Palette, box, floor: int, align: str) -> None:
    """Draw the call to action over the WhatsApp number inside box (both ≥ floor px)."""
    x0, y0, x1, y1 = box
    number = contact(spec)
    cta_h = (y1 - y0) // 2 if number else y1 - y0
    lay = fit_text(
        cta_text(spec),
        x1 - x0,
        cta_h,
        "display-bold",
        max(floor, cta_h),
        floor,
        max_lines=2,
        align=align,
        valign="middle",
    )
    f.put(c, lay, (x0, y0), p.on_band, "cta")
    if number:
        ch = y1 - y0 - cta_h
        info = fit_text(
            number,
            x1 - x0,
            ch,
            "text-bold",
            max(floor, ch),
            floor,
            max_lines=1,
            align=align,
            valign="middle",
        )
        f.put(c, info, (x0, y0 + cta_h), p.on_band, "whatsapp")


def stacked_calls(c, f: _Frame, spec, p: Palette, span, heights, floor: int, most: int = 0) -> None:
    """Draw CTA, QR and number centred one above the other, the stack centred in span.

    The calls are set between floor and most px (most 0: as large as their lines allow).
    """
    top, bottom = span
    cta_h, qr_side, contact_h = heights
    content_w = f.w - 2 * f.inset
    cy = top + max(0, (bottom - top - cta_h - qr_side - contact_h) // 2)
    cta_lay = fit_text(
        cta_text(spec),
        content_w,
        cta_h,
        "display-bold",
        max(floor, most or cta_h),
        floor,
        max_lines=2,
        align="center",
        valign="middle",
    )
    f.put(c, cta_lay, (f.inset, cy), p.on_band, "cta")
    cy += cta_h
    if qr_side:
        cy += f.qr(c, spec.qr_url, ((f.w - qr_side) // 2, cy), qr_side)
    if contact_h:
        info = fit_text(
            contact(spec),
            content_w,
            contact_h,
            "text-bold",
            max(floor, most or contact_h),
            floor,
            max_lines=1,
            align="center",
            valign="middle",
        )
        f.put(c, info, (f.inset, cy), p.on_band, "whatsapp")
