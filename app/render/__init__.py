"""Pure renderers: specs in, PIL images or bytes out; no Flask, no database.

May import: the standard library, Pillow, fpdf2, qrcode, Babel, phonenumbers, pydantic and
other modules of app.render - never Flask, SQLAlchemy or the rest of app (checked by
tests/test_architecture.py). Data files (themes, sheet presets, print items) come from the
folder set by ``data.set_data_dir``; each has a typed, frozen pydantic model (tomldata.py
holds what they share: settings, located errors).

Text: textprep.py (clean, bind, split into font runs) -> textmetrics.py (measure) ->
text.py (wrap, fit, draw). Sheets: presets.py (the presets) and sheet.py (the PDFs). Labels:
label_content.py (what a label says) and label.py (layout, QR, drawing).

Front doors:
    render_logo(name, theme)                 -> RGBA image
    qr_image(url) / qr_png(url) / qr_svg(url)
    render_label(spec) / label_png(spec)     -> 300 dpi label; render_label_result adds decisions
    missing_food_fields(spec)                -> Indonesian names of empty mandatory food fields
    label_sheet_pdf(image, preset, copies, start_at, cut_lines) / calibration_pdf(preset)
    labels_sheet_pdf(items, preset, start_at, cut_lines, correction, page_per_item)
    render_pamphlet(spec, "square"|"story") / pamphlet_png / pamphlet_a5_pdf(spec, bleed)
    qr_sign_pdf(spec, "A6"|"A5")
"""

from app.render.fonts import FONT_DIR, font_path, pdf_font_path
from app.render.formatting import phone_local, rupiah
from app.render.label import (
    LabelResult,
    label_png,
    missing_food_fields,
    render_label,
    render_label_result,
)
from app.render.logo import render_logo
from app.render.pamphlet import pamphlet_a5_pdf, pamphlet_issues, pamphlet_png, render_pamphlet
from app.render.qr import min_qr_width_mm, module_size_mm, qr_image, qr_png, qr_svg
from app.render.sheet import (
    SheetPreset,
    calibration_pdf,
    custom_sheet,
    get_sheet,
    label_sheet_pdf,
    labels_sheet_pdf,
    load_sheets,
)
from app.render.sign import qr_sign_pdf
from app.render.spec import BusinessSpec, LabelSpec, PamphletSpec, ProductSpec, SignSpec
from app.render.text import TextLayout, fit_text
from app.render.theme import Theme, get_theme, load_themes

# Bump on any visual change: part of every generated file's cache key.
RENDERER_VERSION = "5"

__all__ = [
    "FONT_DIR",
    "RENDERER_VERSION",
    "BusinessSpec",
    "LabelResult",
    "LabelSpec",
    "PamphletSpec",
    "ProductSpec",
    "SheetPreset",
    "SignSpec",
    "TextLayout",
    "Theme",
    "calibration_pdf",
    "custom_sheet",
    "fit_text",
    "font_path",
    "get_sheet",
    "get_theme",
    "label_png",
    "label_sheet_pdf",
    "labels_sheet_pdf",
    "load_sheets",
    "load_themes",
    "min_qr_width_mm",
    "missing_food_fields",
    "module_size_mm",
    "pamphlet_a5_pdf",
    "pamphlet_issues",
    "pamphlet_png",
    "pdf_font_path",
    "phone_local",
    "qr_image",
    "qr_png",
    "qr_sign_pdf",
    "qr_svg",
    "render_label",
    "render_label_result",
    "render_logo",
    "render_pamphlet",
    "rupiah",
]
