"""Nothing doubled: the same form key sent again answers with the first result."""

import re
from datetime import timedelta

from sqlalchemy import func, select

from app import idempotency
from app.extensions import db
from app.models import Business, IdempotencyKey, StepProgress, Visit, utcnow
from tests.conftest import csrf_from

KEY = re.compile(r'name="idem_key" value="([0-9a-f]{32})"')


def _page(client, url):
    html = client.get(url).get_data(as_text=True)
    return csrf_from(html), KEY.search(html).group(1)


def _business_data(token, key, **overrides):
    data = {
        "csrf_token": token,
        "idem_key": key,
        "name": "Kue Basah Bu Ani",
        "owner_name": "Ani Rahayu",
        "trade": "kue",
        "village": "Gentan",
        "whatsapp": "0812-2222-3333",
        "status": "aktif",
        "products-0-name": "Nagasari",
        "products-0-price": "2000",
    }
    data.update(overrides)
    return data


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_replayed_new_business_makes_one_and_answers_with_the_first(client, auth, world):
    auth.login("mentor_a")
    token, key = _page(client, "/usaha/baru")
    first = client.post("/usaha/baru", data=_business_data(token, key))
    again = client.post("/usaha/baru", data=_business_data(token, key))
    assert first.status_code == 302
    assert again.status_code == 303
    assert again.headers["Location"] == first.headers["Location"]
    assert _count(Business) == 1
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "Sudah tersimpan sebelumnya; tidak disimpan dua kali." in page


def test_a_new_form_gets_a_new_key_and_makes_a_second_business(client, auth, world):
    auth.login("mentor_a")
    token, key = _page(client, "/usaha/baru")
    _token, other = _page(client, "/usaha/baru")
    assert key != other
    client.post("/usaha/baru", data=_business_data(token, key))
    client.post("/usaha/baru", data=_business_data(token, other, name="Kue Bu Ani 2"))
    assert _count(Business) == 2


def test_a_refused_form_keeps_its_key_and_the_corrected_one_saves_once(client, auth, world):
    auth.login("mentor_a")
    token, key = _page(client, "/usaha/baru")
    refused = client.post("/usaha/baru", data=_business_data(token, key, whatsapp="024 123"))
    assert refused.status_code == 200
    assert f'value="{key}"' in refused.get_data(as_text=True)
    assert _count(IdempotencyKey) == 0  # a failed submission frees its key
    saved = client.post("/usaha/baru", data=_business_data(token, key))
    assert saved.status_code == 302
    client.post("/usaha/baru", data=_business_data(token, key))
    assert _count(Business) == 1


def test_keys_belong_to_their_user(client, auth, world, make_business):
    auth.login("mentor_a")
    token, key = _page(client, "/usaha/baru")
    client.post("/usaha/baru", data=_business_data(token, key))
    row = db.session.scalar(select(IdempotencyKey))
    assert row.user_id == world["mentor_a"].id and row.result_url.startswith("/usaha/")


def test_replayed_visit_tick_and_publish_happen_once(client, auth, make_business):
    business = make_business(consent=True)
    auth.login("mentor_a")
    url = f"/usaha/{business.id}/kunjungan/baru"
    token, key = _page(client, url)
    visit = {
        "csrf_token": token,
        "idem_key": key,
        "visited_on": "2026-11-20",
        "activities": "Membuat label",
        "status": "aktif",
    }
    for _ in range(3):
        assert client.post(url, data=visit).status_code in (302, 303)
    assert _count(Visit) == 1

    token, key = _page(client, f"/usaha/{business.id}/langkah")
    html = client.get(f"/usaha/{business.id}/langkah").get_data(as_text=True)
    step_url = re.search(r'action="(/usaha/[^"]+/langkah/[^"]+)"', html).group(1)
    tick = {"csrf_token": token, "idem_key": key, "action": "tick", "note": "sekali"}
    client.post(step_url, data=tick)
    undo = {"csrf_token": token, "idem_key": idempotency.new_key(), "action": "undo"}
    client.post(step_url, data=undo)
    replay = client.post(step_url, data=tick)  # an old tick replayed must not undo the undo
    assert replay.status_code == 303
    assert _count(StepProgress) == 0

    token, key = _page(client, f"/usaha/{business.id}")
    publish = {"csrf_token": token, "idem_key": key}
    assert client.post(f"/usaha/{business.id}/terbitkan", data=publish).status_code == 302
    assert client.post(f"/usaha/{business.id}/terbitkan", data=publish).status_code == 303


def test_old_keys_are_pruned(app, world):
    db.session.add(
        IdempotencyKey(
            user_id=world["mentor_a"].id, key="a" * 32, created_at=utcnow() - timedelta(days=8)
        )
    )
    db.session.add(IdempotencyKey(user_id=world["mentor_a"].id, key="b" * 32))
    db.session.commit()
    assert idempotency.prune() == 1
    assert [row.key for row in db.session.scalars(select(IdempotencyKey))] == ["b" * 32]


def test_common_password_message_sits_under_the_password_field(client, auth, world):
    auth.login("koordinator")
    token = auth.token("/akun/baru")
    html = client.post(
        "/akun/baru",
        data={
            "csrf_token": token,
            "username": "baru1",
            "full_name": "Baru",
            "team_id": str(world["team_a"].id),
            "password": "password",
        },
    ).get_data(as_text=True)
    assert 'id="password-err"' in html
    assert 'id="username-err"' not in html
