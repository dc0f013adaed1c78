"""Sticker-sheet PDFs: labels at exact mm positions, cut guides, and a calibration page."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from fpdf import FPDF
from PIL import Image

from app.render.fonts import add_pdf_font, pdf_font_path
from app.render.presets import (  # noqa: F401  (the sheet API, one import away)
    A4_MM,
    PAPER_SIZES_MM,
    SheetError,
    SheetPreset,
    custom_sheet,
    get_sheet,
    load_sheets,
    parse_sheets,
    validate_preset,
)

CUT_LINE_MM = 0.1  # thin enough to vanish inside the die cut's own tolerance
CUT_GREY = 150
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
    def from_ruler(
        cls, measured_mm: float, ruler_mm: float = 100.0, dx: float = 0.0, dy: float = 0.0
    ) -> PrinterCorrection:
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
    return labels_sheet_pdf(
        [SheetItem(label_image, copies)], preset, start_at, cut_lines, correction
    )


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
                pdf.rect(
                    x,
                    y,
                    preset.label_w_mm * k,
                    preset.label_h_mm * k,
                    style="D",
                    round_corners=preset.corner_radius_mm > 0,
                    corner_radius=preset.corner_radius_mm * k,
                )
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
