"""Photos that survive: a limit per photo, a too-big request answered with its form, photos
kept across a refused form, and the edit form showing, replacing and removing photos."""

import io
import os
import re
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from app import create_app, pending_uploads
from app.extensions import db
from app.models import Business
from tests.conftest import Auth, csrf_from, edit_form

KEY = re.compile(r'name="idem_key" value="([0-9a-f]{32})"')
PENDING = re.compile(r'name="(products-\d-pending_photo)" type="hidden" value="([^"]+)"')


def phone_photo(megabytes: float, seed: int = 0) -> bytes:
    """Return a JPEG of about this many megabytes (noise does not compress)."""
    side = 100
    while True:
        image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=95)
        if out.tell() >= megabytes * 1024 * 1024:
            return out.getvalue()
        side = int(side * 1.25)


def _new_form(client):
    html = client.get("/usaha/baru").get_data(as_text=True)
    return csrf_from(html), KEY.search(html).group(1)


def _data(token, key, **overrides):
    data = {
        "csrf_token": token,
        "idem_key": key,
        "name": "Sambal Bu Yati",
        "owner_name": "Suryati",
        "trade": "kue",
        "village": "Gentan",
        "whatsapp": "0812-2222-3333",
        "status": "aktif",
    }
    data.update(overrides)
    return data


def _stored(app):
    return sorted(p.name for p in Path(app.config["UPLOAD_DIR"]).glob("*.jpg"))


def test_three_3_mb_photos_save(client, auth, world, app):
    auth.login("mentor_a")
    token, key = _new_form(client)
    photo = phone_photo(3)
    assert len(photo) > 3 * 1024 * 1024
    rows = {}
    for i in range(3):
        rows[f"products-{i}-name"] = f"Sambal {i}"
        rows[f"products-{i}-photo"] = (io.BytesIO(photo), f"IMG_{i}.jpg", "image/jpeg")
    response = client.post(
        "/usaha/baru", data=_data(token, key, **rows), content_type="multipart/form-data"
    )
    assert response.status_code == 302
    business = db.session.scalar(select(Business))
    assert [bool(p.photo) for p in business.products] == [True, True, True]
    assert len(_stored(app)) == 6  # full and small of each


def test_a_refused_form_keeps_its_photo_until_the_save(client, auth, world, app):
    auth.login("mentor_a")
    token, key = _new_form(client)
    data = _data(
        token,
        key,
        whatsapp="024 123",
        **{
            "products-0-name": "Sambal bawang",
            "products-0-photo": (io.BytesIO(phone_photo(0.2)), "sambal.jpg", "image/jpeg"),
        },
    )
    html = client.post("/usaha/baru", data=data, content_type="multipart/form-data").get_data(
        as_text=True
    )
    assert "Ini bukan nomor HP Indonesia" in html
    assert "Foto tersimpan. Tidak perlu memilih lagi." in html
    field, token_value = PENDING.search(html).groups()
    thumb = re.search(r'src="(/usaha/foto-sementara/[^"]+)"', html).group(1)
    shown = client.get(thumb)
    assert shown.status_code == 200 and shown.mimetype == "image/jpeg"
    assert _stored(app) == []  # kept aside, not yet an upload of any product

    fixed = _data(token, key, **{"products-0-name": "Sambal bawang", field: token_value})
    assert client.post("/usaha/baru", data=fixed).status_code == 302
    product = db.session.scalar(select(Business)).products[0]
    assert product.photo and product.photo in _stored(app)
    assert client.get(thumb).status_code == 404  # moved to the uploads


def test_a_kept_photo_is_bound_to_its_user_and_form(client, auth, world, app):
    auth.login("mentor_a")
    with app.test_request_context():
        made = pending_uploads.keep(io.BytesIO(phone_photo(0.1)), world["mentor_a"].id, "k" * 32)
        assert pending_uploads.adopt(made, world["mentor_b"].id, "k" * 32) is None
        assert pending_uploads.adopt(made, world["mentor_a"].id, "x" * 32) is None
        assert pending_uploads.adopt(made + "x", world["mentor_a"].id, "k" * 32) is None
        assert pending_uploads.adopt(made, world["mentor_a"].id, "k" * 32)


