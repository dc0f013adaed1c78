"""Paper read the way a person reads it: OCR, pdftotext, flat bands, safe zones, CONTOH, QRs."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from app.render.label import render_label_result
from app.render.pamphlet import (
    TEMPLATES,
    pamphlet_a5_pdf,
    pamphlet_a5_result,
    render_pamphlet_result,
)
from app.render.rules import (
    EMPTY_BAND_MAX_SHARE,
    MIN_TEXT_MM,
    MIN_TEXT_PX,
    SHEET_SAFE_MARGIN_MM,
    STORY_SAFE_BOTTOM_SHARE,
    STORY_SAFE_TOP_SHARE,
    largest_flat_band,
)
from app.render.sheet import (
    PrinterCorrection,
    SheetItem,
    get_sheet,
    labels_sheet_pdf,
    load_sheets,
)
from app.render.sign import qr_sign_pdf
from app.render.spec import BusinessSpec, LabelSpec, PamphletSpec, ProductSpec, SignSpec
from app.render.stamp import STAMP_NOT_PUBLIC, STAMP_UNPUBLISHED, stamp_qr_png, stamp_qr_svg
from app.render.text import fit_text
from app.render.theme import get_theme, hex_to_rgb
from app.render.units import mm_to_px
from tests.render.render_helpers import (
    EMOJI,
    JAVANESE,
    LONG_NAME,
    URL,
    decode,
    pdf_pages,
    photo_bytes,
)

KERIPIK = ProductSpec(
    "Keripik tempe 100 g",
    12000,
    "bungkus",
    "Tempe, tepung beras, bawang putih, garam, minyak sawit",
    net_weight="100 g",
    kind="food",
)
FOOD = BusinessSpec(
    name="Keripik Tempe Bu Sri",
    tagline="Renyah, gurih, tanpa pengawet",
    village="Susukan",
    whatsapp="6281234567890",
    theme="kunyit",
    is_food=True,
    cta="Pesan lewat WhatsApp",
    producer_name="Keripik Tempe Bu Sri",
    business_address="Desa Susukan, Kec. Susukan, Kab. Semarang",
    pirt_number="2063322010123-25",
    products=(
        KERIPIK,
        ProductSpec("Keripik tempe 250 g", 25000, "bungkus", kind="food"),
        ProductSpec("Peyek kacang isi 10", 15000, "bungkus", kind="food"),
    ),
)


def ocr(image: Image.Image) -> list[str]:
    """Return the lines tesseract reads in an image (Debian's tesseract-ocr)."""
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract (tesseract-ocr) not installed")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.png"
        image.convert("RGB").save(path)
        out = subprocess.run(
            ["tesseract", str(path), "stdout", "--psm", "3"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def pdftotext(pdf: bytes) -> str:
    """Return the text poppler's pdftotext finds in a PDF."""
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def jpeg(image: Image.Image, quality: int = 50) -> Image.Image:
    """Return the image after a JPEG round trip at a quality."""
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue()))


# --- text that prints right --------------------------------------------------------------------


@pytest.mark.parametrize("width", range(120, 420, 20))
@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("Keripik tempe 100 g", "100 g"),
        ("Sirup jahe 250 ml", "250 ml"),
        ("Telur puyuh isi 10", "isi 10"),
        ("Tampah bambu 60 cm", "60 cm"),
        ("Harga Rp 15.000 saja", "Rp 15.000"),
    ],
)
def test_number_never_leaves_its_unit(text, joined, width):
    layout = fit_text(text, width, 400, "text-bold", 48, 12)
    lines = [line.text for line in layout.lines]
    assert any(joined in line for line in lines), lines
    assert not layout.truncated


def test_words_break_only_as_a_reported_last_resort():
    whole = fit_text("Rempeyek kacang", 200, 300, "text-bold", 60, 10)
    assert {line.text for line in whole.lines} <= {"Rempeyek", "kacang", "Rempeyek kacang"}
    assert not whole.broken
    forced = fit_text("Rempeyekkacangteripedasmanis", 120, 400, "text-bold", 60, 30)
    assert forced.broken or forced.truncated


