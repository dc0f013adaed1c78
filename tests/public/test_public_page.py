"""The public business page: content, WhatsApp links, privacy, size."""

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from app.extensions import db

PRIVATE_VALUES = (
    "3322054107820001",
    "Dusun Krajan",
    "2500000",
    "2.500.000",
    "36.000.000",
    "Sri Wahyuni",
)
AID_WORDS = ("KPM", "bansos", "Penerima Manfaat", "PKH", "bantuan sosial", "social aid")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.meta = [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.links.append(attrs.get("href"))
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            self.meta[key] = attrs.get("content")


def _parse(html):
    parser = _Links()
    parser.feed(html)
    return parser


def test_published_page_shows_the_business(client, make_business):
    business = make_business(
        publish=True,
        products=(("Keripik singkong", 15000),),
        opening_hours="Setiap hari 08.00–17.00",
    )
    response = client.get(f"/b/{business.slug}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Keripik Bu Sri</h1>" in html
    assert "Renyah, gurih, tanpa pengawet" in html
    assert "Rp15.000" in html
    assert "Setiap hari 08.00–17.00" in html
    assert "Desa Tawang" in html
    # No executable script on the live page: the JSON-LD block is data, not code.
    assert not re.search(r"<script(?![^>]*application/ld\+json)", html)
    assert "public" in response.headers["Cache-Control"]


def test_order_buttons_carry_a_prefilled_indonesian_message(client, make_business):
    business = make_business(
        publish=True, products=(("Keripik singkong", 15000), ("Keripik pisang", 9000))
    )
    links = [
        link
        for link in _parse(client.get(f"/b/{business.slug}").get_data(as_text=True)).links
        if link and link.startswith("https://wa.me/6281234567890")
    ]
    assert len(links) == 3  # the business and each product
    texts = []
    for link in links:
        parts = urlsplit(link)
        assert parts.path == "/6281234567890"
        (text,) = parse_qs(parts.query)["text"]
        assert "Keripik Bu Sri" in text and len(text) <= 140
        texts.append(text)
    assert any("Keripik singkong (Rp15.000)" in text for text in texts)
    assert any("Keripik pisang (Rp9.000)" in text for text in texts)


def test_open_graph_tags_preview_the_link(client, make_business):
    business = make_business(publish=True)
    meta = _parse(client.get(f"/b/{business.slug}").get_data(as_text=True)).meta
    assert meta["og:title"] == "Keripik Bu Sri"
    assert meta["og:url"] == f"https://kit.example.id/b/{business.slug}"
    assert meta["og:description"] == "Renyah, gurih, tanpa pengawet"
    assert meta["twitter:card"] in ("summary", "summary_large_image")


def test_page_never_shows_private_fields(client, make_business):
    business = make_business(publish=True, description="Usaha keluarga sejak 2019.")
    html = client.get(f"/b/{business.slug}").get_data(as_text=True)
    for value in PRIVATE_VALUES:
        assert value not in html, value
    for word in AID_WORDS:
        assert not re.search(rf"\b{re.escape(word)}\b", html, re.I), word


def test_names_are_escaped(client, make_business):
    business = make_business(
        publish=True,
        name='<script>alert("x")</script> Warung',
        tagline="<img src=x onerror=alert(1)>",
    )
    html = client.get(f"/b/{business.slug}").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Warung" in html


def test_unpublished_and_unknown_slugs_are_404(client, make_business):
    business = make_business(consent=True)
    assert client.get(f"/b/{business.slug}").status_code == 404
    assert client.get("/b/tidak-ada").status_code == 404
    business.published = True
    db.session.commit()
    assert client.get(f"/b/{business.slug}").status_code == 200


def test_typical_page_fits_in_14_kb_compressed(client, make_business):
    products = tuple((f"Produk nomor {i} dengan nama agak panjang", 12500 + i) for i in range(8))
    business = make_business(
        publish=True,
        products=products,
        description="Keripik singkong renyah buatan rumah, digoreng setiap pagi. " * 4,
        shopee_url="https://shopee.co.id/keripikbusri",
        instagram_url="https://instagram.com/keripik.busri",
        maps_url="https://maps.app.goo.gl/AbCd123",
    )
    body = client.get(f"/b/{business.slug}").get_data()
    compressed = len(gzip.compress(body, compresslevel=6))
    assert compressed <= 14 * 1024, compressed
    assert body.count(b"https://wa.me/6281234567890") == 9  # the business and each product
    assert body.count(b'type="number"') == 8  # the basket: one quantity per product


def test_numbers_stay_with_their_units_on_the_page_but_not_in_the_message(
    client, runner, make_business, tmp_path
):
    business = make_business(publish=True, products=(("Keripik tempe 250 g", 12000),))
    business.products[0].unit = "per bungkus"
    db.session.commit()
    html = client.get(f"/b/{business.slug}").get_data(as_text=True)
    assert ">Keripik tempe 250\u00a0g</div>" in html and ">per\u00a0bungkus</div>" in html
    assert runner.invoke(args=["site", "export", str(tmp_path)]).exit_code == 0
    exported = (tmp_path / "b" / business.slug / "index.html").read_text(encoding="utf-8")
    assert ">Keripik tempe 250\u00a0g</div>" in exported
    assert 'data-n="Keripik tempe 250 g"' in exported  # the script's message: plain spaces
    field = re.search(r'<input id="([^"]+)" name="\1" type="number"', html)[1]
    location = client.get(f"/b/{business.slug}/pesan", query_string={field: "2"}).location
    text = parse_qs(urlsplit(location).query)["text"][0]
    assert "2 × Keripik tempe 250 g (Rp12.000) = Rp24.000" in text and "\u00a0" not in text
