"""Templates "foto" (photo hero), "sorot" (one product first) and "tebal" (bold type).

Each is a vertical stack; the square puts the QR beside the call lines in the order band,
the story and the A5 stack them (``classic.tall_band``). Spare height goes to the one
block that is never flat — the photo, the striped hero or the spotlight picture — so no
empty band appears.
"""

from __future__ import annotations

from app.render.formatting import rupiah
from app.render.pamphlet import classic
from app.render.pamphlet.blocks import (
    CALL_OVER_PRODUCT,
    ROW_PAD,
    _header,
    _header_h,
    call_capacity,
    call_lines,
    card_h,
    draw_mark,
    draw_rows,
    products_list,
    row_floor,
    rows_for,
    rows_text_px,
    wordmark_role,
)
from app.render.pamphlet.frame import (
    CARD_RADIUS,
    GAP_MIN,
    MARGIN,
    Palette,
    _Frame,
    cover,
    load_photo,
    striped_band,
)
from app.render.text import TextLayout, fit_text

# Square order band: the QR beside the call lines.
SQUARE_QR = 250
SQUARE_BAND_PAD = classic.BAND_PAD
# "foto": the hero photo, and how many rows the square lists under it.
FOTO_MAX_SQUARE = 4
FOTO_MAX_TALL = 8
FOTO_HERO_MIN = 160  # below this the hero is a stripe, not a picture
FOTO_HERO_SHARE = {"square": 0.2, "tall": 0.25}  # the photo's least share of the height…
FOTO_ROW_MAX = 116  # …so the rows under it stay compact
HERO_MARK_SHARE = 0.6  # the logo mark on a hero without photo, share of the hero's height
HERO_MARK_MAX = 420
HERO_MARK_RING = 0.08  # the page-coloured disc around it, share of its side
# "sorot": the spotlight card and the short list of the others.
SOROT_PHOTO_SHARE = 0.42  # the picture's share of the card width on the square
SOROT_NAME_LINES = 3
SOROT_PILL_PAD = 14  # around the price inside its pill
SOROT_PILL_LINE = 1.5  # pill height as a multiple of the price size
SOROT_OTHERS_TALL = 5
# "tebal": the name as the picture.
TEBAL_NAME_MAX = 190  # px size of the name at 1080 wide
TEBAL_NAME_SHARE = {"square": 0.3, "tall": 0.2}  # the name's most share of the height
TEBAL_NAME_LINES = 3
TEBAL_MARK = 110
TEBAL_MAX_SQUARE = 4
TEBAL_MAX_TALL = 8
MORE_H = 44  # the "+ N more" line under a short list


# --- shared pieces -------------------------------------------------------------------------


def _more_line(c, f: _Frame, spec, shown: int, p: Palette, xy, colour: str) -> int:
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


def _more_h(f: _Frame, spec, shown: int) -> int:
    return f.px(MORE_H) if len(spec.business.products) > shown else 0


def _hero(c, f: _Frame, spec, p: Palette, box, photo) -> None:
    """Fill box with the photo, else with stripes and the business's logo mark."""
    x0, y0, x1, y1 = box
    if photo is not None:
        c.image_at(cover(photo, x1 - x0, y1 - y0, 0), (x0, y0))
        return
    striped_band(c, f, box, p.band)
    side = min(f.px(HERO_MARK_MAX), round((y1 - y0) * HERO_MARK_SHARE))
    if side >= f.px(FOTO_HERO_MIN) // 2:
        mx, my = (x0 + x1 - side) // 2, (y0 + y1 - side) // 2
        # A disc of the page colour under the mark: a mark in the band's colour stays seen.
        ring = round(side * HERO_MARK_RING)
        c.rect(
            (mx - ring, my - ring, mx + side + ring, my + side + ring),
            p.page,
            radius=side / 2 + ring,
        )
        draw_mark(c, spec, p, (mx, my, mx + side, my + side))


def _square_band(f: _Frame, spec) -> tuple[int, int]:
    """Return (band height, QR side) of the square's order band; bound product text by it."""
    pad = f.px(SQUARE_BAND_PAD)
    side = f.px(SQUARE_QR)
    band_h = side + 2 * pad + max(0, f.inset - f.px(MARGIN))
    text_x1 = f.w - f.inset - (side + pad if spec.qr_url else 0)
    capacity = call_capacity(f, spec, text_x1 - f.inset, side)
    f.product_max = min(f.product_px, int(capacity / CALL_OVER_PRODUCT))
    return band_h, side