def test_food_label_reads_100_g_on_one_line_and_every_field():
    spec = LabelSpec(FOOD, KERIPIK, 99.1, 67.7, qr_url=URL, edge_safe_mm=SHEET_SAFE_MARGIN_MM)
    result = render_label_result(spec)
    lines = ocr(result.image)
    text = "\n".join(lines)
    assert any(re.search(r"\b100 ?g\b", line) for line in lines), lines
    for field in (
        "Komposisi",
        "Berat bersih",
        "Diproduksi oleh",
        "Kab. Semarang",
        "P-IRT",
        "Kode produksi",
        "Baik digunakan sebelum",
    ):
        assert field in text, (field, lines)
    # Production code and expiry are write-in boxes: missing, but the label has room for them.
    assert result.missing_fields == ["kode/tanggal produksi", "tanggal kedaluwarsa"]
    assert result.issues == []
    assert result.qr_module_mm >= 0.4 and decode(result.image) == [URL]
    assert decode(jpeg(result.image)) == [URL]
    assert min(result.text_px) >= mm_to_px(MIN_TEXT_MM["label"]) - 1


@pytest.mark.parametrize(("w", "h"), [(48.5, 25.4), (70, 37), (99.1, 38.1), (60, 40)])
def test_label_text_never_goes_below_the_labels_minimum(w, h):
    result = render_label_result(LabelSpec(FOOD, KERIPIK, w, h, qr_url=URL))
    assert min(result.text_px) >= mm_to_px(MIN_TEXT_MM["label"]) - 1


def test_food_label_prints_a_runs_code_and_expiry():
    import datetime as dt

    spec = LabelSpec(
        FOOD,
        KERIPIK,
        99.1,
        67.7,
        qr_url=URL,
        production_code="A12",
        expiry_date=dt.date(2027, 5, 1),
    )
    result = render_label_result(spec)
    text = "\n".join(ocr(result.image))
    assert "A12" in text and "01-05-2027" in text
    assert result.missing_fields == []


def test_goods_label_has_producer_line_and_no_food_boxes():
    goods = replace(
        FOOD,
        name="Anyaman Bambu Pak Darto",
        is_food=False,
        pirt_number="",
        producer_name="Anyaman Bambu Pak Darto",
    )
    product = ProductSpec("Tampah bambu 60 cm", 35000, "buah", kind="goods")
    result = render_label_result(LabelSpec(goods, product, 70, 37, qr_url=URL, edge_safe_mm=1.5))
    text = "\n".join(ocr(result.image))
    assert "Dibuat oleh" in text and "60 cm" in text
    assert "Komposisi" not in text and "Kode produksi" not in text
    assert result.missing_fields == [] and decode(result.image) == [URL]


def test_fresh_produce_of_a_goods_trade_gets_the_producer_line():
    farm = replace(FOOD, name="Puyuh Pak Tono", is_food=False, pirt_number="")
    eggs = ProductSpec("Telur puyuh isi 10", 8000, "pak", kind="fresh")
    result = render_label_result(LabelSpec(farm, eggs, 70, 37, qr_url=URL, edge_safe_mm=1.5))
    assert "Dari" in "\n".join(ocr(result.image))


def test_a_label_too_small_for_the_food_text_says_what_was_cut():
    result = render_label_result(LabelSpec(FOOD, KERIPIK, 48.5, 25.4, qr_url=URL))
    assert result.issues, "a 48.5 × 25.4 mm food label cannot hold BPOM's text: it must say so"
    assert {i.artefact for i in result.issues} == {"label"}


def test_label_colour_stays_inside_the_safe_margin_on_gapless_sheets():
    spec = LabelSpec(FOOD, KERIPIK, 70, 37, qr_url=URL, edge_safe_mm=SHEET_SAFE_MARGIN_MM)
    image = render_label_result(spec).image
    ring = mm_to_px(SHEET_SAFE_MARGIN_MM) - 1
    background = hex_to_rgb(get_theme(FOOD.theme).background)
    w, h = image.size
    for box in ((0, 0, w, ring), (0, h - ring, w, h), (0, 0, ring, h), (w - ring, 0, w, h)):
        part = image.crop(box)
        assert part.getcolors() == [(part.width * part.height, background)]


# --- pamphlets --------------------------------------------------------------------------------

CASES = {
    "three": FOOD,
    "one": replace(FOOD, products=FOOD.products[:1]),
    "six": replace(FOOD, products=FOOD.products * 2),
    "none": replace(FOOD, products=()),
    "no-number": replace(FOOD, whatsapp=None),
    "eight": replace(
        FOOD, products=tuple(ProductSpec(f"Produk ke-{i}", 5000 + 500 * i) for i in range(8))
    ),
    "long-name": replace(FOOD, name=(LONG_NAME + " Jaya Abadi Sentosa Raya")[:78]),
    "long-cta": replace(FOOD, cta="Tanya jahitan dan ukuran lewat WhatsApp"),
    "long-product": replace(
        FOOD,
        products=(
            *FOOD.products[:2],
            ProductSpec("Keripik Tempe Pedas Daun Jeruk", 10000, "bungkus"),
        ),
    ),
    "javanese": replace(
        FOOD,
        name=f"Warung {JAVANESE} {EMOJI}",
        products=(ProductSpec(f"Wedang {EMOJI}", 5000), ProductSpec(JAVANESE, 7000, "gelas")),
    ),
}
TEMPLATE_CASES = [(fmt, tid) for fmt in ("square", "story") for tid in TEMPLATES[fmt]]


