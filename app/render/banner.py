"""Spanduk: an MMT banner at real size, vector text, a QR sized for its reading distance."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.render.canvas import PdfCanvas
from app.render.formatting import phone_local, rupiah
from app.render.items import ItemSpec, draw_stamp, logo_fit
from app.render.photo import MIN_BANNER_DPI, prepare_photo, print_fit
from app.render.print_items import Banner, load_print_items
from app.render.qr import MIN_MODULE_MM, module_size_mm
from app.render.text import fit_text
from app.render.theme import Theme, get_theme
from app.render.units import mm_to_px, px_to_mm

# Large-format printers print well at 72–150 dpi at final size; layout runs at 100.
BANNER_DPI = 100
QR_SHARE_OF_DISTANCE = 0.1  # a QR read from 2 m is ~20 cm wide
SAFE_SHARE = 0.04  # of the short side: eyelets and the hem take the edge
MAX_LISTED = 4  # products named on a banner: more cannot be read from the road
MIN_TEXT_MM = 12.0  # smallest letters on a banner: readable from a few metres
BAND_SHARE = 0.2  # the call-to-action band at the bottom
LOGO_SHARE = 0.42  # of the height above the band
NAME_SHARE = 0.36  # the name beside a square mark, share of the logo row's height
SCAN_MAX_MM = 60.0  # the scan line under the QR, at most
ROW_MAX_MM = 110.0  # a product row, at most
ROW_TEXT_SHARE = 0.55  # product text, share of its row
ROW_TEXT_MAX_MM = 70.0
PRICE_SHARE = 0.36  # the price column's share of the text width
CALL_SHARE = 0.6  # the call's size, share of the band
STAMP_MM = 70.0  # the CONTOH band's height over the band
PHOTO_SHARE = 0.34  # of the left column's width


class BannerPreset(Banner):
    """A banner size of print-items.toml ([banners.<key>]) with its key."""

    key: str


def load_banners(path: Path | None = None) -> tuple[dict[str, BannerPreset], str]:
    """Return the banner presets of print-items.toml and the default key."""
    items = load_print_items(path)
    presets = {key: BannerPreset(key=key, **b.model_dump()) for key, b in items.banners.items()}
    return presets, items.default_banner


def qr_width_mm(preset: BannerPreset) -> float:
    """Return the printed QR width for the preset's reading distance (capped by the height)."""
    want = preset.reading_distance_m * 1000 * QR_SHARE_OF_DISTANCE
    return min(want, preset.height_cm * 10 * 0.62)


@dataclass(frozen=True)
class _Geometry:
    """Where a banner's parts go, in px at BANNER_DPI."""

    w: int
    h: int
    m: int
    band_h: int
    qr_side: int
    col_x: int
    col_w: int
    left_w: int
    logo_h: int
    body_y: int
    body_h: int
    photo_w: int


def _geometry(p: BannerPreset) -> _Geometry:
    w, h = _px(p.width_cm * 10), _px(p.height_cm * 10)
    m = round(min(w, h) * SAFE_SHARE)
    band_h = round(h * BAND_SHARE)
    qr_side = _px(qr_width_mm(p))
    col_w = qr_side + 2 * m
    col_x = w - m - col_w
    left_w = col_x - 2 * m
    logo_h = round((h - band_h) * LOGO_SHARE)
    body_y = m + logo_h + m // 2
    body_h = h - band_h - m // 2 - body_y
    photo_w = round(left_w * PHOTO_SHARE)
    return _Geometry(
        w, h, m, band_h, qr_side, col_x, col_w, left_w, logo_h, body_y, body_h, photo_w
    )


def _px(mm: float) -> int:
    return mm_to_px(mm, BANNER_DPI)


def photo_box_mm(preset: BannerPreset) -> tuple[float, float]:
    """Return the printed size of the banner's photo (width, height in mm)."""
    g = _geometry(preset)
    return px_to_mm(g.photo_w, BANNER_DPI), px_to_mm(g.body_h, BANNER_DPI)


