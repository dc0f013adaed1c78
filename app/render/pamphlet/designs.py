"""Templates "foto" (photo hero), "sorot" (one product first) and "tebal" (bold type).

Each is a vertical stack over an order band with the QR beside the call lines (on the
story flush above the bottom app bar). The list shows every product while rows stay
readable, and only then says "+ N"; spare height goes to the one block that is never
flat — the photo, the trade-icon panel, the spotlight picture or the ribbon.
"""

from __future__ import annotations

from app.render.formatting import rupiah
from app.render.pamphlet import classic
from app.render.pamphlet.blocks import (
    MORE_H,
    ROW_PAD,
    _header,
    _header_h,
    card_h,
    draw_mark,
    draw_rows,
    more_line,
    products_list,
    row_floor,
    rows_for,
    rows_text_px,
    wordmark_role,
)
from app.render.pamphlet.frame import (
    CARD_RADIUS,
    GAP_MIN,
    Palette,
    _Frame,
    load_photo,
    striped_band,
)
from app.render.pamphlet.pieces import (
    TALL_QR,
    band_dims,
    band_top,
    draw_band,
    fit_list,
    hero,
    tall_list,
)
from app.render.text import TextLayout, fit_text

# "foto": the hero photo (or trade-icon panel), and how many rows it lists under it.
FOTO_MAX_SQUARE = 4
FOTO_MAX_TALL = 8
FOTO_HERO_MIN = 160  # below this the hero is a stripe, not a picture
FOTO_HERO_SHARE = {"square": 0.2, "tall": 0.25}  # the photo's least share of the height…
FOTO_ROW_MAX = 116  # …so the rows under it stay compact
READ_ROW = 84  # story/A5 lists keep rows this high (text ~42 px): fewer rows, never tiny
# "sorot": the spotlight card and the list of the others.
SOROT_PHOTO_SHARE = 0.42  # the picture's most share of the card width on the square…
SOROT_PHOTO_ASPECT = 1.5  # …and its most width per height: a short card gets no strip
SOROT_NAME_LINES = 3
SOROT_PILL_PAD = 14  # around the price inside its pill
SOROT_PILL_LINE = 1.5  # pill height as a multiple of the price size
SOROT_OTHERS_TALL = 7
SOROT_OTHERS_SQUARE = 2  # the spotlight stays the picture: the rest are on the page
SOROT_SPOT_MIN = 180  # the square's spotlight card, at least (its name and price need more)
SOROT_ROW = 72  # the others' least row (text ~36 px) under the spotlight
# "tebal": the name as the picture.
TEBAL_NAME_MAX = 190  # px size of the name at 1080 wide
TEBAL_NAME_SHARE = {"square": 0.25, "tall": 0.2}  # the name's most share of the height
TEBAL_NAME_LINES = 3
TEBAL_MARK = 110
TEBAL_MAX_SQUARE = 4
TEBAL_MAX_TALL = 8
TEBAL_KEEP_ROWS = {"square": 3, "tall": 4}  # the name never takes these rows' room


# --- foto: the photo first -----------------------------------------------------------------


def foto_square(c, f: _Frame, spec, p: Palette) -> None:
    """Photo (or trade-icon panel) across the top, the header, the list and the order band."""
    gap = f.px(GAP_MIN)
    band = band_dims(f, spec)
    fixed = _header_h(f, spec) + band[0] + 3 * gap
    hero_min = max(
        round(f.h * FOTO_HERO_SHARE["square"]), f.reserved_top + f.px(FOTO_HERO_MIN) // 2
    )
    products, more = fit_list(f, spec, FOTO_MAX_SQUARE, f.h - fixed - hero_min)
    row_h = rows_for(f, len(products), f.h - fixed - more - hero_min, FOTO_ROW_MAX)
    hero_h = max(0, f.h - fixed - more - card_h(f, len(products), row_h))
    hero(c, f, spec, p, (0, 0, f.w, hero_h), load_photo(spec.photo))
    y = _header(c, f, spec, p, hero_h + gap) + gap
    y += draw_rows(c, f, products, p, (f.inset, y, f.w - f.inset, 0), row_h, card=False)
    more_line(c, f, spec, len(products), p, (f.inset + f.px(ROW_PAD), y), p.muted)
    inner = f.w - 2 * f.inset - 2 * f.px(ROW_PAD)
    draw_band(c, f, spec, p, band, rows_text_px(f, products, inner, row_h))


