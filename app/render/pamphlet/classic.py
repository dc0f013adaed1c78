"""Template "daftar" (price list): header, product card, order band — the kit's first design.

Spare height first grows the product rows and the QR, then the gaps, so no flat band is
left taller than rules.EMPTY_BAND_MAX_SHARE. The story keeps its essential content out of
the zones where WhatsApp and Instagram draw their bars; those carry a photo or stripes.
"""

from __future__ import annotations

from app.render.pamphlet.blocks import (
    CALL_LINE,
    CALL_OVER_PRODUCT,
    MORE_H,
    ROW_H_MAX,
    ROW_PAD,
    _header,
    _header_h,
    call_capacity,
    call_lines,
    card_h,
    contact,
    cta_text,
    draw_rows,
    more_h,
    more_line,
    products_list,
    row_floor,
    rows_fit,
    rows_for,
    rows_text_px,
    stacked_calls,
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
from app.render.photo import MIN_PRINT_DPI
from app.render.text import fit_text
from app.render.units import MM_PER_INCH

BAND_PAD = 28  # inside the order band
CTA_H = 96  # the call to action's line height in the order band
CONTACT_H = 84  # the WhatsApp number's line
VILLAGE_H = 48
QR_SQUARE = (220, 380)  # QR side range on the square (grows with spare height)
QR_TALL = (280, 560)  # on the story and the A5
QR_ALONE_SHARE = 0.8  # nothing to list: the QR takes this share of the width
PHOTO_SHARE_SQUARE = 0.40  # photo column on the square…
PHOTO_MAX_PRODUCTS_SQUARE = 4  # …only while the list is this short
PHOTO_TALL_SHARE = 0.5  # the story's top photo, at most this share of the width high
PHOTO_TALL_MIN = 160  # a shorter top photo is left out…
PHOTO_TALL_ASPECT = 3.5  # …and so is one wider than this per its height (a strip)
ROW_WITH_PHOTO = 84  # the top photo shows only while the rows keep this height (text ~42)
CALL_MOST_OVER = 1.5  # stacked calls: at most this many times the product text
VILLAGE_RAISE = 3  # the village line sits a third of the way down the bottom zone


def _square_alone(c, f: _Frame, spec, p: Palette, header_h: int) -> None:
    """Nothing to list and no photo: header, then the band with CTA, QR and number stacked."""
    gap, pad = f.px(GAP_MIN), f.px(BAND_PAD)
    floor = round(f.min_text * CALL_OVER_PRODUCT)
    _header(c, f, spec, p, f.top)
    band_top = f.top + header_h + gap
    cta_h = f.px(CTA_H)
    contact_h = f.px(CONTACT_H) if contact(spec) else 0
    qr_side = f.h - band_top - 2 * pad - cta_h - contact_h if spec.qr_url else 0
    c.rect((0, band_top, f.w, f.h), p.band)
    stacked_calls(c, f, spec, p, (band_top + pad, f.h - pad), (cta_h, qr_side, contact_h), floor)


def square_list(f: _Frame, spec, room: int):
    """Return the products the square lists in room px (rows at least at the floor) and the
    height of the "+ N" line that counts the rest."""
    products = products_list(spec)
    more = more_h(f, spec, len(products))
    while len(products) > 1 and card_h(f, len(products), row_floor(f)) > room - more:
        products, more = products[:-1], f.px(MORE_H)
    return products, more


def compose_square(c, f: _Frame, spec, p: Palette, with_photo: bool = True) -> None:
    """Header, then photo and product card side by side, then the order band with the QR."""
    header_h, gap, band_pad = _header_h(f, spec), f.px(GAP_MIN), f.px(BAND_PAD)
    qr_min, qr_max = (f.px(v) for v in QR_SQUARE)
    middle_max = f.h - f.top - header_h - 2 * gap - qr_min - 2 * band_pad
    products, more = square_list(f, spec, middle_max)
    n = len(products)
    # A long list needs the whole width: the photo then stays on the story and the page.
    photo = load_photo(spec.photo) if with_photo and n <= PHOTO_MAX_PRODUCTS_SQUARE else None
    if not n and photo is None:
        _square_alone(c, f, spec, p, header_h)
        return
    content_w = f.w - 2 * f.inset
    card_w = content_w - (round(content_w * PHOTO_SHARE_SQUARE) + gap if photo else 0)
    row_h = rows_for(f, n, middle_max - more)
    card = card_h(f, n, row_h)
    middle_h = max(card + more, middle_max if photo else 0)
    band_h = min(qr_max + 2 * band_pad, f.h - f.top - header_h - 2 * gap - middle_h)
    band_h = max(band_h, qr_min + 2 * band_pad)
    # What the band cannot take goes into the two gaps around the middle.
    gap_extra = max(0, f.h - f.top - header_h - middle_h - band_h - 2 * gap) // 2
    band_top = f.h - band_h
    side = band_h - 2 * band_pad - max(0, f.inset - f.px(MARGIN))
    text_x1 = f.w - f.inset - (side + band_pad if spec.qr_url else 0)
    # The call lines beside the QR bound the product text: they must stay the larger.
    capacity = call_capacity(f, spec, text_x1 - f.inset, side)
    f.product_max = min(f.product_px, int(capacity / CALL_OVER_PRODUCT))
    if photo is not None and not rows_fit(f, products, card_w - 2 * f.px(ROW_PAD), row_h):
        # A name that would be cut beside the photo gets the whole width instead.
        f.product_max = 0
        compose_square(c, f, spec, p, with_photo=False)
        return
    y = _header(c, f, spec, p, f.top) + gap + gap_extra
    if photo is not None:
        pw = content_w - card_w - gap if n else content_w
        c.image_at(cover(photo, pw, middle_h, f.px(CARD_RADIUS)), (f.inset, y))
    # The card sits centred on the photo's height, its rows never stretched apart.
    cy = y + (middle_h - card - more) // 2
    draw_rows(c, f, products, p, (f.w - f.inset - card_w, cy, f.w - f.inset, cy + card), row_h)
    more_line(c, f, spec, n, p, (f.w - f.inset - card_w + f.px(ROW_PAD), cy + card), p.muted)
    c.rect((0, band_top, f.w, f.h), p.band)
    qr_y = band_top + band_pad
    if spec.qr_url:
        f.qr(c, spec.qr_url, (f.w - f.inset - side, qr_y), side)
    text_px = rows_text_px(f, products, card_w - 2 * f.px(ROW_PAD), row_h)
    call_lines(
        c,
        f,
        spec,
        p,
        (f.inset, qr_y, text_x1, qr_y + side),
        round(text_px * CALL_OVER_PRODUCT),
        "left",
    )


def call_heights(
    f: _Frame, spec, products, row_h: int, at_least: int = 0
) -> tuple[int, int, int, int]:
    """Return (floor size, most size, CTA line, number line) of the stacked calls.

    The calls are set a step above the product text and at most CALL_MOST_OVER times it,
    so the band never shouts over the list; a CTA too long for one line gets two.
    """
    inner = f.w - 2 * f.inset - 2 * f.px(ROW_PAD)
    text_px = max(rows_text_px(f, products, inner, row_h), at_least)
    floor = round(text_px * CALL_OVER_PRODUCT)
    most = max(floor, round(text_px * CALL_MOST_OVER))
    line = round(most * CALL_LINE)
    cta = fit_text(
        cta_text(spec), f.w - 2 * f.inset, 4 * line, "display-bold", most, floor, max_lines=2
    )
    cta_h = round(cta.size * CALL_LINE) * max(1, len(cta.lines))
    return floor, most, cta_h, line if contact(spec) else 0


def rows_and_calls(f: _Frame, spec, products, room: int, qr_min: int):
    """Return the largest row height whose rows, calls and least QR fit room, its calls and
    whether they fit at all (at the floor row)."""
    n = len(products)
    at_least = 0 if n else f.product_px  # nothing to list: the calls speak

    def need(row_h: int) -> tuple[int, tuple[int, int, int, int]]:
        calls = call_heights(f, spec, products, row_h, at_least)
        return card_h(f, n, row_h) + qr_min + calls[2] + calls[3], calls

    lo, hi = row_floor(f), f.px(ROW_H_MAX)
    best = lo
    while lo <= hi:  # taller rows set larger text and so larger calls: search, not divide
        mid = (lo + hi) // 2
        if need(mid)[0] <= room:
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    total, calls = need(best)
    return best, calls, total <= room


def qr_range(f: _Frame, spec, n: int) -> tuple[int, int]:
    """Return the QR's least and most side on a tall pamphlet (0, 0 without a QR)."""
    if not spec.qr_url:
        return 0, 0
    qr_min, qr_max = (f.px(v) for v in QR_TALL)
    if not n:
        qr_max = round((f.w - 2 * f.inset) * QR_ALONE_SHARE)  # nothing to list: the QR speaks
    return qr_min, qr_max


def tall_band(c, f: _Frame, spec, p: Palette, band, zones, calls) -> None:
    """Draw the order band from band_top down: stripes under app bars, CTA, QR, number, desa."""
    band_top, qr_side = band
    top_zone, bottom_zone = zones
    floor, most, cta_h, contact_h = calls
    if bottom_zone or top_zone:
        striped_band(c, f, (0, band_top, f.w, f.h), p.band)
    else:
        c.rect((0, band_top, f.w, f.h), p.band)
    bottom = f.h - max(f.inset, bottom_zone + f.px(BAND_PAD))
    span = (band_top + f.px(BAND_PAD), bottom)
    stacked_calls(c, f, spec, p, span, (cta_h, qr_side, contact_h), floor, most)
    village_line(c, f, spec, p, bottom_zone)


def village_line(c, f: _Frame, spec, p: Palette, bottom_zone: int) -> None:
    """Set "Desa …" in the bottom app-bar zone of a story (nothing essential goes there)."""
    village = spec.business.village.strip()
    if not village or not bottom_zone:
        return
    vh = f.px(VILLAGE_H)
    lay = fit_text(
        f"Desa {village}",
        f.w - 2 * f.inset,
        vh,
        "text-regular",
        vh,
        f.min_text,
        max_lines=1,
        align="center",
        valign="middle",
    )
    c.text(lay, (f.inset, f.h - bottom_zone + (bottom_zone - vh) // VILLAGE_RAISE), p.on_band)


def photo_span(f: _Frame, photo, top_zone: int) -> tuple[int, int]:
    """Return the least and most height of a tall page's top photo ((0, 0): it may not show).

    On paper the photo must print at MIN_PRINT_DPI or better at its size (_Frame.sharp_on_paper).
    """
    least = max(top_zone + f.px(PHOTO_TALL_MIN), round(f.w / PHOTO_TALL_ASPECT))
    most = top_zone + round((f.w - 2 * f.inset) * PHOTO_TALL_SHARE)
    mm = f.print_mm(1)
    if not f.sharp_on_paper(photo, f.w, least):
        return 0, 0
    if mm:  # no taller than its own pixels print sharp
        most = min(most, int(photo.height * MM_PER_INCH / MIN_PRINT_DPI / mm))
    return least, max(least, most)


def tall_plan(f: _Frame, spec, products, photo, room: int, top_zone: int):
    """Return (row height, calls, photo height, QR side, spare px) of a tall price list.

    Rows and calls grow together while the smallest QR and the least photo fit; then the
    photo grows, then the QR; the rest is spare. A photo that would squeeze the rows below
    ROW_WITH_PHOTO is left out (the story keeps it under its app bar, where nothing else goes).
    """
    n = len(products)
    qr_min, qr_max = qr_range(f, spec, n)
    least, most = photo_span(f, photo, top_zone)
    row_h, calls, fits = rows_and_calls(f, spec, products, room - max(0, least - top_zone), qr_min)
    if least and (not fits or row_h < min(f.px(ROW_WITH_PHOTO), f.px(ROW_H_MAX))):
        least = most = top_zone if top_zone >= f.px(PHOTO_TALL_MIN) and photo else 0
        row_h, calls, _fits = rows_and_calls(f, spec, products, room, qr_min)
    card = card_h(f, n, row_h)
    left = max(0, room - calls[2] - calls[3] - card - qr_min - max(0, least - top_zone))
    photo_h = min(most, least + left)
    left -= photo_h - least
    qr_side = min(qr_max, qr_min + left) if spec.qr_url else 0
    return row_h, calls, photo_h, qr_side, left - max(0, qr_side - qr_min)


def compose_tall(c, f: _Frame, spec, p: Palette, zones: tuple[int, int]) -> None:
    """Overlay zone, photo, header, products, then the order band (CTA, QR, number).

    zones are the heights at the top and bottom the apps cover (0 on paper): they get the
    photo or stripes and the village line, never the name, number, CTA or QR.
    """
    top_zone, bottom_zone = zones
    products = products_list(spec)
    n = len(products)
    photo = load_photo(spec.photo)
    gap, band_pad = f.px(GAP_MIN), f.px(BAND_PAD)
    safe_top = max(f.inset, top_zone + gap)
    safe_bottom = f.h - max(f.inset, bottom_zone + band_pad)
    more = more_h(f, spec, n)  # "+ N": the products past the list's most are on the page
    room = safe_bottom - safe_top - _header_h(f, spec) - 2 * gap - band_pad - more
    row_h, calls, photo_h, qr_side, spare = tall_plan(f, spec, products, photo, room, top_zone)
    if photo_h:
        c.image_at(cover(photo, f.w, photo_h, 0), (0, 0))
    elif top_zone:
        striped_band(c, f, (0, 0, f.w, top_zone), p.band)
    extra = spare // ((2 if n else 1) + 1)
    y = max(safe_top, photo_h + gap) + extra
    y = _header(c, f, spec, p, y) + gap + extra
    if n:
        y += draw_rows(c, f, products, p, (f.inset, y, f.w - f.inset, 0), row_h)
        y += more_line(c, f, spec, n, p, (f.inset + f.px(ROW_PAD), y + gap // 2), p.muted)
        y += gap + extra
    band_top = y - band_pad // 2 if not top_zone else y
    band_top = min(band_top, f.h - bottom_zone - band_pad - calls[2] - qr_side - calls[3])
    tall_band(c, f, spec, p, (band_top, qr_side), zones, calls)
