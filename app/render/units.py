"""Physical units: millimetres, points and pixels at a stated DPI."""

from __future__ import annotations

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0
# Print artwork is rasterised at 300 dpi: sharp on inkjet/laser, small files.
PRINT_DPI = 300
# Screen artwork (pamphlets for WhatsApp/Instagram) is sized in pixels directly.
SCREEN_DPI = 72


def mm_to_px(mm: float, dpi: int = PRINT_DPI) -> int:
    """Convert millimetres to whole pixels at a DPI (rounded to nearest)."""
    return round(mm / MM_PER_INCH * dpi)


def mm_to_px_f(mm: float, dpi: int = PRINT_DPI) -> float:
    """Convert millimetres to fractional pixels at a DPI."""
    return mm / MM_PER_INCH * dpi


def px_to_mm(px: float, dpi: int = PRINT_DPI) -> float:
    """Convert pixels at a DPI to millimetres."""
    return px * MM_PER_INCH / dpi


def pt_to_px(pt: float, dpi: int = PRINT_DPI) -> int:
    """Convert typographic points to whole pixels at a DPI."""
    return round(pt / PT_PER_INCH * dpi)


def mm_to_pt(mm: float) -> float:
    """Convert millimetres to PDF points."""
    return mm / MM_PER_INCH * PT_PER_INCH
