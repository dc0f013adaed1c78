"""Sticker-sheet PDFs: labels at exact mm positions, cut guides, and a calibration page."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from PIL import Image

from app.render.data import SHEETS_FILE, data_file
from app.render.fonts import add_pdf_font, pdf_font_path
from app.render.rules import SHEET_SAFE_MARGIN_MM
from app.render.translations import N_, translate

A4_MM = (210.0, 297.0)
PAPER_SIZES_MM = {"A4": A4_MM, "A5": (148.0, 210.0), "A6": (105.0, 148.0)}
FIT_TOLERANCE_MM = 0.01
CUT_LINE_MM = 0.1  # thin enough to vanish inside the die cut's own tolerance
CUT_GREY = 150
CUSTOM_MARGIN_MM = 8.0  # most home printers cannot print closer than ~5 mm to the edge
CUSTOM_GAP_MM = 3.0
CUSTOM_NAME = N_("Ukuran sendiri %(w)s × %(h)s mm")  # a custom sheet preset, by label size
RULER_MM = 100.0
RULER_BAR_MM = 6.0
RULER_TICK_MM = 2.0
RULER_CM_TICK_MM = 4.0
RULER_INSET_MM = 12.0
CAL_FONT_PT = 9.0
CAL_NUMBER_PT = 12.0
CAL_LINE_MM = 0.2
CAL_TEXT_W_MM = 120.0
CAL_LINE_H_MM = 5.0
MM_PER_CM = 10
_FONT = "KitSans"


class SheetError(ValueError):
    """A sheet preset is invalid or does not fit its paper."""


@dataclass(frozen=True)
class SheetPreset:
    """A grid of labels on a sheet of paper, all sizes in mm."""

    key: str
    name_id: str
    name_en: str
    paper_w_mm: float
    paper_h_mm: float
    columns: int
    rows: int
    label_w_mm: float
    label_h_mm: float
    margin_top_mm: float
    margin_left_mm: float
    gap_h_mm: float = 0.0
    gap_v_mm: float = 0.0
    corner_radius_mm: float = 0.0
    # Colour and text stay this far inside each label's cut (≥ 1.5 mm on gapless sheets)…
    safe_margin_mm: float = 0.0
    # …unless the sheet prints with bleed: artwork runs this far past the cut into the gap.
    bleed_mm: float = 0.0
    verified: bool = False
    note: str = ""

    @property
    def gapless(self) -> bool:
        """Tell whether neighbouring labels touch (no gap in some direction)."""
        return (self.columns > 1 and self.gap_h_mm == 0) or (self.rows > 1 and self.gap_v_mm == 0)

    @property
    def edge_safe_mm(self) -> float:
        """Return how far inside the cut the label's artwork must stay (0 with bleed)."""
        return 0.0 if self.bleed_mm else self.safe_margin_mm

    @property
    def per_sheet(self) -> int:
        """Return the number of labels on one sheet."""
        return self.columns * self.rows

    def cell(self, index: int) -> tuple[float, float]:
        """Return the top-left corner (x, y) in mm of a 0-based cell, row by row."""
        row, col = divmod(index, self.columns)
        x = self.margin_left_mm + col * (self.label_w_mm + self.gap_h_mm)
        y = self.margin_top_mm + row * (self.label_h_mm + self.gap_v_mm)
        return x, y


def validate_preset(p: SheetPreset) -> list[str]:
    """Return the problems of a preset (empty when it fits its paper)."""
    problems = []
    for name in ("paper_w_mm", "paper_h_mm", "label_w_mm", "label_h_mm"):
        if getattr(p, name) <= 0:
            problems.append(f"{p.key}.{name} must be > 0")
    for name in ("margin_top_mm", "margin_left_mm", "gap_h_mm", "gap_v_mm", "corner_radius_mm",
                 "safe_margin_mm", "bleed_mm"):  # fmt: skip
        if getattr(p, name) < 0:
            problems.append(f"{p.key}.{name} must be ≥ 0")
    if p.columns < 1 or p.rows < 1:
        problems.append(f"{p.key}: columns and rows must be ≥ 1")
    if problems:
        return problems
    right = p.margin_left_mm + p.columns * p.label_w_mm + (p.columns - 1) * p.gap_h_mm
    bottom = p.margin_top_mm + p.rows * p.label_h_mm + (p.rows - 1) * p.gap_v_mm
    if right > p.paper_w_mm + FIT_TOLERANCE_MM:
        problems.append(f"{p.key}: grid is {right:.2f} mm wide, paper {p.paper_w_mm} mm")
    if bottom > p.paper_h_mm + FIT_TOLERANCE_MM:
        problems.append(f"{p.key}: grid is {bottom:.2f} mm tall, paper {p.paper_h_mm} mm")
    if p.corner_radius_mm * 2 > min(p.label_w_mm, p.label_h_mm):
        problems.append(f"{p.key}: corner radius larger than half the label")
    if p.gapless and not p.bleed_mm and p.safe_margin_mm < SHEET_SAFE_MARGIN_MM:
        problems.append(
            f"{p.key}: labels touch, so safe_margin_mm must be ≥ {SHEET_SAFE_MARGIN_MM} "
            "(or print with bleed_mm into a gap)"
        )
    if p.bleed_mm and (
        p.gapless or p.bleed_mm * 2 > min(p.gap_h_mm or p.gap_v_mm, p.gap_v_mm or p.gap_h_mm)
    ):
        problems.append(f"{p.key}: bleed_mm needs a gap of twice its width between labels")
    return problems


