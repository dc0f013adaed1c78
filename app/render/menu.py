"""Daftar menu / daftar harga: an A4 PDF for the stall and a 1080×1350 PNG to share."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from app.render.canvas import PdfCanvas, RasterCanvas
from app.render.formatting import phone_local, rupiah
from app.render.items import A4_MM, ItemSpec, draw_stamp, logo_fit
from app.render.logomark import WORDMARK_ROLE, logo_mark
from app.render.logos import DEFAULT_STYLE, STYLES, icon_char
from app.render.photo import MIN_PRINT_DPI, prepare_photo, print_fit
from app.render.png import png_bytes
from app.render.text import fit_text
from app.render.theme import Theme, get_theme
from app.render.units import PRINT_DPI, mm_to_px, px_to_mm

PNG_SIZE = (1080, 1350)
A4_SAFE_MM = 12.0
MIN_TEXT_MM = 2.6  # ~7.4 pt on the A4
PNG_MARGIN = 48
PNG_MIN_TEXT = 26
HEADER_SHARE = 0.2
FOOTER_SHARE = 0.15
ROW_GAP_SHARE = 0.18  # of a row's height
MAX_ROW_SHARE = 0.2  # of the page: a short menu gets big rows, not a blank half page
NAME_SHARE = 0.6  # of the row width, for the name column
PRICE_SHARE = 0.62  # of the row height: the price above, its unit under it
LOGO_SHARE = 0.5  # the logo's most share of the width in the header
TITLE_SHARE = 0.32  # the title's size, share of the header's height
WORDMARK_SHARE = 0.6  # the name beside a round or square mark, share of the header's inside
ICON_SHARE = 0.6  # the trade icon in a photo-less square
HEAD_SHARE = 0.55  # a group heading's height, share of a row's pitch
HEAD_TEXT_SHARE = 0.7  # its text; the accent rule sits under it, clear of the first row
STAMP_SHARE = 0.3  # of the footer, for the CONTOH band
CALL_SHARE = 0.3  # the call's size, share of the footer's height
UNIT_SIZE_SHARE = 0.55  # the unit under a price, share of the price size
# Groups on a menu with more than one kind of product (ProductSpec.kind).
KIND_ORDER = ("food", "fresh", "goods", "service")
GROUP_TITLES = {
    "food": "Makanan & minuman",
    "fresh": "Hasil segar",
    "goods": "Barang",
    "service": "Jasa",
}
GROUP_OTHER = "Lainnya"


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


@dataclass(frozen=True)
class _Page:
    """The menu's canvas in px: size, margin, smallest text, mm per px on paper (None: screen)."""

    w: int
    h: int
    m: int
    min_text: int
    print_mm_per_px: float | None


def groups(products) -> list[tuple[str, list]]:
    """Return the products grouped by kind, in KIND_ORDER; one group needs no heading."""
    by_kind: dict[str, list] = {}
    for p in products:
        by_kind.setdefault(p.kind if p.kind in GROUP_TITLES else "", []).append(p)
    order = [k for k in (*KIND_ORDER, "") if k in by_kind]
    if len(order) == 1:
        return [("", by_kind[order[0]])]
    return [(GROUP_TITLES.get(k, GROUP_OTHER), by_kind[k]) for k in order]


