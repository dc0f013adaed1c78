"""Large-print PDFs: A4 sizes in mm, no text under 14 pt, the business's data inside, no NIK."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from app.checklists import BusinessFacts, plan_for
from app.render.bukukas_pdf import CashBookSpec, buku_kas_pdf
from app.render.checklist_pdf import MIN_FONT_PT, LargePrintPDF, checklists_pdf
from app.toolkits.printable import cash_book_spec, checklists_spec, current_and_next
from tests.render.render_helpers import decode, pdf_pages
from tests.toolkits.conftest import NIK, TODAY, bakso

PT_PER_MM = 72 / 25.4
FONT_SIZE = re.compile(rb"/F\d+\s+(\d+(?:\.\d+)?)\s+Tf")


def business(**overrides) -> BusinessFacts:
    return bakso(**{"capital_idr": 1_500_000_000, "annual_sales_idr": 300_000_000, **overrides})


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


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def render(toolkits, b: BusinessFacts, done=None, full: bool = False) -> bytes:
    done = {} if done is None else done
    return checklists_pdf(checklists_spec(plan_for(b, toolkits, TODAY), b, done, TODAY, full))


@pytest.fixture(scope="module")
def checklist_pdf(toolkits) -> bytes:
    return render(toolkits, business(), {("nib-oss", "cek-kelas-usaha"): date(2026, 11, 20)})


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
    # The size warning is printed before the first NIB step.
    assert text.index("bukan Mikro") < text.index("1. Cek dulu kelas usaha")


def test_checklist_pdf_prints_sources_as_titled_qr_codes_not_urls(checklist_pdf):
    text = " ".join(text_of(checklist_pdf).split())
    assert "http" not in text and "oss.go.id" in text
    decoded = {url for page in pdf_pages(checklist_pdf, dpi=200) for url in decode(page)}
    assert "https://oss.go.id/" in decoded
    assert all(url.startswith("https://") for url in decoded)


def test_checklist_pdf_is_the_current_and_next_checklist_on_four_pages_at_most(toolkits):
    for trade in ("warung_makan", "makanan_ringan", "penjahit", "jualan_online", "ternak_puyuh"):
        b = business(trade=trade, capital_idr=None, annual_sales_idr=None)
        plan = plan_for(b, toolkits, TODAY)
        pdf = render(toolkits, b)
        assert pages(pdf) <= 4, trade
        text = " ".join(text_of(pdf).split())
        current, following = current_and_next(plan, {})
        assert f"Sekarang: {current.checklist.title_id}" in text
        assert f"Berikutnya: {following.checklist.title_id}" in text
        printed = {current.id, following.id}
        for pc in plan.checklists:
            if pc.id not in printed and pc.status == "todo":
                assert f"• {pc.checklist.title_id}" in text  # listed for later, not printed
        assert "Cetak semua daftar" in text


def test_full_set_prints_every_checklist(toolkits):
    b = business(trade="makanan_ringan")
    plan = plan_for(b, toolkits, TODAY)
    text = " ".join(text_of(render(toolkits, b, full=True)).split())
    for pc in plan.checklists:
        assert pc.checklist.title_id in text
    assert "Sekarang:" not in text


def test_next_checklist_moves_on_when_the_current_one_is_done(toolkits):
    b = business(trade="penjahit")
    plan = plan_for(b, toolkits, TODAY)
    first, second = current_and_next(plan, {})
    done = {(first.id, s.id): TODAY for s in first.steps}
    now, _ = current_and_next(plan, done)
    assert now.id == second.id
    text = " ".join(text_of(render(toolkits, b, done)).split())
    assert f"Sekarang: {second.checklist.title_id}" in text


def test_checklist_pdf_never_prints_a_nik(toolkits):
    b = BusinessFacts.from_mapping(
        {"trade": "kue", "business_name": f"Kue Bu Siti {NIK}", "nik": NIK, "capital_idr": 10}
    )
    text = text_of(render(toolkits, b))
    assert NIK not in text.replace(" ", "").replace("\n", "")
    assert "Kue Bu Siti" in text


def test_checklist_pdf_survives_odd_input(toolkits):
    b = business(
        business_name="Warung “Mbok Darmi” ꦩꦧꦺꦴꦏ꧀ → 😀 " + "sangat panjang " * 12,
        capital_idr=None,
        annual_sales_idr=None,
        nib_number="1234567890123",
    )
    pdf = render(toolkits, b, {("bookkeeping", "saldo-awal"): None})
    assert page_sizes_mm(pdf) == {(210.0, 297.0)}
    assert min(font_sizes(pdf)) >= MIN_FONT_PT
    assert "Mbok Darmi" in text_of(pdf) and "→" in text_of(pdf)


def test_unverified_steps_are_marked_in_the_pdf(toolkits):
    b = business(trade="jualan_online", capital_idr=3_000_000, annual_sales_idr=None)
    text = " ".join(text_of(render(toolkits, b, full=True)).split())
    assert "Buka toko di Shopee" in text
    assert "Belum pasti" in text


def test_no_page_is_left_nearly_empty(toolkits):
    for trade in ("warung_makan", "makanan_ringan", "penjahit", "jualan_online"):
        for full in (False, True):
            pdf = render(toolkits, business(trade=trade), full=full)
            for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, 1):
                body = page.extract_text().replace(f"halaman {number} dari", "")
                assert len(body.split()) > 15, (trade, full, number)


def horizontal_rules(page, x: int) -> int:
    """Count the dark horizontal rules crossing a column of pixels at x."""
    grey = page.convert("L")
    dark = [grey.getpixel((x, y)) < 128 for y in range(grey.height)]
    return sum(1 for y in range(1, len(dark)) if dark[y] and not dark[y - 1])


def test_buku_kas_of_a_daily_stall_has_a_page_a_week_with_five_rows_a_day(toolkits):
    trade = toolkits.trades["warung_makan"]
    assert trade.bukukas_rows_per_day >= 5
    spec = cash_book_spec("Bakso Pak Kumis", trade, date(2026, 11, 1))
    pdf = buku_kas_pdf(spec)
    assert page_sizes_mm(pdf) == {(210.0, 297.0)}
    assert pages(pdf) == 6  # five weeks of November and the month summary
    assert min(font_sizes(pdf)) >= MIN_FONT_PT
    text = " ".join(text_of(pdf).split())
    for day in ("Min 1", "Sen 2", "Sab 7", "Min 8", "Sen 30"):
        assert day in text  # 1 November 2026 is a Sunday
    first = pdf_pages(pdf, dpi=100)[0]
    # Through the Keterangan column: header, saldo awal, 7 days x 5 rows, totals, saldo akhir.
    x = round((10 + 26 + 40) / 25.4 * 100)
    assert horizontal_rules(first, x) >= 7 * 5 + 4


def test_buku_kas_of_a_weekly_trade_is_landscape_with_its_rows(toolkits):
    trade = toolkits.trades["penjahit"]
    assert trade.bukukas_rows_per_day == 0 and trade.bukukas_rows_per_week == 10
    pdf = buku_kas_pdf(cash_book_spec("Penjahit Mas Yoyok", trade, date(2026, 11, 1)))
    assert page_sizes_mm(pdf) == {(297.0, 210.0)}
    assert min(font_sizes(pdf)) >= MIN_FONT_PT
    assert pages(pdf) == 6
    text = " ".join(text_of(pdf).split())
    for word in ("Tanggal", "Keterangan", "Uang masuk", "Uang keluar", "Saldo"):
        assert word in text
    assert "JUMLAH MINGGU INI" in text and "JUMLAH BULAN INI" in text
    assert "Uang usaha dipisah dari uang rumah tangga" in text
    assert "Penjahit Mas Yoyok" in text and "29–30 November 2026" in text
    first = pdf_pages(pdf, dpi=100)[0]
    assert horizontal_rules(first, round((10 + 34 + 40) / 25.4 * 100)) >= 10 + 4


def test_buku_kas_february_has_four_weeks():
    pdf = buku_kas_pdf(CashBookSpec("", "Februari 2027", year=2027, month=2))
    assert pages(pdf) == 5


def test_buku_kas_refuses_rows_that_cannot_fit():
    with pytest.raises(ValueError):
        CashBookSpec("", "Februari 2027", rows_per_day=9)


def test_large_print_refuses_small_type():
    pdf = LargePrintPDF()
    with pytest.raises(ValueError):
        pdf.set_font("text", "", 12)
    with pytest.raises(ValueError):
        pdf.set_font_size(10)
