"""Large-print A4 documents (checklists, buku kas): type never under 14 pt, laid out in mm.

Text is wrapped here, word by word from the fonts' advance widths, and drawn line by
line: fpdf2's ``multi_cell`` re-measures a line for every character it adds, which made
these PDFs the slowest files of a kit. Fonts come from ``fonts.add_pdf_font`` (parsed once
per process); the small Latin subsets cover Indonesian text, and fuller fonts join a
document only when a text needs a character the subsets lack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from fpdf import FPDF

from app.render.fonts import add_pdf_font, font_path, pdf_advances, pdf_font_path
from app.render.qr import MIN_MODULE_MM, dark_runs, qr_matrix
from app.render.units import MM_PER_INCH, PT_PER_INCH

# Month names for dates written out in full ("27 November 2026").
_MONTH_NAMES = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
)
MONTHS_ID = tuple(_MONTH_NAMES.split())
# Sizes in points; nothing in these PDFs is ever set smaller than MIN_FONT_PT.
MIN_FONT_PT = 14
BODY_PT = 14
STEP_PT = 16
HEADING_PT = 20
TITLE_PT = 24
MM_PER_PT = MM_PER_INCH / PT_PER_INCH
LINE_FACTOR = 0.5  # line height in mm per point of font size (about 1.4 x the glyph height)
BASELINE = 0.78  # baseline position within a line, as a share of the line height
MARGIN_MM = 15
FOOTER_MM = 8  # room kept under the text for the page footer
RULE_WIDTH_MM = 0.6
DEFAULT_ADVANCE = 600  # 1/1000 em for a character no font measures

# Fonts tried in order for each character, per weight: (family, file, style).
_CHAINS: dict[bool, tuple[tuple[str, Path, str], ...]] = {
    False: (
        ("text", pdf_font_path("text-regular"), ""),
        ("textfull", font_path("text-regular"), ""),
        ("symbols", font_path("symbols"), ""),
        ("javanese", font_path("javanese"), ""),
    ),
    True: (
        ("text", pdf_font_path("text-bold"), "B"),
        ("textfull", font_path("text-bold"), "B"),
        ("symbols", font_path("symbols"), ""),
        ("javanese", font_path("javanese-bold"), "B"),
    ),
}


@cache
def _covered(path: Path) -> frozenset[str]:
    return frozenset(pdf_advances(path))


@lru_cache(maxsize=4096)
def runs(text: str, bold: bool = False) -> tuple[tuple[int, str], ...]:
    """Split text into (font index in the chain, run) pieces, each drawable by one font."""
    chain = _CHAINS[bold]
    if _covered(chain[0][1]).issuperset(text):
        return ((0, text),)
    pieces: list[tuple[int, str]] = []
    for ch in text:
        # A character no bundled font has stays with the first font (drawn as a box).
        index = next((i for i, (_, path, _) in enumerate(chain) if ch in _covered(path)), 0)
        if pieces and pieces[-1][0] == index:
            pieces[-1] = (index, pieces[-1][1] + ch)
        else:
            pieces.append((index, ch))
    return tuple(pieces)


@lru_cache(maxsize=16384)
def _units(text: str, bold: bool) -> int:
    """Return the advance of text in 1/1000 em."""
    chain = _CHAINS[bold]
    total = 0
    for index, run in runs(text, bold):
        advances = pdf_advances(chain[index][1])
        total += sum(advances.get(ch, DEFAULT_ADVANCE) for ch in run)
    return total


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Return the width of text in mm at a size in points."""
    return _units(text, bold) * size / 1000 * MM_PER_PT


def _break_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    pieces, current = [], ""
    for ch in word:
        if current and text_width(current + ch, size, bold) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    return [*pieces, current] if current else pieces


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break text into lines no wider than width mm, between words where possible."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, size, bold) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if text_width(word, size, bold) <= width:
                current = word
            else:  # only a word longer than the line is broken
                *full, current = _break_word(word, width, size, bold)
                lines.extend(full)
        lines.append(current)
    return lines


def fit(text: str, width: float, size: float, bold: bool = False) -> str:
    """Return text shortened with an ellipsis so it fits width mm."""
    if text_width(text, size, bold) <= width:
        return text
    while text and text_width(text + "…", size, bold) > width:
        text = text[:-1]
    return (text.rstrip() + "…") if text else ""


