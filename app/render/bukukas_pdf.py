"""Printable daily cash book (buku kas harian): A4 landscape, one page per week, large type.

Columns: tanggal, keterangan, uang masuk, uang keluar, saldo. Each week page
starts with the balance carried over and ends with the week's totals; a last
page sums the month. Every page reminds the family to keep household money
apart from business money.
"""

from __future__ import annotations

import calendar

from app.render.checklist_pdf import BODY_PT, HEADING_PT, LINE_FACTOR, MONTHS_ID, LargePrintPDF
from app.toolkits.personalise import hide_nik

# Column widths in mm on A4 landscape (297 mm - 2 x 15 mm margins = 267 mm).
COLUMNS: tuple[tuple[str, float], ...] = (
    ("Tanggal", 34),
    ("Keterangan", 113),
    ("Uang masuk", 40),
    ("Uang keluar", 40),
    ("Saldo", 40),
)
ROW_MM = 10.5  # tall enough to write in by hand
HEADER_ROW_MM = 11
ROWS_PER_WEEK = 9
DAYS_PER_WEEK = 7
REMINDER = (
    "Uang usaha dipisah dari uang rumah tangga. Catat setiap uang masuk dan keluar hari itu "
    "juga. Saldo = saldo sebelumnya + uang masuk - uang keluar."
)


def _weeks(year: int | None, month: int | None) -> list[str]:
    """Return one label per week page, with dates when the month is known."""
    if year is None or month is None:
        return [f"Minggu ke-{n}" for n in range(1, 6)]
    last = calendar.monthrange(year, month)[1]
    name = MONTHS_ID[month - 1]
    labels = []
    for n, start in enumerate(range(1, last + 1, DAYS_PER_WEEK), 1):
        end = min(start + DAYS_PER_WEEK - 1, last)
        labels.append(f"Minggu ke-{n}: {start}–{end} {name} {year}")
    return labels


def _row(pdf: LargePrintPDF, cells: tuple[str, ...], height: float, bold: bool = False) -> None:
    pdf.set_font("text", "B" if bold else "", BODY_PT)
    for (_, width), text in zip(COLUMNS, cells, strict=True):
        pdf.cell(width, height, text, border=1, align="L")
    pdf.ln(height)


def _title(pdf: LargePrintPDF, business_name: str, month_label: str, week: str) -> None:
    # One line each, shortened if needed: the table below must keep its room.
    title = f"Buku Kas Harian: {business_name}" if business_name else "Buku Kas Harian"
    pdf.set_font("text", "B", HEADING_PT)
    pdf.cell(0, HEADING_PT * LINE_FACTOR, pdf.fit(title, pdf.content_width))
    pdf.ln(HEADING_PT * LINE_FACTOR)
    pdf.set_font("text", "B", BODY_PT)
    sub = f"Bulan: {month_label}   ·   {week}   ·   semua angka dalam rupiah"
    pdf.cell(0, BODY_PT * LINE_FACTOR, pdf.fit(sub, pdf.content_width))
    pdf.ln(BODY_PT * LINE_FACTOR)
    pdf.ln(1)
    pdf.set_font("text", "", BODY_PT)
    pdf.multi_cell(
        0,
        BODY_PT * LINE_FACTOR,
        REMINDER,
        border=1,
        padding=1.5,
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)


def buku_kas_pdf(
    business_name: str,
    month_label: str,
    *,
    year: int | None = None,
    month: int | None = None,
    rows_per_week: int = ROWS_PER_WEEK,
) -> bytes:
    """Render a month of blank buku kas harian pages (A4 landscape) as PDF bytes."""
    if rows_per_week < 1:
        raise ValueError("rows_per_week must be at least 1")
    business_name = hide_nik(business_name)
    pdf = LargePrintPDF(orientation="L", footer_text=business_name)
    pdf.set_title(f"Buku kas harian {business_name} {month_label}".strip())
    pdf.set_creator("Kit Usaha")
    pdf.set_auto_page_break(False)
    weeks = _weeks(year, month)
    header = tuple(name for name, _ in COLUMNS)
    for week in weeks:
        pdf.add_page()
        _title(pdf, business_name, month_label, week)
        _row(pdf, header, HEADER_ROW_MM, bold=True)
        _row(pdf, ("", "Saldo awal (dari minggu lalu)", "", "", ""), ROW_MM, bold=True)
        for _ in range(rows_per_week):
            _row(pdf, ("", "", "", "", ""), ROW_MM)
        _row(pdf, ("", "JUMLAH MINGGU INI", "", "", ""), ROW_MM, bold=True)
        _row(pdf, ("", "Saldo akhir minggu", "", "", ""), ROW_MM, bold=True)

    pdf.add_page()
    _title(pdf, business_name, month_label, "Ringkasan bulan")
    _row(pdf, ("Minggu", "", "Uang masuk", "Uang keluar", "Saldo akhir"), ROW_MM, bold=True)
    for n in range(1, len(weeks) + 1):
        _row(pdf, (f"Minggu ke-{n}", "", "", "", ""), ROW_MM)
    _row(pdf, ("", "JUMLAH BULAN INI", "", "", ""), ROW_MM, bold=True)
    pdf.ln(4)
    pdf.set_font("text", "", BODY_PT)
    pdf.multi_cell(
        0,
        BODY_PT * LINE_FACTOR,
        "Untung kira-kira = jumlah uang masuk - jumlah uang keluar bulan ini. Uang yang "
        "diambil untuk rumah tangga dicatat sebagai uang keluar dengan keterangan "
        '"diambil pemilik".',
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
