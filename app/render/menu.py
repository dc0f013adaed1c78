"""Daftar menu / daftar harga: an A4 PDF for the stall and a 1080×1350 PNG to share."""

from __future__ import annotations

from app.render.canvas import PdfCanvas, RasterCanvas
from app.render.formatting import phone_local, rupiah
from app.render.items import A4_MM, ItemSpec, draw_stamp, flatten, logo_image, png_bytes
from app.render.logos import icon_char
from app.render.photo import MIN_PRINT_DPI, prepare_photo, print_fit
from app.render.text import fit_text
from app.render.theme import Theme, get_theme
from app.render.units import PRINT_DPI, mm_to_px, px_to_mm

PNG_SIZE = (1080, 1350)
A4_SAFE_MM = 12.0
HEADER_SHARE = 0.2
FOOTER_SHARE = 0.15
ROW_GAP_SHARE = 0.18  # of a row's height
MAX_ROW_SHARE = 0.2  # of the page: a short menu gets big rows, not a blank half page
NAME_SHARE = 0.6  # of the row width, for the name column
PRICE_SHARE = 0.62  # of the row height: the price above, its unit under it


def photo_usable_on_menu(photo, rows: int, dpi: int = PRINT_DPI) -> bool:
    """Tell whether a photo is sharp enough for its thumbnail on the A4 menu."""
    h_mm = _row_h_mm(rows)
    return print_fit(photo, h_mm, h_mm, MIN_PRINT_DPI).usable


def _row_h_mm(rows: int) -> float:
    """Return the height of a product row (and its square photo) on the A4 menu, in mm."""
    body = A4_MM[1] * (1 - HEADER_SHARE - FOOTER_SHARE) - 2 * A4_SAFE_MM
    return min(body / max(1, rows), A4_MM[1] * MAX_ROW_SHARE) * (1 - ROW_GAP_SHARE)


def first_row_mm(rows: int) -> tuple[float, float, float]:
    """Return (x, y, side) in mm of the first row's photo square on the A4 menu."""
    return A4_SAFE_MM, A4_MM[1] * HEADER_SHARE + A4_SAFE_MM, _row_h_mm(rows)


