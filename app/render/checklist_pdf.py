"""Large-print checklist PDF for one business (A4, black on white, every text >= 14 pt).

Made for a family member with weak eyesight: few words per line, big tick
boxes drawn as vector squares, done steps ticked with their date. Pure: a
plan and facts in, PDF bytes out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from fpdf import FPDF

from app.render.fonts import font_path
from app.toolkits.personalise import (
    BusinessFacts,
    Notice,
    Plan,
    PlannedChecklist,
    bring_for,
    fill_placeholders,
    format_rupiah,
    hide_nik,
    next_actions,
    placeholder_values,
)
from app.toolkits.schema import Step

# Sizes in points; nothing in these PDFs is ever set smaller than MIN_FONT_PT.
MIN_FONT_PT = 14
BODY_PT = 14
STEP_PT = 16
HEADING_PT = 20
TITLE_PT = 24

# Layout in millimetres (A4 portrait 210 x 297).
MARGIN_MM = 15
BOX_MM = 7  # tick box side
BOX_GAP_MM = 4  # between tick box and step text
LINE_FACTOR = 0.5  # line height in mm per point of font size (about 1.4 x the glyph height)
KEEP_WITH_NEXT_MM = 35  # start a step on a new page if less room than this is left
RULE_WIDTH_MM = 0.6
BULLET_MM = 5  # hanging indent after a bullet

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

DoneMarks = Mapping[tuple[str, str], date | None] | Iterable[tuple[str, str]]


def tanggal(day: date) -> str:
    """Format a date the Indonesian way, e.g. "27 November 2026"."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


