"""flask site export: the same pages as the live ones, as plain files, published only."""

import re

from app.extensions import db

PRIVATE = ("3322054107820001", "Dusun Krajan", "2.500.000", "36.000.000")


def _text(html: str) -> str:
    """Return what a reader sees: the text without tags, whitespace folded."""
    body = html.split("<body>", 1)[1]
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def _links(html: str) -> list[str]:
    return re.findall(r'<a[^>]+href="([^"]+)"', html)


def _external(html: str) -> list[str]:
    return [link for link in _links(html) if link.startswith("https://")]


def test_export_writes_published_pages_with_the_live_content(
    client, runner, make_business, tmp_path
):
    shown = make_business(
        publish=True, products=(("Keripik singkong", 8000), ("Keripik pisang", 9000))
    )
    hidden = make_business(name="Belum Terbit", consent=True)
    result = runner.invoke(args=["site", "export", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "1 halaman usaha" in result.output
    pages = tmp_path / "site" / "b"
    assert sorted(p.name for p in pages.iterdir()) == [shown.slug]
    exported = (pages / shown.slug / "index.html").read_text(encoding="utf-8")
    live = client.get(f"/b/{shown.slug}").get_data(as_text=True)
    assert _text(exported) == _text(live)
    # The same wa.me order and share links; the contact card and desa page as local files.
    assert _external(exported) == _external(live)
    assert 'href="kontak.vcf"' in exported and 'src="../../pesan.js"' in exported
    assert 'src="logo.png"' in exported
    assert (pages / shown.slug / "logo.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for code in ("l", "p", "s", "w"):
        sub = (pages / shown.slug / code / "index.html").read_text(encoding="utf-8")
        assert 'src="../logo.png"' in sub and _text(sub) == _text(live)
    for path in pages.rglob("*"):
        if path.is_file() and path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            assert not any(value in text for value in PRIVATE), path
    assert hidden.slug not in result.output


def test_unpublished_pages_disappear_at_the_next_export(runner, make_business, tmp_path):
    business = make_business(publish=True)
    runner.invoke(args=["site", "export", str(tmp_path)])
    assert (tmp_path / "b" / business.slug / "index.html").is_file()
    business.published = False
    db.session.commit()
    runner.invoke(args=["site", "export", str(tmp_path)])
    assert not (tmp_path / "b" / business.slug).exists()


def test_exported_taps_ping_the_apps_counter_and_count_exactly_one(
    app, client, runner, make_business, tmp_path
):
    from urllib.parse import urlsplit

    from sqlalchemy import select

    from app.clock import today
    from app.models import PageViewDaily
    from app.pageviews import flush_views
    from tests.conftest import PUBLIC_BASE

    business = make_business(publish=True, maps_url="https://maps.app.goo.gl/abc")
    assert runner.invoke(args=["site", "export", str(tmp_path)]).exit_code == 0
    folder = tmp_path / "b" / business.slug
    sign_page = (folder / "s" / "index.html").read_text(encoding="utf-8")
    base = f"{PUBLIC_BASE}/b/{business.slug}/ketuk"
    # Per-product "Pesan" and the links ping the app's absolute URL; the basket's script too.
    assert re.findall(r' ping="([^"]+)"', sign_page) == [
        f"{base}/pesan?dari=s",
        f"{base}/maps?dari=s",
    ]
    assert f'data-ping="{base}/pesan?dari=s"' in sign_page
    direct = (folder / "index.html").read_text(encoding="utf-8")
    assert re.findall(r' ping="([^"]+)"', direct) == [f"{base}/pesan", f"{base}/maps"]
    url = urlsplit(re.findall(r' ping="([^"]+)"', sign_page)[0])
    # What Chromium sends for <a ping>: a POST with body "PING", no cookie of ours.
    response = client.post(f"{url.path}?{url.query}", data="PING", content_type="text/ping")
    assert response.status_code == 204 and "Set-Cookie" not in response.headers
    flush_views()
    rows = db.session.scalars(
        select(PageViewDaily).where(PageViewDaily.business_id == business.id)
    ).all()
    assert [(r.day, r.source, r.count) for r in rows] == [(today(), "pesan:s", 1)]