def _draw_square_band(c, f: _Frame, spec, p: Palette, band, text_px: int) -> None:
    band_h, side = band
    pad = f.px(SQUARE_BAND_PAD)
    top = f.h - band_h
    c.rect((0, top, f.w, f.h), p.band)
    qr_y = top + pad
    if spec.qr_url:
        f.qr(c, spec.qr_url, (f.w - f.inset - side, qr_y), side)
    text_x1 = f.w - f.inset - (side + pad if spec.qr_url else 0)
    call_lines(
        c,
        f,
        spec,
        p,
        (f.inset, qr_y, text_x1, qr_y + side),
        round(max(text_px, f.min_text) * CALL_OVER_PRODUCT),
        "left",
    )


def _fit(f: _Frame, spec, limit: int, room: int, skip: int = 0) -> tuple[tuple, int]:
    """Return the products a list shows in room px (rows at their floor) and the more line.

    skip: the first products are shown elsewhere (the spotlight) and not listed.
    """
    products = products_list(spec, limit)[skip:]
    more = _more_h(f, spec, skip + len(products))
    k = len(products)
    while k and card_h(f, k, row_floor(f)) > room - more:
        k -= 1
        more = f.px(MORE_H)
    return products[:k], more


def _tall_frame(f: _Frame, spec, zones, fit: tuple[int, int], at_least: int = 0, skip: int = 0):
    """Return (products, more, room, row height, QR side, calls) of a tall page.

    fit is (most products, px taken by everything but the list, the band and the gaps
    around them); room is what the list, the QR and the spare share.
    """
    top_zone, bottom_zone = zones
    limit, fixed = fit
    gap, pad = f.px(GAP_MIN), f.px(classic.BAND_PAD)
    safe_top = max(f.inset, top_zone + gap)
    safe_bottom = f.h - max(f.inset, bottom_zone + pad)
    guess = products_list(spec, limit)
    calls = classic.call_heights(f, spec, guess, f.px(classic.ROW_H_MAX), at_least)
    room = safe_bottom - safe_top - fixed - pad - sum(calls[1:])
    qr_min, qr_max = classic.qr_range(f, spec, len(guess))
    products, more = _fit(f, spec, limit, room - qr_min, skip)
    room -= more
    row_h = rows_for(f, len(products), room - qr_min)
    qr_side = max(qr_min, min(qr_max, room - card_h(f, len(products), row_h)))
    return products, more, room, row_h, qr_side if spec.qr_url else 0, calls


def _finish_tall(c, f: _Frame, spec, p: Palette, zones, y: int, layout) -> None:
    """Draw the order band under y (or lower, when the QR needs it)."""
    products, row_h, qr_side, calls = layout[:4]
    at_least = layout[4] if len(layout) > 4 else 0
    band_top = min(y, f.h - zones[1] - f.px(classic.BAND_PAD) - calls[1] - qr_side - calls[2])
    floor = classic.call_heights(f, spec, products, row_h, at_least)[0]
    classic.tall_band(c, f, spec, p, (band_top, qr_side), zones, (floor, *calls[1:]))


# --- foto: the photo first -----------------------------------------------------------------


def foto_square(c, f: _Frame, spec, p: Palette) -> None:
    """Photo across the top, then the header, the list and the order band."""
    gap = f.px(GAP_MIN)
    band = _square_band(f, spec)
    fixed = _header_h(f, spec) + band[0] + 3 * gap
    hero_min = round(f.h * FOTO_HERO_SHARE["square"])
    products, more = _fit(f, spec, FOTO_MAX_SQUARE, f.h - fixed - hero_min)
    row_h = rows_for(f, len(products), f.h - fixed - more - hero_min, FOTO_ROW_MAX)
    hero_h = max(0, f.h - fixed - more - card_h(f, len(products), row_h))
    _hero(c, f, spec, p, (0, 0, f.w, hero_h), load_photo(spec.photo))
    y = _header(c, f, spec, p, hero_h + gap) + gap
    y += draw_rows(c, f, products, p, (f.inset, y, f.w - f.inset, 0), row_h, card=False)
    _more_line(c, f, spec, len(products), p, (f.inset + f.px(ROW_PAD), y), p.muted)
    inner = f.w - 2 * f.inset - 2 * f.px(ROW_PAD)
    _draw_square_band(c, f, spec, p, band, rows_text_px(f, products, inner, row_h))


