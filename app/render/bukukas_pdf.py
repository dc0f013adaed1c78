"""Printable cash book (buku kas harian): one A4 page per week, large type, rows by trade.

A daily stall (warung, sembako, gas and galon…) writes several entries a day: its week
page is A4 portrait with a block of rows for each day, the date printed at the start of
the block. A trade with a few sales a week (tailor, livestock) gets A4 landscape pages
with a plain list of wider rows. Each week page starts with the balance carried over and
ends with the week's totals; a last page sums the month and reminds the family to keep
household money apart from business money. Pure: a frozen spec in, PDF bytes out.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from app.render.largeprint import (
    BODY_PT,
    HEADING_PT,
    LINE_FACTOR,
    MONTHS_ID,
    RULE_WIDTH_MM,
    LargePrintPDF,
    fit,
    wrap,
)

DAY_NAMES_ID = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")  # Monday first, as date.weekday
DAYS_PER_WEEK = 7
ROWS_PER_WEEK = 9
MAX_ROWS_PER_DAY = 5  # 7 days x 5 rows is what a portrait page holds at a writable height
MAX_ROWS_PER_WEEK = 12
MARGIN_MM = 10
ROW_MAX_MM = 10.5  # tall enough to write in by hand
ROW_MIN_MM = 6.0
CELL_PAD_MM = 1.5

# Column widths in mm: landscape 277 mm and portrait 190 mm between 10 mm margins.
WEEKLY_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Tanggal", 34),
    ("Keterangan", 123),
    ("Uang masuk", 40),
    ("Uang keluar", 40),
    ("Saldo", 40),
)
DAILY_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Tanggal", 26),
    ("Keterangan", 74),
    ("Masuk", 30),
    ("Keluar", 30),
    ("Saldo", 30),
)
REMINDER = (
    "Uang usaha dipisah dari uang rumah tangga. Catat setiap uang masuk dan keluar hari itu "
    "juga. Saldo = saldo sebelumnya + uang masuk - uang keluar."
)
MONTH_NOTE = (
    "Untung kira-kira = jumlah uang masuk - jumlah uang keluar bulan ini. Uang yang diambil "
    'untuk rumah tangga dicatat sebagai uang keluar dengan keterangan "diambil pemilik".'
)


@dataclass(frozen=True)
class CashBookSpec:
    """A month of buku kas pages; rows_per_day > 0 makes the daily (by-day) layout."""

    business_name: str
    month_label: str
    year: int | None = None
    month: int | None = None
    rows_per_day: int = 0
    rows_per_week: int = ROWS_PER_WEEK

    def __post_init__(self):
        if not 0 <= self.rows_per_day <= MAX_ROWS_PER_DAY:
            raise ValueError(f"rows_per_day must be 0..{MAX_ROWS_PER_DAY}")
        if not 1 <= self.rows_per_week <= MAX_ROWS_PER_WEEK:
            raise ValueError(f"rows_per_week must be 1..{MAX_ROWS_PER_WEEK}")


@dataclass(frozen=True)
class Week:
    """One week page: its heading and its days (day numbers, or None when unknown)."""

    label: str
    days: tuple[int | None, ...]


def weeks(year: int | None, month: int | None) -> list[Week]:
    """Return the week pages of a month: days 1–7, 8–14, … (five blank weeks if unknown)."""
    if year is None or month is None:
        return [Week(f"Minggu ke-{n}", (None,) * DAYS_PER_WEEK) for n in range(1, 6)]
    last = calendar.monthrange(year, month)[1]
    name = MONTHS_ID[month - 1]
    result = []
    for n, start in enumerate(range(1, last + 1, DAYS_PER_WEEK), 1):
        end = min(start + DAYS_PER_WEEK - 1, last)
        result.append(
            Week(f"Minggu ke-{n}: {start}–{end} {name} {year}", tuple(range(start, end + 1)))
        )
    return result


class _Table:
    """Rows of cells from the current y, text vertically centred; ruled in one go on close."""

    def __init__(self, pdf: LargePrintPDF, columns, row_mm: float):
        self.pdf, self.columns, self.row_mm = pdf, columns, row_mm
        self.ys = [pdf.get_y()]
        self.thick: list[float] = []
        self.xs = [pdf.l_margin]
        for _, width in columns:
            self.xs.append(self.xs[-1] + width)

    def row(self, cells: tuple[str, ...], bold: bool = False, thick_top: bool = False) -> None:
        """Add a row of texts (each fitted to its column)."""
        pdf, y = self.pdf, self.ys[-1]
        text_top = y + (self.row_mm - BODY_PT * LINE_FACTOR) / 2
        for (_, width), x, text in zip(self.columns, self.xs, cells, strict=False):
            if text:
                line = fit(text, width - 2 * CELL_PAD_MM, BODY_PT, bold)
                pdf.put(x + CELL_PAD_MM, text_top, line, BODY_PT, bold)
        if thick_top:
            self.thick.append(y)
        self.ys.append(y + self.row_mm)

    def close(self) -> None:
        """Rule the table (thicker above each day and the totals) and move below it."""
        self.pdf.grid(self.xs, self.ys)
        for y in self.thick:
            self.pdf.grid([self.xs[0], self.xs[-1]], [y], RULE_WIDTH_MM * 1.5)
        self.pdf.set_y(self.ys[-1])


def _title(pdf: LargePrintPDF, spec: CashBookSpec, week: str, reminder: bool) -> None:
    """Write the page title, the week line and (on landscape pages) the reminder box."""
    name = spec.business_name
    title = f"Buku Kas Harian: {name}" if name else "Buku Kas Harian"
    y = pdf.t_margin
    pdf.put(pdf.l_margin, y, fit(title, pdf.content_width, HEADING_PT, True), HEADING_PT, True)
    y += HEADING_PT * LINE_FACTOR
    sub = f"Bulan: {spec.month_label}   ·   {week}   ·   semua angka dalam rupiah"
    pdf.put(pdf.l_margin, y, fit(sub, pdf.content_width, BODY_PT, True), BODY_PT, True)
    y += BODY_PT * LINE_FACTOR + 1
    if reminder:
        lines = wrap(REMINDER, pdf.content_width - 2 * CELL_PAD_MM, BODY_PT)
        height = len(lines) * BODY_PT * LINE_FACTOR + 2 * CELL_PAD_MM
        pdf.grid([pdf.l_margin, pdf.l_margin + pdf.content_width], [y, y + height])
        for n, line in enumerate(lines):
            pdf.put(pdf.l_margin + CELL_PAD_MM, y + CELL_PAD_MM + n * BODY_PT * LINE_FACTOR, line)
        y += height + 3
    pdf.set_y(y)


def _row_mm(pdf: LargePrintPDF, rows: int) -> float:
    """Return the row height that fits this many rows below the current y."""
    room = pdf.bottom - pdf.get_y()
    return max(ROW_MIN_MM, min(ROW_MAX_MM, room / rows))


def _week_page(pdf: LargePrintPDF, spec: CashBookSpec, week: Week, year, month) -> None:
    daily = spec.rows_per_day > 0
    columns = DAILY_COLUMNS if daily else WEEKLY_COLUMNS
    _title(pdf, spec, week.label, reminder=not daily)
    body = len(week.days) * spec.rows_per_day if daily else spec.rows_per_week
    table = _Table(pdf, columns, _row_mm(pdf, body + 4))
    blank = ("",) * len(columns)
    table.row(tuple(name for name, _ in columns), bold=True)
    table.row(("", "Saldo awal (dari minggu lalu)", "", "", ""), bold=True)
    if daily:
        for day in week.days:
            label = ""
            if day is not None and year and month:
                label = f"{DAY_NAMES_ID[calendar.weekday(year, month, day)]} {day}"
            table.row((label, "", "", "", ""), thick_top=True)
            for _ in range(spec.rows_per_day - 1):
                table.row(blank)
    else:
        for _ in range(spec.rows_per_week):
            table.row(blank)
    table.row(("", "JUMLAH MINGGU INI", "", "", ""), bold=True, thick_top=True)
    table.row(("", "Saldo akhir minggu", "", "", ""), bold=True)
    table.close()


def _summary_page(pdf: LargePrintPDF, spec: CashBookSpec, count: int) -> None:
    daily = spec.rows_per_day > 0
    columns = DAILY_COLUMNS if daily else WEEKLY_COLUMNS
    _title(pdf, spec, "Ringkasan bulan", reminder=True)
    table = _Table(pdf, columns, ROW_MAX_MM)
    table.row(("Minggu", "", columns[2][0], columns[3][0], "Saldo akhir"), bold=True)
    for n in range(1, count + 1):
        table.row((f"Minggu ke-{n}", "", "", "", ""))
    table.row(("", "JUMLAH BULAN INI", "", "", ""), bold=True, thick_top=True)
    table.close()
    y = pdf.get_y() + 4
    for line in wrap(MONTH_NOTE, pdf.content_width, BODY_PT):
        pdf.put(pdf.l_margin, y, line)
        y += BODY_PT * LINE_FACTOR


def buku_kas_pdf(spec: CashBookSpec) -> bytes:
    """Render a month of blank buku kas pages (a page a week and a summary) as PDF bytes."""
    daily = spec.rows_per_day > 0
    pdf = LargePrintPDF(orientation="P" if daily else "L", footer_text=spec.business_name)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_title(f"Buku kas harian {spec.business_name} {spec.month_label}".strip())
    pdf.set_creator("Kit Usaha")
    pages = weeks(spec.year, spec.month)
    total = len(pages) + 1
    for week in pages:
        pdf.add_page()
        _week_page(pdf, spec, week, spec.year, spec.month)
        pdf.page_footer(total)
    pdf.add_page()
    _summary_page(pdf, spec, len(pages))
    pdf.page_footer(total)
    return bytes(pdf.output())


__all__ = ["CashBookSpec", "buku_kas_pdf", "weeks"]
