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


def test_an_unopened_subset_saves_as_the_bytes_fonttools_would_write():
    from fontTools import ttLib

    for role in fonts.PDF_FONT_FILES:
        font = fonts._SharedFont(str(pdf_font_path(role)))
        font.use_subset(frozenset({"A", "a"}), None)
        ids = [font.getGlyphID(name) for name in font.getGlyphOrder()]
        assert ids == list(range(len(ids)))
        quick, rebuilt = io.BytesIO(), io.BytesIO()
        font.save(quick)
        ttLib.TTFont.save(font, rebuilt)
        assert quick.getvalue() == rebuilt.getvalue()


def test_the_glyph_order_is_worked_out_once_per_font(monkeypatch):
    from fontTools import ttLib

    _document("pemanasan")
    calls = []
    real = ttLib.TTFont.getGlyphOrder
    monkeypatch.setattr(ttLib.TTFont, "getGlyphOrder", lambda self: calls.append(1) or real(self))
    pdf = _document("Keripik tempe")
    assert calls == []
    assert "Keripik tempe" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
