"""Serving at speed without serving stale or private answers.

The public page's fast path (app/public/fast.py), the signed-in list's cache
(app/mentor/list_cache.py), the user loaded from a snapshot (app/identity.py) and the
batched request log (app/ops.py).
"""

from __future__ import annotations

import io
import json
import logging

from sqlalchemy import select

from app.extensions import db
from app.models import Business, Product, User
from app.ops import BufferedLineHandler
from tests.conftest import Auth, edit_form, page_views_of, selects_from_now

# --- the public page -----------------------------------------------------------------------------


def test_repeated_page_is_the_apps_own_answer_and_sets_no_cookie(app, make_business):
    business = make_business(publish=True, products=(("Keripik singkong", 15000),))
    client = app.test_client(use_cookies=False)
    url = f"/b/{business.slug}"
    first = client.get(url)  # rendered by the app
    selects = selects_from_now()
    second = client.get(url)  # answered by the fast path
    assert first.status_code == second.status_code == 200
    assert second.get_data() == first.get_data()
    assert list(second.headers.items()) == list(first.headers.items())
    assert selects == []  # nothing asked of the database
    for response in (first, second, client.get(f"{url}/l"), client.get(f"{url}/l")):
        assert "Set-Cookie" not in response.headers
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"
    # No private data on the page, however it is served.
    text = second.get_data(as_text=True)
    for private in ("3322054107820001", "Krajan", "2500000", "36000000", "Sri Wahyuni"):
        assert private not in text


def test_page_changes_with_its_product_on_the_fast_path(app, make_business):
    business = make_business(publish=True, products=(("Keripik singkong", 15000),))
    client = app.test_client(use_cookies=False)
    url = f"/b/{business.slug}"
    client.get(url)
    before = client.get(url)  # from the fast path
    product = db.session.scalar(select(Product).where(Product.business_id == business.id))
    product.price_idr = 17500
    db.session.commit()
    after = client.get(url)
    assert after.headers["ETag"] != before.headers["ETag"]
    assert "Rp17.500" in after.get_data(as_text=True)
    assert client.get(url).headers["ETag"] == after.headers["ETag"]
    business = db.session.get(Business, business.id)
    business.published = False
    db.session.commit()
    assert client.get(url).status_code == 404


def test_every_request_is_counted_once(app, make_business):
    business = make_business(publish=True)
    client = app.test_client(use_cookies=False)
    url = f"/b/{business.slug}"
    etag = client.get(url).headers["ETag"]
    sent = 1
    for _ in range(7):
        assert client.get(url).status_code == 200
    for path in (f"{url}/l", f"{url}/l", f"{url}/w", f"{url}?lang=en"):
        assert client.get(path).status_code == 200
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    sent += 7 + 4 + 1
    assert page_views_of(business) == sent


def test_a_visitor_with_a_language_cookie_gets_their_language(app, make_business):
    business = make_business(publish=True)
    plain = app.test_client(use_cookies=False)
    url = f"/b/{business.slug}"
    plain.get(url)
    plain.get(url)  # the fast path now holds the Indonesian page
    visitor = app.test_client()
    with visitor.session_transaction() as session:  # chosen earlier with the language button
        session["lang"] = "en"
    page = visitor.get(url)
    assert page.status_code == 200 and '<html lang="en"' in page.get_data(as_text=True)


def test_fast_path_logs_the_request(app, make_business, caplog, monkeypatch):
    # Alembic's logging set-up (the migrations the fixtures run) disables existing loggers.
    monkeypatch.setattr(logging.getLogger("kit_usaha.request"), "disabled", False)
    business = make_business(publish=True)
    client = app.test_client(use_cookies=False)
    url = f"/b/{business.slug}/l"
    with caplog.at_level(logging.INFO, logger="kit_usaha.request"):
        client.get(url)
        client.get(url)
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "kit_usaha.request"]
    assert len(lines) == 2
    assert {line["endpoint"] for line in lines} == {"public.from_source"}
    assert all(line["path"] == url and line["status"] == 200 for line in lines)
    assert lines[0]["bytes"] == lines[1]["bytes"] > 0


def test_buffered_log_loses_no_line():
    stream = io.StringIO()
    handler = BufferedLineHandler(stream, lines=4, seconds=60)
    logger = logging.getLogger("tests.buffered")
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        for number in range(6):
            logger.info('{"n":%d}', number)
        assert stream.getvalue().splitlines() == [f'{{"n":{n}}}' for n in range(4)]
        logger.warning("alarm")  # a warning goes out at once, with what waited before it
        assert stream.getvalue().splitlines()[-3:] == ['{"n":4}', '{"n":5}', "alarm"]
        logger.info("last")
        handler.close()  # at exit logging closes every handler
        assert stream.getvalue().splitlines()[-1] == "last"
    finally:
        logger.removeHandler(handler)


