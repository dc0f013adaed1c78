"""Large-print PDFs: A4 sizes in mm, no text under 14 pt, the business's data inside, no NIK."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.checklists import BusinessFacts, load_toolkits, plan_for
from app.render.bukukas_pdf import buku_kas_pdf
from app.render.checklist_pdf import MIN_FONT_PT, LargePrintPDF, checklists_pdf

TOOLKIT_DIR = Path(__file__).resolve().parents[2] / "toolkits"
TODAY = date(2026, 11, 27)
PT_PER_MM = 72 / 25.4
FONT_SIZE = re.compile(rb"/F\d+\s+(\d+(?:\.\d+)?)\s+Tf")
NIK = "3322114405800001"


@pytest.fixture(scope="module")
def toolkits():
    return load_toolkits(TOOLKIT_DIR, today=TODAY)


def business(**overrides) -> BusinessFacts:
    base = dict(
        trade="warung_makan",
        business_name="Bakso Pak Kumis",
        owner_name="Kumis",
        village="Tawang",
        district="Susukan",
        regency="Kabupaten Semarang",
        whatsapp="081234567890",
        capital_idr=1_500_000_000,
        annual_sales_idr=300_000_000,
    )
    base.update(overrides)
    return BusinessFacts(**base)


def page_sizes_mm(pdf: bytes) -> set[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(pdf))
    return {
        (
            round(float(p.mediabox.width) / PT_PER_MM, 1),
            round(float(p.mediabox.height) / PT_PER_MM, 1),
        )
        for p in reader.pages
    }


def font_sizes(pdf: bytes) -> set[float]:
    reader = PdfReader(io.BytesIO(pdf))
    sizes: set[float] = set()
    for page in reader.pages:
        sizes.update(float(m) for m in FONT_SIZE.findall(page.get_contents().get_data()))
    return sizes


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def checklist_pdf(toolkits) -> bytes:
    b = business()
    plan = plan_for(b, toolkits, TODAY)
    done = {("nib-oss", "cek-kelas-usaha"): date(2026, 11, 20)}
    return checklists_pdf(plan, done, b, TODAY)


def test_checklist_pdf_is_a4_portrait(checklist_pdf):
    assert checklist_pdf.startswith(b"%PDF")
    assert page_sizes_mm(checklist_pdf) == {(210.0, 297.0)}


def test_checklist_pdf_uses_no_text_under_14pt(checklist_pdf):
    sizes = font_sizes(checklist_pdf)
    assert sizes, "no font size found in the content streams"
    assert min(sizes) >= MIN_FONT_PT


def test_checklist_pdf_holds_the_business_data_warning_and_ticks(checklist_pdf):
    text = " ".join(text_of(checklist_pdf).split())
    assert "Bakso Pak Kumis" in text
    assert "Tawang, Susukan, Kabupaten Semarang" in text
    assert "Kelas usaha: Kecil" in text
    assert "PERHATIAN" in text and "bukan Mikro" in text
    assert "Sudah selesai pada 20 November 2026" in text
    assert "KTP asli (NIK dicocokkan di OSS)" in text
    assert "https://oss.go.id/" in text
    # The size warning is printed before the first NIB step.
    assert text.index("bukan Mikro") < text.index("1. Cek dulu kelas usaha")


def test_checklist_pdf_never_prints_a_nik(toolkits):
    b = BusinessFacts.from_mapping(
        {"trade": "kue", "business_name": f"Kue Bu Siti {NIK}", "nik": NIK, "capital_idr": 10}
    )
    pdf = checklists_pdf(plan_for(b, toolkits, TODAY), set(), b, TODAY)
    text = text_of(pdf)
    assert NIK not in text.replace(" ", "").replace("\n", "")
    assert "Kue Bu Siti" in text


def test_checklist_pdf_survives_odd_input(toolkits):
    b = business(
        business_name="Warung “Mbok Darmi” ꦩꦧꦺꦴꦏ꧀ → 😀 " + "sangat panjang " * 12,
        capital_idr=None,
        annual_sales_idr=None,
        nib_number="1234567890123",
    )
    pdf = checklists_pdf(plan_for(b, toolkits, TODAY), [("bookkeeping", "saldo-awal")], b, TODAY)
    assert page_sizes_mm(pdf) == {(210.0, 297.0)}
    assert min(font_sizes(pdf)) >= MIN_FONT_PT


def test_buku_kas_is_a4_landscape_large_print_with_weeks(toolkits):
    pdf = buku_kas_pdf("Bakso Pak Kumis", "November 2026", year=2026, month=11)
    assert page_sizes_mm(pdf) == {(297.0, 210.0)}
    assert min(font_sizes(pdf)) >= MIN_FONT_PT
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 6  # five weeks of November and the month summary
    text = " ".join(text_of(pdf).split())
    for word in ("Tanggal", "Keterangan", "Uang masuk", "Uang keluar", "Saldo"):
        assert word in text
    assert "JUMLAH MINGGU INI" in text and "JUMLAH BULAN INI" in text
    assert "Uang usaha dipisah dari uang rumah tangga" in text
    assert "Bakso Pak Kumis" in text and "29–30 November 2026" in text


def test_buku_kas_february_has_four_weeks():
    pdf = buku_kas_pdf("", "Februari 2027", year=2027, month=2)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 5


def test_large_print_refuses_small_type():
    pdf = LargePrintPDF()
    with pytest.raises(ValueError):
        pdf.set_font("text", "", 12)
    with pytest.raises(ValueError):
        pdf.set_font_size(10)


def test_unverified_steps_are_marked_in_the_pdf(toolkits):
    b = business(trade="jualan_online", capital_idr=3_000_000, annual_sales_idr=None)
    text = " ".join(text_of(checklists_pdf(plan_for(b, toolkits, TODAY), {}, b, TODAY)).split())
    assert "Buka toko di Shopee" in text
    assert "Belum pasti" in text


def test_no_page_is_left_nearly_empty(toolkits):
    for trade in ("warung_makan", "makanan_ringan", "penjahit", "jualan_online"):
        b = business(trade=trade)
        pdf = checklists_pdf(plan_for(b, toolkits, TODAY), {}, b, TODAY)
        for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, 1):
            body = page.extract_text().replace(f"halaman {number} dari", "")
            assert len(body.split()) > 15, (trade, number)