def _overlaps(placed) -> list[tuple[str, str]]:
    """Return the pairs of placed blocks whose ink boxes overlap (more than a pixel)."""
    boxes = [(k, box) for k, (box, _size) in placed.items()]
    return [
        (k1, k2)
        for i, (k1, a) in enumerate(boxes)
        for k2, b in boxes[i + 1 :]
        if a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
    ]


@pytest.mark.parametrize("photo", [False, True])
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(("fmt", "template"), TEMPLATE_CASES)
def test_pamphlet_keeps_the_layout_rules(case, photo, fmt, template):
    spec = PamphletSpec(CASES[case], URL, photo_bytes() if photo else None)
    result = render_pamphlet_result(spec, fmt, template)
    assert _overlaps(result.placed) == []
    inset = round(56 * result.image.width / 1080)
    for (x0, _y0, x1, _y1), size in result.placed.values():
        if size:  # text stays inside the margin
            assert inset - 1 <= x0 and x1 <= result.image.width - inset + 1
    top, band = largest_flat_band(result.image)
    assert band <= EMPTY_BAND_MAX_SHARE * result.image.height, (top, band)
    assert result.issues == []
    sizes = {k: size for k, (_box, size) in result.placed.items() if size}
    smallest = min(sizes.values())
    assert smallest >= MIN_TEXT_PX[f"pamphlet-{fmt}"]
    for call in ("cta", "whatsapp"):
        if call in sizes:
            assert sizes[call] > smallest or len(set(sizes.values())) == 1, sizes
            assert sizes[call] >= max(v for k, v in sizes.items() if ":" in k or k == "tagline")
    if fmt == "story":
        h = result.image.height
        for key in ("name", "cta", "whatsapp", "qr"):
            if key in result.placed:
                (_x0, y0, _x1, y1), _ = result.placed[key]
                assert y0 >= STORY_SAFE_TOP_SHARE * h and y1 <= (1 - STORY_SAFE_BOTTOM_SHARE) * h
    assert decode(result.image) == [URL]
    assert decode(jpeg(result.image)) == [URL]


@pytest.mark.parametrize("case", ["three", "one", "six", "none", "eight", "javanese", "long-cta"])
@pytest.mark.parametrize("template", list(TEMPLATES["a5"]))
def test_a5_keeps_the_band_rule_margin_and_smallest_size(case, template):
    pdf = pamphlet_a5_pdf(PamphletSpec(CASES[case], URL, photo_bytes()), template=template)
    page = pdf_pages(pdf, dpi=60)[0]
    _top, band = largest_flat_band(page)
    assert band <= EMPTY_BAND_MAX_SHARE * page.height
    assert decode(pdf_pages(pdf, dpi=150)[0]) == [URL]
    assert MIN_TEXT_MM["pamphlet-a5"] >= 3.0
    frame = pamphlet_a5_result(PamphletSpec(CASES[case], URL, photo_bytes()), template)
    assert frame.issues == [] and _overlaps(frame.placed) == []
    sizes = [size for _box, size in frame.placed.values() if size]
    assert min(sizes) >= round(mm_to_px(MIN_TEXT_MM["pamphlet-a5"])) - 1
    for (x0, _y0, x1, _y1), size in frame.placed.values():
        if size:  # text, not the QR: inside the safe margin
            assert frame.inset - 1 <= x0 and x1 <= frame.w - frame.inset + 1


def test_pamphlet_reads_100_g_on_one_line():
    image = render_pamphlet_result(PamphletSpec(FOOD, URL), "story").image
    lines = ocr(image)
    # OCR may read the narrow space as none: the point is that 100 and g share a line.
    assert any(re.search(r"\b100 ?g\b", line) for line in lines), lines


