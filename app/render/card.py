"""Kartu nama: 90×55 mm business cards, 10 per A4 with crop marks; fronts, then backs."""

from __future__ import annotations

from app.render.canvas import PdfCanvas
from app.render.formatting import phone_local
from app.render.items import A4_MM, ItemSpec, crop_marks, draw_stamp, logo_fit
from app.render.logos import desa, icon_char
from app.render.qr import MIN_MODULE_MM, module_size_mm
from app.render.text import fit_text
from app.render.theme import Theme, get_theme
from app.render.units import PRINT_DPI, mm_to_px, px_to_mm

CARD_MM = (90.0, 55.0)
COLS, ROWS = 2, 5
SAFE_MM = 4.0  # text and QR stay this far inside the cut: cutters drift ~1 mm
QR_MM = 33.0  # with quiet zone; a short URL gets ~1 mm modules
MIN_TEXT_PX = mm_to_px(1.9)  # ~7 pt cap-to-descender: the smallest legible on a card
BAND_SHARE = 0.3  # the contact band at the bottom of the front
STAMP_MM = 6.0
NAME_SHARE = 0.7  # of the logo's height, for the name beside a square mark
NAME_MAX_MM = 5.0
TAGLINE_MAX_MM = 3.0
ICON_SHARE = 0.8  # an icon in its contact row
PHONE_SHARE = 0.72  # the number, share of its row
PLACE_SHARE = 0.55  # the desa


def _grid() -> tuple[list[float], list[float]]:
    w, h = CARD_MM
    x0 = (A4_MM[0] - COLS * w) / 2
    y0 = (A4_MM[1] - ROWS * h) / 2
    return [x0 + i * w for i in range(COLS + 1)], [y0 + j * h for j in range(ROWS + 1)]


