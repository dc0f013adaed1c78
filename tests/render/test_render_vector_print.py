"""Print items draw the logo as vector art, embed photos as JPEG and reuse each QR path."""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from app.render import PamphletSpec, pamphlet_a5_pdf
from app.render.banner import banner_pdf
from app.render.card import BAND_SHARE, CARD_MM, SAFE_MM, _grid, card_pdf
from app.render.items import ItemSpec, flatten, logo_fit, logo_image
from app.render.menu import menu_pdf
from app.render.spec import BusinessSpec, ProductSpec
from app.render.tag import tag_pdf
from app.render.theme import get_theme
from app.render.units import mm_to_px
from tests.render.photos import product_photo
from tests.render.render_helpers import decode, pdf_pages

URL = "https://kit.example.id/b/warung-bu-sri/s"
STYLES = ("stamp", "badge", "frame")
# Poppler and Pillow anti-alias edges differently; the same art differs only along them.
MAX_MEAN_DIFF = 6.0


def _item(style: str = "stamp", photos: bool = False, n: int = 3) -> ItemSpec:
    products = tuple(
        ProductSpec(
            f"Keripik Rasa {k}",
            9000 + 1000 * k,
            "bungkus",
            photo=product_photo(1400, 1000, seed=k) if photos else None,
        )
        for k in range(n)
    )
    business = BusinessSpec(
        name="Warung Keripik Bu Sri",
        tagline="Renyah dan gurih",
        village="Gentan",
        whatsapp="6281234567890",
        products=products,
        theme="laut",
    )
    return ItemSpec(business, URL, style, "cookie", "Makanan ringan", "Scan untuk pesan")


def _images(pdf: bytes) -> list[tuple[int, int, str]]:
    """Return (width, height, filter) of every image XObject on every page."""
    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                out.append((int(obj["/Width"]), int(obj["/Height"]), str(obj.get("/Filter"))))
    return out


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("render", [card_pdf, banner_pdf, menu_pdf, tag_pdf])
def test_print_items_without_photos_hold_no_raster_image(render, style):
    assert _images(render(_item(style))) == []


@pytest.mark.parametrize("style", STYLES)
def test_the_vector_logo_on_a_card_looks_like_the_logo_image(style):
    item = _item(style)
    page = pdf_pages(card_pdf(item), 300)[0].convert("RGB")
    t = get_theme(item.business.theme)
    xs, ys = _grid()
    w, h = mm_to_px(CARD_MM[0]), mm_to_px(CARD_MM[1])
    m = mm_to_px(SAFE_MM)
    logo_h = h - round(h * BAND_SHARE) - 2 * m
    scene = logo_fit(item, w - 2 * m, logo_h)
    x, y = mm_to_px(xs[0]) + m, mm_to_px(ys[0]) + m + (logo_h - scene.height) // 2
    drawn = page.crop((x, y, x + scene.width, y + scene.height))
    want = flatten(logo_image(item, w - 2 * m, logo_h), t.background)
    assert drawn.size == want.size
    diff = ImageStat.Stat(ImageChops.difference(drawn, want)).mean
    assert max(diff) < MAX_MEAN_DIFF, diff
    # The logo has ink: its theme colour covers a good share of the box.
    ground = Image.new("RGB", drawn.size, t.background)
    assert max(ImageStat.Stat(ImageChops.difference(drawn, ground)).mean) > 5


def test_photos_in_print_pdfs_are_jpeg_as_uploaded_bytes_are_not_recompressed():
    item = _item(photos=True)
    for pdf in (menu_pdf(item), banner_pdf(item)):
        images = _images(pdf)
        assert images and all(f == "/DCTDecode" for _, _, f in images), images
    spec = PamphletSpec(item.business, URL, photo=item.products[0].photo)
    hero = max(_images(pamphlet_a5_pdf(spec, template="foto")), key=lambda i: i[0] * i[1])
    assert hero[2] == "/DCTDecode" and hero[0] * hero[1] > 500_000


def test_every_tag_on_every_sheet_has_a_qr_that_decodes():
    pages = pdf_pages(tag_pdf(_item(n=2)), 200)
    assert len(pages) == 2
    for page in pages:
        assert decode(page).count(URL) == 9


def test_a_sheet_writes_the_logo_and_the_qr_once_and_places_each_on_every_tag():
    for style in STYLES:
        page = PdfReader(io.BytesIO(tag_pdf(_item(style, n=1)))).pages[0]
        forms = [ref.get_object() for ref in page["/Resources"]["/XObject"].values()]
        assert len(forms) == 2 and all(f["/Subtype"] == "/Form" for f in forms)
        assert sum(1 for f in forms if f.get_data().startswith(b"0 g ")) == 1  # the QR
        content = page.get_contents().get_data().decode("latin-1")
        assert sorted(Counter(re.findall(r"(/I\d+) Do", content)).values()) == [9, 9]


def test_the_nine_tags_of_a_sheet_are_the_same_drawing_in_their_places():
    from app.render.tag import TAG_MM
    from app.render.tag import _grid as tag_grid

    dpi = 127  # 50 and 90 mm are whole pixels: every tag lands on the same pixel phase
    for page in pdf_pages(tag_pdf(_item(n=2)), dpi):
        page = page.convert("RGB")
        xs, ys = tag_grid()

        def px(mm: float) -> int:
            return round(mm / 25.4 * dpi)

        w, h = px(TAG_MM[0]) - 2, px(TAG_MM[1]) - 2
        tags = [
            page.crop((px(x) + 1, px(y) + 1, px(x) + 1 + w, px(y) + 1 + h))
            for y in ys[:3]
            for x in xs[:3]
        ]
        first = tags[0]
        # Each tag has ink (logo, name, QR) and matches the first one up to the anti-aliasing
        # of its sub-pixel place (the grid is whole 300-dpi pixels): a mean under 2 of 255.
        assert ImageStat.Stat(first.convert("L")).stddev[0] > 30
        for tag in tags[1:]:
            diff = ImageStat.Stat(ImageChops.difference(tag, first)).mean
            assert max(diff) < 2.0, diff
