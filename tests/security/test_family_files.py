"""Every file of a family goes with it: uploads, replaced photos, thumbnails, every render."""

from __future__ import annotations

from pathlib import Path

from app.extensions import db
from app.kitfiles import KitOptions, build_kit
from tests.conftest import set_photo
from tests.security.conftest import jpeg_bytes

NAME, NUMBER, ADDRESS = "Keripik Bu Sri", "6281234567890", "Dusun Krajan RT 02 RW 03 No. 17"


def _files(*folders) -> dict[Path, bytes]:
    return {
        path: path.read_bytes()
        for folder in folders
        for path in Path(folder).rglob("*")
        if path.is_file()
    }


def _set_photo(business, color):
    set_photo(business, jpeg_bytes(size=(320, 240), color=color))
    return business.products[0].photo


def test_deleting_a_family_leaves_none_of_its_bytes(app, client, auth, make_business, world):
    uploads, generated = app.config["UPLOAD_DIR"], app.config["GENERATED_DIR"]
    business = make_business(publish=True)
    first = _set_photo(business, (200, 30, 30))
    first_bytes = (Path(uploads) / first).read_bytes()
    assert client.get(f"/media/{first.removesuffix('.jpg')}-t.jpg").status_code == 200
    second = _set_photo(business, (30, 200, 30))
    # The replaced photo, its small variant and its thumbnail went with the commit.
    assert sorted(p.name for p in Path(uploads).iterdir()) == sorted(
        [second, second.replace(".jpg", "-s.jpg")]
    )
    assert client.get(f"/media/{second.removesuffix('.jpg')}-t.jpg").status_code == 200
    build_kit(business)
    for options in (
        KitOptions(sheet="a4-2x7-99x38", home_address_on_label=True),
        KitOptions(sheet="a4-4x10-48x25", show_price=False, copies=3),
        KitOptions(theme="laut", production_code="B-01", start_at=4),
    ):
        build_kit(business, options)
    auth.login("mentor_a")
    label = client.get(
        f"/usaha/{business.id}/kit/berkas/label.png?sheet=a4-2x4-99x67&home_address=y",
        follow_redirects=True,
    )
    assert label.status_code == 200 and label.mimetype == "image/png"
    assert client.get(f"/b/{business.slug}/og.jpg").status_code == 200
    assert client.get(f"/b/{business.slug}/logo.png").status_code == 200
    other = make_business(
        name="Usaha Lain",
        owner_name="Lain",
        whatsapp="6281311112222",
        home_address="Dusun Lain",
        publish=True,
    )
    _set_photo(other, (10, 10, 200))
    build_kit(other)
    others = {
        path
        for path in _files(uploads, generated)
        if str(other.id) in str(path)
        or path.name.startswith(other.products[0].photo.removesuffix(".jpg"))
    }
    before = _files(uploads, generated)
    stored = {before[Path(uploads) / second], first_bytes}
    assert len(before) > 30
    business_id = str(business.id)
    client.post("/keluar", data={"csrf_token": auth.token("/")})
    auth.login("koordinator")
    token = auth.token(f"/usaha/{business.id}/hapus")
    response = client.post(
        f"/usaha/{business.id}/hapus", data={"csrf_token": token, "confirm_name": NAME}
    )
    assert response.status_code == 302
    db.session.expire_all()
    left = _files(uploads, generated)
    assert set(left) == others  # the other family's files, and nothing else
    for path, data in left.items():
        assert NAME.encode() not in data and NUMBER.encode() not in data, path
        assert ADDRESS.encode() not in data and data not in stored, path
    assert not (Path(generated) / "b" / business_id).exists()
