"""The desa poster: one QR to the village catalogue and the list of its businesses (A4 or A3).

Pure: a PosterSpec in, PDF bytes out. Sizes in millimetres; text scales with the paper so
an A3 poster is an enlarged A4 one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fpdf import FPDF

from app.render.fonts import font_path
from app.render.qr import MIN_MODULE_MM, qr_image, qr_modules

PAGE_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
MARGIN_FRACTION = 0.07  # of the page width
QR_FRACTION = 0.55  # of the page width: scannable from a few steps away on a wall
TITLE_PT, SUBTITLE_PT, HEADING_PT, ENTRY_PT, URL_PT = 34, 18, 18, 15, 12  # on A4
QR_MODULE_PX = 12
LINE_MM_PER_PT = 0.5  # line height: about 1.4 times the glyph height


@dataclass(frozen=True)
class PosterEntry:
    """One business: its name and page."""

    name: str
    url: str


@dataclass(frozen=True)
class PosterSpec:
    """What a desa poster shows."""

    title: str
    subtitle: str
    url: str
    groups: list[tuple[str, list[PosterEntry]]] = field(default_factory=list)
    size: str = "A4"


def poster_pdf(spec: PosterSpec) -> bytes:
    """Render the poster as PDF bytes: title, the catalogue's QR, businesses by trade."""
    width, height = PAGE_MM[spec.size]
    scale = width / PAGE_MM["A4"][0]
    margin = width * MARGIN_FRACTION
    pdf = FPDF(unit="mm", format=(width, height))
    pdf.set_margins(margin, margin, margin)
    pdf.set_auto_page_break(True, margin)
    pdf.add_font("text", "", str(font_path("text-regular")))
    pdf.add_font("text", "B", str(font_path("text-bold")))
    pdf.add_page()
    inner = width - 2 * margin

    def line(text: str, points: float, style: str = "", align: str = "L") -> None:
        pdf.set_font("text", style, points * scale)
        pdf.multi_cell(
            inner, points * scale * LINE_MM_PER_PT, text, align=align, new_x="LMARGIN", new_y="NEXT"
        )

    line(spec.title, TITLE_PT, "B", "C")
    if spec.subtitle:
        line(spec.subtitle, SUBTITLE_PT, "", "C")
    qr_mm = width * QR_FRACTION
    assert qr_mm / qr_modules(spec.url) >= MIN_MODULE_MM  # the layout keeps modules scannable
    pdf.ln(4 * scale)
    pdf.image(qr_image(spec.url, module_px=QR_MODULE_PX), x=(width - qr_mm) / 2, w=qr_mm)
    line("Pindai untuk melihat dan memesan", SUBTITLE_PT, "B", "C")
    line(spec.url, URL_PT, "", "C")
    for trade, entries in spec.groups:
        pdf.ln(4 * scale)
        line(trade, HEADING_PT, "B")
        for entry in entries:
            line("• " + entry.name, ENTRY_PT)
    return bytes(pdf.output())
