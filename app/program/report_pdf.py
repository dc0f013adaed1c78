"""The program report as an A4 landscape table PDF (fpdf2, bundled Noto Sans subsets)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import IO

from flask_babel import gettext as _

from app.program.charts import change_text
from app.program.report import PDF_CELL_MAX, ReportRow, _clip, short_date
from app.render.fonts import add_pdf_font, pdf_coverage, pdf_font_path
from app.render.formatting import compact_rupiah

PDF_MARGIN_MM = 10
PDF_TITLE_PT = 15
PDF_BODY_PT = 8
PDF_HEAD_PT = 8
PDF_LINE_MM = 3.6
PDF_WIDTHS_MM = (8, 40, 34, 50, 78, 30, 37)  # adds up to 277 = A4 landscape less margins


def pdf_text(text: str) -> str:
    """Return text the PDF's Latin subset fonts can draw: others decomposed or replaced."""
    covered = pdf_coverage("text-regular")
    if all(ord(ch) in covered for ch in text):
        return text
    out = []
    for ch in text:
        if ord(ch) in covered or ch == "\n":
            out.append(ch)
            continue
        plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        out.append(plain if plain else ("->" if ch == "→" else "?"))
    return "".join(out)


def _rp(value: int | None) -> str:
    return "—" if value is None else compact_rupiah(value)


def _outcome_text(row: ReportRow) -> str:
    parts = []
    for label, (first, last) in (
        (_("Modal"), row.capital),
        (_("Aset"), row.assets),
        (_("Omzet/bln"), row.turnover),
    ):
        if first is not None or last is not None:
            change = change_text(first, last)
            suffix = f" ({change})" if change else ""
            parts.append(f"{label}: {_rp(first)} – {_rp(last)}{suffix}")
    return "\n".join(parts) or "—"


def write_pdf(rows: Iterator[ReportRow], out: IO[bytes], title: str, subtitle: str) -> None:
    """Write the report as an A4 landscape table PDF (fpdf2, bundled Noto Sans subsets)."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    add_pdf_font(pdf, "text", pdf_font_path("text-regular"))
    add_pdf_font(pdf, "text", pdf_font_path("text-bold"), "B")
    pdf.set_margins(PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM)
    pdf.set_auto_page_break(True, margin=PDF_MARGIN_MM + 4)
    pdf.alias_nb_pages()
    footer = pdf_text(title)

    def page_footer():
        pdf.set_y(-PDF_MARGIN_MM - 2)
        pdf.set_font("text", "", 7)
        pdf.cell(0, 4, f"{footer}  ·  {pdf.page_no()}/{{nb}}", align="R")

    pdf.footer = page_footer
    pdf.add_page()
    pdf.set_font("text", "B", PDF_TITLE_PT)
    pdf.multi_cell(0, 7, pdf_text(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("text", "", 9)
    pdf.multi_cell(0, 5, pdf_text(subtitle), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("text", "", PDF_BODY_PT)
    heads = [
        _("No"),
        _("Usaha"),
        _("Keadaan usaha"),
        _("Kendala"),
        _("Pelaksanaan pendampingan"),
        _("Aspek dan langkah"),
        _("Hasil (awal – terakhir)"),
    ]
    with pdf.table(
        col_widths=PDF_WIDTHS_MM,
        line_height=PDF_LINE_MM,
        text_align="LEFT",
        v_align="TOP",
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 226, 216)),
        padding=1,
        repeat_headings=1,
    ) as table:
        table.row([pdf_text(h) for h in heads])
        words = _("Desa"), _("Langkah"), _("terakhir")  # once per report
        for row in rows:
            table.row([pdf_text(_clip(text, PDF_CELL_MAX)) for text in _pdf_cells(row, words)])
    pdf.output(out)


def _pdf_cells(row: ReportRow, words: tuple[str, str, str]) -> tuple[str, ...]:
    """Return the texts of one report row's PDF cells (words: desa, langkah, terakhir)."""
    desa, steps, last = words
    usaha = f"{row.name}\n{row.trade}\n{desa} {row.village}\n{row.team}"
    aspects = f"{row.aspects or '—'}\n{steps}: {row.steps_done}/{row.steps_total}"
    visits = _("%(n)s kunjungan", n=row.visits)
    if row.last_visit:
        visits += f", {last} {short_date(row.last_visit)}"
    return (
        str(row.number),
        usaha,
        row.state,
        row.problems or "—",
        f"{visits}\n{row.activities}".strip(),
        aspects,
        _outcome_text(row),
    )