def foto_tall(c, f: _Frame, spec, p: Palette, zones) -> None:
    """A tall photo (or striped hero) from the top edge, header, list, then the band."""
    gap = f.px(GAP_MIN)
    hero_top = max(f.inset, zones[0] + gap) - gap  # where the header would start
    hero_extra = max(0, round(f.h * FOTO_HERO_SHARE["tall"]) - hero_top)
    fit = (FOTO_MAX_TALL, _header_h(f, spec) + 2 * gap + hero_extra)
    products, _more, room, _rh, qr_side, calls = _tall_frame(f, spec, zones, fit)
    row_h = rows_for(f, len(products), room - qr_side, FOTO_ROW_MAX)
    spare = max(0, room - card_h(f, len(products), row_h) - qr_side)
    hero_h = hero_top + hero_extra + spare
    _hero(c, f, spec, p, (0, 0, f.w, hero_h), load_photo(spec.photo))
    y = _header(c, f, spec, p, hero_h + gap) + gap
    y += draw_rows(c, f, products, p, (f.inset, y, f.w - f.inset, 0), row_h, card=False)
    y += _more_line(c, f, spec, len(products), p, (f.inset + f.px(ROW_PAD), y), p.muted)
    _finish_tall(c, f, spec, p, zones, y + gap, (products, row_h, qr_side, calls))


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


def _spotlight(c, f: _Frame, spec, p: Palette, box) -> None:
    """Draw the first product as a card: its picture beside its name and price."""
    prod = spec.business.products[0]
    x0, y0, x1, y1 = box
    pad = f.px(ROW_PAD)
    c.rect(box, p.card, radius=f.px(CARD_RADIUS))
    photo = load_photo(prod.photo) or load_photo(spec.photo)
    pw = round((x1 - x0) * SOROT_PHOTO_SHARE)
    _hero(c, f, spec, p, (x0 + pad, y0 + pad, x0 + pad + pw, y1 - pad), photo)
    _spot_text(c, f, prod, p, (x0 + 2 * pad + pw, y0 + pad, x1 - pad, y1 - pad))


def _spot_text_h(f: _Frame, prod) -> int:
    pill = round(f.product_px * SOROT_PILL_LINE) if prod.price_idr is not None else 0
    return round(f.product_px * 1.1 * 2) + pill + 2 * f.px(GAP_MIN)