# --- the signed-in list --------------------------------------------------------------------------


def test_list_shows_a_change_right_after_it_is_made(app, client, auth, world, make_business):
    business = make_business(name="Keripik Bu Sri")
    auth.login("mentor_a")
    assert "Keripik Bu Sri" in client.get("/").get_data(as_text=True)
    assert "Keripik Bu Sri" in client.get("/").get_data(as_text=True)  # from the cache
    # Renamed through the form, as a mentor would.
    page = client.get(f"/usaha/{business.id}/ubah").get_data(as_text=True)
    form = edit_form(business, page, name="Keripik Mbak Sri")
    assert client.post(f"/usaha/{business.id}/ubah", data=form).status_code == 302
    listing = client.get("/").get_data(as_text=True)
    assert "Keripik Mbak Sri" in listing and "Keripik Bu Sri" not in listing
    # A change made elsewhere (another request, a script) shows as well.
    db.session.expire_all()
    row = db.session.get(Business, business.id)
    row.village = "Ngancar"
    db.session.commit()
    assert "Ngancar" in client.get("/").get_data(as_text=True)
    # Moved to another team: gone from this mentor's list at once.
    row.team_id = world["team_b"].id
    db.session.commit()
    assert "Keripik Mbak Sri" not in client.get("/").get_data(as_text=True)
    # A new business of the team appears.
    make_business(name="Tempe Pak Joko")
    assert "Tempe Pak Joko" in client.get("/").get_data(as_text=True)


def test_list_is_per_user_and_per_query(app, client, auth, world, make_business):
    make_business(name="Keripik Bu Sri")
    make_business(name="Jamu Bu Tini", team=world["team_b"])
    auth.login("mentor_a")
    assert "Jamu Bu Tini" not in client.get("/").get_data(as_text=True)
    found = client.get("/?q=keripik").get_data(as_text=True)
    assert "Keripik Bu Sri" in found
    assert "Keripik Bu Sri" not in client.get("/?q=jamu").get_data(as_text=True)
    other = app.test_client()
    Auth(other).login("mentor_b")
    listing = other.get("/").get_data(as_text=True)
    assert "Jamu Bu Tini" in listing and "Keripik Bu Sri" not in listing
    # The coordinator sees every team's businesses, and a change in any of them.
    boss = app.test_client()
    Auth(boss).login("koordinator")
    assert "Jamu Bu Tini" in boss.get("/").get_data(as_text=True)
    make_business(name="Gula Aren Pak Min", team=world["team_b"])
    assert "Gula Aren Pak Min" in boss.get("/").get_data(as_text=True)


def test_signed_in_list_asks_the_database_nothing_when_nothing_changed(
    app, client, auth, make_business
):
    make_business()
    auth.login("mentor_a")
    client.get("/")
    client.get("/")
    selects = selects_from_now()
    page = client.get("/")
    assert page.status_code == 200 and "Keripik Bu Sri" in page.get_data(as_text=True)
    assert selects == []
    assert page.headers["Cache-Control"] == "no-store"


def test_a_deactivated_user_is_refused_on_the_next_request(app, client, auth, world):
    auth.login("mentor_a")
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200  # the user now comes from the snapshot
    user = db.session.get(User, world["mentor_a"].id)
    user.active = False
    db.session.commit()
    refused = client.get("/")
    assert refused.status_code == 302 and "/masuk" in refused.headers["Location"]


def test_a_deactivation_by_another_worker_is_seen(app, client, auth, world):
    from app import create_app

    auth.login("mentor_a")
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200
    other = create_app({**app.config, "TESTING": True})  # same database and generations
    with other.app_context():
        db.session.get(User, world["mentor_a"].id).active = False
        db.session.commit()
        db.session.remove()
    assert client.get("/").status_code == 302


def test_a_logged_out_session_is_refused_even_with_its_old_cookie(app, client, auth, world):
    auth.login("mentor_a")
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200
    old_cookie = client.get_cookie("session").value
    token = auth.token("/")
    assert client.post("/keluar", data={"csrf_token": token}).status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", old_cookie)
    refused = thief.get("/")
    assert refused.status_code == 302 and "/masuk" in refused.headers["Location"]


def test_team_membership_change_shows_at_once(app, client, auth, world, make_business):
    make_business(name="Jamu Bu Tini", team=world["team_b"])
    auth.login("mentor_a")
    assert "Jamu Bu Tini" not in client.get("/").get_data(as_text=True)
    team_b = db.session.get(type(world["team_b"]), world["team_b"].id)
    team_b.members.append(db.session.get(User, world["mentor_a"].id))
    db.session.commit()
    assert "Jamu Bu Tini" in client.get("/").get_data(as_text=True)
