"""Pieces the designed templates (foto, sorot, tebal) share: the hero or trade-icon panel,
the order band with the QR beside the call lines, the short list and its "+ N" line.
"""

from __future__ import annotations

from app.render.logos import icon_char
from app.render.pamphlet import classic
from app.render.pamphlet.blocks import (
    CALL_OVER_PRODUCT,
    MORE_H,
    ROW_H_MAX,
    call_capacity,
    call_lines,
    card_h,
    more_h,
    products_list,
    row_floor,
    rows_for,
)
from app.render.pamphlet.frame import GAP_MIN, MARGIN, Palette, _Frame, cover, striped_band
from app.render.text import fit_text

# The order band: the QR beside the call lines (square, story and A5 alike).
SQUARE_QR = 250
TALL_QR = 300  # the story and the A5: a little larger, read from another screen or a wall
BAND_PAD = classic.BAND_PAD
ICON_SHARE = 0.62  # the trade icon on a panel without photo, share of the panel's short side
ICON_MAX = 420


def hero(c, f: _Frame, spec, p: Palette, box, photo) -> None:
    """Fill box with the photo, else with a striped colour field carrying the trade icon.

    The icon is a glyph (vector in the PDF), drawn in the band's own ink: no second logo
    and no square behind it. It sits centred in what the CONTOH band leaves visible.
    On paper a photo too small for the box (below MIN_PRINT_DPI) gives way to the panel.
    """
    x0, y0, x1, y1 = box
    if f.sharp_on_paper(photo, x1 - x0, y1 - y0):
        c.image_at(cover(photo, x1 - x0, y1 - y0, 0), (x0, y0))
        return
    striped_band(c, f, box, p.band)
    top = max(y0, f.reserved_top)
    side = min(f.px(ICON_MAX), round(min(x1 - x0, y1 - top) * ICON_SHARE))
    if side < f.min_text * 2:
        return
    icon = getattr(spec.business, "icon", "") or "building-store"
    lay = fit_text(icon_char(icon), side, 2 * side, "icons", side, 1, max_lines=1)
    if lay.lines:
        ix0, iy0, ix1, iy1 = lay.bbox
        x = (x0 + x1 - (ix1 - ix0)) / 2 - ix0
        y = (top + y1 - (iy1 - iy0)) / 2 - iy0
        c.text(lay, (round(x), round(y)), p.on_band)


def band_dims(f: _Frame, spec, qr: int = SQUARE_QR) -> tuple[int, int]:
    """Return (band height, QR side) of the order band; bound product text by its calls."""
    pad = f.px(BAND_PAD)
    side = f.px(qr)
    band_h = side + 2 * pad + max(0, f.inset - f.px(MARGIN))
    text_x1 = f.w - f.inset - (side + pad if spec.qr_url else 0)
    capacity = call_capacity(f, spec, text_x1 - f.inset, side)
    f.product_max = min(f.product_px, int(capacity / CALL_OVER_PRODUCT))
    return band_h, side


def band_top(f: _Frame, zones, band) -> int:
    """Return where the order band starts: flush above the bottom app bar, else the edge."""
    return f.h - zones[1] - band[0] if zones[1] else f.h - band[0]


def draw_band(c, f: _Frame, spec, p: Palette, band, text_px: int, zones=(0, 0)) -> None:
    """Draw the order band: QR at the right, the call lines beside it, desa under app bars."""
    band_h, side = band
    pad = f.px(BAND_PAD)
    top = band_top(f, zones, band)
    if zones[1]:  # the app bar's zone under the band: stripes, never a flat field
        striped_band(c, f, (0, top, f.w, f.h), p.band)
    else:
        c.rect((0, top, f.w, f.h), p.band)
    qr_y = top + pad
    if spec.qr_url:
        f.qr(c, spec.qr_url, (f.w - f.inset - side, qr_y), side)
    text_x1 = f.w - f.inset - (side + pad if spec.qr_url else 0)
    floor = round(max(text_px, f.min_text) * CALL_OVER_PRODUCT)
    call_lines(c, f, spec, p, (f.inset, qr_y, text_x1, qr_y + side), floor, "left")
    classic.village_line(c, f, spec, p, zones[1])


def fit_list(f: _Frame, spec, limit: int, room: int, skip: int = 0, row: int = 0):
    """Return the products a list shows in room px and the height of its "+ N" line.

    Every product is shown when all fit at the row height row (1080-wide px, at least the
    artefact's floor); only then are the last left to the "+ N" line. skip: products shown
    elsewhere (the spotlight).
    """
    least = max(row_floor(f), f.px(row))
    products = products_list(spec, limit)[skip:]
    more = more_h(f, spec, skip + len(products))
    k = len(products)
    while k and card_h(f, k, least) > room - more:
        k -= 1
        more = f.px(MORE_H)
    return products[:k], more


def tall_list(f: _Frame, spec, zones, band, fit, skip: int = 0):
    """Return (products, more, row height, spare px) of a tall page with the side band.

    fit is (most products, px taken by everything above the list and the gaps, the least
    and the most row height); spare is what is left for the hero or the ribbon.
    """
    limit, fixed, row, most = fit
    gap = f.px(GAP_MIN)
    top = max(f.top, zones[0] + gap)
    room = band_top(f, zones, band) - gap - top - fixed
    products, more = fit_list(f, spec, limit, room, skip, row)
    row_h = rows_for(f, len(products), room - more, most or ROW_H_MAX)
    spare = max(0, room - more - card_h(f, len(products), row_h))
    return products, more, row_h, spare