def sorot_square(c, f: _Frame, spec, p: Palette) -> None:
    """Header, the first product large with its photo, a line for the rest, the band."""
    if not spec.business.products:
        classic.compose_square(c, f, spec, p)
        return
    gap = f.px(GAP_MIN)
    band = _square_band(f, spec)
    more = _more_h(f, spec, 1)
    y = _header(c, f, spec, p, f.inset) + gap
    bottom = f.h - band[0] - gap - (more + gap // 2 if more else 0)
    _spotlight(c, f, spec, p, (f.inset, y, f.w - f.inset, bottom))
    _more_line(c, f, spec, 1, p, (f.inset, bottom + gap // 4), p.muted)
    _draw_square_band(c, f, spec, p, band, f.product_px)


def sorot_tall(c, f: _Frame, spec, p: Palette, zones) -> None:
    """The first product's photo from the top edge, header, its name and price, others, band."""
    if not spec.business.products:
        classic.compose_tall(c, f, spec, p, zones)
        return
    gap = f.px(GAP_MIN)
    first = spec.business.products[0]
    text_h = _spot_text_h(f, first)
    hero_min = 0 if zones[0] else f.px(FOTO_HERO_MIN)
    fit = (1 + SOROT_OTHERS_TALL, _header_h(f, spec) + text_h + hero_min + 3 * gap)
    others, _more, room, row_h, qr_side, calls = _tall_frame(
        f, spec, zones, fit, f.product_px, skip=1
    )
    # The picture grows before the QR: it is the point of this design.
    qr_side = min(qr_side, classic.qr_range(f, spec, 1)[0])
    spare = max(0, room - card_h(f, len(others), row_h) - qr_side)
    hero_h = max(zones[0], max(f.inset, zones[0] + gap) + hero_min + spare - gap)
    _hero(c, f, spec, p, (0, 0, f.w, hero_h), load_photo(first.photo) or load_photo(spec.photo))
    y = _header(c, f, spec, p, hero_h + gap) + gap
    c.rect((f.inset, y, f.w - f.inset, y + text_h), p.card, radius=f.px(CARD_RADIUS))
    pad = f.px(ROW_PAD)
    _spot_text(c, f, first, p, (f.inset + pad, y + pad, f.w - f.inset - pad, y + text_h - pad))
    y += text_h + gap
    if others:
        y += draw_rows(c, f, others, p, (f.inset, y, f.w - f.inset, 0), row_h) + gap
    y += _more_line(c, f, spec, 1 + len(others), p, (f.inset, y), p.muted)
    _finish_tall(c, f, spec, p, zones, y, (others, row_h, qr_side, calls, f.product_px))


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


def _tebal_name_budget(f: _Frame, spec, left: int, limit: int, share: float) -> int:
    """Return the name's height: what it needs, leaving a short list (two rows) its room."""
    n = len(products_list(spec, limit))
    keep = card_h(f, min(2, n), row_floor(f)) + (f.px(MORE_H) if n > 2 else 0)
    return max(f.min_text, min(_tebal_name_h(f, spec), left - keep, round(f.h * share)))


def tebal_square(c, f: _Frame, spec, p: Palette) -> None:
    """Mark and tagline, the name as large as it fits, the list on a light card, the band."""
    gap = f.px(GAP_MIN)
    band = _square_band(f, spec)
    left = f.h - f.inset - f.px(TEBAL_MARK) - 3 * gap - band[0]
    name_h = _tebal_name_budget(f, spec, left, TEBAL_MAX_SQUARE, TEBAL_NAME_SHARE["square"])
    products, more = _fit(f, spec, TEBAL_MAX_SQUARE, left - name_h)
    row_h = rows_for(f, len(products), left - name_h - more)
    y = _tebal_top(c, f, spec, p, f.inset, name_h) + gap
    list_h = card_h(f, len(products), row_h) + (more + gap if more else 0)
    list_top = f.h - band[0] - gap - list_h
    _ribbon(c, f, p, y, list_top - gap)
    y = list_top + draw_rows(c, f, products, p, (f.inset, list_top, f.w - f.inset, 0), row_h)
    _more_line(c, f, spec, len(products), p, (f.inset, y + gap // 2), p.muted)
    inner = f.w - 2 * f.inset - 2 * f.px(ROW_PAD)
    _draw_square_band(c, f, spec, p, band, rows_text_px(f, products, inner, row_h))


def tebal_tall(c, f: _Frame, spec, p: Palette, zones) -> None:
    """As the square, the order band stacked; stripes under the app bars."""
    gap = f.px(GAP_MIN)
    _p, _m, left, _r, _q, _c = _tall_frame(f, spec, zones, (0, f.px(TEBAL_MARK) + 3 * gap))
    qr_min = classic.qr_range(f, spec, 1)[0]
    name_h = _tebal_name_budget(f, spec, left - qr_min, TEBAL_MAX_TALL, TEBAL_NAME_SHARE["tall"])
    fit = (TEBAL_MAX_TALL, f.px(TEBAL_MARK) + name_h + 3 * gap)
    products, _more, room, row_h, qr_side, calls = _tall_frame(f, spec, zones, fit)
    if zones[0]:
        striped_band(c, f, (0, 0, f.w, zones[0]), p.band)
    y = _tebal_top(c, f, spec, p, max(f.inset, zones[0] + gap), name_h) + gap
    spare = max(0, room - card_h(f, len(products), row_h) - qr_side)
    _ribbon(c, f, p, y, y + spare)
    y += spare + (gap if spare else 0)
    y += draw_rows(c, f, products, p, (f.inset, y, f.w - f.inset, 0), row_h)
    y += _more_line(c, f, spec, len(products), p, (f.inset, y + gap // 2), p.muted) + gap
    _finish_tall(c, f, spec, p, zones, y, (products, row_h, qr_side, calls))
