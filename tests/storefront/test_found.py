"""Found by neighbours and search: vCard, JSON-LD, desa pages, sitemap, robots, share."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import vobject
from lxml import etree

from app.extensions import db


def test_contact_card_parses_with_the_public_facts_only(client, make_business):
    business = make_business(publish=True)
    response = client.get(f"/b/{business.slug}/kontak.vcf")
    assert response.mimetype == "text/vcard"
    card = vobject.readOne(response.get_data(as_text=True))
    assert card.fn.value == "Keripik Bu Sri"
    assert card.tel.value == "+6281234567890"
    assert card.url.value == f"https://kit.example.id/b/{business.slug}"
    assert card.adr.value.extended == "Desa Tawang"
    text = response.get_data(as_text=True)
    assert "Dusun Krajan" not in text and "Sri Wahyuni" not in text


def test_json_ld_has_public_address_parts_and_offers(client, make_business):
    business = make_business(
        publish=True, products=(("Keripik", 8000), ("Rempeyek", None)), name="Toko </script><b>x"
    )
    business.products[1].sold_out = True
    db.session.commit()
    html = client.get(f"/b/{business.slug}").get_data(as_text=True)
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    assert data["@type"] == "LocalBusiness" and data["name"] == "Toko </script><b>x"
    assert data["telephone"] == "+6281234567890"
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Tawang, Kec. Susukan",
        "addressRegion": "Kabupaten Semarang",
        "addressCountry": "ID",
    }
    assert data["openingHours"] == "Mo-Su 08:00-17:00"
    first, second = data["makesOffer"]
    assert first["price"] == "8000" and first["priceCurrency"] == "IDR"
    assert second["availability"] == "https://schema.org/OutOfStock"
    assert "Dusun" not in block
    assert not re.search(r"<script(?![^>]*application/ld\+json)", html)  # no executable script


@pytest.mark.parametrize(
    ("trade", "expected"),
    [
        ("kue", "Bakery"),
        ("warung_makan", "Restaurant"),
        ("sembako", "GroceryStore"),
        ("penjahit", "LocalBusiness"),
        ("makanan_ringan", "LocalBusiness"),
    ],
)
def test_json_ld_type_is_the_trades_schema_type_from_the_toolkit(
    app, client, make_business, trade, expected
):
    assert app.extensions["toolkits"].trades[trade].schema_type == expected  # data, not code
    business = make_business(publish=True, trade=trade)
    html = client.get(f"/b/{business.slug}").get_data(as_text=True)
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(block)["@type"] == expected


def test_desa_page_and_sitemap_hold_exactly_the_published_set(client, make_business):
    shown = make_business(publish=True)
    second = make_business(name="Jahit Bu Ani", trade="penjahit", publish=True)
    make_business(name="Belum Terbit", consent=True)
    make_business(name="Desa Lain", village="Kebondalem", publish=True)
    html = client.get("/desa/tawang-susukan").get_data(as_text=True)
    names = re.findall(r'<a href="/b/[^"]+">([^<]+)', html)
    assert sorted(names) == ["Jahit Bu Ani", "Keripik Bu Sri"]
    assert client.get("/desa/tidak-ada").status_code == 404
    sitemap = etree.fromstring(client.get("/sitemap.xml").data)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = sorted(loc.text for loc in sitemap.findall(".//s:loc", ns))
    base = "https://kit.example.id"
    slugs = [
        shown.slug,
        second.slug,
        db.session.scalar(
            db.select(db.text("slug"))
            .select_from(db.text("businesses"))
            .where(db.text("name = 'Desa Lain'"))
        ),
    ]
    assert locs == sorted(
        [f"{base}/b/{s}" for s in slugs]
        + [f"{base}/desa/tawang-susukan", f"{base}/desa/kebondalem-susukan"]
    )
    robots = client.get("/robots.txt").get_data(as_text=True)
    assert f"Sitemap: {base}/sitemap.xml" in robots and "Disallow: /k/" in robots


def test_desa_poster_is_a4_and_a3(client, make_business):
    import io

    from pypdf import PdfReader

    make_business(publish=True)
    for query, size in (("", (210, 297)), ("?ukuran=a3", (297, 420))):
        pdf = PdfReader(io.BytesIO(client.get(f"/desa/tawang-susukan/poster.pdf{query}").data))
        box = pdf.pages[0].mediabox
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == size
        assert "Keripik Bu Sri" in pdf.pages[0].extract_text()


def test_share_link_carries_name_and_page(client, make_business):
    business = make_business(publish=True)
    html = client.get(f"/b/{business.slug}").get_data(as_text=True)
    (share,) = re.findall(r'href="(https://wa.me/\?text=[^"]+)"', html)
    (text,) = parse_qs(urlsplit(share.replace("&amp;", "&")).query)["text"]
    assert text == f"Keripik Bu Sri https://kit.example.id/b/{business.slug}/w"
    assert "Simpan kontak" in html
