"""The A5 pamphlet's photo rule on the kit page: a photo too small for A5 is named, and left out."""

import io

import pytest
from pypdf import PdfReader

from app.extensions import db
from app.uploads import store_image
from tests.render.photos import product_photo

NOTICE = "terlalu kecil untuk pamflet A5"


@pytest.fixture
def with_photo(app, tailor):
    """Return a maker that gives the tailor's first product an uploaded photo of a size."""

    def give(width: int, height: int):
        with app.test_request_context():
            stored = store_image(io.BytesIO(product_photo(width, height)), app.config["UPLOAD_DIR"])
            tailor.products[0].photo = stored.name
            db.session.commit()
        return tailor

    return give


def _a5_images(client, business, query: str = "") -> list[tuple[int, int]]:
    """Return (width, height) of every raster image in the kit's A5 pamphlet PDF."""
    url = f"/usaha/{business.id}/kit/berkas/pamphlet-a5.pdf{query}"
    got = client.get(url, follow_redirects=True)
    assert got.status_code == 200 and got.data.startswith(b"%PDF")
    sizes = []
    for page in PdfReader(io.BytesIO(got.data)).pages:
        for ref in page.get("/Resources", {}).get("/XObject", {}).values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                sizes.append((int(obj["/Width"]), int(obj["/Height"])))
    return sizes


def _set_a5(business, template: str) -> None:
    business.pamphlet_templates = {"a5": template} if template != "daftar" else {}
    db.session.commit()


@pytest.mark.parametrize("template", ["daftar", "foto", "sorot"])
def test_a_photo_too_small_for_a5_is_named_and_left_out(app, client, auth, with_photo, template):
    business = with_photo(640, 480)
    _set_a5(business, template)
    auth.login("mentor_a")
    page = client.get(f"/usaha/{business.id}/kit").get_data(as_text=True)
    # Beside the A5 download, in the pamphlet section.
    section = page[page.index('id="pamflet"') :]
    section = section[: section.index("</section>")]
    assert NOTICE in section and page.count(NOTICE) == 1
    (line,) = [n for n in section.split("<p") if NOTICE in n]
    # Which photo, its size, the print size and what to upload: 148 mm at 150 dpi is 875 px.
    assert "Permak celana" in line and "640×480" in line and "minimal 875×" in line
    assert _a5_images(client, business) == []


@pytest.mark.parametrize("template", ["daftar", "foto", "sorot"])
def test_a_photo_big_enough_for_a5_is_printed_without_a_notice(
    app, client, auth, with_photo, template
):
    business = with_photo(1200, 1600)  # stored at most 1200 px long: 900 × 1200
    _set_a5(business, template)
    auth.login("mentor_a")
    page = client.get(f"/usaha/{business.id}/kit").get_data(as_text=True)
    assert NOTICE not in page and "pamphlet-a5" in page
    images = _a5_images(client, business)
    assert len(images) == 1 and images[0][0] >= 875, images


def test_the_notice_is_in_english_too(app, client, auth, with_photo):
    business = with_photo(640, 480)
    auth.login("mentor_a")
    page = client.get(f"/usaha/{business.id}/kit?lang=en")
    assert "too small for the A5 pamphlet" in page.get_data(as_text=True)


def test_with_bleed_the_a5_is_wider_and_asks_for_more_pixels(app, client, auth, with_photo):
    business = with_photo(1200, 1600)  # 900 px across 148 mm: 154 dpi; across 154 mm: 148 dpi
    auth.login("mentor_a")
    plain = client.get(f"/usaha/{business.id}/kit").get_data(as_text=True)
    bled = client.get(f"/usaha/{business.id}/kit?bleed=y").get_data(as_text=True)
    assert NOTICE not in plain
    assert NOTICE in bled and "900×1200" in bled and "minimal 910×" in bled
    assert _a5_images(client, business, "?bleed=y") == []
