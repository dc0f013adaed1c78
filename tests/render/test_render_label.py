"""Packaging labels: physical size, DPI, scannable QR, BPOM food fields."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from PIL import Image

from app.render.label import label_png, missing_food_fields, render_label, render_label_result
from app.render.qr import MIN_MODULE_MM
from app.render.rules import QR_FOR_FOOD_TEXT, QR_TOO_SMALL
from app.render.spec import LabelSpec, ProductSpec
from app.render.units import mm_to_px
from tests.render.render_helpers import EMOJI, JAVANESE, LONG_PRODUCT, URL, decode

SIZES = [(50, 30), (60, 40), (70, 50), (100, 70)]


@pytest.mark.parametrize(("w", "h"), SIZES)
def test_png_has_exact_pixels_and_dpi(label_spec, w, h):
    spec = replace(label_spec, width_mm=w, height_mm=h)
    img = Image.open(io.BytesIO(label_png(spec)))
    assert img.size == (round(w / 25.4 * 300), round(h / 25.4 * 300))
    assert img.info["dpi"] == pytest.approx((300, 300), abs=0.01)


@pytest.mark.parametrize(("w", "h"), SIZES)
@pytest.mark.parametrize("food", [True, False])
def test_qr_is_scannable_or_omitted_with_a_reason(label_spec, w, h, food):
    spec = replace(
        label_spec, width_mm=w, height_mm=h, business=replace(label_spec.business, is_food=food)
    )
    result = render_label_result(spec)
    if result.qr_included:
        assert result.qr_module_mm >= MIN_MODULE_MM
        assert decode(result.image) == [URL]
    else:
        assert any(i.code in (QR_TOO_SMALL, QR_FOR_FOOD_TEXT) for i in result.issues)
        assert decode(result.image) == []


def test_big_label_keeps_everything(label_spec):
    result = render_label_result(replace(label_spec, width_mm=100, height_mm=70))
    assert result.qr_included and result.warnings == [] and result.missing_fields == []


def test_too_small_for_qr_says_so(label_spec):
    spec = replace(label_spec, width_mm=25, height_mm=15)
    result = render_label_result(spec)
    assert not result.qr_included and result.qr_module_mm is None
    assert result.image.info["kit_qr"] == "omitted"


def test_missing_food_fields_in_indonesian(label_spec):
    bare = replace(
        label_spec,
        product=ProductSpec("Keripik"),
        business=replace(label_spec.business, pirt_number="", business_address=""),
        expiry_date=None,
        production_code="",
        production_date=None,
    )
    assert missing_food_fields(bare) == [
        "komposisi",
        "berat bersih",
        "alamat produsen",
        "nomor P-IRT",
        "kode/tanggal produksi",
        "tanggal kedaluwarsa",
    ]
    assert missing_food_fields(label_spec) == []
    non_food = replace(bare, business=replace(bare.business, is_food=False))
    assert missing_food_fields(non_food) == []


def _has_halal_mark(spec: LabelSpec) -> bool:
    from app.render.label_content import label_blocks
    from app.render.theme import get_theme

    return any(b.badge == "HALAL" for b in label_blocks(spec, get_theme(None)))


def test_halal_mark_only_with_certificate(label_spec):
    assert _has_halal_mark(label_spec)
    uncertified = replace(label_spec, business=replace(label_spec.business, halal_cert_number=""))
    assert not _has_halal_mark(uncertified)


@pytest.mark.parametrize(("w", "h"), SIZES)
def test_longest_inputs_render(long_business, w, h):
    spec = LabelSpec(
        long_business,
        ProductSpec(f"{LONG_PRODUCT}{JAVANESE}{EMOJI}", 1_250_000, "toples", "a " * 200),
        w,
        h,
        URL,
    )
    img = render_label(spec)
    assert img.size == (mm_to_px(w), mm_to_px(h))