def _name_beside(c: PdfCanvas, spec: ItemSpec, t: Theme, box) -> None:
    """Set the name (and tagline under it) beside a round or square mark."""
    tx, ty, tw, logo_h = box
    b = spec.business
    name_h = round(logo_h * NAME_SHARE)
    lay = fit_text(
        b.display_name,
        tw,
        name_h,
        "display-bold",
        max_size=mm_to_px(NAME_MAX_MM),
        min_size=MIN_TEXT_PX,
        max_lines=3,
        valign="bottom" if b.tagline else "middle",
    )
    c.text(lay, (tx, ty), t.primary)
    if b.tagline:
        sub = fit_text(
            b.tagline,
            tw,
            logo_h - name_h,
            "text-bold",
            max_size=mm_to_px(TAGLINE_MAX_MM),
            min_size=MIN_TEXT_PX,
            max_lines=2,
        )
        c.text(sub, (tx, ty + name_h + mm_to_px(SAFE_MM) // 4), t.muted)


def _contact_lines(c: PdfCanvas, spec: ItemSpec, t: Theme, box) -> None:
    """Write the WhatsApp number and the desa, each after its icon, in the band."""
    x, y, inner_w, band_h = box
    m = mm_to_px(SAFE_MM)
    phone = phone_local(spec.business.whatsapp)
    lines = [(icon_char("brand-whatsapp"), phone)] if phone else []
    if place := desa(spec.business.village):
        lines.append((icon_char("map-pin"), place))
    row_h = (band_h - m // 2) // max(1, len(lines))
    for n, (icon, text) in enumerate(lines):
        top = y + m // 4 + n * row_h
        icon_lay = fit_text(
            icon,
            row_h,
            row_h,
            "icons",
            max_size=round(row_h * ICON_SHARE),
            min_size=MIN_TEXT_PX,
            max_lines=1,
            valign="middle",
        )
        c.text(icon_lay, (x, top), t.on_primary)
        lay = fit_text(
            text,
            inner_w - row_h,
            row_h,
            "display-bold" if n == 0 else "text-bold",
            max_size=round(row_h * (PHONE_SHARE if n == 0 else PLACE_SHARE)),
            min_size=MIN_TEXT_PX,
            max_lines=1,
            valign="middle",
        )
        c.text(lay, (x + row_h + m // 3, top), t.on_primary)


def _front(c: PdfCanvas, spec: ItemSpec, t: Theme, ox: int, oy: int) -> None:
    w, h = mm_to_px(CARD_MM[0]), mm_to_px(CARD_MM[1])
    m = mm_to_px(SAFE_MM)
    band_h = round(h * BAND_SHARE)
    # The band stops at the safe margin: a 1 mm cutting shift shows no white sliver.
    band = (ox + m // 2, oy + h - band_h - m // 2, ox + w - m // 2, oy + h - m // 2)
    c.rect(band, t.primary, radius=m // 2)
    logo_h = h - band_h - 2 * m
    logo = logo_fit(spec, w - 2 * m, logo_h)
    c.scene(logo, (ox + m, oy + m + (logo_h - logo.height) // 2))
    if logo.width < w / 2:
        # A round or square mark leaves room: the name and tagline go beside it.
        tx = ox + m + logo.width + m // 2
        _name_beside(c, spec, t, (tx, oy + m, ox + w - m - tx, logo_h))
    _contact_lines(c, spec, t, (ox + m, oy + h - band_h - m // 2, w - 3 * m, band_h))


def _back(c: PdfCanvas, spec: ItemSpec, t: Theme, ox: int, oy: int) -> None:
    w, h = mm_to_px(CARD_MM[0]), mm_to_px(CARD_MM[1])
    m = mm_to_px(SAFE_MM)
    c.rect((ox + m // 2, oy + m // 2, ox + w - m // 2, oy + h - m // 2), t.primary, radius=m // 2)
    side = mm_to_px(QR_MM)
    qy = oy + (h - side) // 2
    c.rect(
        (ox + m, qy - m // 4, ox + m + side + m // 2, qy + side + m // 4), "#FFFFFF", radius=m // 3
    )
    if spec.qr_url:
        c.qr(spec.qr_url, (ox + m + m // 4, qy), side)
        if module_size_mm(spec.qr_url, px_to_mm(side)) < MIN_MODULE_MM:
            raise ValueError("QR too dense for a business card")
    tx = ox + 2 * m + side
    tw = ox + w - m - tx
    stamp_h = mm_to_px(STAMP_MM) if spec.stamp else 0
    lay = fit_text(
        spec.scan_line,
        tw,
        h - 2 * m - stamp_h,
        "display-bold",
        max_size=mm_to_px(5.5),
        min_size=MIN_TEXT_PX,
        max_lines=5,
        valign="middle",
    )
    c.text(lay, (tx, oy + m), t.on_primary)
    draw_stamp(c, (tx, oy + h - m - stamp_h, tx + tw, oy + h - m), spec.stamp)


def card_pdf(spec: ItemSpec) -> bytes:
    """Render 10 business cards on A4: page 1 fronts, page 2 backs (mirrored for duplex)."""
    t = get_theme(spec.business.theme)
    c = PdfCanvas(*A4_MM, "#FFFFFF", PRINT_DPI)
    xs, ys = _grid()
    for page, draw in ((0, _front), (1, _back)):
        if page:
            c.pdf.add_page()
        for row in range(ROWS):
            for col in range(COLS):
                # Long-edge duplex mirrors columns: the back of card (col) is at (COLS-1-col).
                x = xs[col if page == 0 else COLS - 1 - col]
                # Fronts sit on the background colour; the card ground is drawn per card.
                ox, oy = mm_to_px(x), mm_to_px(ys[row])
                if page == 0:
                    c.rect(
                        (ox, oy, ox + mm_to_px(CARD_MM[0]), oy + mm_to_px(CARD_MM[1])), t.background
                    )
                draw(c, spec, t, ox, oy)
        crop_marks(c.pdf, xs, ys)
    return c.output()
