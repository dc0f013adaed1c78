"""The family's private link: open/closed and sold-out, and nothing else."""

import re
from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Business
from app.storefront.services import issue_family_link
from tests.conftest import csrf_from


def _issue(business):
    link = issue_family_link(business, None)
    db.session.commit()
    return link.token


def _tap(client, token, path, data):
    token_value = csrf_from(client.get(f"/k/{token}").get_data(as_text=True))
    return client.post(f"/k/{token}{path}", data={**data, "csrf_token": token_value})


def test_family_opens_closes_and_marks_sold_out(client, make_business):
    business = make_business(
        publish=True,
        products=(("Keripik", 8000), ("Rempeyek", 5000)),
        opening_hours="Setiap hari 08.00–17.00",
    )
    from app.public.cache import page_key, page_state

    token = _issue(business)
    version, key = business.version, page_key(page_state(business.slug), "direct")
    screen = client.get(f"/k/{token}")
    assert screen.status_code == 200 and "no-store" in screen.headers["Cache-Control"]
    assert screen.headers["Referrer-Policy"] == "no-referrer"
    assert _tap(client, token, "/hari", {"keadaan": "closed"}).status_code == 303
    page = client.get(f"/b/{business.slug}").get_data(as_text=True)
    assert "Tutup hari ini · Buka lagi besok pukul 08.00" in page
    db.session.expire_all()
    assert page_key(page_state(business.slug), "direct") != key  # the cached page is not reused
    product = business.products[1]
    assert _tap(client, token, f"/produk/{product.id}", {"habis": "1"}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Business, business.id).products[1].sold_out
    assert db.session.get(Business, business.id).version > version  # the page cache's key
    page = client.get(f"/b/{business.slug}").get_data(as_text=True)
    assert re.search(r"Rempeyek</div>.*?Habis", page)
    _tap(client, token, "/hari", {"keadaan": "open"})
    assert "Buka hari ini" in client.get(f"/b/{business.slug}").get_data(as_text=True)
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.business_id == business.id)
    ).all()
    assert actions.count("family_link") == 3 and "family_link_issued" in actions


def test_family_link_changes_nothing_else(client, make_business):
    business = make_business(publish=True)
    other = make_business(name="Warung Lain", publish=True)
    token = _issue(business)
    # Another business's product: refused, and nothing changed.
    response = _tap(client, token, f"/produk/{other.products[0].id}", {"habis": "1"})
    assert response.status_code == 404
    db.session.expire_all()
    assert not db.session.get(Business, other.id).products[0].sold_out
    # Only the two choices; any other field is ignored, a bad value refused.
    assert _tap(client, token, "/hari", {"keadaan": "dihapus"}).status_code == 400
    _tap(client, token, "/hari", {"keadaan": "open", "name": "Diganti", "published": ""})
    db.session.expire_all()
    assert db.session.get(Business, business.id).name == "Keripik Bu Sri"
    # The family's browser is not signed in anywhere.
    for url in ("/", f"/usaha/{business.id}", f"/usaha/{business.id}/ubah", "/program"):
        assert "/masuk" in client.get(url).headers.get("Location", ""), url


def test_renewed_revoked_and_idle_links_stop_working(client, make_business):
    business = make_business(publish=True)
    old = _issue(business)
    new = _issue(business)
    assert client.get(f"/k/{old}").status_code == 404
    assert "Tautan tidak berlaku" in client.get(f"/k/{old}").get_data(as_text=True)
    assert client.get(f"/k/{new}").status_code == 200
    later = datetime.now(UTC) + timedelta(days=179)
    with time_machine.travel(later, tick=False):
        assert client.get(f"/k/{new}").status_code == 200
        _tap(client, new, "/hari", {"keadaan": "open"})  # a use renews the 180 days
    with time_machine.travel(later + timedelta(days=179), tick=False):
        assert client.get(f"/k/{new}").status_code == 200
    with time_machine.travel(later + timedelta(days=181), tick=False):
        assert client.get(f"/k/{new}").status_code == 404
    from app.storefront.services import revoke_family_link

    revoke_family_link(business)
    db.session.commit()
    assert client.get(f"/k/{new}").status_code == 404


def test_mentor_issues_the_link_and_prints_its_qr(client, auth, make_business):
    import io

    import zxingcpp
    from PIL import Image

    business = make_business(publish=True)
    auth.login("mentor_a")
    page = client.get(f"/usaha/{business.id}").get_data(as_text=True)
    client.post(f"/usaha/{business.id}/tautan-keluarga", data={"csrf_token": csrf_from(page)})
    sheet = client.get(f"/usaha/{business.id}/tautan-keluarga/cetak")
    assert "JANGAN DIBAGIKAN" in sheet.get_data(as_text=True)
    png = client.get(f"/usaha/{business.id}/tautan-keluarga.png")
    assert png.headers["Cache-Control"] == "no-store"
    (result,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.data)))
    assert re.fullmatch(r"https://kit\.example\.id/k/[A-Za-z0-9_-]{32}", result.text)
    assert client.get(result.text.removeprefix("https://kit.example.id")).status_code == 200


def test_family_link_is_rate_limited(app, make_business):
    import uuid

    from app import create_app
    from app.extensions import limiter

    business = make_business(publish=True)
    token = _issue(business)
    config = {
        **app.config,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    limited = create_app(config)
    limiter.reset()
    client = limited.test_client()
    codes = [client.get(f"/k/{token}").status_code for _ in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429
    wrong = [client.get(f"/k/tebakan-{n}").status_code for n in range(3)]
    assert wrong == [429] * 3  # guessing tokens from the same address is slowed down too
