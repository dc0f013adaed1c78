"""Hostile uploads through the real mentor form (multipart, CSRF): nothing dangerous is kept."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from app import create_app
from app.extensions import db
from app.models import Product
from app.uploads import NAME_PATTERN
from tests.conftest import edit_form
from tests.security.conftest import jpeg_bytes

SCRIPT = b"<script>alert(document.cookie)</script>"


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def pixel_flood_png(side: int = 30_000) -> bytes:
    """Return a tiny valid PNG that decodes to side×side pixels (900 MP for 30,000)."""
    row = b"\x00" + b"\x00" * (side // 8)  # filter byte + one bit per pixel
    compressor = zlib.compressobj(9)
    chunks = [compressor.compress(row) for _ in range(side)]
    data = b"".join(chunks) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def polyglot_jpeg() -> bytes:
    """Return a valid JPEG whose comment segment is an HTML page with a script."""
    jpeg = jpeg_bytes()
    comment = b"<html><body>" + SCRIPT + b"</body></html>"
    segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    return jpeg[:2] + segment + jpeg[2:] + b"PK\x03\x04zip-after-the-image" + SCRIPT


def gps_jpeg() -> bytes:
    """Return a 200×100 photo rotated by EXIF (orientation 6) carrying GPS and camera tags."""
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "KameraRahasia"
    exif.get_ifd(0x8825).update({1: "S", 2: (7.0, 20.0, 30.0), 3: "E", 4: (110.0, 25.0, 0.0)})
    return jpeg_bytes(size=(200, 100), exif=exif)


def _upload(client, auth, business, content: bytes, filename: str):
    auth.login("mentor_a")
    page = client.get(f"/usaha/{business.id}/ubah").get_data(as_text=True)
    product = business.products[0]
    data = {
        **edit_form(business, page, whatsapp="081234567890"),
        "products-0-id": str(product.id),
        "products-0-name": product.name,
        "products-0-price": "8000",
        "products-0-photo": (io.BytesIO(content), filename, "image/jpeg"),
    }
    return client.post(f"/usaha/{business.id}/ubah", data=data, content_type="multipart/form-data")


def _stored_files(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_DIR"])
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        (b"Ini cuma teks biasa, bukan foto.\n" * 20, "foto.jpg"),
        (pixel_flood_png(), "banjir.png"),
        (b"GIF89a/*" + SCRIPT + b"*/", "gif.jpg"),  # GIF/JS polyglot: GIF is not accepted
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "gambar.jpg"),
        (jpeg_bytes()[:200], "terpotong.jpg"),  # truncated
    ],
    ids=["text-renamed-jpg", "pixel-flood", "gif-polyglot", "svg-renamed", "truncated-jpeg"],
)
def test_a_bad_file_is_refused_kindly_and_nothing_is_kept(
    app, client, auth, make_business, content, filename
):
    business = make_business()
    response = _upload(client, auth, business, content, filename)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "bukan foto JPG, PNG atau WebP" in html or "terlalu besar" in html
    assert _stored_files(app) == []
    db.session.expire_all()
    assert db.session.get(Product, business.products[0].id).photo is None


def test_a_polyglot_is_re_encoded_and_its_payload_is_gone(app, client, auth, make_business):
    business = make_business()
    response = _upload(client, auth, business, polyglot_jpeg(), "../../etc/passwd.jpg")
    assert response.status_code == 302
    files = _stored_files(app)
    assert len(files) == 2  # full and small
    for path in files:
        assert NAME_PATTERN.match(path.name)  # a generated name, never the one sent
        data = path.read_bytes()
        assert b"<script" not in data and b"PK\x03\x04" not in data and b"<html" not in data


def test_gps_and_camera_tags_are_stripped_and_orientation_applied(app, client, auth, make_business):
    business = make_business()
    assert _upload(client, auth, business, gps_jpeg(), "IMG_0001.jpg").status_code == 302
    db.session.expire_all()
    name = db.session.get(Product, business.products[0].id).photo
    for path in _stored_files(app):
        data = path.read_bytes()
        image = Image.open(io.BytesIO(data))
        assert image.format == "JPEG"
        assert not image.getexif(), f"{path.name} still has EXIF"
        assert b"Exif" not in data and b"KameraRahasia" not in data
        assert image.height > image.width  # orientation 6 applied, then the tag dropped
    served = client.get(f"/media/{name}")
    assert served.status_code == 200 and served.headers["X-Content-Type-Options"] == "nosniff"
    assert not Image.open(io.BytesIO(served.data)).getexif()


def test_big_photos_are_resized(app, client, auth, make_business):
    business = make_business()
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), (90, 90, 200)).save(out, "PNG")
    assert _upload(client, auth, business, out.getvalue(), "besar.png").status_code == 302
    sizes = sorted(max(Image.open(path).size) for path in _stored_files(app))
    assert sizes == [480, 1200]


def test_too_big_an_upload_gets_its_form_back_not_a_dead_end(app, make_business):
    from tests.conftest import Auth

    small = create_app({**app.config, "MAX_CONTENT_LENGTH": 64 * 1024})
    client = small.test_client()
    auth = Auth(client)
    business = make_business()
    response = _upload(client, auth, business, b"\xff\xd8" + b"0" * 200_000, "besar.jpg")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Berkas ini bukan foto" in html and f'value="{business.name}"' in html
    assert _stored_files(app) == []


def test_many_big_photos_in_one_request_exceed_the_pixel_budget(app, client, auth, make_business):
    business = make_business(products=[(f"Produk {n}", 1000) for n in range(5)])
    app_budget = create_app({**app.config, "MAX_REQUEST_MEGAPIXELS": 60})
    client = app_budget.test_client()
    from tests.conftest import Auth

    Auth(client).login("mentor_a")
    page = client.get(f"/usaha/{business.id}/ubah").get_data(as_text=True)
    data = edit_form(business, page, whatsapp="081234567890")
    for index, product in enumerate(business.products):
        out = io.BytesIO()
        Image.new("RGB", (5000, 4000), (index * 40, 90, 200)).save(out, "PNG")  # 20 MP each
        data.update(
            {
                f"products-{index}-id": str(product.id),
                f"products-{index}-name": f"Produk Baru {index}",
                f"products-{index}-price": "2000",
                f"products-{index}-photo": (
                    io.BytesIO(out.getvalue()),
                    f"{index}.png",
                    "image/png",
                ),
            }
        )
    response = client.post(
        f"/usaha/{business.id}/ubah", data=data, content_type="multipart/form-data"
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "total maksimal 60 megapiksel" in html
    assert 'value="Produk Baru 0"' in html  # the form keeps what was typed
    assert _stored_files(app) == []  # refused from the headers: nothing decoded or stored
    db.session.expire_all()
    assert [p.name for p in db.session.get(type(business), business.id).products][0] == "Produk 0"
