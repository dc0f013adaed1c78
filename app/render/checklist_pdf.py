"""Large-print checklist PDF for one business (A4, black on white, every text >= 14 pt).

Made for a family member with weak eyesight: by default only the checklist the family
works on now and the next one, on at most four pages; few words per line, big tick
boxes drawn as vector squares, done steps ticked with their date, and each source as a
small QR code with a short title instead of a long printed address. Pure: a frozen spec
in (built by the caller from the family's plan), PDF bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.render.largeprint import (
    BODY_PT,
    HEADING_PT,
    LINE_FACTOR,
    MIN_FONT_PT,
    MONTHS_ID,
    RULE_WIDTH_MM,
    STEP_PT,
    TITLE_PT,
    Item,
    LargePrintPDF,
    draw_pages,
    paginate,
    qr_side_mm,
    wrap,
)

BOX_MM = 7  # tick box side
BOX_GAP_MM = 4  # between tick box and step text
INDENT_MM = BOX_MM + BOX_GAP_MM
BULLET_MM = 5  # hanging indent after a bullet
QR_MIN_MM = 20  # a source's QR: small, yet every module stays >= 0.4 mm
QR_GAP_MM = 3
SOURCES_PER_ROW = 2
MAX_PAGES = 4  # the short version (current and next checklist) never runs longer


__all__ = [
    "MIN_FONT_PT",
    "ChecklistsSpec",
    "LargePrintPDF",
    "NoticeSpec",
    "SectionSpec",
    "SourceSpec",
    "StepSpec",
    "checklists_pdf",
    "tanggal",
]


def tanggal(day: date) -> str:
    """Format a date the Indonesian way, e.g. "27 November 2026"."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class SourceSpec:
    """Where a step's facts come from: a short title and the address its QR opens."""

    title: str
    url: str


@dataclass(frozen=True)
class NoticeSpec:
    """A boxed warning ("PERHATIAN") or note ("Catatan")."""

    text: str
    warning: bool = True


@dataclass(frozen=True)
class StepSpec:
    """One step as printed; sources are 1-based numbers into its section's sources."""

    number: int
    title: str
    detail: str = ""
    prepare: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()
    unverified: bool = False
    done: bool = False
    done_on: date | None = None
    sources: tuple[int, ...] = ()
    notices: tuple[NoticeSpec, ...] = ()  # printed just before the step


@dataclass(frozen=True)
class SectionSpec:
    """One checklist; `label` says where it stands, e.g. "Sekarang" or "Berikutnya"."""

    title: str
    summary: str
    checked: date
    steps: tuple[StepSpec, ...] = ()
    sources: tuple[SourceSpec, ...] = ()
    notices: tuple[NoticeSpec, ...] = ()  # printed before the first step
    done_reason: str = ""  # set when the record shows the checklist is done already
    label: str = ""


@dataclass(frozen=True)
class ChecklistsSpec:
    """Everything the checklists PDF prints; names already stripped of any NIK."""

    business_name: str
    printed: date
    facts: tuple[str, ...] = ()  # "Jenis usaha: …", "Pemilik: …", "Lokasi: …"
    size_line: str = ""
    notices: tuple[NoticeSpec, ...] = ()  # size and halal warnings, before everything
    sections: tuple[SectionSpec, ...] = ()
    bring: tuple[str, ...] = ()
    kbli: tuple[str, ...] = ()
    kbli_advice: str = ""
    skipped: tuple[str, ...] = ()
    others: tuple[str, ...] = ()  # checklists left out of a short version
    full_set_note: str = ""  # where the full set is
    max_pages: int | None = MAX_PAGES


def _line_mm(size: float) -> float:
    return size * LINE_FACTOR


def _para(
    items: list[Item],
    pdf_width: float,
    text: str,
    size: float = BODY_PT,
    bold: bool = False,
    indent: float = 0,
    keep: bool = False,
) -> None:
    """Add a wrapped paragraph, one item a line; keep=True keeps its lines with what follows."""
    lines = wrap(text, pdf_width - indent, size, bold)
    for n, line in enumerate(lines):

        def draw(pdf, y, line=line):
            pdf.put(pdf.l_margin + indent, y, line, size, bold)

        last = n == len(lines) - 1
        items.append(Item(_line_mm(size), draw, keep_with_next=keep or not last and n == 0))


def _gap(items: list[Item], mm: float) -> None:
    items.append(Item(mm, lambda pdf, y: None))


