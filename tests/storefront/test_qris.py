"""QRIS: the sticker's payload checked, confirmed by a coordinator, then shown."""

import io

import pytest
import zxingcpp
from PIL import Image

from app.extensions import db
from app.qris import QrisError, read_qris
from app.render.qr import qr_png
from tests.conftest import csrf_from
from tests.storefront.qris_samples import STATIC, build, tlv


def test_a_static_merchant_qris_is_read():
    qris = read_qris(STATIC)
    assert qris.merchant_name == "KERIPIK BU SRI" and qris.merchant_city == "SEMARANG"
    assert qris.merchant_ids == ("ID.CO.QRIS.WWW",)


@pytest.mark.parametrize(
    ("payload", "why"),
    [
        (build(crc="0000"), "CRC tidak cocok"),
        (STATIC.replace("KERIPIK", "KERIPIX"), "CRC tidak cocok"),  # one letter changed
        (build(point="12"), "QRIS dinamis"),
        (build(merchant=False), "bukan QRIS merchant"),
        (build(extra=tlv("54", "15000")), "nominal tetap"),
        ("https://example.com/bukan-qris", "bukan kode QRIS"),
        (STATIC[:40], "terpotong"),
        (STATIC[:-8], "CRC tidak ada"),
    ],
)
def test_bad_payloads_are_refused_with_the_reason(payload, why):
    with pytest.raises(QrisError, match=why):
        read_qris(payload)


def _photo(payload: str) -> tuple:
    return (io.BytesIO(qr_png(payload, module_px=8)), "stiker.png")


def test_qris_shows_only_after_a_coordinator_confirms(app, make_business):
    business = make_business(publish=True, name="Keripik Bu Sri")
    other_name = build(name="TOKO LAIN JAYA")
    mentor, coordinator, public = app.test_client(), app.test_client(), app.test_client()
    from tests.conftest import Auth

    Auth(mentor).login("mentor_a")
    Auth(coordinator).login("koordinator")
    form = mentor.get(f"/usaha/{business.id}/qris").get_data(as_text=True)
    read = mentor.post(
        f"/usaha/{business.id}/qris",
        content_type="multipart/form-data",
        data={"photo": _photo(other_name), "csrf_token": csrf_from(form)},
    )
    html = read.get_data(as_text=True)
    assert read.status_code == 200 and "TOKO LAIN JAYA" in html  # the mentor sees whose it is
    # Without ticking that the name belongs to the family: refused, nothing kept.
    refused = mentor.post(
        f"/usaha/{business.id}/qris/simpan",
        data={"payload": other_name, "csrf_token": csrf_from(html)},
    )
    assert refused.status_code == 400
    db.session.expire_all()
    assert business.qris_pending_payload is None
    mentor.post(
        f"/usaha/{business.id}/qris/simpan",
        data={"payload": STATIC, "belongs": "y", "csrf_token": csrf_from(html)},
    )
    page = public.get(f"/b/{business.slug}").get_data(as_text=True)
    assert "Bayar dengan QRIS" not in page  # waiting for the coordinator
    assert public.get(f"/b/{business.slug}/qris.png").status_code == 404
    denied = mentor.post(f"/usaha/{business.id}/qris/setujui", data={"csrf_token": csrf_from(html)})
    assert denied.status_code == 403
    screen = coordinator.get(f"/usaha/{business.id}/qris").get_data(as_text=True)
    coordinator.post(f"/usaha/{business.id}/qris/setujui", data={"csrf_token": csrf_from(screen)})
    page = public.get(f"/b/{business.slug}").get_data(as_text=True)
    assert "Bayar dengan QRIS" in page and "KERIPIK BU SRI" in page
    png = public.get(f"/b/{business.slug}/qris.png?v={STATIC[-4:]}")
    (decoded,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.data)))
    assert decoded.text == STATIC  # re-rendered, the same payload
    trail = coordinator.get(f"/usaha/{business.id}").get_data(as_text=True)
    assert "qris_payload" in trail or "mengubah" in trail


def test_a_dynamic_qris_photo_is_refused_next_to_the_field(client, auth, make_business):
    business = make_business(publish=True)
    auth.login("mentor_a")
    form = client.get(f"/usaha/{business.id}/qris").get_data(as_text=True)
    response = client.post(
        f"/usaha/{business.id}/qris",
        content_type="multipart/form-data",
        data={"photo": _photo(build(point="12")), "csrf_token": csrf_from(form)},
    )
    assert response.status_code == 400
    assert "QRIS dinamis" in response.get_data(as_text=True)