def _qr_column(c, spec: ItemSpec, t: Theme, g: _Geometry) -> None:
    """Draw the QR on a white card in the right column, the scan line under it."""
    m = g.m
    c.rect((g.col_x, m, g.col_x + g.col_w, g.h - g.band_h - m // 2), "#FFFFFF", radius=m)
    if spec.qr_url:
        c.qr(spec.qr_url, (g.col_x + m, m + m), g.qr_side)
        if module_size_mm(spec.qr_url, px_to_mm(g.qr_side, BANNER_DPI)) < MIN_MODULE_MM:
            raise ValueError("banner QR modules too small")
    scan_top = 2 * m + g.qr_side
    scan_bottom = _stamp_box(spec, g)[1] if spec.stamp else g.h - g.band_h - m
    scan = fit_text(
        spec.scan_line,
        g.col_w - 2 * m,
        scan_bottom - scan_top - m,
        "display-bold",
        max_size=_px(SCAN_MAX_MM),
        min_size=_px(MIN_TEXT_MM),
        max_lines=3,
        align="center",
        valign="middle",
    )
    c.text(scan, (g.col_x + m, scan_top), t.text)


def _logo_row(c, spec: ItemSpec, t: Theme, g: _Geometry) -> None:
    """Draw the logo; a round or square mark leaves room beside it for the name, big."""
    m = g.m
    logo = logo_fit(spec, g.left_w, g.logo_h)
    c.scene(logo, (m, m + (g.logo_h - logo.height) // 2))
    if logo.width < g.left_w / 2:
        name = fit_text(
            spec.business.display_name,
            g.left_w - logo.width - m,
            g.logo_h,
            "display-bold",
            max_size=round(g.logo_h * NAME_SHARE),
            min_size=_px(MIN_TEXT_MM),
            max_lines=3,
            valign="middle",
        )
        c.text(name, (2 * m + logo.width, m), t.primary)


def _photo(c, spec: ItemSpec, g: _Geometry) -> int:
    """Draw the first product photo at the right of the body when sharp enough; return its room."""
    photo = next((pr.photo for pr in spec.business.products if pr.photo), None)
    if photo is None or g.body_h <= 0:
        return 0
    pw = g.photo_w
    box_mm = px_to_mm(pw, BANNER_DPI), px_to_mm(g.body_h, BANNER_DPI)
    if not print_fit(photo, *box_mm, MIN_BANNER_DPI).usable:
        return 0
    c.image_at(prepare_photo(photo, pw, g.body_h), (g.m + g.left_w - pw, g.body_y))
    return pw + g.m


def _product_rows(c, spec: ItemSpec, t: Theme, g: _Geometry, text_w: int) -> None:
    """List the products with their prices, one row each, in the body."""
    listed = spec.business.products[:MAX_LISTED]
    if not listed or g.body_h <= 0:
        return
    m, min_text = g.m, _px(MIN_TEXT_MM)
    row_h = min(g.body_h // len(listed), _px(ROW_MAX_MM))
    size = min(round(row_h * ROW_TEXT_SHARE), _px(ROW_TEXT_MAX_MM))
    for i, pr in enumerate(listed):
        ry = g.body_y + i * row_h
        price = rupiah(pr.price_idr)
        price_w = round(text_w * PRICE_SHARE) if price else 0
        lay = fit_text(
            pr.name,
            text_w - price_w - m // 2,
            row_h,
            "text-bold",
            max_size=size,
            min_size=min_text,
            max_lines=2,
            valign="middle",
        )
        c.text(lay, (m, ry), t.text)
        if price:
            lay = fit_text(
                price,
                price_w,
                row_h,
                "display-bold",
                max_size=size,
                min_size=min_text,
                max_lines=1,
                align="right",
                valign="middle",
            )
            c.text(lay, (m + text_w - price_w, ry), t.primary)


def _call_band(c, spec: ItemSpec, t: Theme, g: _Geometry) -> None:
    """Draw the order band across the bottom."""
    b, m = spec.business, g.m
    c.rect((0, g.h - g.band_h, g.w, g.h), t.primary)
    phone = phone_local(b.whatsapp)
    lay = fit_text(
        f"{b.cta}: {phone}" if phone else b.cta,
        g.w - 2 * m,
        g.band_h - m,
        "display-bold",
        max_size=round(g.band_h * CALL_SHARE),
        min_size=_px(MIN_TEXT_MM),
        max_lines=1,
        align="center",
        valign="middle",
    )
    c.text(lay, (m, g.h - g.band_h + m // 2), t.on_primary)


def _stamp_box(spec: ItemSpec, g: _Geometry) -> tuple[int, int, int, int]:
    """Return where the CONTOH band goes: the foot of the QR card, never over the QR."""
    bottom = g.h - g.band_h - g.m // 2
    top = max(bottom - _px(STAMP_MM), 3 * g.m + g.qr_side)
    return g.col_x, top, g.col_x + g.col_w, bottom


def banner_pdf(spec: ItemSpec, preset: BannerPreset | str | None = None) -> bytes:
    """Render the spanduk at its real size as a one-page PDF."""
    presets, default = load_banners()
    p = preset if isinstance(preset, BannerPreset) else presets[preset or default]
    t = get_theme(spec.business.theme)
    g = _geometry(p)
    c = PdfCanvas(p.width_cm * 10, p.height_cm * 10, t.background, BANNER_DPI)
    _call_band(c, spec, t, g)
    _qr_column(c, spec, t, g)
    _logo_row(c, spec, t, g)
    _product_rows(c, spec, t, g, g.left_w - _photo(c, spec, g))
    # Last, so the QR card cannot hide it; its box stops under the QR, which stays clean.
    draw_stamp(c, _stamp_box(spec, g), spec.stamp)
    return c.output()
