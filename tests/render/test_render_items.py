"""The seed's other print items: exact sizes, QR that decode, text that reads back, photos."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageOps
from pypdf import PdfReader

from app.render.banner import banner_pdf, load_banners, qr_width_mm
from app.render.caption import captions, load_caption_data
from app.render.card import card_pdf
from app.render.items import ItemSpec
from app.render.menu import first_row_mm, menu_pdf, menu_png, photo_usable_on_menu
from app.render.photo import prepare_photo, print_fit, subject_box
from app.render.qr import MIN_MODULE_MM, module_size_mm
from app.render.social import STAMP_PX, post_png, render_post
from app.render.spec import BusinessSpec, ProductSpec
from app.render.tag import tag_pdf
from app.render.units import mm_to_pt
from tests.render.photos import product_photo
from tests.render.render_helpers import decode, pdf_pages

URL = "https://kit.example.id/b/keripik-tempe-bu-sri/s"
NAME_78 = "Usaha Keripik Tempe dan Peyek Kacang Ibu Sri Rahayu Makmur Sentosa Desa Gentan"
ODD_NAME = "ꦱꦸꦏꦸꦤ꧀ Soto 🍜🔥 Mbok Darmi"
assert len(NAME_78) == 78
PRODUCT_NAMES = [
    "Keripik Tempe",
    "Peyek Kacang",
    "Stik Bawang",
    "Rempeyek Teri Medan Super",
    "Kerupuk Rambak",
    "Sale Pisang",
    "Emping Melinjo",
    "Kacang Atom",
]
PT_TOLERANCE = 0.01


def _item(n: int, photos: bool, name: str, **kw) -> ItemSpec:
    products = tuple(
        ProductSpec(
            PRODUCT_NAMES[i],
            8000 + 1000 * i,
            "bungkus" if i % 2 else "",
            photo=product_photo(1200, 900, seed=i, subject_x=0.75) if photos else None,
        )
        for i in range(n)
    )
    business = BusinessSpec(
        name=name,
        village="Gentan",
        whatsapp="6281234567890",
        cta="Pesan lewat WhatsApp",
        products=products,
        theme="kunyit",
    )
    return ItemSpec(
        business,
        URL,
        kw.pop("logo_style", "stamp"),
        "cookie",
        "Makanan ringan",
        "Scan untuk lihat menu & pesan",
        "Daftar Menu",
        **kw,
    )


def _sizes_mm(pdf: bytes) -> list[tuple[float, float]]:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in pages]


def _same_mm(size_pt: tuple[float, float], w_mm: float, h_mm: float) -> bool:
    return (
        abs(size_pt[0] - mm_to_pt(w_mm)) < PT_TOLERANCE
        and abs(size_pt[1] - mm_to_pt(h_mm)) < PT_TOLERANCE
    )


def _pdftotext(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        out = subprocess.run(
            ["pdftotext", str(src), "-"], check=True, capture_output=True, text=True
        )
        return " ".join(out.stdout.split())  # lines joined: a wrapped name reads whole


def _ocr(img: Image.Image) -> str:
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract-ocr not installed")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.png"
        img.convert("RGB").save(src)
        out = subprocess.run(
            ["tesseract", str(src), "-", "--psm", "11"], check=True, capture_output=True, text=True
        )
        return out.stdout


@pytest.mark.parametrize("n", [1, 3, 8])
@pytest.mark.parametrize("photos", [False, True])
@pytest.mark.parametrize("name", [NAME_78, ODD_NAME])
def test_every_item_renders_at_its_exact_size(n, photos, name):
    item = _item(n, photos, name)
    cards = _sizes_mm(card_pdf(item))
    assert len(cards) == 2 and all(_same_mm(s, 210, 297) for s in cards)
    banner = _sizes_mm(banner_pdf(item))
    assert len(banner) == 1 and _same_mm(banner[0], 1000, 600)
    assert all(_same_mm(s, 210, 297) for s in _sizes_mm(menu_pdf(item)))
    tags = _sizes_mm(tag_pdf(item))
    assert len(tags) == n and all(_same_mm(s, 210, 297) for s in tags)
    assert Image.open(io.BytesIO(menu_png(item))).size == (1080, 1350)
    for i in range(n):
        assert render_post(item, i, "post").size == (1080, 1350)
    assert render_post(item, n - 1, "status").size == (1080, 1920)
    limits = load_caption_data().limits.instagram
    caps = captions(item)
    for text in (caps.business, *caps.products):
        assert len(text) <= limits.caption_chars
        assert text.count("#") <= limits.hashtags
    assert len(caps.products) == len(caps.listings) == n


def test_card_qr_decode_on_every_back_and_name_and_number_read_back():
    item = _item(3, False, "Keripik Tempe Bu Sri", logo_style="badge")
    pdf = card_pdf(item)
    front, back = pdf_pages(pdf, 300)
    found = decode(back)
    assert found.count(URL) == 10
    text = _pdftotext(pdf)
    assert text.count("0812-3456-7890") == 10 and text.count("Desa Gentan") == 10
    assert text.count("Scan untuk lihat menu & pesan") == 10


def test_card_qr_module_is_at_least_0_4_mm():
    from app.render.card import QR_MM

    assert module_size_mm(URL, QR_MM) >= MIN_MODULE_MM


@pytest.mark.parametrize("key", ["100x60", "200x100", "300x100"])
def test_banner_presets_have_real_size_and_a_qr_for_their_distance(key):
    presets, default = load_banners()
    assert default == "100x60"
    p = presets[key]
    pdf = banner_pdf(_item(3, True, "Keripik Tempe Bu Sri"), p)
    (size,) = _sizes_mm(pdf)
    assert _same_mm(size, p.width_cm * 10, p.height_cm * 10)
    # A tenth of the reading distance: 20 cm for 2 m.
    assert qr_width_mm(p) == pytest.approx(min(p.reading_distance_m * 100, p.height_cm * 6.2))
    (page,) = pdf_pages(pdf, 15)
    assert decode(page) == [URL]
    text = _pdftotext(pdf)
    assert "Rp8.000" in text and "Keripik Tempe" in text  # vector text, not pixels


def test_banner_qr_is_20_cm_for_the_default():
    presets, _ = load_banners()
    assert qr_width_mm(presets["100x60"]) == pytest.approx(200)


def test_menu_lists_every_product_with_its_price_and_its_qr_decodes():
    item = _item(8, False, "Keripik Tempe Bu Sri")
    pdf = menu_pdf(item)
    text = _pdftotext(pdf)
    for i, name in enumerate(PRODUCT_NAMES):
        assert name in text
        assert f"Rp{8 + i}.000" in text
    assert "Daftar Menu" in text
    (page,) = pdf_pages(pdf, 150)
    assert decode(page) == [URL]
    assert decode(Image.open(io.BytesIO(menu_png(item)))) == [URL]


def test_menu_groups_products_by_kind_under_headings_in_order():
    item = _item(5, False, "Warung Bu Tum")
    kinds = ("goods", "food", "service", "food", "goods")
    products = tuple(replace(p, kind=k) for p, k in zip(item.products, kinds, strict=True))
    mixed = replace(item, business=replace(item.business, products=products))
    text = " ".join(_pdftotext(menu_pdf(mixed)).split())
    heads = [text.index(h) for h in ("Makanan & minuman", "Barang", "Jasa")]
    assert heads == sorted(heads)
    # Each product sits under its own kind's heading.
    for p in products:
        head = {"food": "Makanan & minuman", "goods": "Barang", "service": "Jasa"}[p.kind]
        after = [h for h in heads if h < text.index(p.name)]
        assert text.index(head) == max(after), p.name
    single = " ".join(_pdftotext(menu_pdf(item)).split())
    assert "Makanan & minuman" not in single and "Barang" not in single  # one kind: no heading


def test_tags_one_page_per_product_with_a_decodable_qr_and_price():
    item = _item(3, False, "Jahit Rapi Mbak Ani")
    pdf = tag_pdf(item)
    pages = pdf_pages(pdf, 300)
    assert len(pages) == 3
    assert decode(pages[0]).count(URL) == 9
    text = _pdftotext(pdf)
    assert text.count("Rp9.000") == 9 and text.count("Peyek Kacang") == 9


def test_ocr_reads_the_product_name_and_price_on_a_post():
    item = _item(3, True, "Keripik Tempe Bu Sri")
    text = _ocr(render_post(item, 0, "post"))
    assert "Keripik Tempe" in text
    assert "Rp8.000" in text.replace(" ", "")


def test_stamp_is_drawn_when_given():
    plain = render_post(_item(1, False, "Warung Bu Sri"), 0, "post")
    stamped = render_post(_item(1, False, "Warung Bu Sri", stamp="CONTOH"), 0, "post")

    def reds(img):
        return sum(
            1
            for r, g, b in img.convert("RGB").get_flattened_data()
            if r > 180 and g < 80 and b < 80
        )

    assert reds(stamped) > reds(plain) + 10000
    band = stamped.crop((0, stamped.height - STAMP_PX, stamped.width, stamped.height))
    assert "CONTOH" in _ocr(ImageOps.invert(band.convert("L")))  # white on red, read inverted


def test_photo_is_turned_upright_cropped_to_its_subject_and_levelled():
    sideways = product_photo(1600, 1000, subject_x=0.8, rotate_exif=True)
    upright = prepare_photo(sideways, 600, 600)
    assert upright.size == (600, 600)
    with Image.open(io.BytesIO(sideways)) as raw:
        assert raw.width < raw.height  # stored sideways, EXIF says turn it
    from app.render.photo import open_photo

    img = open_photo(sideways)
    assert img.width > img.height
    x0, _, x1, _ = subject_box(img, 1.0)
    assert (x0 + x1) / 2 > img.width * 0.55  # the dish is at 80 % across: not the centre
    lo, hi = upright.convert("L").getextrema()
    assert lo < 30 and hi > 225  # the flat phone photo is stretched to full range


def test_a_photo_too_small_for_print_is_not_used_there():
    small = product_photo(240, 180)
    big = product_photo(2400, 1800)
    assert not photo_usable_on_menu(small, 3)
    assert photo_usable_on_menu(big, 3)
    assert print_fit(small, 90, 55).dpi < 150
    with_small = _item(1, False, "Warung Bu Sri")
    with_small = replace(
        with_small,
        business=replace(with_small.business, products=(ProductSpec("Soto", 8000, photo=small),)),
    )
    with_big = replace(
        with_small,
        business=replace(with_small.business, products=(ProductSpec("Soto", 8000, photo=big),)),
    )
    x, y, side = first_row_mm(1)

    def photo_square_grey(item) -> int:
        (page,) = pdf_pages(menu_pdf(item), 50)
        k = 50 / 25.4
        # Left middle of the square: the cloth in the photo, the plain ground behind an icon.
        return page.convert("L").getpixel((round((x + side * 0.08) * k), round((y + side / 2) * k)))

    assert photo_square_grey(with_small) > 200  # the trade icon on the light ground
    assert photo_square_grey(with_big) < 150  # the photo


def test_post_png_is_a_png():
    data = post_png(_item(1, False, "Warung Bu Sri"), 0)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
