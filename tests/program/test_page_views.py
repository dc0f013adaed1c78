"""Scan and view counts: per source and direct, daily aggregates, nothing personal."""

from datetime import timedelta

import pytest
from sqlalchemy import inspect, select

from app.clock import today
from app.extensions import db
from app.models import PageViewDaily


def _counts(business) -> dict[str, int]:
    rows = db.session.scalars(select(PageViewDaily).where(PageViewDaily.business_id == business.id))
    return {row.source: row.count for row in rows}


@pytest.mark.parametrize(
    ("code", "source"), [("l", "label"), ("p", "pamphlet"), ("s", "sign"), ("w", "whatsapp")]
)
def test_source_paths_render_the_page_and_count_it(client, make_business, code, source):
    business = make_business(publish=True)
    plain = client.get(f"/b/{business.slug}")
    tagged = client.get(f"/b/{business.slug}/{code}")
    assert tagged.status_code == 200  # rendered, no redirect round trip
    html = tagged.get_data(as_text=True)
    assert "<h1>Keripik Bu Sri</h1>" in html
    assert f'<link rel="canonical" href="https://kit.example.id/b/{business.slug}">' in html
    assert tagged.get_data() == plain.get_data()
    client.get(f"/b/{business.slug}/{code}")
    db.session.expire_all()
    assert _counts(business) == {"direct": 1, source: 2}


def test_counts_are_daily_aggregates_with_nothing_about_the_visitor(client, make_business):
    business = make_business(publish=True)
    for _ in range(3):
        response = client.get(
            f"/b/{business.slug}",
            headers={"X-Forwarded-For": "10.1.2.3"},
            environ_base={"REMOTE_ADDR": "192.0.2.7"},
        )
        assert "Set-Cookie" not in response.headers
    row = db.session.scalar(select(PageViewDaily))
    assert (row.day, row.source, row.count) == (today(), "direct", 3)
    columns = {c["name"] for c in inspect(db.engine).get_columns("page_views_daily")}
    assert columns == {"business_id", "day", "source", "count"}
    assert client.get_cookie("session") is None


def test_unpublished_or_unknown_pages_count_nothing(client, make_business):
    business = make_business(consent=True)
    assert client.get(f"/b/{business.slug}/l").status_code == 404
    assert client.get("/b/tidak-ada/p").status_code == 404
    assert client.get(f"/b/{business.slug}/x").status_code == 404
    assert db.session.scalar(select(PageViewDaily)) is None


def test_overview_shows_the_last_30_days_by_source(client, auth, make_business):
    business = make_business(publish=True)
    for path in ("l", "l", "w", ""):
        client.get(f"/b/{business.slug}/{path}".rstrip("/"))
    old = PageViewDaily(
        business_id=business.id, source="label", count=50, day=today() - timedelta(days=30)
    )
    db.session.add(old)
    db.session.commit()
    auth.login("mentor_a")
    html = client.get(f"/usaha/{business.id}").get_data(as_text=True)
    section = " ".join(html.split('id="pengunjung"', 1)[1].split("</section>", 1)[0].split())
    assert '<td>Label kemasan</td><td class="num">2</td>' in section
    assert '<td>Tautan WhatsApp</td><td class="num">1</td>' in section
    assert '<td>Langsung</td><td class="num">1</td>' in section
    assert '<td class="num"><strong>4</strong></td>' in section  # the 31-day-old 50 left out