def test_a_photo_over_10_mb_is_refused_next_to_its_field(client, auth, world):
    auth.login("mentor_a")
    token, key = _new_form(client)
    data = _data(
        token,
        key,
        **{
            "products-0-name": "Sambal bawang",
            "products-0-photo": (
                io.BytesIO(b"\xff\xd8" + b"0" * (11 * 1024 * 1024)),
                "big.jpg",
                "image/jpeg",
            ),
        },
    )
    response = client.post("/usaha/baru", data=data, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="products-0-photo-err">Foto ini lebih dari 10 MB' in html
    assert 'value="Sambal Bu Yati"' in html
    assert db.session.scalar(select(Business)) is None


def test_a_too_big_request_comes_back_as_the_form_with_the_typing(app, world, monkeypatch):
    small = create_app({**app.config, "MAX_CONTENT_LENGTH": 512 * 1024})
    monkeypatch.setattr(pending_uploads, "PHOTO_MAX_BYTES", 400 * 1024)
    client = small.test_client()
    Auth(client).login("mentor_a")
    token, key = _new_form(client)
    data = _data(
        token,
        key,
        **{
            "products-0-name": "Sambal bawang",
            "products-0-photo": (io.BytesIO(phone_photo(0.5)), "big.jpg", "image/jpeg"),
            "products-1-name": "Sambal teri",
            "products-1-photo": (io.BytesIO(phone_photo(0.1)), "small.jpg", "image/jpeg"),
        },
    )
    response = client.post("/usaha/baru", data=data, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="Sambal Bu Yati"' in html and 'value="Sambal teri"' in html
    assert 'id="products-0-photo-err"' in html  # the big one: choose a smaller photo
    assert "Foto tersimpan" in html, re.findall(r"error.{0,200}", html)  # the small one is kept
    assert db.session.scalar(select(Business)) is None


def test_edit_form_shows_replaces_and_removes_a_photo(client, auth, make_business, app):
    business = make_business()
    auth.login("mentor_a")
    page = client.get(f"/usaha/{business.id}/ubah").get_data(as_text=True)
    product = business.products[0]
    base = edit_form(
        business,
        page,
        idem_key=KEY.search(page).group(1),
        whatsapp="081234567890",
        **{"products-0-id": str(product.id), "products-0-name": product.name},
    )
    photo = {"products-0-photo": (io.BytesIO(phone_photo(0.1)), "a.jpg", "image/jpeg")}
    assert (
        client.post(
            f"/usaha/{business.id}/ubah", data={**base, **photo}, content_type="multipart/form-data"
        ).status_code
        == 302
    )
    db.session.expire_all()
    first = product.photo
    page = client.get(f"/usaha/{business.id}/ubah").get_data(as_text=True)
    assert first.replace(".jpg", "-s.jpg") in page and "Ganti foto" in page and "Hapus foto" in page

    base.update(
        csrf_token=csrf_from(page),
        idem_key=KEY.search(page).group(1),
        version=str(business.version),
    )
    assert (
        client.post(
            f"/usaha/{business.id}/ubah", data={**base, "products-0-remove_photo": "y"}
        ).status_code
        == 302
    )
    db.session.expire_all()
    assert product.photo is None


def test_kept_photos_older_than_a_day_are_pruned(app, world):
    import time

    with app.test_request_context():
        token = pending_uploads.keep(io.BytesIO(phone_photo(0.05)), world["mentor_a"].id, "k" * 32)
        assert pending_uploads.prune() == 0
        assert pending_uploads.prune(now=time.time() + pending_uploads.KEEP_FOR_S + 60) == 2
        assert pending_uploads.path_of(token, world["mentor_a"].id) is None