class LargePrintPDF(FPDF):
    """An A4 fpdf2 document with the bundled fonts that refuses any font size under 14 pt."""

    def __init__(self, orientation: str = "P", footer_text: str = ""):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.footer_text = footer_text
        for bold in (False, True):
            family, path, style = _CHAINS[bold][0]
            add_pdf_font(self, family, path, style)
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(False)
        self.set_text_color(0, 0, 0)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(RULE_WIDTH_MM / 2)
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

    @property
    def bottom(self) -> float:
        """Return the lowest y text may reach, above the footer."""
        return self.h - self.t_margin - FOOTER_MM  # margins are the same all round

    def put(self, x: float, y: float, text: str, size: float = BODY_PT, bold: bool = False):
        """Draw one line of text with its top at y mm, switching fonts where a glyph needs it."""
        baseline = y + size * LINE_FACTOR * BASELINE
        chain = _CHAINS[bold]
        for index, run in runs(text, bold):
            family, path, style = chain[index]
            if index:
                add_pdf_font(self, family, path, style)  # fuller fonts join only when needed
            self.set_font(family, style, size)
            self.text(x, baseline, run)
            x += text_width(run, size, bold)

    def page_footer(self, total: int) -> None:
        """Write the footer of the current page: the business name and "halaman n dari N"."""
        page = f"halaman {self.page_no()} dari {total}"
        room = self.content_width - text_width(page, BODY_PT) - 10
        name = fit(self.footer_text, room, BODY_PT) if self.footer_text else ""
        line = f"{name}  ·  {page}" if name else page
        x = self.l_margin + (self.content_width - text_width(line, BODY_PT)) / 2
        self.put(x, self.h - self.t_margin - BODY_PT * LINE_FACTOR / 2, line)

    def tick_box(self, x: float, y: float, side: float, ticked: bool) -> None:
        """Draw a square tick box, with a tick of two strokes when done (no glyph needed)."""
        self.set_line_width(RULE_WIDTH_MM)
        self.rect(x, y, side, side)
        if ticked:
            self.set_line_width(RULE_WIDTH_MM * 1.5)
            self.line(x + 1.3, y + side * 0.55, x + side * 0.42, y + side - 1.3)
            self.line(x + side * 0.42, y + side - 1.3, x + side - 1.0, y + 1.2)
        self.set_line_width(RULE_WIDTH_MM / 2)

    def grid(self, xs: list[float], ys: list[float], width: float = RULE_WIDTH_MM / 2) -> None:
        """Stroke a table's ruling: a vertical line at each x, a horizontal one at each y (mm)."""
        k, h = self.k, self.h
        left, right, top, bottom = xs[0] * k, xs[-1] * k, (h - ys[0]) * k, (h - ys[-1]) * k
        parts = [f"{x * k:.2f} {top:.2f} m {x * k:.2f} {bottom:.2f} l" for x in xs]
        parts += [f"{left:.2f} {(h - y) * k:.2f} m {right:.2f} {(h - y) * k:.2f} l" for y in ys]
        self._out(f"q 0 G {width * k:.2f} w {' '.join(parts)} S Q")

    def qr(self, url: str, x: float, y: float, side: float) -> None:
        """Draw a QR code (quiet zone included) as one vector path side mm wide."""
        # One path of the module runs, moved into place: a few hundred rect() calls
        # through fpdf2 cost more than the rest of a page.
        tx, ty = x * self.k, (self.h - y) * self.k
        self._out(f"q 0 g 1 0 0 1 {tx:.2f} {ty:.2f} cm {_qr_path(url, side * self.k)} f Q")


@lru_cache(maxsize=256)
def _qr_path(url: str, side_pt: float) -> str:
    """Return PDF path operators for a QR's dark runs, origin at its top left, y up."""
    matrix = qr_matrix(url, "M")
    m = side_pt / len(matrix)
    return " ".join(
        f"{start * m:.3f} {-(row + 1) * m:.3f} {length * m:.3f} {m:.3f} re"
        for row, start, length in dark_runs(matrix)
    )


def qr_side_mm(url: str, smallest: float) -> float:
    """Return a QR's printed width: at least `smallest` mm and 0.4 mm a module."""
    return max(smallest, len(qr_matrix(url, "M")) * MIN_MODULE_MM)


@dataclass
class Item:
    """A piece of a flowing page: its height in mm and how to draw it at a y."""

    height: float
    draw: Callable[[LargePrintPDF, float], None] = field(repr=False)
    keep_with_next: bool = False  # a heading or a step's first line never ends a page
    new_page: bool = False


def paginate(items: list[Item], top: float, bottom: float) -> list[list[tuple[float, Item]]]:
    """Place items on pages: (y, item) per page, keeping chains of kept items together."""
    pages: list[list[tuple[float, Item]]] = [[]]
    y = top
    for i, item in enumerate(items):
        need = item.height
        j = i
        while items[j].keep_with_next and j + 1 < len(items) and need < bottom - top:
            j += 1
            need += items[j].height
        if pages[-1] and (item.new_page or y + min(need, bottom - top) > bottom):
            pages.append([])
            y = top
        pages[-1].append((y, item))
        y += item.height
    return pages


def draw_pages(pdf: LargePrintPDF, pages: list[list[tuple[float, Item]]]) -> None:
    """Draw paginated items, one PDF page each."""
    for page in pages:
        pdf.add_page()
        for y, item in page:
            item.draw(pdf, y)
        pdf.page_footer(len(pages))