def foto_tall(c, f: _Frame, spec, p: Palette, zones) -> None:
    """A tall photo (or trade-icon panel) from the top edge, header, list, the order band."""
    gap = f.px(GAP_MIN)
    band = band_dims(f, spec, TALL_QR)
    photo = load_photo(spec.photo)
    hero_top = max(f.top, zones[0] + gap) - gap  # where the header would start
    hero_extra = max(0, round(f.h * FOTO_HERO_SHARE["tall"]) - hero_top)
    if photo is None:  # the icon panel is décor: the list comes first
        hero_extra = max(f.px(FOTO_HERO_MIN) - hero_top, hero_extra // 2, 0)
    fit = (FOTO_MAX_TALL, _header_h(f, spec) + 2 * gap + hero_extra, READ_ROW, FOTO_ROW_MAX)
    products, more, row_h, spare = tall_list(f, spec, zones, band, fit)
    hero_h = hero_top + hero_extra + spare
    hero(c, f, spec, p, (0, 0, f.w, hero_h), photo)
    y = _header(c, f, spec, p, hero_h + gap) + gap
    y += draw_rows(c, f, products, p, (f.inset, y, f.w - f.inset, 0), row_h, card=False)
    more_line(c, f, spec, len(products), p, (f.inset + f.px(ROW_PAD), y), p.muted)
    inner = f.w - 2 * f.inset - 2 * f.px(ROW_PAD)
    draw_band(c, f, spec, p, band, rows_text_px(f, products, inner, row_h), zones)


# --- sorot: one product first --------------------------------------------------------------


def _pill(c, f: _Frame, prod, p: Palette, xy, width: int) -> int:
    """Draw the price in an accent pill at xy; return the pill's height (0 without price)."""
    if prod.price_idr is None:
        return 0
    unit = prod.unit.strip().removeprefix("per ").strip()
    text = f"{rupiah(prod.price_idr)}/{unit}" if unit else rupiah(prod.price_idr)
    size = f.product_px
    pad = f.px(SOROT_PILL_PAD)
    h = round(size * SOROT_PILL_LINE)
    lay = fit_text(
        text, width - 2 * pad, h, "text-bold", size, f.min_text, max_lines=1, valign="middle"
    )
    x0, y0 = xy
    ink_w = lay.bbox[2] - lay.bbox[0] if lay.lines else 0
    c.rect((x0, y0, x0 + ink_w + 2 * pad + lay.bbox[0], y0 + h), p.accent, radius=h / 2)
    f.put(c, lay, (x0 + pad, y0), p.on_accent, f"price:{prod.name}")
    return h


def _spot_text(c, f: _Frame, prod, p: Palette, box) -> None:
    """Set the spotlit product's name over its price pill, centred in box's height."""
    x0, y0, x1, y1 = box
    pill_h = round(f.product_px * SOROT_PILL_LINE) if prod.price_idr is not None else 0
    name_h = max(f.min_text, y1 - y0 - pill_h - f.px(GAP_MIN))
    name = fit_text(
        prod.name,
        x1 - x0,
        name_h,
        "display-bold",
        f.product_px,
        f.min_text,
        max_lines=SOROT_NAME_LINES,
        valign="bottom",
        line_height=1.05,
    )
    used = name.bbox[3] - name.bbox[1] if name.lines else 0
    top = y0 + max(0, (y1 - y0 - used - pill_h - f.px(GAP_MIN)) // 2) - (name_h - used)
    f.put(c, name, (x0, top), p.card_text, f"product:{prod.name}")
    _pill(c, f, prod, p, (x0, top + name_h + f.px(GAP_MIN)), x1 - x0)


def _spot_photo_w(f: _Frame, width: int, height: int) -> int:
    """Return the spotlight picture's width in a card this wide and high."""
    pad = f.px(ROW_PAD)
    return min(round(width * SOROT_PHOTO_SHARE), round((height - 2 * pad) * SOROT_PHOTO_ASPECT))


def _spotlight(c, f: _Frame, spec, p: Palette, box) -> None:
    """Draw the first product as a card: its picture beside its name and price."""
    prod = spec.business.products[0]
    x0, y0, x1, y1 = box
    pad = f.px(ROW_PAD)
    c.rect(box, p.card, radius=f.px(CARD_RADIUS))
    photo = load_photo(prod.photo) or load_photo(spec.photo)
    pw = _spot_photo_w(f, x1 - x0, y1 - y0)
    hero(c, f, spec, p, (x0 + pad, y0 + pad, x0 + pad + pw, y1 - pad), photo)
    _spot_text(c, f, prod, p, (x0 + 2 * pad + pw, y0 + pad, x1 - pad, y1 - pad))


def _spot_text_h(f: _Frame, prod, width: int) -> int:
    """Return the spotlight card's height: the name's own lines, the pill, the pads."""
    pill = round(f.product_px * SOROT_PILL_LINE) if prod.price_idr is not None else 0
    name = fit_text(
        prod.name,
        width,
        f.product_px * 2 * SOROT_NAME_LINES,
        "display-bold",
        f.product_px,
        f.min_text,
        max_lines=SOROT_NAME_LINES,
        line_height=1.05,
    )
    lines = max(1, len(name.lines))
    return round(name.size * 1.1 * lines) + pill + f.px(GAP_MIN) + 2 * f.px(ROW_PAD) + 2


def _sorot_others(f: _Frame, spec, room: int):
    """Return (others, "+ N" height, row height) under the spotlight in room px.

    Compact rows first (SOROT_ROW); rows at the artefact's floor when they show more.
    """
    limit = 1 + SOROT_OTHERS_SQUARE
    others, more = fit_list(f, spec, limit, room, skip=1, row=SOROT_ROW)
    row_h = max(row_floor(f), f.px(SOROT_ROW))
    tight, tight_more = fit_list(f, spec, limit, room, skip=1)
    if len(tight) > len(others):
        others, more = tight, tight_more
        row_h = rows_for(f, len(others), room - more, SOROT_ROW)
    return others, more, row_h


def sorot_square(c, f: _Frame, spec, p: Palette) -> None:
    """Header, the first product large with its photo, the others as compact rows, the band."""
    if not spec.business.products:
        classic.compose_square(c, f, spec, p)
        return
    gap, pad = f.px(GAP_MIN), f.px(ROW_PAD)
    band = band_dims(f, spec)
    y = _header(c, f, spec, p, f.top) + gap
    room = f.h - band[0] - gap - y
    # The spotlight keeps what its name and price need; the others share the rest.
    card_w = f.w - 2 * f.inset
    text_w = card_w - 3 * pad - round(card_w * SOROT_PHOTO_SHARE)
    spot_min = max(f.px(SOROT_SPOT_MIN), _spot_text_h(f, spec.business.products[0], text_w))
    others, more, row_h = _sorot_others(f, spec, room - spot_min - gap)
    rows = card_h(f, len(others), row_h)
    bottom = f.h - band[0] - gap - (rows + gap if others else 0) - (more + gap // 2 if more else 0)
    _spotlight(c, f, spec, p, (f.inset, y, f.w - f.inset, bottom))
    y = bottom + gap
    if others:
        y += draw_rows(c, f, others, p, (f.inset, y, f.w - f.inset, 0), row_h) + gap // 4
    more_line(c, f, spec, 1 + len(others), p, (f.inset, y), p.muted)
    inner = card_w - 2 * pad
    text_px = max(f.product_px, rows_text_px(f, others, inner, row_h))
    draw_band(c, f, spec, p, band, text_px)


def sorot_tall(c, f: _Frame, spec, p: Palette, zones) -> None:
    """The first product's photo from the top edge, header, its name and price, others, band."""
    if not spec.business.products:
        classic.compose_tall(c, f, spec, p, zones)
        return
    gap, pad = f.px(GAP_MIN), f.px(ROW_PAD)
    band = band_dims(f, spec, TALL_QR)
    first = spec.business.products[0]
    text_h = _spot_text_h(f, first, f.w - 2 * f.inset - 2 * pad)
    hero_min = 0 if zones[0] else f.px(FOTO_HERO_MIN)
    fixed = _header_h(f, spec) + text_h + hero_min + 3 * gap
    # Every other product gets a row before the picture grows; only then "+ N".
    fit = (1 + SOROT_OTHERS_TALL, fixed, SOROT_ROW, FOTO_ROW_MAX)
    others, _more, row_h, spare = tall_list(f, spec, zones, band, fit, skip=1)
    hero_h = max(zones[0], max(f.top, zones[0] + gap) + hero_min + spare - gap)
    photo = load_photo(first.photo) or load_photo(spec.photo)
    hero(c, f, spec, p, (0, 0, f.w, hero_h), photo)
    y = _header(c, f, spec, p, hero_h + gap) + gap
    c.rect((f.inset, y, f.w - f.inset, y + text_h), p.card, radius=f.px(CARD_RADIUS))
    _spot_text(c, f, first, p, (f.inset + pad, y + pad, f.w - f.inset - pad, y + text_h - pad))
    y += text_h + gap
    if others:
        y += draw_rows(c, f, others, p, (f.inset, y, f.w - f.inset, 0), row_h) + gap
    more_line(c, f, spec, 1 + len(others), p, (f.inset, y), p.muted)
    inner = f.w - 2 * f.inset - 2 * pad
    text_px = max(f.product_px, rows_text_px(f, others, inner, row_h))
    draw_band(c, f, spec, p, band, text_px, zones)


# --- tebal: the name as the picture --------------------------------------------------------


def _tebal_top(c, f: _Frame, spec, p: Palette, top: int, name_h: int) -> int:
    """Draw the mark with the tagline beside it, then the name in large type; return y below."""
    side = f.px(TEBAL_MARK)
    draw_mark(c, spec, p, (f.inset, top, f.inset + side, top + side))
    b = spec.business
    if b.tagline.strip():
        x = f.inset + side + f.px(GAP_MIN)
        lay = fit_text(
            b.tagline,
            f.w - f.inset - x,
            side,
            "text-bold",
            min(side, f.product_px),
            f.min_text,
            max_lines=2,
            valign="middle",
        )
        f.put(c, lay, (x, top), p.muted, "tagline")
    y = top + side + f.px(GAP_MIN)
    name = _tebal_name(f, spec, name_h)
    f.put(c, name, (f.inset, y), p.ink, "name")
    return y + (round(name.bbox[3]) if name.lines else 0)


def _tebal_name_h(f: _Frame, spec) -> int:
    """Return the height the large name needs at its size (fitted to the width)."""
    lay = _tebal_name(f, spec, f.px(TEBAL_NAME_MAX) * 4)
    return round(lay.bbox[3]) if lay.lines else 0


def _tebal_name(f: _Frame, spec, height: int) -> TextLayout:
    """Return the large name's layout across the page, in a box this high."""
    return fit_text(
        spec.business.display_name,
        f.w - 2 * f.inset,
        height,
        wordmark_role(spec),
        f.px(TEBAL_NAME_MAX),
        f.min_text,
        max_lines=TEBAL_NAME_LINES,
        valign="top",
        line_height=1.0,
    )


def _ribbon(c, f: _Frame, p: Palette, top: int, bottom: int) -> None:
    """Fill spare height with a textured ribbon of the page colour (never a flat band)."""
    if bottom - top > f.px(GAP_MIN):
        striped_band(c, f, (0, top, f.w, bottom), p.page)


def _tebal_name_budget(f: _Frame, spec, left: int, fit: tuple[int, int], fmt: str) -> int:
    """Return the name's height: what it needs, leaving the first rows (fit: most, row) room."""
    limit, row = fit
    share = TEBAL_NAME_SHARE[fmt]
    n = len(products_list(spec, limit))
    keep_n = min(TEBAL_KEEP_ROWS[fmt], n)
    least = max(row_floor(f), f.px(row))
    keep = card_h(f, keep_n, least) + (f.px(MORE_H) if n > keep_n else 0)
    return max(f.min_text, min(_tebal_name_h(f, spec), left - keep, round(f.h * share)))


def tebal_square(c, f: _Frame, spec, p: Palette) -> None:
    """Mark and tagline, the name as large as it fits, the list on a light card, the band."""
    gap = f.px(GAP_MIN)
    band = band_dims(f, spec)
    left = f.h - f.top - f.px(TEBAL_MARK) - 3 * gap - band[0]
    fit = (TEBAL_MAX_SQUARE, 0)
    name_h = _tebal_name_budget(f, spec, left, fit, "square")
    products, more = fit_list(f, spec, TEBAL_MAX_SQUARE, left - name_h)
    row_h = rows_for(f, len(products), left - name_h - more)
    y = _tebal_top(c, f, spec, p, f.top, name_h) + gap
    list_h = card_h(f, len(products), row_h) + (more + gap if more else 0)
    list_top = f.h - band[0] - gap - list_h
    _ribbon(c, f, p, y, list_top - gap)
    y = list_top + draw_rows(c, f, products, p, (f.inset, list_top, f.w - f.inset, 0), row_h)
    more_line(c, f, spec, len(products), p, (f.inset, y + gap // 2), p.muted)
    inner = f.w - 2 * f.inset - 2 * f.px(ROW_PAD)
    draw_band(c, f, spec, p, band, rows_text_px(f, products, inner, row_h))


def tebal_tall(c, f: _Frame, spec, p: Palette, zones) -> None:
    """As the square, the band flush above the bottom app bar; stripes under the app bars."""
    gap = f.px(GAP_MIN)
    band = band_dims(f, spec, TALL_QR)
    top = max(f.top, zones[0] + gap)
    left = band_top(f, zones, band) - gap - top - f.px(TEBAL_MARK) - 3 * gap
    name_fit = (TEBAL_MAX_TALL, READ_ROW)
    name_h = _tebal_name_budget(f, spec, left, name_fit, "tall")
    fit = (TEBAL_MAX_TALL, f.px(TEBAL_MARK) + name_h + 3 * gap, READ_ROW, FOTO_ROW_MAX)
    products, _more, row_h, spare = tall_list(f, spec, zones, band, fit)
    if zones[0]:
        striped_band(c, f, (0, 0, f.w, zones[0]), p.band)
    y = _tebal_top(c, f, spec, p, top, name_h) + gap
    _ribbon(c, f, p, y, y + spare)
    y += spare + gap
    y += draw_rows(c, f, products, p, (f.inset, y, f.w - f.inset, 0), row_h)
    more_line(c, f, spec, len(products), p, (f.inset, y + gap // 2), p.muted)
    inner = f.w - 2 * f.inset - 2 * f.px(ROW_PAD)
    draw_band(c, f, spec, p, band, rows_text_px(f, products, inner, row_h), zones)