class LargePrintPDF(FPDF):
    """FPDF with the bundled Noto Sans fonts that refuses any font size under 14 pt."""

    def __init__(self, orientation: str = "P", footer_text: str = ""):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.footer_text = footer_text
        self.add_font("text", "", str(font_path("text-regular")))
        self.add_font("text", "B", str(font_path("text-bold")))
        # DejaVu Sans covers what Noto Sans lacks here, e.g. "→" and "−" in the steps.
        self.add_font("symbols", "", str(font_path("symbols")))
        self.set_fallback_fonts(["symbols"], exact_match=False)
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(True, margin=MARGIN_MM + 8)
        self.set_text_color(0, 0, 0)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(RULE_WIDTH_MM / 2)
        self.alias_nb_pages()
        self.set_font("text", "", BODY_PT)

    def set_font(self, family=None, style="", size=0):  # noqa: D102 - guards the minimum size
        if size and size < MIN_FONT_PT:
            raise ValueError(f"font size {size} pt is below the large-print minimum")
        super().set_font(family, style, size)

    def set_font_size(self, size):  # noqa: D102 - guards the minimum size
        if size < MIN_FONT_PT:
            raise ValueError(f"font size {size} pt is below the large-print minimum")
        super().set_font_size(size)

    @property
    def content_width(self) -> float:
        """Return the width between the margins in mm."""
        return self.w - self.l_margin - self.r_margin

    def footer(self) -> None:  # noqa: D102 - fpdf hook
        self.set_y(-MARGIN_MM)
        self.set_font("text", "", BODY_PT)
        page = f"halaman {self.page_no()} dari {{nb}}"
        # Leave room for the page numbers ("{nb}" is replaced after layout).
        room = self.content_width - self.get_string_width(page.replace("{nb}", "999")) - 10
        name = self.fit(self.footer_text, room)
        text = f"{name}  ·  {page}" if name else page
        self.cell(0, BODY_PT * LINE_FACTOR, text, align="C")

    def fit(self, text: str, width: float) -> str:
        """Return text shortened with an ellipsis so it fits a width in the current font."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return (text.rstrip() + "…") if text else ""

    def para(self, text: str, size: int = BODY_PT, bold: bool = False, indent: float = 0) -> None:
        """Write a wrapped paragraph at the left margin plus an indent."""
        self.set_font("text", "B" if bold else "", size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.content_width - indent,
            size * LINE_FACTOR,
            text,
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )

    def bullet(self, text: str, indent: float = 2) -> None:
        """Write a bulleted paragraph with a hanging indent."""
        self.set_font("text", "", BODY_PT)
        self.keep(BODY_PT * LINE_FACTOR)  # the bullet stays on the page of its text
        y = self.get_y()
        self.set_x(self.l_margin + indent)
        self.cell(BULLET_MM, BODY_PT * LINE_FACTOR, "•")
        self.set_y(y)
        self.para(text, BODY_PT, indent=indent + BULLET_MM)

    def gap(self, mm: float = 3) -> None:
        """Add vertical space."""
        self.ln(mm)

    def keep(self, mm: float) -> None:
        """Start a new page unless at least this many mm are left."""
        if self.room_left() < mm:
            self.add_page()

    def room_left(self) -> float:
        """Return the mm left above the bottom margin on this page."""
        return self.h - self.b_margin - self.get_y()

    def boxed(self, title: str, text: str) -> None:
        """Write a bordered block with a bold title, thick rule for emphasis."""
        y0 = self.get_y()
        page0 = self.page
        self.set_x(self.l_margin + 3)
        self.set_font("text", "B", BODY_PT)
        inner = self.content_width - 6
        self.ln(2)
        self.set_x(self.l_margin + 3)
        self.multi_cell(
            inner, BODY_PT * LINE_FACTOR, title, align="L", new_x="LMARGIN", new_y="NEXT"
        )
        self.set_font("text", "", BODY_PT)
        self.set_x(self.l_margin + 3)
        self.multi_cell(
            inner, BODY_PT * LINE_FACTOR, text, align="L", new_x="LMARGIN", new_y="NEXT"
        )
        self.ln(2)
        if self.page == page0:  # a block split over pages gets a left rule only
            self.set_line_width(RULE_WIDTH_MM)
            self.rect(self.l_margin, y0, self.content_width, self.get_y() - y0)
            self.set_line_width(RULE_WIDTH_MM / 2)
        self.gap(3)


def _done_map(done: DoneMarks) -> dict[tuple[str, str], date | None]:
    if isinstance(done, Mapping):
        return dict(done)
    return {key: None for key in done}


def _tick_box(pdf: LargePrintPDF, x: float, y: float, ticked: bool) -> None:
    pdf.set_line_width(RULE_WIDTH_MM)
    pdf.rect(x, y, BOX_MM, BOX_MM)
    if ticked:
        # A tick drawn as two strokes: no glyph needed from the font.
        pdf.set_line_width(RULE_WIDTH_MM * 1.5)
        pdf.line(x + 1.3, y + BOX_MM * 0.55, x + BOX_MM * 0.42, y + BOX_MM - 1.3)
        pdf.line(x + BOX_MM * 0.42, y + BOX_MM - 1.3, x + BOX_MM - 1.0, y + 1.2)
    pdf.set_line_width(RULE_WIDTH_MM / 2)


def _notice(pdf: LargePrintPDF, notice: Notice) -> None:
    title = "PERHATIAN" if notice.level == "warning" else "Catatan"
    pdf.boxed(title, notice.text_id)


def _step(
    pdf: LargePrintPDF,
    number: int,
    step: Step,
    done_on: date | None,
    ticked: bool,
    values: Mapping[str, str],
) -> None:
    if pdf.room_left() < KEEP_WITH_NEXT_MM:
        pdf.add_page()
    indent = BOX_MM + BOX_GAP_MM
    _tick_box(pdf, pdf.l_margin, pdf.get_y() + 0.5, ticked)
    title = f"{number}. {step.title_id}"
    pdf.para(title, STEP_PT, bold=True, indent=indent)
    if ticked:
        when = f" pada {tanggal(done_on)}" if done_on else ""
        pdf.para(f"Sudah selesai{when}.", BODY_PT, bold=True, indent=indent)
    pdf.para(step.detail_id, BODY_PT, indent=indent)
    for item in step.prepare:
        pdf.para(f"Siapkan: {fill_placeholders(item.id, values)}", BODY_PT, indent=indent)
    if step.unverified:
        pdf.para(
            "Belum pasti: langkah ini belum bisa dipastikan dari sumber resmi. Cocokkan di "
            "aplikasinya.",
            BODY_PT,
            bold=True,
            indent=indent,
        )
    for pitfall in step.pitfalls:
        pdf.para(f"Hati-hati: {pitfall.id}", BODY_PT, indent=indent)
    pdf.para("Sumber: " + "  ".join(step.sources), BODY_PT, indent=indent)
    pdf.gap(4)


def _checklist(
    pdf: LargePrintPDF, pc: PlannedChecklist, done: dict, values: Mapping[str, str]
) -> None:
    c = pc.checklist
    if pdf.room_left() < KEEP_WITH_NEXT_MM + 25:
        pdf.add_page()
    pdf.set_line_width(RULE_WIDTH_MM)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.set_line_width(RULE_WIDTH_MM / 2)
    pdf.gap(2)
    pdf.para(c.title_id, HEADING_PT, bold=True)
    pdf.para(c.summary_id)
    pdf.para(f"Terakhir dicek: {tanggal(c.oldest_check)}.")
    pdf.gap(3)
    for notice in pc.notices_before(None):
        _notice(pdf, notice)
    if pc.status == "already":
        pdf.keep(2 * STEP_PT * LINE_FACTOR)
        y = pdf.get_y()
        _tick_box(pdf, pdf.l_margin, y + 0.5, True)
        pdf.para(pc.reason_id, STEP_PT, bold=True, indent=BOX_MM + BOX_GAP_MM)
        pdf.gap(5)
        return
    for number, step in enumerate(pc.steps, 1):
        for notice in pc.notices_before(step.id):
            _notice(pdf, notice)
        key = (c.id, step.id)
        _step(pdf, number, step, done.get(key), key in done, values)


def _header(pdf: LargePrintPDF, plan: Plan, business: BusinessFacts, today: date) -> None:
    name = hide_nik(business.business_name or "Usaha tanpa nama")
    pdf.para(f"Langkah usaha: {name}", TITLE_PT, bold=True)
    lines = []
    if plan.trade:
        lines.append(f"Jenis usaha: {plan.trade.name_id}")
    if business.owner_name:
        lines.append(f"Pemilik: {hide_nik(business.owner_name)}")
    if business.location:
        lines.append(f"Lokasi: {hide_nik(business.location)}")
    lines.append(f"Dicetak: {tanggal(today)}")
    for line in lines:
        pdf.para(line)
    pdf.gap(4)

    size = plan.size
    figures = []
    if business.capital_idr is not None:
        figures.append(f"modal {format_rupiah(business.capital_idr)}")
    if business.annual_sales_idr is not None:
        figures.append(f"omzet setahun {format_rupiah(business.annual_sales_idr)}")
    detail = f" ({', '.join(figures)})" if figures else ""
    pdf.para(f"Kelas usaha: {size.label_id}{detail}", STEP_PT, bold=True)
    pdf.gap(2)
    # The size and halal warnings go first, before any step, so nobody misses them.
    for notice in plan.notices:
        if notice.key.startswith(("size-", "halal-")):
            _notice(pdf, notice)


def _next_and_bring(pdf: LargePrintPDF, plan: Plan, business: BusinessFacts, done: dict) -> None:
    actions = next_actions(plan, done.keys())
    if actions:
        pdf.para("Dikerjakan sebelum kunjungan berikut", HEADING_PT, bold=True)
        for a in actions:
            pdf.keep(2 * BODY_PT * LINE_FACTOR)
            y = pdf.get_y()
            _tick_box(pdf, pdf.l_margin, y + 0.5, False)
            pdf.para(f"{a.step.title_id} ({a.checklist_title_id})", indent=BOX_MM + BOX_GAP_MM)
            pdf.gap(2)
        pdf.gap(3)
    bring = bring_for(plan, business, done.keys(), only=[a.key for a in actions])
    if bring:
        pdf.para("Siapkan untuk langkah-langkah itu", HEADING_PT, bold=True)
        for item in bring:
            pdf.bullet(item.text_id)
        pdf.gap(4)
    if plan.kbli2020 or plan.kbli2025:
        pdf.para("Kode KBLI yang disarankan", HEADING_PT, bold=True)
        for k in (*plan.kbli2020, *plan.kbli2025):
            flag = " (belum pasti)" if k.unverified else ""
            pdf.bullet(f"{k.code}: {k.title_id}{flag}")
        pdf.para(plan.kbli_advice_id)
        pdf.gap(4)


def checklists_pdf(plan: Plan, done: DoneMarks, business: BusinessFacts, today: date) -> bytes:
    """Render a business's applicable checklists as a large-print A4 PDF with tick boxes."""
    marks = _done_map(done)
    name = hide_nik(business.business_name or "")
    pdf = LargePrintPDF(footer_text=name)
    pdf.set_title(f"Langkah usaha {name}".strip())
    pdf.set_creator("Kit Usaha")
    pdf.add_page()
    _header(pdf, plan, business, today)
    _next_and_bring(pdf, plan, business, marks)
    values = placeholder_values(business, plan.trade, "id")
    for pc in plan.checklists:
        _checklist(pdf, pc, marks, values)
    if plan.skipped:
        if pdf.room_left() < KEEP_WITH_NEXT_MM:
            pdf.add_page()
        pdf.para("Tidak perlu untuk usaha ini", HEADING_PT, bold=True)
        for s in plan.skipped:
            pdf.bullet(f"{s.title_id}: {s.reason_id}")
    return bytes(pdf.output())