def _bullet(items: list[Item], width: float, text: str, indent: float = 2) -> None:
    lines = wrap(text, width - indent - BULLET_MM, BODY_PT)
    for n, line in enumerate(lines):

        def draw(pdf, y, line=line, first=n == 0):
            if first:
                pdf.put(pdf.l_margin + indent, y, "•")
            pdf.put(pdf.l_margin + indent + BULLET_MM, y, line)

        items.append(Item(_line_mm(BODY_PT), draw, keep_with_next=n == 0 and len(lines) > 1))


def _rule(items: list[Item]) -> None:
    def draw(pdf, y):
        pdf.set_line_width(RULE_WIDTH_MM)
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
        pdf.set_line_width(RULE_WIDTH_MM / 2)

    items.append(Item(3, draw, keep_with_next=True))


def _notice(items: list[Item], width: float, notice: NoticeSpec) -> None:
    """Add a bordered block with a bold title: one item, never split over pages."""
    title = "PERHATIAN" if notice.warning else "Catatan"
    inner = width - 6
    lines = [(t, True) for t in wrap(title, inner, BODY_PT, True)]
    lines += [(t, False) for t in wrap(notice.text, inner, BODY_PT)]
    height = len(lines) * _line_mm(BODY_PT) + 4

    def draw(pdf, y):
        for n, (line, bold) in enumerate(lines):
            pdf.put(pdf.l_margin + 3, y + 2 + n * _line_mm(BODY_PT), line, BODY_PT, bold)
        pdf.set_line_width(RULE_WIDTH_MM)
        pdf.rect(pdf.l_margin, y, width, height)
        pdf.set_line_width(RULE_WIDTH_MM / 2)

    items.append(Item(height, draw))
    _gap(items, 3)


def _ticked_para(items: list[Item], width: float, text: str, size: float, ticked: bool) -> None:
    """Add a paragraph with a tick box before its first line."""
    start = len(items)
    _para(items, width, text, size, bold=True, indent=INDENT_MM)
    first = items[start]

    def draw(pdf, y, inner=first.draw):
        pdf.tick_box(pdf.l_margin, y + 0.5, BOX_MM, ticked)
        inner(pdf, y)

    items[start] = Item(max(first.height, BOX_MM + 1), draw, keep_with_next=True)


def _step(items: list[Item], width: float, step: StepSpec, detail: int) -> None:
    for notice in step.notices:
        _notice(items, width, notice)
    _ticked_para(items, width, f"{step.number}. {step.title}", STEP_PT, step.done)
    if step.done:
        when = f" pada {tanggal(step.done_on)}" if step.done_on else ""
        _para(items, width, f"Sudah selesai{when}.", BODY_PT, True, INDENT_MM)
        _gap(items, 3)
        return
    if detail >= 1 and step.detail:
        _para(items, width, step.detail, indent=INDENT_MM)
    if detail >= 2:
        for item in step.prepare:
            _para(items, width, f"Siapkan: {item}", indent=INDENT_MM)
    if step.unverified:
        text = "Belum pasti: langkah ini belum bisa dipastikan dari sumber resmi. Cocokkan di "
        _para(items, width, text + "aplikasinya.", bold=True, indent=INDENT_MM)
    if detail >= 3:
        for pitfall in step.pitfalls:
            _para(items, width, f"Hati-hati: {pitfall}", indent=INDENT_MM)
    if step.sources and detail >= 1:
        numbers = ", ".join(str(n) for n in step.sources)
        _para(items, width, f"Sumber: QR {numbers} di bawah", indent=INDENT_MM)
    _gap(items, 4)


def _sources(items: list[Item], width: float, sources: tuple[SourceSpec, ...]) -> None:
    """Add the section's sources: numbered QR codes with short titles, in rows."""
    if not sources:
        return
    _para(items, width, "Sumber (pindai QR dengan kamera HP)", BODY_PT, bold=True, keep=True)
    cell = width / SOURCES_PER_ROW
    for row_start in range(0, len(sources), SOURCES_PER_ROW):
        row = list(enumerate(sources[row_start : row_start + SOURCES_PER_ROW], row_start + 1))
        laid = []
        for number, source in row:
            side = qr_side_mm(source.url, QR_MIN_MM)
            text_w = cell - side - QR_GAP_MM - 3
            lines = wrap(f"{number}. {source.title}", text_w, BODY_PT, bold=True)
            laid.append((side, lines, source.url))
        height = max(max(side, len(lines) * _line_mm(BODY_PT)) for side, lines, _ in laid) + 3

        def draw(pdf, y, laid=laid):
            for column, (side, lines, url) in enumerate(laid):
                x = pdf.l_margin + column * cell
                pdf.qr(url, x, y, side)
                for n, line in enumerate(lines):
                    pdf.put(x + side + QR_GAP_MM, y + 1 + n * _line_mm(BODY_PT), line, bold=True)

        last = row_start + SOURCES_PER_ROW >= len(sources)
        items.append(Item(height, draw, keep_with_next=not last))
    _gap(items, 3)