def parse_sheets(data: dict) -> dict[str, SheetPreset]:
    """Build and validate presets from parsed TOML."""
    raw = data.get("sheets")
    if not isinstance(raw, dict) or not raw:
        raise SheetError("sheets.toml has no [sheets.<key>] tables")
    known = {f.name for f in fields(SheetPreset)} - {"key"}
    presets, problems = {}, []
    for key, entry in raw.items():
        unknown = set(entry) - known
        if unknown:
            problems.append(f"{key}: unknown keys {sorted(unknown)}")
            continue
        try:
            preset = SheetPreset(key=key, **entry)
        except TypeError as exc:
            problems.append(f"{key}: {exc}")
            continue
        problems.extend(validate_preset(preset))
        presets[key] = preset
    if problems:
        raise SheetError("; ".join(problems))
    return presets


def load_sheets(path: Path | None = None) -> dict[str, SheetPreset]:
    """Load and validate the sheet presets file."""
    return _load_sheets(path or data_file(SHEETS_FILE))


@lru_cache(maxsize=8)
def _load_sheets(path: Path) -> dict[str, SheetPreset]:
    with open(path, "rb") as fh:
        return parse_sheets(tomllib.load(fh))


def get_sheet(key: str) -> SheetPreset:
    """Return a preset by key."""
    try:
        return load_sheets()[key]
    except KeyError:
        raise SheetError(f"unknown sheet preset {key!r}") from None


def custom_sheet(
    label_w_mm: float,
    label_h_mm: float,
    paper: str | tuple[float, float] = "A4",
    *,
    margin_mm: float = CUSTOM_MARGIN_MM,
    gap_mm: float = CUSTOM_GAP_MM,
    corner_radius_mm: float = 0.0,
) -> SheetPreset:
    """Build a centred grid of as many labels of a size as fit on plain paper."""
    pw, ph = PAPER_SIZES_MM[paper] if isinstance(paper, str) else paper
    cols = math.floor((pw - 2 * margin_mm + gap_mm) / (label_w_mm + gap_mm))
    rows = math.floor((ph - 2 * margin_mm + gap_mm) / (label_h_mm + gap_mm))
    if cols < 1 or rows < 1:
        raise SheetError(f"a {label_w_mm} × {label_h_mm} mm label does not fit on {pw} × {ph} mm")
    grid_w = cols * label_w_mm + (cols - 1) * gap_mm
    grid_h = rows * label_h_mm + (rows - 1) * gap_mm
    preset = SheetPreset(
        key=f"custom-{label_w_mm:g}x{label_h_mm:g}",
        name_id=translate("id", CUSTOM_NAME, w=f"{label_w_mm:g}", h=f"{label_h_mm:g}"),
        name_en=translate("en", CUSTOM_NAME, w=f"{label_w_mm:g}", h=f"{label_h_mm:g}"),
        paper_w_mm=pw,
        paper_h_mm=ph,
        columns=cols,
        rows=rows,
        label_w_mm=label_w_mm,
        label_h_mm=label_h_mm,
        margin_top_mm=round((ph - grid_h) / 2, 2),
        margin_left_mm=round((pw - grid_w) / 2, 2),
        gap_h_mm=gap_mm,
        gap_v_mm=gap_mm,
        corner_radius_mm=corner_radius_mm,
        verified=True,  # plain paper cut by hand: nothing to match
        note="Kertas biasa atau stiker polos: potong mengikuti garis.",
    )
    problems = validate_preset(preset)
    if problems:
        raise SheetError("; ".join(problems))
    return preset


def placements(
    preset: SheetPreset, copies: int, start_at: int = 1
) -> list[tuple[int, float, float]]:
    """Return (page, x_mm, y_mm) for each copy, skipping cells before start_at on page 0."""
    if copies < 0:
        raise SheetError("copies must be ≥ 0")
    if not 1 <= start_at <= preset.per_sheet:
        raise SheetError(f"start_at must be 1…{preset.per_sheet}")
    out = []
    for i in range(copies):
        slot = start_at - 1 + i
        page, index = divmod(slot, preset.per_sheet)
        out.append((page, *preset.cell(index)))
    return out


