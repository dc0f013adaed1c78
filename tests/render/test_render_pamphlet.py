"""Pamphlets and stall signs: sizes, page sizes, QRs that decode after sharing."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from PIL import Image
from pypdf import PdfReader

from app.render.pamphlet import pamphlet_a5_pdf, pamphlet_png, render_pamphlet
from app.render.sign import qr_sign_pdf
from app.render.spec import PamphletSpec, SignSpec
from tests.render.render_helpers import URL, decode, pdf_pages

PT_TO_MM = 25.4 / 72


def _page_mm(pdf: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return float(box.width) * PT_TO_MM, float(box.height) * PT_TO_MM


def _shared(img: Image.Image) -> Image.Image:
    """Simulate WhatsApp: half size, JPEG quality 60."""
    small = img.resize((img.width // 2, img.height // 2), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    small.save(buf, format="JPEG", quality=60)
    return Image.open(io.BytesIO(buf.getvalue()))


@pytest.mark.parametrize(("fmt", "size"), [("square", (1080, 1080)), ("story", (1080, 1920))])
@pytest.mark.parametrize("which", ["normal", "long"])
def test_pamphlet_size_and_qr(pamphlet_spec, long_business, fmt, size, which):
    spec = pamphlet_spec if which == "normal" else PamphletSpec(long_business, URL)
    img = render_pamphlet(spec, fmt)
    assert img.size == size
    assert decode(img) == [URL]
    assert decode(_shared(img)) == [URL]
    png = Image.open(io.BytesIO(pamphlet_png(spec, fmt)))
    assert png.size == size


def test_pamphlet_without_qr_or_products(business):
    spec = PamphletSpec(replace(business, products=(), whatsapp=None), None)
    assert decode(render_pamphlet(spec, "square")) == []


def test_broken_photo_is_ignored(business):
    render_pamphlet(PamphletSpec(business, URL, b"not an image"), "story")


@pytest.mark.parametrize(("bleed", "size"), [(False, (148, 210)), (True, (154, 216))])
def test_a5_pdf_page_size_and_qr(pamphlet_spec, bleed, size):
    pdf = pamphlet_a5_pdf(pamphlet_spec, bleed=bleed)
    assert _page_mm(pdf) == pytest.approx(size, abs=0.05)
    assert decode(pdf_pages(pdf, dpi=150)[0]) == [URL]


@pytest.mark.parametrize("template", ["daftar", "foto", "sorot", "tebal"])
def test_a5_text_stays_inside_safe_area(pamphlet_spec, template):
    from app.render.pamphlet import BLEED_MM, SAFE_MM

    pdf = pamphlet_a5_pdf(pamphlet_spec, bleed=True, template=template)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    xs = []
    page.extract_text(visitor_text=lambda t, cm, tm, *_: xs.append(tm[4]) if t.strip() else None)
    assert xs and min(xs) * PT_TO_MM >= BLEED_MM + SAFE_MM - 0.5


@pytest.mark.parametrize(("size", "mm"), [("A6", (105, 148)), ("A5", (148, 210))])
@pytest.mark.parametrize("which", ["normal", "long"])
def test_sign_pdf(business, long_business, size, mm, which):
    spec = SignSpec(business if which == "normal" else long_business, URL)
    pdf = qr_sign_pdf(spec, size)
    assert _page_mm(pdf) == pytest.approx(mm, abs=0.05)
    page = pdf_pages(pdf, dpi=150)[0]
    assert decode(page) == [URL]
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Scan untuk lihat menu & pesan" in text
