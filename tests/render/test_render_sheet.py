"""Sticker sheets: presets fit their paper, labels land within ±0.1 mm, QRs survive print."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from app.render.label import render_label
from app.render.sheet import (
    SheetError,
    calibration_pdf,
    custom_sheet,
    get_sheet,
    label_sheet_pdf,
    load_sheets,
    parse_sheets,
    placements,
)
from tests.render.render_helpers import URL, decode, pdf_pages

PT_TO_MM = 25.4 / 72
TOLERANCE_MM = 0.1
_IMAGE_CM = re.compile(rb"([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm /I\d+ Do")


def _image_boxes(pdf: bytes) -> list[list[tuple[float, float, float, float]]]:
    """Return, per page, every image's (x, y, w, h) in mm from the top-left corner."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = []
    for page in reader.pages:
        page_h = float(page.mediabox.height) * PT_TO_MM
        boxes = []
        for w, h, x, y in _IMAGE_CM.findall(page.get_contents().get_data()):
            w, h, x, y = (float(v) * PT_TO_MM for v in (w, h, x, y))
            boxes.append((x, page_h - y - h, w, h))
        pages.append(boxes)
    return pages


def test_shipped_presets():
    sheets = load_sheets()
    assert len(sheets) >= 6
    for preset in sheets.values():
        assert preset.name_id and preset.name_en
        if not preset.verified:
            assert "penggaris" in preset.note


def test_grid_that_does_not_fit_is_rejected():
    bad = {
        "name_id": "x",
        "name_en": "x",
        "paper_w_mm": 210,
        "paper_h_mm": 297,
        "columns": 3,
        "rows": 8,
        "label_w_mm": 71,
        "label_h_mm": 37,
        "margin_top_mm": 0,
        "margin_left_mm": 0,
    }
    with pytest.raises(SheetError, match="wide"):
        parse_sheets({"sheets": {"bad": bad}})


def test_custom_sheet_is_centred_and_fits():
    preset = custom_sheet(50, 30)
    assert preset.columns == 3 and preset.rows == 8
    x, _ = preset.cell(preset.columns - 1)
    assert x + preset.label_w_mm + preset.margin_left_mm == pytest.approx(preset.paper_w_mm)
    with pytest.raises(SheetError):
        custom_sheet(300, 30)


@pytest.mark.parametrize("key", ["a4-3x8-70x37", "a4-2x7-99x38", "tj-103"])
def test_labels_are_placed_within_a_tenth_of_a_mm(label_spec, key):
    preset = get_sheet(key)
    spec = replace(label_spec, width_mm=preset.label_w_mm, height_mm=preset.label_h_mm)
    img = render_label(spec)
    copies = preset.per_sheet + 3
    pdf = label_sheet_pdf(img, preset, copies, start_at=2)
    pages = _image_boxes(pdf)
    assert len(pages) == 2
    assert [len(p) for p in pages] == [preset.per_sheet - 1, 4]
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert float(box.width) * PT_TO_MM == pytest.approx(preset.paper_w_mm, abs=0.05)
    assert float(box.height) * PT_TO_MM == pytest.approx(preset.paper_h_mm, abs=0.05)
    expected = placements(preset, copies, start_at=2)
    got = [(i, b) for i, boxes in enumerate(pages) for b in boxes]
    for (page, x, y), (gpage, (gx, gy, gw, gh)) in zip(expected, got, strict=True):
        assert page == gpage
        assert abs(gx - x) <= TOLERANCE_MM and abs(gy - y) <= TOLERANCE_MM
        assert abs(gw - preset.label_w_mm) <= TOLERANCE_MM
        assert abs(gh - preset.label_h_mm) <= TOLERANCE_MM


def test_start_at_skips_used_labels():
    preset = get_sheet("a4-3x8-70x37")
    assert placements(preset, 1, start_at=5)[0] == (0, *preset.cell(4))
    with pytest.raises(SheetError):
        placements(preset, 1, start_at=preset.per_sheet + 1)


def test_cut_lines_are_vector_outlines(label_spec):
    preset = get_sheet("a4-2x7-99x38")
    img = render_label(replace(label_spec, width_mm=99.1, height_mm=38.1))
    plain = PdfReader(io.BytesIO(label_sheet_pdf(img, preset, 2))).pages[0]
    cut = PdfReader(io.BytesIO(label_sheet_pdf(img, preset, 2, cut_lines=True))).pages[0]
    # Rounded corners are drawn with Bézier curves ("c" operators).
    assert b" c\n" not in plain.get_contents().get_data()
    assert cut.get_contents().get_data().count(b" c\n") >= 2 * 4


def test_printed_sheet_qrs_decode(label_spec):
    preset = get_sheet("a4-2x4-99x67")
    img = render_label(replace(label_spec, width_mm=99.1, height_mm=67.7))
    page = pdf_pages(label_sheet_pdf(img, preset, 2), dpi=300)[0]
    cell = page.crop((0, 0, page.width, page.height // 3))
    assert decode(cell) == [URL, URL]


def test_calibration_page_has_numbers_rulers_and_instructions():
    preset = get_sheet("a4-3x8-70x37")
    reader = PdfReader(io.BytesIO(calibration_pdf(preset)))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for needle in ("Ukuran sebenarnya", "100%", "100 mm", "penggaris", str(preset.per_sheet)):
        assert needle in text
    page = pdf_pages(calibration_pdf(get_sheet("tj-103")), dpi=72)[0]
    assert page.size == (round(165 / 25.4 * 72), round(200 / 25.4 * 72))
