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
    assert _links(exported) == _links(live)  # the same wa.me order links
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
