"""Product photos: thumbnails for phones, and no photo of an unpublished page for strangers."""

import io

from PIL import Image

from app.extensions import db
from app.mentor import services
from app.mentor.services import BusinessInput, ProductInput
from app.transaction import commit


def _jpeg() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 120, 40)).save(buffer, "JPEG")
    buffer.seek(0)
    return buffer


def _business_with_photo(world, published: bool):
    values = {"name": "Kue Bu Ani", "owner_name": "Ani", "trade": "kue", "village": "Gentan"}
    business = services.create_business(
        world["team_a"].id,
        BusinessInput(values, [ProductInput(name="Nagasari", photo=_jpeg())], published),
        None,
    )
    if published:
        services.publish(business)
    commit()
    return business, business.products[0].photo


def test_published_photo_has_a_square_thumbnail_for_the_page(client, world):
    business, name = _business_with_photo(world, published=True)
    html = client.get(f"/b/{business.slug}").get_data(as_text=True)
    thumb = name.replace(".jpg", "-t.jpg")
    assert f"/media/{thumb}" in html
    response = client.get(f"/media/{thumb}")
    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.data)).size == (144, 144)
    assert response.headers["Cache-Control"].startswith("public")


def test_unpublished_photo_only_for_the_team(client, auth, world):
    business, name = _business_with_photo(world, published=False)
    assert client.get(f"/media/{name}").status_code == 404
    auth.login("mentor_b")
    assert client.get(f"/media/{name}").status_code == 404
    client.post("/keluar", data={"csrf_token": auth.token("/")})
    auth.login("mentor_a")
    response = client.get(f"/media/{name.replace('.jpg', '-t.jpg')}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"].startswith("private")
    db.session.expire_all()
    assert business.published is False