def _new_pdf(preset: SheetPreset) -> FPDF:
    pdf = FPDF(unit="mm", format=(preset.paper_w_mm, preset.paper_h_mm))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_creator("Kit Usaha")
    return pdf


def _fit_box(img: Image.Image, w: float, h: float) -> tuple[float, float, float, float]:
    """Return (dx, dy, w, h) that fits an image in a cell, centred, keeping its aspect."""
    scale = min(w / img.width, h / img.height)
    iw, ih = img.width * scale, img.height * scale
    return (w - iw) / 2, (h - ih) / 2, iw, ih


@dataclass(frozen=True)
class PrinterCorrection:
    """What a team's printer does wrong, measured on the calibration page: offset and scale."""

    offset_x_mm: float = 0.0  # + moves everything right
    offset_y_mm: float = 0.0  # + moves everything down
    scale_pct: float = 100.0  # 101 enlarges by 1 % (the printer shrank 100 mm to 99 mm)

    @property
    def k(self) -> float:
        """Return the scale factor."""
        return self.scale_pct / 100.0

    def xy(self, x: float, y: float) -> tuple[float, float]:
        """Return a page position after the correction (scaled about the top-left corner)."""
        return x * self.k + self.offset_x_mm, y * self.k + self.offset_y_mm

    @classmethod
    def from_ruler(cls, measured_mm: float, ruler_mm: float = 100.0, dx: float = 0.0,
                   dy: float = 0.0) -> PrinterCorrection:  # fmt: skip
        """Return the correction for a ruler of ruler_mm that printed measured_mm long."""
        return cls(dx, dy, round(100.0 * ruler_mm / measured_mm, 2))


NO_CORRECTION = PrinterCorrection()


@dataclass(frozen=True)
class SheetItem:
    """Labels of one product on a sheet: its image, how many, and its name as text."""

    image: Image.Image
    copies: int
    name: str = ""


def label_sheet_pdf(
    label_image: Image.Image,
    preset: SheetPreset,
    copies: int,
    start_at: int = 1,
    cut_lines: bool = False,
    correction: PrinterCorrection = NO_CORRECTION,
) -> bytes:
    """Place copies of one label on sticker sheets at exact mm positions; return PDF bytes."""
    return labels_sheet_pdf([SheetItem(label_image, copies)], preset, start_at, cut_lines,
                            correction)  # fmt: skip


def labels_sheet_pdf(
    items: list[SheetItem],
    preset: SheetPreset,
    start_at: int = 1,
    cut_lines: bool = False,
    correction: PrinterCorrection = NO_CORRECTION,
    page_per_item: bool = False,
) -> bytes:
    """Place several products' labels on sheets; page_per_item starts each on a new sheet.

    Each label also carries its product name as invisible text, so the PDF can be searched
    and read aloud, and tests can check which product sits where.
    """
    pdf = _new_pdf(preset)
    _add_fonts(pdf)
    pdf.set_draw_color(CUT_GREY)
    pdf.set_line_width(CUT_LINE_MM)
    k = correction.k
    slot = start_at - 1
    if not 0 <= slot < preset.per_sheet:
        raise SheetError(f"start_at must be 1…{preset.per_sheet}")
    page = -1
    for item in items:
        if page_per_item and slot % preset.per_sheet:
            slot += preset.per_sheet - slot % preset.per_sheet
        img = item.image.convert("RGB")
        dx, dy, iw, ih = _fit_box(img, preset.label_w_mm, preset.label_h_mm)
        source: Image.Image | str = img
        for _ in range(max(0, item.copies)):
            p, index = divmod(slot, preset.per_sheet)
            slot += 1
            while page < p:
                pdf.add_page()
                page += 1
            x, y = correction.xy(*preset.cell(index))
            # fpdf2 hashes a PIL image's pixels on every call; after the first copy,
            # refer to the cached image by its key so 40 copies cost one hash.
            info = pdf.image(source, x=x + dx * k, y=y + dy * k, w=iw * k, h=ih * k)
            if source is img:
                source = next((key for key, v in pdf.image_cache.images.items() if v is info), img)
            if item.name:
                with pdf.local_context(text_mode="INVISIBLE"):
                    pdf.set_font(_FONT, "", CAL_FONT_PT)
                    pdf.text(x + 1, y + CAL_LINE_H_MM, item.name)
            if cut_lines:
                pdf.rect(x, y, preset.label_w_mm * k, preset.label_h_mm * k, style="D",
                         round_corners=preset.corner_radius_mm > 0,
                         corner_radius=preset.corner_radius_mm * k)  # fmt: skip
    if page < 0:
        pdf.add_page()
    return bytes(pdf.output())


