"""PDF fonts: parsed once per process, shared by every document, each PDF still complete."""

from __future__ import annotations

import io

from fpdf import FPDF
from pypdf import PdfReader

from app.render import fonts
from app.render.fonts import add_pdf_font, pdf_font_path


def _document(text: str) -> bytes:
    pdf = FPDF()
    add_pdf_font(pdf, "text", pdf_font_path("text-regular"))
    add_pdf_font(pdf, "text", pdf_font_path("text-bold"), "B")
    pdf.add_page()
    pdf.set_font("text", "", 14)
    pdf.cell(text=text)
    pdf.set_font("text", "B", 14)
    pdf.cell(text="Rp15.000")
    return bytes(pdf.output())


def test_fonts_are_parsed_once_and_every_pdf_embeds_its_own_subset():
    _document("pemanasan")
    parsed = fonts._parsed_pdf_font.cache_info().misses
    first, second = _document("Keripik tempe"), _document("Gula aren asli")
    assert fonts._parsed_pdf_font.cache_info().misses == parsed  # nothing parsed again
    for pdf, words in ((first, "Keripik tempe"), (second, "Gula aren asli")):
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        assert words in page.extract_text() and "Rp15.000" in page.extract_text()
        embedded = {font.get_object()["/BaseFont"] for font in page["/Resources"]["/Font"].values()}
        assert len(embedded) == 2


def test_a_document_does_not_change_the_shared_font():
    _document("abc")
    proto = fonts._parsed_pdf_font(str(pdf_font_path("text-regular")))
    glyphs = len(proto.ttfont.getGlyphOrder())
    _document("xyz ÀÉÎ")
    assert len(proto.ttfont.getGlyphOrder()) == glyphs  # subsetting worked on a copy