def _layout(
    c,
    spec: ItemSpec,
    t: Theme,
    w: int,
    h: int,
    m: int,
    min_text: int,
    print_mm_per_px: float | None,
) -> None:
    b = spec.business
    head_h = round(h * HEADER_SHARE)
    c.rect((0, 0, w, head_h), t.surface)
    logo = logo_image(spec, round(w * 0.5), head_h - 2 * m)
    c.image_at(
        flatten(logo, t.surface) if print_mm_per_px else logo, (m, (head_h - logo.height) // 2)
    )
    title = fit_text(
        spec.menu_title,
        w - 3 * m - logo.width,
        head_h - 2 * m,
        "display-bold",
        max_size=round(head_h * 0.32),
        min_size=min_text,
        max_lines=2,
        align="right",
        valign="middle",
    )
    c.text(title, (2 * m + logo.width, m), t.primary)
    foot_h = round(h * FOOTER_SHARE)
    body_top, body_bottom = head_h + m, h - foot_h - m
    products = b.products
    n = max(1, len(products))
    row_pitch = min((body_bottom - body_top) / n, h * MAX_ROW_SHARE)
    row_h = round(row_pitch * (1 - ROW_GAP_SHARE))
    inner = w - 2 * m
    any_photo = any(p.photo is not None for p in products)
    text_w = w - 2 * m - ((row_h + m // 2) if any_photo else 0)
    sizes = _row_sizes(products, text_w, row_h, m, min_text)
    for i, p in enumerate(products):
        y = round(body_top + i * row_pitch)
        x = m
        if any_photo:
            usable = p.photo is not None and (
                print_mm_per_px is None
                or print_fit(p.photo, row_h * print_mm_per_px, row_h * print_mm_per_px).usable
            )
            if usable:
                c.image_at(prepare_photo(p.photo, row_h, row_h), (x, y))
            else:
                c.rect((x, y, x + row_h, y + row_h), t.surface, radius=row_h // 8)
                ic = fit_text(
                    icon_char(spec.icon),
                    row_h,
                    row_h,
                    "icons",
                    max_size=round(row_h * 0.6),
                    min_size=min_text,
                    max_lines=1,
                    align="center",
                    valign="middle",
                )
                c.text(ic, (x, y), t.primary)
            x += row_h + m // 2
        _row_text(c, p, t, (x, y, w - m - x, row_h), m, min_text, sizes)
        # A hairline between rows, in the surface colour.
        rule_y = round(y + row_h + (row_pitch - row_h) / 2)
        if i < len(products) - 1:
            c.rect((m, rule_y, m + inner, rule_y + max(1, row_h // 40)), t.surface)
    # Footer: QR, how to order, the number.
    c.rect((0, h - foot_h, w, h), t.primary)
    qr_side = foot_h - m
    fx = m
    if spec.qr_url:
        c.rect(
            (m - m // 4, h - foot_h + m // 4, m + qr_side + m // 4, h - m // 4),
            "#FFFFFF",
            radius=m // 4,
        )
        c.qr(spec.qr_url, (m, h - foot_h + m // 2), qr_side)
        fx = 2 * m + qr_side
    phone = phone_local(b.whatsapp)
    stamp_h = round(foot_h * 0.3) if spec.stamp else 0
    text = f"{b.cta}\n{phone}" if phone else b.cta
    lay = fit_text(
        text,
        w - m - fx,
        foot_h - m - stamp_h,
        "display-bold",
        max_size=round(foot_h * 0.3),
        min_size=min_text,
        max_lines=3,
        valign="middle",
    )
    c.text(lay, (fx, h - foot_h + m // 2), t.on_primary)
    draw_stamp(c, (fx, h - stamp_h - m // 4, w - m, h - m // 4), spec.stamp)


def _row_boxes(box_w: int, row_h: int, m: int) -> tuple[int, int, int]:
    """Return (name width, price width, price height) of a product row."""
    price_w = round(box_w * (1 - NAME_SHARE))
    return box_w - price_w - m // 2, price_w, round(row_h * PRICE_SHARE)


def _row_sizes(products, box_w: int, row_h: int, m: int, min_text: int) -> tuple[int, int]:
    """Return one name size and one price size for every row: a menu reads as one list."""
    name_w, price_w, price_h = _row_boxes(box_w, row_h, m)
    names, prices = [round(row_h * 0.34)], [round(row_h * 0.4)]
    for p in products:
        names.append(_name(p.name, name_w, row_h, names[0], min_text).size)
        if p.price_idr is not None:
            prices.append(_price(rupiah(p.price_idr), price_w, price_h, prices[0], min_text).size)
    return min(names), min(prices)


def _name(text, w, h, size, min_text):
    return fit_text(text, w, h, "text-bold", max_size=size, min_size=min_text, max_lines=3,
                    valign="middle")  # fmt: skip


def _price(text, w, h, size, min_text):
    # One line: "Rp12.000" never breaks; it shrinks instead.
    return fit_text(text, w, h, "display-bold", max_size=size, min_size=min_text, max_lines=1,
                    align="right", valign="bottom")  # fmt: skip


def _row_text(c, p, t: Theme, box, m: int, min_text: int, sizes: tuple[int, int]) -> None:
    """Draw a product's name on the left and its price (unit under it) on the right."""
    x, y, box_w, row_h = box
    name_w, price_w, price_h = _row_boxes(box_w, row_h, m)
    c.text(_name(p.name, name_w, row_h, sizes[0], min_text), (x, y), t.text)
    if p.price_idr is None:
        return
    c.text(_price(rupiah(p.price_idr), price_w, price_h, sizes[1], min_text),
           (x + box_w - price_w, y), t.primary)  # fmt: skip
    if p.unit:
        unit = p.unit if p.unit.lower().startswith("per ") else f"per {p.unit}"
        lay = fit_text(unit, price_w, row_h - price_h, "text-regular",
                       max_size=max(min_text, round(sizes[1] * 0.55)), min_size=min_text,
                       max_lines=2, align="right")  # fmt: skip
        c.text(lay, (x + box_w - price_w, y + price_h), t.muted)


def menu_pdf(spec: ItemSpec) -> bytes:
    """Render the A4 daftar menu / daftar harga as PDF."""
    t = get_theme(spec.business.theme)
    c = PdfCanvas(*A4_MM, t.background, PRINT_DPI)
    w, h = mm_to_px(A4_MM[0]), mm_to_px(A4_MM[1])
    _layout(c, spec, t, w, h, mm_to_px(A4_SAFE_MM), mm_to_px(2.6), px_to_mm(1))
    return c.output()


def menu_png(spec: ItemSpec) -> bytes:
    """Render the daftar menu as a 1080×1350 image to share."""
    t = get_theme(spec.business.theme)
    c = RasterCanvas(*PNG_SIZE, t.background)
    _layout(c, spec, t, *PNG_SIZE, 48, 26, None)
    return png_bytes(c.image)