# --- CONTOH -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stamp", "words"),
    [
        ("", None),
        (STAMP_NOT_PUBLIC, "QR belum bisa dibuka pelanggan"),
        (STAMP_UNPUBLISHED, "halaman belum terbit"),
    ],
)
def test_contoh_appears_exactly_when_asked_and_the_qr_still_scans(stamp, words):
    label = render_label_result(LabelSpec(FOOD, KERIPIK, 99.1, 67.7, qr_url=URL, stamp=stamp))
    square = render_pamphlet_result(PamphletSpec(FOOD, URL, stamp=stamp), "square").image
    sign = qr_sign_pdf(SignSpec(FOOD, URL, stamp=stamp), "A6")
    a5 = pamphlet_a5_pdf(PamphletSpec(FOOD, URL, stamp=stamp))

    def read(image: Image.Image) -> str:
        # The whole page, then its top strip alone, where the eye (and the band) starts.
        top = image.crop((0, 0, image.width, round(image.height * 0.12)))
        return "\n".join([*ocr(image), *ocr(top)])

    seen = {
        "label": read(label.image),
        "square": read(square),
        "sign": pdftotext(sign),
        "a5": pdftotext(a5),
    }
    for name, text in seen.items():
        assert ("CONTOH" in text) == bool(stamp), name
        if words:
            assert words in " ".join(text.split()), name
    for image in (label.image, square, pdf_pages(sign, dpi=150)[0], pdf_pages(a5, dpi=150)[0]):
        assert decode(image) == [URL]
        assert decode(jpeg(image)) == [URL]


def test_stamped_qr_png_and_svg_say_contoh_and_scan():
    image = Image.open(io.BytesIO(stamp_qr_png(URL, STAMP_NOT_PUBLIC)))
    # The band under the symbol (tesseract reads a page whole and stumbles on QR modules).
    band = ocr(image.crop((0, image.width, image.width, image.height)))
    assert band == ["CONTOH", "QR belum bisa dibuka pelanggan"]
    assert decode(image) == [URL] and decode(jpeg(image)) == [URL]
    svg = stamp_qr_svg(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 33 33"></svg>', STAMP_UNPUBLISHED
    )
    assert "CONTOH" in svg and 'viewBox="0 0 33 ' in svg


# --- sheets -----------------------------------------------------------------------------------


def test_sheet_holds_every_product_one_page_each_and_ocr_reads_them():
    preset = get_sheet("a4-2x4-99x67")
    items = []
    for product in FOOD.products:
        spec = LabelSpec(
            FOOD,
            product,
            preset.label_w_mm,
            preset.label_h_mm,
            qr_url=URL,
            edge_safe_mm=preset.edge_safe_mm,
        )
        items.append(SheetItem(render_label_result(spec).image, preset.per_sheet, product.name))
    pdf = labels_sheet_pdf(items, preset, page_per_item=True)
    pages = pdftotext(pdf).split("\f")
    for i, product in enumerate(FOOD.products):
        assert product.name in pages[i]
    images = pdf_pages(pdf, dpi=150)
    assert len(images) == len(FOOD.products)
    for product, page in zip(FOOD.products, images, strict=True):
        top = page.crop((0, 0, page.width // 2, page.height // 4))
        assert product.name.replace(" ", "") in "".join(ocr(top)).replace(" ", "")


def test_mixed_sheet_fills_one_page_with_counts():
    preset = get_sheet("a4-3x8-70x37")
    tile = Image.new("RGB", (300, 160), "white")
    items = [SheetItem(tile, 10, "Satu"), SheetItem(tile, 14, "Dua")]
    pdf = labels_sheet_pdf(items, preset)
    text = pdftotext(pdf)
    assert text.count("Satu") == 10 and text.count("Dua") == 14
    assert text.count("\f") == 1


def test_every_gapless_preset_declares_a_safe_margin():
    for preset in load_sheets().values():
        if preset.gapless:
            assert preset.edge_safe_mm >= SHEET_SAFE_MARGIN_MM or preset.bleed_mm


def test_printer_correction_moves_and_scales_every_label():
    from tests.render.test_render_sheet import _image_boxes

    preset = get_sheet("a4-3x8-70x37")
    tile = Image.new("RGB", (300, 160), "red")
    plain = _image_boxes(labels_sheet_pdf([SheetItem(tile, 3)], preset))[0]
    fix = PrinterCorrection.from_ruler(99.0, dx=1.0, dy=-0.5)
    moved = _image_boxes(labels_sheet_pdf([SheetItem(tile, 3)], preset, correction=fix))[0]
    for (x, y, w, _h), (mx, my, mw, _mh) in zip(plain, moved, strict=True):
        assert mx == pytest.approx(x * fix.k + 1.0, abs=0.05)
        assert my == pytest.approx(y * fix.k - 0.5, abs=0.05)
        assert mw == pytest.approx(w * fix.k, abs=0.05)
    assert fix.scale_pct == pytest.approx(101.01, abs=0.01)
