"""Hang tags (50×90 mm, with a hole mark) for non-food goods: 9 per A4, a page per product."""

from __future__ import annotations

from collections.abc import Callable

from app.render.canvas import PdfCanvas
from app.render.formatting import price_label
from app.render.items import A4_MM, ItemSpec, crop_marks, draw_stamp, logo_fit
from app.render.qr import MIN_MODULE_MM, module_size_mm
from app.render.spec import ProductSpec
from app.render.text import fit_text
from app.render.theme import Theme, get_theme
from app.render.units import PRINT_DPI, mm_to_px, px_to_mm

TAG_MM = (50.0, 90.0)
COLS, ROWS = 3, 3  # 4 across leaves no printable margin for the crop marks
SAFE_MM = 3.5
HOLE_MM = 5.0  # punch diameter
HOLE_TOP_MM = 7.0  # centre of the hole from the top edge
HOLE_LINE_MM = 0.3
QR_MM = 24.0
MIN_TEXT_PX = mm_to_px(1.9)
STAMP_MM = 5.0


def _grid() -> tuple[list[float], list[float]]:
    w, h = TAG_MM
    x0 = (A4_MM[0] - COLS * w) / 2
    y0 = (A4_MM[1] - ROWS * h) / 2
    return [x0 + i * w for i in range(COLS + 1)], [y0 + j * h for j in range(ROWS + 1)]


def _hole(c: PdfCanvas, x_mm: float, y_mm: float) -> None:
    """Draw the punch mark: a white disc with a thin dark ring, as wide as the hole."""
    pdf = c.pdf
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(40, 40, 40)
    pdf.set_line_width(HOLE_LINE_MM)
    pdf.circle(x_mm, y_mm, HOLE_MM / 2, style="DF")


def _tag(c: PdfCanvas, spec: ItemSpec, product: ProductSpec, t: Theme, ox: int, oy: int) -> None:
    """Draw one tag with its top-left at (ox, oy) px."""
    w, h = mm_to_px(TAG_MM[0]), mm_to_px(TAG_MM[1])
    m = mm_to_px(SAFE_MM)
    c.rect((ox, oy, ox + w, oy + h), t.background)
    # Top: a primary cap with the hole mark (a ring to punch through).
    cap_h = mm_to_px(HOLE_TOP_MM * 2)
    c.rect((ox + m // 2, oy + m // 2, ox + w - m // 2, oy + cap_h), t.primary, radius=m // 2)
    cx, cy = ox + w // 2, oy + mm_to_px(HOLE_TOP_MM)
    _hole(c, cx * c.k, cy * c.k)
    y = oy + cap_h + m // 2
    logo = logo_fit(spec, w - 2 * m, mm_to_px(16))
    c.scene(logo, (ox + (w - logo.width) // 2, y))
    y += logo.height + m // 2
    qr_side = mm_to_px(QR_MM) if spec.qr_url else 0
    stamp_h = mm_to_px(STAMP_MM) if spec.stamp else 0
    bottom = oy + h - m - qr_side - stamp_h
    price = price_label(product.price_idr, product.unit)
    price_h = mm_to_px(9) if price else 0
    name_h = bottom - y - price_h
    name = fit_text(
        product.name,
        w - 2 * m,
        name_h,
        "display-bold",
        max_size=mm_to_px(5),
        min_size=MIN_TEXT_PX,
        max_lines=4,
        align="center",
        valign="middle",
    )
    c.text(name, (ox + m, y), t.text)
    if price:
        lay = fit_text(
            price,
            w - 2 * m,
            price_h,
            "display-bold",
            max_size=mm_to_px(5.5),
            min_size=MIN_TEXT_PX,
            max_lines=1,
            align="center",
            valign="middle",
        )
        c.text(lay, (ox + m, y + name_h), t.primary)
    if spec.qr_url:
        c.qr(spec.qr_url, (ox + (w - qr_side) // 2, oy + h - m - qr_side - stamp_h), qr_side)
        if module_size_mm(spec.qr_url, px_to_mm(qr_side)) < MIN_MODULE_MM:
            raise ValueError("QR too dense for a hang tag")
    draw_stamp(c, (ox + m, oy + h - m - stamp_h, ox + w - m, oy + h - m), spec.stamp)


def _repeat(c: PdfCanvas, draw: Callable[[], None], offsets_mm: list[tuple[float, float]]) -> None:
    """Run draw() once and repeat the operators it wrote at each offset (mm) on the page.

    The nine tags of a sheet are the same drawing: laying out and writing it once and
    copying its operators under a translation gives the same page (real text, the same
    fonts and forms, already registered on this page by the first) for a ninth of the work.
    The first drawing runs in a local graphics context, so every copy starts from the same
    state as the first did.
    """
    pdf = c.pdf
    contents = pdf.pages[pdf.page].contents
    if not isinstance(contents, bytearray):  # not fpdf2's plain page buffer: draw each
        draw()
        for dx, dy in offsets_mm:
            with pdf.local_context():
                pdf._out(f"1 0 0 1 {dx * pdf.k:.4f} {-dy * pdf.k:.4f} cm")  # noqa: SLF001
                draw()
        return
    with pdf.local_context():
        start = len(contents)
        draw()
        ops = bytes(contents[start:]).rstrip(b"\n")
    for dx, dy in offsets_mm:
        pdf._out(b"q 1 0 0 1 %.4f %.4f cm\n%s\nQ" % (dx * pdf.k, -dy * pdf.k, ops))  # noqa: SLF001


def tag_pdf(spec: ItemSpec) -> bytes:
    """Render hang tags: one A4 page of 9 per product, with crop marks."""
    t = get_theme(spec.business.theme)
    c = PdfCanvas(*A4_MM, "#FFFFFF", PRINT_DPI)
    xs, ys = _grid()
    products = spec.products or (ProductSpec(name=spec.business.name),)
    x0, y0 = mm_to_px(xs[0]), mm_to_px(ys[0])
    offsets = [
        ((mm_to_px(xs[col]) - x0) * c.k, (mm_to_px(ys[row]) - y0) * c.k)
        for row in range(ROWS)
        for col in range(COLS)
    ]
    for n, product in enumerate(products):
        if n:
            c.pdf.add_page()
        _repeat(c, lambda p=product: _tag(c, spec, p, t, x0, y0), offsets[1:])
        crop_marks(c.pdf, xs, ys)
    return c.output()