def _header(c, spec: ItemSpec, t: Theme, pg: _Page) -> int:
    """Draw the logo and the title band; return its height.

    A wide logo carries the name; a square style shows its mark (no name inside: the
    stacked and framed names would read twice) with the name beside it in the logo's
    own letters, and the title under the name.
    """
    head_h = round(pg.h * HEADER_SHARE)
    inner = head_h - 2 * pg.m
    c.rect((0, 0, pg.w, head_h), t.surface)
    style = spec.logo_style if spec.logo_style in STYLES else DEFAULT_STYLE
    wide = STYLES[style].wide
    logo = logo_fit(spec, round(pg.w * LOGO_SHARE), inner) if wide else _mark(spec, style, inner)
    c.scene(logo, (pg.m, (head_h - logo.height) // 2))
    x = 2 * pg.m + logo.width
    room, top, colour = pg.w - pg.m - x, pg.m, t.primary
    if not wide:
        name_h = round(inner * WORDMARK_SHARE)
        name = fit_text(
            spec.business.display_name,
            room,
            name_h,
            WORDMARK_ROLE.get(style, "display-bold"),
            max_size=round(head_h * TITLE_SHARE),
            min_size=pg.min_text,
            max_lines=2,
            align="right",
            valign="bottom",
        )
        c.text(name, (x, pg.m), t.primary)
        top, colour = pg.m + name_h, t.text
    title = fit_text(
        spec.menu_title,
        room,
        inner - (top - pg.m),
        "display-bold",
        max_size=round(head_h * TITLE_SHARE),
        min_size=pg.min_text,
        max_lines=2,
        align="right",
        valign="middle",
    )
    c.text(title, (x, top), colour)
    return head_h


@lru_cache(maxsize=8)
def _mark_cached(logo, style: str, side: int):
    return logo_mark(logo, style, side)


def _mark(spec: ItemSpec, style: str, side: int):
    """Return a square logo style's mark (its monogram, framed icon or stamp) side px high."""
    return _mark_cached(spec.logo(), style, max(1, side))


def _thumb(c, spec: ItemSpec, t: Theme, pg: _Page, p, xy, side: int) -> None:
    """Draw a product's photo, or the trade icon when it has none or it is too small."""
    x, y = xy
    mm = pg.print_mm_per_px
    usable = p.photo is not None and (mm is None or print_fit(p.photo, side * mm, side * mm).usable)
    if usable:
        c.image_at(prepare_photo(p.photo, side, side), (x, y))
        return
    c.rect((x, y, x + side, y + side), t.surface, radius=side // 8)
    ic = fit_text(
        icon_char(spec.icon),
        side,
        side,
        "icons",
        max_size=round(side * ICON_SHARE),
        min_size=pg.min_text,
        max_lines=1,
        align="center",
        valign="middle",
    )
    c.text(ic, (x, y), t.primary)


def _group_head(c, t: Theme, pg: _Page, title: str, y: int, pitch: float) -> None:
    """Draw a group's heading over a short accent rule."""
    h = round(pitch * HEAD_SHARE)
    lay = fit_text(
        title,
        pg.w - 2 * pg.m,
        h,
        "display-bold",
        max_size=round(h * 0.6),
        min_size=pg.min_text,
        max_lines=1,
        valign="bottom",
    )
    c.text(lay, (pg.m, y), t.primary)
    c.rect((pg.m, y + h, pg.m + pg.w // 6, y + h + max(2, h // 12)), t.accent)


def _body(c, spec: ItemSpec, t: Theme, pg: _Page, span: tuple[int, int]) -> None:
    """Draw the products, grouped, one row each, between span's top and bottom."""
    products = spec.business.products
    grouped = groups(products)
    heads = sum(1 for title, _ in grouped if title)
    units = max(1, len(products)) + heads * HEAD_SHARE
    pitch = min((span[1] - span[0]) / units, pg.h * MAX_ROW_SHARE)
    row_h = round(pitch * (1 - ROW_GAP_SHARE))
    any_photo = any(p.photo is not None for p in products)
    text_w = pg.w - 2 * pg.m - ((row_h + pg.m // 2) if any_photo else 0)
    sizes = _row_sizes(products, text_w, row_h, pg.m, pg.min_text)
    y = float(span[0])
    for title, members in grouped:
        if title:
            _group_head(c, t, pg, title, round(y), pitch)
            y += pitch * HEAD_SHARE
        for i, p in enumerate(members):
            x = pg.m
            if any_photo:
                _thumb(c, spec, t, pg, p, (x, round(y)), row_h)
                x += row_h + pg.m // 2
            _row_text(c, p, t, (x, round(y), pg.w - pg.m - x, row_h), pg.m, pg.min_text, sizes)
            rule_y = round(y + row_h + (pitch - row_h) / 2)
            if i < len(members) - 1:  # a hairline between rows, in the surface colour
                c.rect((pg.m, rule_y, pg.w - pg.m, rule_y + max(1, row_h // 40)), t.surface)
            y += pitch


def _footer(c, spec: ItemSpec, t: Theme, pg: _Page) -> None:
    """Draw the order band: QR, how to order, the number, and the stamp when asked."""
    w, h, m = pg.w, pg.h, pg.m
    b = spec.business
    foot_h = round(h * FOOTER_SHARE)
    c.rect((0, h - foot_h, w, h), t.primary)
    qr_side = foot_h - m
    fx = m
    if spec.qr_url:
        quiet = (m - m // 4, h - foot_h + m // 4, m + qr_side + m // 4, h - m // 4)
        c.rect(quiet, "#FFFFFF", radius=m // 4)
        c.qr(spec.qr_url, (m, h - foot_h + m // 2), qr_side)
        fx = 2 * m + qr_side
    phone = phone_local(b.whatsapp)
    stamp_h = round(foot_h * STAMP_SHARE) if spec.stamp else 0
    lay = fit_text(
        f"{b.cta}\n{phone}" if phone else b.cta,
        w - m - fx,
        foot_h - m - stamp_h,
        "display-bold",
        max_size=round(foot_h * CALL_SHARE),
        min_size=pg.min_text,
        max_lines=3,
        valign="middle",
    )
    c.text(lay, (fx, h - foot_h + m // 2), t.on_primary)
    draw_stamp(c, (fx, h - stamp_h - m // 4, w - m, h - m // 4), spec.stamp)


def _layout(c, spec: ItemSpec, t: Theme, pg: _Page) -> None:
    """Header, grouped product rows, order band."""
    head_h = _header(c, spec, t, pg)
    foot_h = round(pg.h * FOOTER_SHARE)
    _body(c, spec, t, pg, (head_h + pg.m, pg.h - foot_h - pg.m))
    _footer(c, spec, t, pg)


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
    return fit_text(
        text, w, h, "text-bold", max_size=size, min_size=min_text, max_lines=3, valign="middle"
    )


def _price(text, w, h, size, min_text):
    # One line: "Rp12.000" never breaks; it shrinks instead.
    return fit_text(
        text,
        w,
        h,
        "display-bold",
        max_size=size,
        min_size=min_text,
        max_lines=1,
        align="right",
        valign="bottom",
    )


def _row_text(c, p, t: Theme, box, m: int, min_text: int, sizes: tuple[int, int]) -> None:
    """Draw a product's name on the left and its price (unit under it) on the right."""
    x, y, box_w, row_h = box
    name_w, price_w, price_h = _row_boxes(box_w, row_h, m)
    c.text(_name(p.name, name_w, row_h, sizes[0], min_text), (x, y), t.text)
    if p.price_idr is None:
        return
    price = _price(rupiah(p.price_idr), price_w, price_h, sizes[1], min_text)
    c.text(price, (x + box_w - price_w, y), t.primary)
    if p.unit:
        unit = p.unit if p.unit.lower().startswith("per ") else f"per {p.unit}"
        lay = fit_text(
            unit,
            price_w,
            row_h - price_h,
            "text-regular",
            max_size=max(min_text, round(sizes[1] * UNIT_SIZE_SHARE)),
            min_size=min_text,
            max_lines=2,
            align="right",
        )
        c.text(lay, (x + box_w - price_w, y + price_h), t.muted)


def menu_pdf(spec: ItemSpec) -> bytes:
    """Render the A4 daftar menu / daftar harga as PDF."""
    t = get_theme(spec.business.theme)
    c = PdfCanvas(*A4_MM, t.background, PRINT_DPI)
    w, h = mm_to_px(A4_MM[0]), mm_to_px(A4_MM[1])
    _layout(c, spec, t, _Page(w, h, mm_to_px(A4_SAFE_MM), mm_to_px(MIN_TEXT_MM), px_to_mm(1)))
    return c.output()


def menu_png(spec: ItemSpec) -> bytes:
    """Render the daftar menu as a 1080×1350 image to share."""
    t = get_theme(spec.business.theme)
    c = RasterCanvas(*PNG_SIZE, t.background)
    _layout(c, spec, t, _Page(*PNG_SIZE, PNG_MARGIN, PNG_MIN_TEXT, None))
    return png_bytes(c.image)