def _keep_tail(items: list[Item], lines: int = 2) -> None:
    """Keep the last few items (a step's last lines and the gap after) with what follows."""
    for item in items[-(lines + 1) :]:
        item.keep_with_next = True


def _section(items: list[Item], width: float, section: SectionSpec, detail: int) -> None:
    _rule(items)
    title = f"{section.label}: {section.title}" if section.label else section.title
    _para(items, width, title, HEADING_PT, bold=True, keep=True)
    if detail >= 1:
        _para(items, width, section.summary, keep=True)
    _para(items, width, f"Terakhir dicek: {tanggal(section.checked)}.", keep=True)
    _gap(items, 3)
    for notice in section.notices:
        _notice(items, width, notice)
    if section.done_reason:
        _ticked_para(items, width, section.done_reason, STEP_PT, True)
        _gap(items, 5)
        return
    for step in section.steps:
        _step(items, width, step, detail)
    if detail >= 1 and section.sources:
        _keep_tail(items)  # the QR codes never stand alone on a page
        _sources(items, width, section.sources)


def _header(items: list[Item], width: float, spec: ChecklistsSpec) -> None:
    name = spec.business_name or "Usaha tanpa nama"
    _para(items, width, f"Langkah usaha: {name}", TITLE_PT, bold=True)
    for line in (*spec.facts, f"Dicetak: {tanggal(spec.printed)}"):
        _para(items, width, line)
    _gap(items, 4)
    if spec.size_line:
        _para(items, width, spec.size_line, STEP_PT, bold=True)
        _gap(items, 2)
    for notice in spec.notices:
        _notice(items, width, notice)


def _lists(items: list[Item], width: float, spec: ChecklistsSpec, detail: int) -> None:
    if spec.bring and detail >= 1:
        _para(items, width, "Siapkan untuk langkah-langkah ini", HEADING_PT, bold=True, keep=True)
        for text in spec.bring:
            _bullet(items, width, text)
        _gap(items, 4)
    if spec.kbli:
        _para(items, width, "Kode KBLI yang disarankan", HEADING_PT, bold=True, keep=True)
        for text in spec.kbli:
            _bullet(items, width, text)
        if spec.kbli_advice:
            _para(items, width, spec.kbli_advice)
        _gap(items, 4)


def _tail(items: list[Item], width: float, spec: ChecklistsSpec) -> None:
    if spec.others:
        _para(items, width, "Daftar lain untuk nanti", HEADING_PT, bold=True, keep=True)
        for text in spec.others:
            _bullet(items, width, text)
        _gap(items, 2)
    if spec.full_set_note:
        _para(items, width, spec.full_set_note)
        _gap(items, 4)
    if spec.skipped:
        _para(items, width, "Tidak perlu untuk usaha ini", HEADING_PT, bold=True, keep=True)
        for text in spec.skipped:
            _bullet(items, width, text)


def _items(spec: ChecklistsSpec, width: float, detail: tuple[int, int]) -> list[Item]:
    items: list[Item] = []
    _header(items, width, spec)
    _lists(items, width, spec, detail[0])
    for n, section in enumerate(spec.sections):
        _section(
            items, width, section, detail[0] if n == 0 or spec.max_pages is None else detail[1]
        )
    _tail(items, width, spec)
    return items


# Detail of the first (current) checklist and of the others, richest first: 3 = pitfalls
# too, 2 = things to prepare, 1 = step details and the bring list, 0 = step titles only.
# The richest pair that fits max_pages is printed; the full set always gets the first.
DETAIL_LEVELS = ((3, 1), (3, 0), (2, 0), (1, 0), (0, 0))


def checklists_pdf(spec: ChecklistsSpec) -> bytes:
    """Render the checklists as a large-print A4 PDF with tick boxes and source QR codes."""
    pdf = LargePrintPDF(footer_text=spec.business_name)
    pdf.set_title(f"Langkah usaha {spec.business_name}".strip())
    pdf.set_creator("Kit Usaha")
    top, bottom = pdf.t_margin, pdf.bottom
    for detail in DETAIL_LEVELS:
        pages = paginate(_items(spec, pdf.content_width, detail), top, bottom)
        if spec.max_pages is None or len(pages) <= spec.max_pages:
            break
    draw_pages(pdf, pages)
    return bytes(pdf.output())