def _add_fonts(pdf: FPDF) -> None:
    add_pdf_font(pdf, _FONT, pdf_font_path("text-regular"))
    add_pdf_font(pdf, _FONT, pdf_font_path("text-bold"), "B")


def _ruler(pdf: FPDF, x: float, y: float, length: float, vertical: bool) -> None:
    """Draw a ruler bar with mm ticks and cm numbers."""
    w, h = (RULER_BAR_MM, length) if vertical else (length, RULER_BAR_MM)
    pdf.set_fill_color(255)
    pdf.rect(x, y, w, h, style="DF")
    pdf.set_font(_FONT, "", CAL_FONT_PT * 0.7)
    for mm in range(int(length) + 1):
        tick = RULER_CM_TICK_MM if mm % MM_PER_CM == 0 else RULER_TICK_MM
        if vertical:
            pdf.line(x, y + mm, x + tick, y + mm)
        else:
            pdf.line(x + mm, y, x + mm, y + tick)
        if mm % MM_PER_CM == 0 and 0 < mm < length:
            label = str(mm // MM_PER_CM)
            if vertical:
                pdf.text(x + RULER_CM_TICK_MM + 0.5, y + mm + 1, label)
            else:
                pdf.text(x + mm - 0.8, y + RULER_BAR_MM - 0.6, label)


@lru_cache(maxsize=32)
def calibration_pdf(preset: SheetPreset) -> bytes:
    """Render a one-page calibration sheet: numbered cell outlines, 100 mm rulers, instructions."""
    pdf = _new_pdf(preset)
    _add_fonts(pdf)
    pdf.add_page()
    pdf.set_line_width(CAL_LINE_MM)
    pdf.set_draw_color(0)
    usable = min(preset.paper_w_mm, preset.paper_h_mm) - 2 * RULER_INSET_MM
    length = min(RULER_MM, math.floor(usable / MM_PER_CM) * MM_PER_CM)
    # Text first, outlines and numbers over it: the grid is what the page is for,
    # and on a full sheet there is no free space to hold the instructions.
    text_x = RULER_INSET_MM + RULER_BAR_MM + 2
    text_w = min(CAL_TEXT_W_MM, preset.paper_w_mm - text_x - RULER_INSET_MM)
    pdf.set_xy(text_x, RULER_INSET_MM + RULER_BAR_MM + 2)
    pdf.set_fill_color(255)
    pdf.set_font(_FONT, "B", CAL_FONT_PT + 1)
    pdf.multi_cell(text_w, CAL_LINE_H_MM, f"Halaman kalibrasi: {preset.name_id}", align="L")
    pdf.set_font(_FONT, "", CAL_FONT_PT)
    pdf.set_x(text_x)
    pdf.multi_cell(text_w, CAL_LINE_H_MM, _instructions(preset, length), align="L")
    pdf.set_font(_FONT, "B", CAL_NUMBER_PT)
    pdf.set_text_color(CUT_GREY)
    for i in range(preset.per_sheet):
        x, y = preset.cell(i)
        pdf.rect(
            x,
            y,
            preset.label_w_mm,
            preset.label_h_mm,
            style="D",
            round_corners=preset.corner_radius_mm > 0,
            corner_radius=preset.corner_radius_mm,
        )
        pdf.set_xy(x, y + preset.label_h_mm - CAL_LINE_H_MM - 1)
        pdf.cell(preset.label_w_mm - 2, CAL_LINE_H_MM, str(i + 1), align="R")
    pdf.set_text_color(0)
    _ruler(pdf, RULER_INSET_MM, RULER_INSET_MM, length, vertical=False)
    _ruler(pdf, RULER_INSET_MM, RULER_INSET_MM + RULER_BAR_MM, length, vertical=True)
    return bytes(pdf.output())


def _instructions(preset: SheetPreset, ruler_mm: float) -> str:
    lines = [
        '1. Cetak di kertas biasa dengan skala 100% / "Ukuran sebenarnya" (Actual size), '
        'bukan "Sesuaikan dengan halaman" (Fit to page).',
        f"2. Ukur kedua garis ukur dengan penggaris: harus tepat {ruler_mm:g} mm "
        f"({ruler_mm / MM_PER_CM:g} cm).",
        "3. Tumpuk halaman ini di atas lembar stiker dan terawang ke arah cahaya: "
        "kotak bernomor harus tepat menutupi setiap label.",
        f"Label {preset.label_w_mm:g} × {preset.label_h_mm:g} mm, "
        f"{preset.columns} kolom × {preset.rows} baris.",
    ]
    if not preset.verified:
        lines.append(f"Ukuran lembar ini belum diperiksa: {preset.note}")
    return "\n".join(lines)
