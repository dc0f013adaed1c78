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

    pdf.set_font("text", "B", TITLE_PT * scale)
    pdf.multi_cell(inner, TITLE_PT * scale * 0.5, spec.title, align="C")
    if spec.subtitle:
        pdf.set_font("text", "", SUBTITLE_PT * scale)
        pdf.multi_cell(inner, SUBTITLE_PT * scale * 0.5, spec.subtitle, align="C")
    qr_mm = width * QR_FRACTION
    assert qr_mm / qr_modules(spec.url) >= MIN_MODULE_MM  # the layout keeps modules scannable
    pdf.ln(4 * scale)
    pdf.image(qr_image(spec.url, module_px=QR_MODULE_PX), x=(width - qr_mm) / 2, w=qr_mm)
    pdf.set_font("text", "B", SUBTITLE_PT * scale)
    pdf.multi_cell(inner, SUBTITLE_PT * scale * 0.5, "Pindai untuk melihat dan memesan",
                   align="C")  # fmt: skip
    pdf.set_font("text", "", URL_PT * scale)
    pdf.multi_cell(inner, URL_PT * scale * 0.5, spec.url, align="C")
    for trade, entries in spec.groups:
        pdf.ln(4 * scale)
        pdf.set_font("text", "B", HEADING_PT * scale)
        pdf.multi_cell(inner, HEADING_PT * scale * 0.5, trade)
        for entry in entries:
            pdf.set_font("text", "", ENTRY_PT * scale)
            pdf.multi_cell(inner, ENTRY_PT * scale * 0.5, "• " + entry.name)
    return bytes(pdf.output())
