"""The print items from the mentor's side: logo style choice, files, captions, photo notes."""

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from app import kitfiles as services
from app import printitems as print_items
from app.extensions import db
from app.models import Business
from tests.render.photos import product_photo
from tests.render.render_helpers import decode, pdf_pages


@pytest.fixture
def business(tailor):
    return tailor


def test_the_trade_picks_the_logo_style_and_the_mentor_another(app, client, auth, business):
    with app.test_request_context():
        assert print_items.logo_style(business) == "script"  # penjahit's default in trades.toml
        before = services.kit_files(business)["logo.png"].key
    auth.login("mentor_a")
    page = client.get(f"/usaha/{business.id}/kit").get_data(as_text=True)
    assert 'name="logo_style" value="stamp"' in page and "copy.js" in page
    assert "<script>" not in page  # CSP script-src 'self': no inline script
    token = auth.token(f"/usaha/{business.id}/kit")
    response = client.post(
        f"/usaha/{business.id}/kit/logo", data={"csrf_token": token, "logo_style": "stamp"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Business, business.id)
    assert saved.logo_style == "stamp"
    with app.test_request_context():
        assert services.kit_files(saved)["logo.png"].key != before
    bad = client.post(
        f"/usaha/{business.id}/kit/logo",
        data={"csrf_token": token, "logo_style": "<script>"},
        follow_redirects=True,
    )
    assert "Gaya logo tidak dikenal." in bad.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Business, business.id).logo_style == "stamp"  # kept


def test_logo_preview_per_style_and_unknown_style_404(client, auth, business):
    auth.login("mentor_a")
    ok = client.get(f"/usaha/{business.id}/kit/logo/frame.png")
    assert ok.status_code == 200 and ok.mimetype == "image/png"
    assert Image.open(io.BytesIO(ok.data)).mode == "RGBA"
    assert client.get(f"/usaha/{business.id}/kit/logo/nope.png").status_code == 404


def test_other_team_gets_404_on_the_logo_preview_and_style(client, auth, business):
    auth.login("mentor_b")
    assert client.get(f"/usaha/{business.id}/kit/logo/frame.png").status_code == 404
    token = auth.token("/")
    response = client.post(
        f"/usaha/{business.id}/kit/logo", data={"csrf_token": token, "logo_style": "stamp"}
    )
    assert response.status_code == 404


def test_item_files_are_served_and_their_qr_decodes(client, auth, business):
    auth.login("mentor_a")
    for name in ("kartu-nama.pdf", "spanduk.pdf", "menu.pdf", "tag.pdf"):
        response = client.get(f"/usaha/{business.id}/kit/berkas/{name}", follow_redirects=True)
        assert response.status_code == 200 and response.mimetype == "application/pdf", name
    cards = client.get(f"/usaha/{business.id}/kit/berkas/kartu-nama.pdf", follow_redirects=True)
    back = pdf_pages(cards.data, 300)[1]
    assert set(decode(back)) == {f"https://kit.example.id/b/{business.slug}/s"}
    caption = client.get(f"/usaha/{business.id}/kit/berkas/caption.txt", follow_redirects=True)
    text = caption.get_data(as_text=True)
    assert "Rp15.000" in text and "Rp120.000" in text and "#Penjahit" in text
    svg = client.get(f"/usaha/{business.id}/kit/berkas/logo.svg", follow_redirects=True)
    assert svg.mimetype == "image/svg+xml" and b"<path" in svg.data and b"<text" not in svg.data
    assert client.get(f"/usaha/{business.id}/kit/berkas/post-9.png").status_code == 404


def test_the_kit_zip_holds_the_print_items(client, auth, business):
    import zipfile

    auth.login("mentor_a")
    data = client.get(f"/usaha/{business.id}/kit.zip").data
    names = {n.split("/", 1)[1] for n in zipfile.ZipFile(io.BytesIO(data)).namelist()}
    assert {"kartu-nama.pdf", "spanduk.pdf", "tag.pdf", "post-2.png", "caption.txt"} <= names


def test_a_small_photo_is_named_on_the_kit_page(app, client, auth, business, tmp_path):
    from app.uploads import store_image

    with app.test_request_context():
        product = business.products[0]
        stored = store_image(io.BytesIO(product_photo(200, 150)), app.config["UPLOAD_DIR"])
        product.photo = stored.name
        db.session.commit()
        full = services.business_spec(business, services.KitOptions(), with_photos=True)
        notes = print_items.photo_notes(business, full)
    assert any("Permak celana" in note and "150 dpi" in note for note in notes)
    auth.login("mentor_a")
    page = client.get(f"/usaha/{business.id}/kit").get_data(as_text=True)
    assert "terlalu kecil untuk menu cetak A4" in page
    menu = client.get(f"/usaha/{business.id}/kit/berkas/menu.pdf", follow_redirects=True)
    assert len(PdfReader(io.BytesIO(menu.data)).pages) == 1
